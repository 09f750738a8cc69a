"""Build the static HTML site of the collection: `python tools/site.py [OUTPUT]` (default _site/).

Sphinx with myst-nb renders the committed notebooks with their outputs (no execution: nbval
already checks that they equal a fresh run), code hidden behind a toggle. Every figure is
numbered per notebook and published beside its data (CSV, with source ids), as SVG, and with a
one-line citation. Long tables get a search box and sortable columns (``static/tables.js``, no
CDN). ``lookup.html`` answers "who was in the CIS, and in which framework, on this day" in the
browser, from the status models exported as data at build time (``lookup.js`` evaluates the
intervals). The index page is generated from the notebooks; the data package and the
country-year panel are copied in for download. The result works offline, from the file system.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

import helpers
from helpers import geo, style
from helpers.catalogue import notebooks

ROOT = Path(__file__).resolve().parents[1]
STATIC = Path(__file__).resolve().parent / "static"
COLLECTION = "The Commonwealth of Independent States, in data"
# Where the site will live once the collection has a public address (README, "Reading without").
URL_PATTERN = "https://OWNER.github.io/REPO/{page}.html#figure-{number}"

CONF = f"""
project = "{COLLECTION}"
extensions = ["myst_nb"]
nb_execution_mode = "off"
html_theme = "furo"
html_title = project
html_static_path = ["static"]
html_js_files = ["tables.js"]
html_css_files = ["site.css"]
html_extra_path = ["extra"]
html_favicon = "favicon.svg"
exclude_patterns = ["extra", "static"]
myst_enable_extensions = ["html_image"]
suppress_warnings = ["mystnb.unknown_mime_type", "myst.header"]
"""
FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
    '<rect width="16" height="16" fill="#0072B2"/></svg>'
)


def build(output: Path) -> Path:
    """Build the site into `output` (replaced) and return the path of its index page."""
    with tempfile.TemporaryDirectory() as scratch:
        staging = Path(scratch) / "src"
        extra = staging / "extra"
        (extra / "figures").mkdir(parents=True)
        shutil.copytree(STATIC, staging / "static")
        shutil.copytree(ROOT / "data", extra / "data", ignore=shutil.ignore_patterns("external"))
        helpers.write_panel(extra / "panel")
        first_figures = {}
        for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
            notebook = json.loads(path.read_text(encoding="utf-8"))
            first_figures[path.name] = _publish_figures(notebook, path.stem, extra / "figures")
            (staging / path.name).write_text(json.dumps(notebook), encoding="utf-8")
        (staging / "conf.py").write_text(CONF, encoding="utf-8")
        (staging / "favicon.svg").write_text(FAVICON, encoding="utf-8")
        (staging / "index.md").write_text(_index(first_figures), encoding="utf-8")
        (staging / "lookup.md").write_text(_lookup_page(), encoding="utf-8")
        (extra / "lookup-data.js").write_text(
            "window.CIS_LOOKUP = " + json.dumps(lookup_data(), ensure_ascii=False) + ";\n",
            encoding="utf-8",
        )
        built = Path(scratch) / "html"  # myst-nb writes jupyter_execute/ beside it, in scratch
        sphinx = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going"]
        subprocess.run([*sphinx, str(staging), str(built)], check=True)
        shutil.rmtree(output, ignore_errors=True)
        shutil.copytree(built, output, ignore=shutil.ignore_patterns(".doctrees"))
    for page in output.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(
            re.sub(r'href="(\d\d-[\w-]+)\.ipynb', r'href="\1.html', text), encoding="utf-8"
        )
    return output / "index.html"


def _publish_figures(notebook: dict, stem: str, folder: Path) -> str:
    """Number the notebook's figures; write each one's SVG and CSV into `folder` and put in its
    place a figure with alt text, caption, links to both and a citation. Return the first SVG's
    file name ('' if the notebook has no figure)."""
    title = next(
        (
            "".join(c["source"]).split("\n")[0].lstrip("# ")
            for c in notebook["cells"]
            if c["cell_type"] == "markdown"
        ),
        stem,
    )
    number, first = 0, ""
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            about = output.get("data", {}).get(style.FIGURE_MIME)
            if not about:
                continue
            number += 1
            name = f"{stem}-figure-{number}"
            (folder / f"{name}.svg").write_text(
                "".join(output["data"]["image/svg+xml"]), encoding="utf-8"
            )
            (folder / f"{name}.csv").write_text(about["csv"], encoding="utf-8")
            first = first or f"{name}.svg"
            output["data"] = {"text/html": _figure_html(about, name, number, title, stem)}
            output["metadata"] = {}
    return first


def _figure_html(about: dict, name: str, number: int, notebook: str, page: str) -> str:
    citation = (
        f"“{about['title']}”, figure {number} of “{notebook}”, in {COLLECTION}, "
        f"version {_version()}, data as of {helpers.as_of():%d %B %Y}, "
        + URL_PATTERN.format(page=page, number=number)
    )
    return (
        f'<figure class="cis-figure" id="figure-{number}">'
        f'<img src="figures/{name}.svg" alt="{html.escape(about["alt"])}">'
        f"<figcaption><strong>Figure {number}.</strong> {html.escape(about['title'])}"
        f' <span class="figure-links"><a class="figure-csv" href="figures/{name}.csv" download>'
        f'Data (CSV)</a> · <a class="figure-svg" href="figures/{name}.svg">SVG</a></span>'
        f'<br><span class="figure-cite">Cite: {html.escape(citation)}</span>'
        "</figcaption></figure>"
    )


def _version() -> str:
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    return re.search(r"^version:\s*(\S+)", cff, re.MULTILINE)[1]


def _index(first_figures: dict[str, str]) -> str:
    """The index page: one card per notebook, the look-up, and the data for download."""
    lines = [
        f"# {COLLECTION}",
        "",
        "Who is in the CIS, since when, on what terms, and how that has changed since 2022: "
        "notebooks over a data package in which every fact names its source. Each page below "
        "shows a notebook with its outputs; the code is one click away under each result.",
        "",
        "**[Look up any day](lookup.md)**: who was in the CIS, and in the CSTO, the EAEU and "
        "the other frameworks, on a date you choose, with the sources, on a map.",
        "",
    ]
    for row in notebooks(ROOT / "notebooks").iloc[1:].itertuples():  # the index page replaces 00
        page = row.file.removesuffix(".ipynb")
        lines += [f"## [{row.title}]({page}.ipynb)", ""]
        if first_figures.get(row.file):
            image = (
                f'<img src="figures/{first_figures[row.file]}" '
                f'alt="Key chart of {html.escape(row.title)}" width="480">'
            )
            lines += ["```{raw} html", f'<a href="{page}.html">{image}</a>', "```", ""]
        lines += [row.summary, ""]
    files = sorted(
        p.name for p in (ROOT / "data").iterdir() if p.suffix in {".csv", ".json", ".md"}
    )
    lines += ["## The data package", "", "Download the tables and their description:", ""]
    lines += [f'- <a href="data/{name}">{name}</a>' for name in files]
    lines += [
        "",
        "## The country-year panel",
        "",
        "One row per post-Soviet state and year (`helpers.panel()`): status, memberships, "
        "economy, UN voting and the alignment signals, with its codebook as a Frictionless "
        "descriptor:",
        "",
        '- <a href="panel/panel.csv">panel.csv</a>',
        '- <a href="panel/datapackage.json">datapackage.json</a> (codebook)',
    ]
    pages = "\n".join(
        ["lookup"]
        + [row.file.removesuffix(".ipynb") for row in notebooks(ROOT / "notebooks").itertuples()]
    )
    return "\n".join(lines) + f"\n\n```{{toctree}}\n:hidden:\n\n{pages}\n```\n"


def _lookup_page() -> str:
    """The look-up page: a date input, the 15 states' status, the map, the frameworks."""
    return """# Look up a day

Who was in the Commonwealth of Independent States on a given day, on what terms, and since when;
then the same for the other frameworks the collection follows. Pick a date; the address of the
page keeps it, so an answer can be linked.

```{raw} html
<form id="lookup-form" class="lookup-form" onsubmit="return false">
  <label for="lookup-date">Date</label>
  <input type="date" id="lookup-date" name="date">
  <span id="lookup-range"></span>
</form>
<p id="lookup-summary" class="lookup-summary"></p>
<h2 id="cis-status">The CIS</h2>
<div id="lookup-cis"></div>
<h2 id="map">On the map</h2>
<div id="lookup-map" class="lookup-map"></div>
<p class="map-note"></p>
<h2 id="frameworks">The other frameworks</h2>
<div id="lookup-orgs"></div>
<script src="lookup-data.js"></script>
<script src="_static/lookup.js"></script>
```
"""


def lookup_data() -> dict:
    """What the look-up page needs, from the data package: states, the CIS status intervals, the
    intervals of every framework ``members_on`` knows, the cited sources, and the map."""
    countries = helpers.load("countries").set_index("iso3")
    timeline = helpers.status_timeline()
    states = sorted(timeline["iso3"].unique(), key=lambda i: countries.loc[i, "name"])
    orgs = helpers.organisations.organisations()
    frameworks = {}
    cited = set(timeline["source_id"])
    for org, row in orgs.iterrows():
        if org == "CIS":
            continue
        org_timeline = helpers.org_timeline(org)
        cited |= set(org_timeline["source_id"])
        frameworks[org] = {
            "name": row["name"],
            "from": _day(row["covered_from"]),
            "until": _day(row["covered_until"]),
            "intervals": _intervals(org_timeline, "status"),
        }
    return {
        "asOf": _day(helpers.as_of()),
        "founding": _day(helpers.membership.FOUNDING_DAY),
        "states": [{"iso3": i, "name": countries.loc[i, "name"]} for i in states],
        "cis": _intervals(timeline, "legal_status"),
        "frameworks": frameworks,
        "sources": {s: _source(s) for s in sorted(cited)},
        "colours": style.STATUS_COLOURS,
        "map": _map(states),
        "mapNote": geo.CRIMEA_NOTE,
    }


def _intervals(timeline, status: str) -> list[dict]:
    return [
        {
            "iso3": row["iso3"],
            "start": _day(row["start"]),
            "startText": style.format_date(row["start"], row["start_precision"]),
            "end": _day(row["end"]),
            "status": row[status],
            "participation": row["participation"],
            "source": row["source_id"],
        }
        for _, row in timeline.sort_values(["iso3", "start"]).iterrows()
    ]


def _day(value) -> str | None:
    return None if value is None or value != value else f"{value:%Y-%m-%d}"  # NaT != NaT


def _source(source_id: str) -> dict:
    if source_id == style.ENCYCLOPEDIA:
        return {
            "label": "the encyclopedia article",
            "url": style.ENCYCLOPEDIA_ENTRY.replace(".ipynb", ".html"),
        }
    row = helpers.load("sources").set_index("source_id").loc[source_id]
    return {"label": style.cited_as(row), "url": None if row.isna()["url"] else row["url"]}


def _map(states: list[str], width: float = 900.0) -> dict:
    """The map as SVG paths (the states one each, their neighbours as one), in a viewBox."""
    shapes = geo.shapes()
    points = np.concatenate([r for iso3 in states for r in shapes[iso3]])
    (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
    scale = width / (x1 - x0)
    origin = (x0, y1)
    others = [r for iso3, rings in shapes.items() if iso3 not in states for r in rings]
    return {
        "viewBox": f"0 0 {width:.0f} {(y1 - y0) * scale:.0f}",
        "states": {i: geo.svg_path(shapes[i], scale, origin) for i in states},
        "labels": {i: _label(shapes[i], scale, origin) for i in states},
        "others": geo.svg_path(others, scale, origin),
    }


def _label(rings: list[np.ndarray], scale: float, origin: tuple[float, float]) -> list[float]:
    x, y = geo.label_point(rings)
    return [round((x - origin[0]) * scale, 1), round((origin[1] - y) * scale, 1)]


if __name__ == "__main__":
    index = build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_site")
    print(f"site built: {index.relative_to(ROOT) if index.is_relative_to(ROOT) else index}")
