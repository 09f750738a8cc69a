"""Committed notebooks are what a fresh run produces: executed in order, clean outputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

import helpers

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
UNSTABLE = {
    "memory address": re.compile(r"0x[0-9a-fA-F]{6,}"),
    "local path": re.compile(r"(/root/|/home/|/tmp/|/Users/|[A-Z]:\\\\)"),
    "figure repr": re.compile(r"<Figure size \d"),
}


def _code_cells(path: Path) -> list[dict]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [c for c in cells if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def _output_texts(cell: dict) -> list[str]:
    texts = []
    for output in cell["outputs"]:
        texts.append("".join(output.get("text", "")))
        texts += ["".join(v) for k, v in output.get("data", {}).items() if k.startswith("text/")]
    return texts


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_top_to_bottom(path: Path):
    counts = [c["execution_count"] for c in _code_cells(path)]
    assert counts == list(range(1, len(counts) + 1)), f"re-run {path.name} with `make notebooks`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_are_clean(path: Path):
    for number, cell in enumerate(_code_cells(path), start=1):
        kinds = {o["output_type"] for o in cell["outputs"]}
        assert "error" not in kinds, f"{path.name}, code cell {number}: error output"
        streams = {o.get("name") for o in cell["outputs"] if o["output_type"] == "stream"}
        assert "stderr" not in streams, f"{path.name}, code cell {number}: stderr (a warning?)"
        for text in _output_texts(cell):
            for what, pattern in UNSTABLE.items():
                assert not pattern.search(text), f"{path.name}, code cell {number}: {what}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_opens_with_a_title_and_a_summary(path: Path):
    row = helpers.notebooks(path.parent).set_index("file").loc[path.name]
    assert row["title"] != path.stem and len(row["summary"]) > 80


def test_notebooks_are_small_enough_for_nbviewer():
    assert all(p.stat().st_size < 1_000_000 for p in NOTEBOOKS)


FIGURE = re.compile(
    r"(?:(?:USD|US\$|\$)\s*(?P<before>\d[\d,]*(?:\.\d+)?))"
    r"|(?:(?P<after>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?:%|per ?cent|percent|bn\b|billion|trillion|million|USD|km2|km²))"
)


def _typed_figures(path: Path) -> set[float]:
    """Figures with a unit typed into markdown cells (outputs are computed, not typed)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return {float((m["before"] or m["after"]).replace(",", "")) for m in FIGURE.finditer(text)}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_figures_written_in_markdown_are_in_the_data(path: Path):
    claims = helpers.load("claims")
    known = set(claims["value"]) | set(claims["value_max"].dropna())
    assert _typed_figures(path) <= known, f"{path.name}: figures typed by hand that no claim holds"


def test_the_figure_check_catches_a_typed_figure(tmp_path: Path):
    notebook = {
        "cells": [{"cell_type": "markdown", "source": ["Trade reached USD 101.5 bn, up 3 %."]}]
    }
    path = tmp_path / "04-test.ipynb"
    path.write_text(json.dumps(notebook))
    assert _typed_figures(path) == {101.5, 3.0}


def _hidden(cell: dict) -> bool:
    metadata = cell["metadata"]
    return metadata.get("jupyter", {}).get("source_hidden") and "hide-input" in metadata.get(
        "tags", []
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_readers_see_findings_before_code(path: Path):
    """No visible code cell: JupyterLab collapses every code cell, the site puts it behind a
    toggle; the notebook opens with its question, and its findings are the first output."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    assert cells[0]["cell_type"] == "markdown" and "".join(cells[0]["source"]).startswith("# ")
    assert [n for n, c in enumerate(cells) if c["cell_type"] == "code" and not _hidden(c)] == []
    outputs = [o for c in _code_cells(path) for o in c["outputs"]]
    if path.name != "00-index.ipynb":
        first = outputs[0].get("data", {})
        assert "text/markdown" in first, f"{path.name}: the first output is not the findings"
        assert "**" in "".join(first["text/markdown"]), f"{path.name}: findings in bold, as lists"
