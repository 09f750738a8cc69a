"""Time loading and checking the data package, at today's size and with a 50,000-row table added.

`python tools/loadbench.py`: each figure is the median of five fresh interpreters, each loading
every table once (the first, uncached load: read, check, type). The big table is generated into a
temporary copy of data/ and never committed.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
RUNS = 5
TIMED = (
    "import sys, time; import helpers; t = time.perf_counter()\n"
    "for name in helpers.tables(sys.argv[1]): helpers.load(name, sys.argv[1])\n"
    "print(time.perf_counter() - t)"
)
BIG_TABLE = {
    "name": "roll_calls",
    "path": "roll_calls.csv",
    "title": "Synthetic roll-call votes",
    "description": "Generated for the benchmark: one state's vote on one resolution.",
    "schema": {
        "fields": [
            {"name": "vote_id", "type": "string", "description": "Row id.",
             "constraints": {"required": True, "unique": True, "pattern": "v[0-9]+-[A-Z]{3}"}},
            {"name": "resolution", "type": "string", "description": "Resolution symbol.",
             "constraints": {"required": True, "pattern": "A/RES/[0-9]+/[0-9]+"}},
            {"name": "iso3", "type": "string", "description": "Voting state.",
             "constraints": {"required": True, "pattern": "[A-Z]{3}"}},
            {"name": "vote", "type": "string", "description": "The vote.",
             "constraints": {"enum": ["yes", "no", "abstain", "absent"]}},
            {"name": "date", "type": "date", "description": "Day of the vote.",
             "constraints": {"required": True}},
            {"name": "date_precision", "type": "string", "description": "Precision of date.",
             "constraints": {"required": True, "enum": ["day", "month", "year"]}},
            {"name": "share", "type": "number", "description": "A number per row."},
            {"name": "source_id", "type": "string", "description": "Source.",
             "constraints": {"required": True}},
        ],
        "primaryKey": ["resolution", "iso3"],
        "foreignKeys": [
            {"fields": ["iso3"], "reference": {"resource": "countries", "fields": ["iso3"]}},
            {"fields": ["source_id"],
             "reference": {"resource": "sources", "fields": ["source_id"]}},
        ],
    },
}  # fmt: skip


def synthetic_package(folder: Path, rows: int = 50_000, seed: int = 1) -> Path:
    """A copy of data/ in `folder` with a valid `roll_calls` table of `rows` rows added."""
    target = Path(shutil.copytree(DATA, folder / "data"))
    states = [line.split(",", 1)[0] for line in (DATA / "countries.csv").read_text().splitlines()]
    sources = [line.split(",", 1)[0] for line in (DATA / "sources.csv").read_text().splitlines()]
    states, sources = states[1:], sources[1:]
    rng = random.Random(seed)
    lines = [",".join(f["name"] for f in BIG_TABLE["schema"]["fields"])]
    for i in range(rows):
        number, iso3 = divmod(i, len(states))
        day = f"{1946 + number % 78}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        vote = rng.choice(["yes", "no", "abstain", "absent", ""])
        lines.append(
            f"v{number}-{states[iso3]},A/RES/{number // 100}/{number % 100},{states[iso3]},{vote},"
            f"{day},day,{rng.random():.4f},{rng.choice(sources)}"
        )
    (target / "roll_calls.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"].append(BIG_TABLE)
    (target / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return target


def load_seconds(folder: Path) -> float:
    """Median over fresh interpreters of the first load of every table in `folder`."""
    times = [
        float(subprocess.run([sys.executable, "-c", TIMED, str(folder)], check=True,
                             capture_output=True, text=True).stdout)
        for _ in range(RUNS)
    ]  # fmt: skip
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        big = synthetic_package(Path(scratch))
        size = sum(p.stat().st_size for p in big.iterdir()) / 1e6
        print(f"data/ as committed: {load_seconds(DATA) * 1000:.0f} ms")
        print(f"with a 50,000-row table ({size:.1f} MB): {load_seconds(big) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
