"""Time loading and checking the data package, at today's size and with a 50,000-row table added.

`python tools/loadbench.py`: the first, uncached load of every table (read, check, type) is the
median of five fresh interpreters. Then, in this process: what strict reading adds to splitting
the cells, and what the cache key costs (a look whose stamp proves the files unchanged, and a
SHA-256 digest of every file). The big table is generated into a temporary copy of data/ and
never committed.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

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


def best_ms(work: Callable[[], object], runs: int = 15) -> float:
    """The median time of `work` in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def split_only(data: bytes) -> list[np.ndarray]:
    """Columns of cells split as the loader splits them, without any of its checks."""
    text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    if len(data) >= importlib.import_module("helpers.csvfile").AT_ONCE_BYTES:
        frame = pd.read_csv(io.StringIO(text), header=None, dtype=object, na_filter=False)
        return [frame[i].to_numpy()[1:] for i in range(frame.shape[1])]
    rows = list(csv.reader(io.StringIO(text)))[1:]
    return [np.array(column, dtype=object) for column in zip(*rows, strict=True)]


def in_process(folder: Path) -> str:
    csvfile = importlib.import_module("helpers.csvfile")
    loader = importlib.import_module("helpers.load")
    files = [p.read_bytes() for p in sorted(folder.glob("*.csv"))]
    strict = best_ms(lambda: [csvfile.read_table("x", data) for data in files])
    split = best_ms(lambda: [split_only(data) for data in files])
    contents = loader._files(folder)
    loader._checked(folder)  # cached
    seen = best_ms(lambda: loader._checked(folder), runs=200)
    digest = best_ms(lambda: loader._digest(loader._files(folder)))
    megabytes = sum(map(len, contents.values())) / 1e6
    return (
        f"strict reading {strict:.1f} ms against splitting alone {split:.1f} ms; cache key: "
        f"a settled look {seen:.2f} ms, reading and hashing {megabytes:.1f} MB {digest:.1f} ms"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        big = synthetic_package(Path(scratch))
        size = sum(p.stat().st_size for p in big.iterdir()) / 1e6
        print(f"data/ as committed: {load_seconds(DATA) * 1000:.0f} ms")
        print(f"with a 50,000-row table ({size:.1f} MB): {load_seconds(big) * 1000:.0f} ms")
        time.sleep(2.5)  # let the copied files settle, so that the cache trusts their stamps
        print(f"data/ as committed: {in_process(DATA)}")
        print(f"with the 50,000-row table: {in_process(big)}")


if __name__ == "__main__":
    main()
