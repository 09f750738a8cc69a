"""The research datasets: snapshots byte-checked, and the derived tables exactly what
tools/external.py makes of them."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

import helpers

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "data" / "external"
DERIVED = [
    "un_roll_calls",
    "un_votes",
    "ideal_points",
    "un_agreement",
    "trade",
    "indicators",
    "cow_igo",
]
LISTED = dict(
    reversed(line.split(maxsplit=1)) for line in (SNAPSHOTS / "SHA256SUMS").read_text().splitlines()
)


@pytest.mark.parametrize("name", sorted(LISTED))
def test_each_snapshot_has_its_recorded_sha256(name):
    assert hashlib.sha256((SNAPSHOTS / name).read_bytes()).hexdigest() == LISTED[name]


def test_every_snapshot_file_is_listed():
    files = {str(p.relative_to(SNAPSHOTS)) for p in SNAPSHOTS.rglob("*") if p.is_file()}
    assert files - {"README.md", "SHA256SUMS"} == set(LISTED)


@pytest.fixture(scope="module")
def derived(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("derived")
    subprocess.run([sys.executable, str(ROOT / "tools" / "external.py"), str(out)], check=True)
    return out


@pytest.mark.parametrize("table", DERIVED)
def test_the_committed_table_is_what_the_derivation_makes(derived, table):
    committed = (ROOT / "data" / f"{table}.csv").read_bytes()
    assert committed == (derived / f"{table}.csv").read_bytes(), f"run `make external` ({table})"


def test_every_derived_table_cites_a_described_dataset():
    sources = helpers.load("sources").set_index("source_id")
    for table in ["ideal_points", "un_agreement", "trade", "indicators", "cow_igo"]:
        for source_id in helpers.load(table)["source_id"].unique():
            row = sources.loc[source_id]
            assert row["kind"] == "dataset", source_id
            assert row[["version", "licence", "citation", "url"]].notna().all(), source_id
