"""Build the static HTML site of the collection: `python tools/site.py [OUTPUT]` (default _site/).

Sphinx with myst-nb renders the committed notebooks with their outputs (no execution: nbval
already checks that they equal a fresh run). The index page is generated from the notebooks
themselves (title, first paragraph, first chart as thumbnail), and the data package is copied
in for download. The result works offline, opened from the file system or served.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from helpers.catalogue import notebooks

ROOT = Path(__file__).resolve().parents[1]

CONF = """
project = "The Commonwealth of Independent States, in data"
extensions = ["myst_nb"]
nb_execution_mode = "off"
html_theme = "furo"
html_title = project
html_extra_path = ["extra"]
html_favicon = "favicon.svg"
exclude_patterns = ["extra"]
myst_enable_extensions = ["html_image"]
suppress_warnings = ["mystnb.unknown_mime_type", "myst.header"]
"""
FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
    '<rect width="16" height="16" fill="#0072B2"/></svg>'
)


def build(output: Path) -> Path:
    """Build the site into `output` (replaced) and return the path of its index page."""
    staging = output.with_name(output.name + "-src")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "thumbs").mkdir(parents=True)
    shutil.copytree(ROOT / "data", staging / "extra" / "data")
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        shutil.copy(path, staging / path.name)
    (staging / "conf.py").write_text(CONF, encoding="utf-8")
    (staging / "favicon.svg").write_text(FAVICON, encoding="utf-8")
    (staging / "index.md").write_text(_index(staging), encoding="utf-8")
    shutil.rmtree(output, ignore_errors=True)
    sphinx = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going"]
    subprocess.run([*sphinx, str(staging), str(output)], check=True)
    for page in output.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(
            re.sub(r'href="(\d\d-[\w-]+)\.ipynb', r'href="\1.html', text), encoding="utf-8"
        )
    return output / "index.html"


def _index(staging: Path) -> str:
    """The index page: one card per notebook, and the data package for download."""
    lines = [
        "# The Commonwealth of Independent States, in data",
        "",
        "Who is in the CIS, since when, on what terms, and how that has changed since 2022: "
        "notebooks over a data package in which every fact names its source. Each page below "
        "shows a notebook with its outputs.",
        "",
    ]
    for row in notebooks(ROOT / "notebooks").iloc[1:].itertuples():  # the index page replaces 00
        thumb = _thumbnail(ROOT / "notebooks" / row.file, staging / "thumbs")
        page = row.file.removesuffix(".ipynb")
        lines += [f"## [{row.title}]({page}.ipynb)", ""]
        if thumb:
            image = f'<img src="thumbs/{thumb}" alt="Key chart of {row.title}" width="480">'
            lines += [f'<a href="{page}.html">{image}</a>', ""]
        lines += [row.summary, ""]
    files = sorted(
        p.name for p in (ROOT / "data").iterdir() if p.suffix in {".csv", ".json", ".md"}
    )
    lines += ["## The data package", "", "Download the tables and their description:", ""]
    lines += [f'- <a href="data/{name}">{name}</a>' for name in files]
    pages = "\n".join(
        row.file.removesuffix(".ipynb") for row in notebooks(ROOT / "notebooks").itertuples()
    )
    return "\n".join(lines) + f"\n\n```{{toctree}}\n:hidden:\n\n{pages}\n```\n"


def _thumbnail(notebook: Path, folder: Path) -> str:
    """Write the notebook's first chart as a PNG in `folder`; return its file name ('' if none)."""
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            if png:
                name = notebook.stem + ".png"
                (folder / name).write_bytes(base64.b64decode("".join(png)))
                return name
    return ""


if __name__ == "__main__":
    index = build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_site")
    print(f"site built: {index.relative_to(ROOT) if index.is_relative_to(ROOT) else index}")
