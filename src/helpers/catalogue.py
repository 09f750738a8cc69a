"""The notebooks of the collection, described from their own first cells (never typed twice)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

NOTEBOOK_DIR = Path(__file__).resolve().parents[2] / "notebooks"


def notebooks(folder: str | Path | None = None) -> pd.DataFrame:
    """One row per notebook: file, title (its first heading) and summary (its first paragraph)."""
    folder = Path(folder) if folder is not None else NOTEBOOK_DIR
    rows = [_describe(path) for path in sorted(folder.glob("[0-9][0-9]-*.ipynb"))]
    return pd.DataFrame(rows, columns=["file", "title", "summary"])


def contents(folder: str | Path | None = None) -> str:
    """The table of contents as Markdown, each title linking to its notebook."""
    lines = ["| Notebook | What it answers |", "|---|---|"]
    for row in notebooks(folder).itertuples():
        lines.append(f"| [{row.title}]({row.file}) | {row.summary} |")
    return "\n".join(lines)


def _describe(path: Path) -> dict[str, str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    first = next(("".join(c["source"]) for c in cells if c["cell_type"] == "markdown"), "")
    blocks = [b.strip() for b in first.split("\n\n") if b.strip()]
    title = next((b.lstrip("# ") for b in blocks if b.startswith("# ")), path.stem)
    summary = next((b for b in blocks if not b.startswith("#")), "")
    return {"file": path.name, "title": title, "summary": " ".join(summary.split())}
