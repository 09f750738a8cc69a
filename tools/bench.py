"""Benchmark the collection against its floor: `python tools/bench.py` (or `make bench`).

The floor is the cost no analysis code can avoid: as many notebooks as the collection has, each
only importing pandas, matplotlib, seaborn and helpers, run the same way. The floor and the suite
are run alternately, PAIRS times each; the ratio is the median of the pairs' ratios, in wall time
and in CPU time (pytest's and its kernels'), as one run varies by a quarter on a shared machine.
Loading is timed cold (no package kept on disk: every table read and checked) and warm (the
checked package of an earlier process read back). Prints a table and writes it to
bench/results.md, which is committed so that changes show in review.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
PAIRS = 4
RESULTS = ROOT / "bench" / "results.md"
FLOOR = (
    "import matplotlib.pyplot as plt\nimport pandas as pd\nimport seaborn as sns\n\nimport helpers"
)
TARGETS = {
    "suite / floor": 1.5,
    "notebook size (MB)": 1.0,
    "load every table (s)": 0.3,
    "panel (s)": 0.2,
}


def run_notebook(path: Path) -> float:
    """Seconds to start a kernel and execute the notebook top to bottom (nothing is written)."""
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    return time.perf_counter() - start


def run_suite(folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds for strict nbval over every notebook of `folder`, as the test command
    runs it (CPU: pytest's and its kernels', user and system)."""
    command = [sys.executable, "-m", "pytest", "-q", "-o", "addopts=", "-p", "no:cacheprovider",
               "--nbval", "--nbval-current-env", str(folder)]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def paired(suite: Path, floor: Path) -> list[tuple[float, float, float, float]]:
    """PAIRS runs of the floor then the suite: (suite wall, floor wall, suite CPU, floor CPU)."""
    runs = []
    for _ in range(PAIRS):
        floor_wall, floor_cpu = run_suite(floor)
        suite_wall, suite_cpu = run_suite(suite)
        runs.append((suite_wall, floor_wall, suite_cpu, floor_cpu))
    return runs


def import_and_load(cache: Path) -> tuple[float, float, float]:
    """Seconds for `import helpers`, then for loading every table, then for `helpers.panel()`
    once the tables are loaded, in a fresh interpreter whose disk cache is in `cache`."""
    code = (
        "import time; t = time.perf_counter(); import helpers; u = time.perf_counter()\n"
        "for name in helpers.tables(): helpers.load(name)\n"
        "v = time.perf_counter(); helpers.panel(); w = time.perf_counter()\n"
        "print(u - t, v - u, w - v)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
    )  # fmt: skip
    imported, loaded, panel = map(float, result.stdout.split())
    return imported, loaded, panel


def site_build(folder: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "site.py"), str(folder / "_site")],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    with tempfile.TemporaryDirectory() as scratch:
        floor_dir = Path(scratch) / "floor"
        floor_dir.mkdir()
        for path in notebooks:
            notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR)])
            notebook.metadata["kernelspec"] = {
                "name": "python3",
                "display_name": "Python 3",
                "language": "python",
            }
            nbformat.write(notebook, floor_dir / path.name)
        floor_each = sum(run_notebook(p) for p in sorted(floor_dir.glob("*.ipynb"))) / len(
            notebooks
        )
        rows = [(p.name, run_notebook(p), p.stat().st_size / 1e6) for p in notebooks]
        runs = paired(ROOT / "notebooks", floor_dir)
        site = site_build(Path(scratch))
        imported, cold, panel = import_and_load(Path(scratch) / "cache")
        _, warm, _ = import_and_load(Path(scratch) / "cache")
    wall = statistics.median(s / f for s, f, _, _ in runs)
    cpu = statistics.median(s / f for _, _, s, f in runs)
    shown = "; ".join(f"{s:.1f}/{f:.1f}" for s, f, _, _ in runs)
    lines = [
        "# Benchmark", "",
        f"One run of `make bench` on {platform.machine()}, Python {platform.python_version()}, "
        f"{len(notebooks)} notebooks. Times in seconds. Targets: suite at most "
        f"{TARGETS['suite / floor']} times the floor; each notebook at most "
        f"{TARGETS['notebook size (MB)']} MB; loading every table at most "
        f"{TARGETS['load every table (s)']} s; helpers.panel() at most {TARGETS['panel (s)']} s.",
        "",
        "| notebook | execute (s) | floor (s) | ratio | size (MB) |", "|---|---|---|---|---|",
    ]  # fmt: skip
    lines += [
        f"| {name} | {t:.2f} | {floor_each:.2f} | {t / floor_each:.2f} | {size:.2f} |"
        for name, t, size in rows
    ]
    lines += [
        "", "| measure | value |", "|---|---|",
        f"| nbval suite / floor, wall seconds of each of {PAIRS} pairs | {shown} |",
        f"| suite / floor, wall (median of the pairs) | {wall:.2f} |",
        f"| suite / floor, CPU (median of the pairs) | {cpu:.2f} |",
        f"| import helpers (pandas and matplotlib included) (s) | {imported:.3f} |",
        f"| load and check every table, cold (s) | {cold:.3f} |",
        f"| load every table, warm: the checked package read back (s) | {warm:.3f} |",
        f"| helpers.panel(), tables loaded (s) | {panel:.3f} |",
        f"| site build (s) | {site:.2f} |",
    ]  # fmt: skip
    text = "\n".join(lines) + "\n"
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
