"""The look shared by every chart and table: theme, status palette, the source line under a
figure, figures shown with their data, and tables written for readers (sources as linked titles,
nothing cut).

Colours come from the Okabe-Ito palette, designed to stay distinguishable with the common
forms of colour-blindness. One colour per legal status, the same in every notebook;
participation is drawn over it (solid, hatched, or cross-hatched and faded), never as a new colour.
"""

from __future__ import annotations

import gc
import html
import io
import re
import textwrap
from collections.abc import Iterable

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from . import titles
from .claims import ENCYCLOPEDIA
from .load import load
from .titles import format_date

STATUS_COLOURS: dict[str, str] = {
    "founding": "#56B4E9",  # sky blue: bound by the founding agreements, not by the Charter
    "member": "#0072B2",  # blue: bound by the Charter
    "associate": "#009E73",  # bluish green
    "former": "#D55E00",  # vermilion: withdrawal took legal effect
    "none": "#BBBBBB",  # grey: never in the CIS
}
# Organisation statuses (CST, CSTO, EAEU, ...) drawn with the same palette, by analogy.
ORG_STATUS_COLOURS: dict[str, str] = {
    "signatory": STATUS_COLOURS["founding"],  # signed, not yet bound
    "member": STATUS_COLOURS["member"],
    "suspended": STATUS_COLOURS["former"],
    "none": STATUS_COLOURS["none"],
    "observer": STATUS_COLOURS["associate"],  # observer status, not membership
}
PARTICIPATION_LOOK: dict[str, dict[str, object]] = {
    "full": {"alpha": 1.0, "hatch": None},
    "partial": {"alpha": 0.75, "hatch": "///"},
    "none": {"alpha": 0.55, "hatch": "xxx"},
}
ACCENT = "#E69F00"  # orange: highlights that are not a status
INK = "#333333"

THEME: dict[str, object] = {
    "figure.figsize": (9.0, 4.8),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.titley": 1.0,  # titles sit on the axes (no chart puts ticks on top): not re-placed
    "axes.labelcolor": INK,
    "axes.edgecolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": INK,
    "ytick.color": INK,
    "legend.frameon": False,
    "svg.hashsalt": "cis-notebooks",
    "svg.fonttype": "none",  # text stays text: smaller, searchable, and no glyphs to trace
}
# Reader-facing tables are never cut: no "…" in a cell, no hidden column or row.
DISPLAY: dict[str, object] = {
    "display.max_colwidth": None,
    "display.max_columns": None,
    "display.max_rows": None,
    "display.width": 250,
}
# Where the sources notebook describes the encyclopedia article (an anchor in its markdown).
ENCYCLOPEDIA_ENTRY = "06-sources-and-discrepancies.ipynb#the-encyclopedia-article"
# Internal shorthand in the data's notes, written out for readers.
SHORTHAND: dict[str, str] = {
    r"\b004\b": "the encyclopedia article",
    r"\[stripped\]": "[a name missing from our copy]",
}
FIGURE_MIME = "application/vnd.cis-notebooks.figure+json"
SOURCE_GID = "source-line"  # the source line under a figure, placed by show()
CHARS_PER_INCH = 16  # a source line at 8 pt holds about this many characters per inch


def apply() -> None:
    """Set the shared theme for every figure drawn after this call, and the table display.

    Also moves every object alive now (the libraries just imported, about 100,000 of them) out of
    the garbage collector's sight: they live as long as the kernel, and each full collection that
    a chart's many small objects set off would otherwise walk them all (0.25 s each, measured).
    """
    mpl.rcParams.update(THEME)
    for option, value in DISPLAY.items():
        pd.set_option(option, value)
    gc.freeze()


def source_line(source_ids: Iterable[str], table: str = "") -> str:
    """'Source: …' naming each cited publication (publisher, title, date) from the sources table.

    With more than three, only the publishers are named and the reader is sent to `table`, whose
    rows each name their own source.
    """
    sources = load("sources").set_index("source_id")
    cited = list(dict.fromkeys(source_ids))
    if len(cited) > 3:
        publishers = list(dict.fromkeys(sources.loc[cited, "publisher"]))
        more = f" and {len(publishers) - 5} more" if len(publishers) > 6 else ""
        where = f"; each row of data/{table}.csv names its own" if table else ""
        return (
            f"Sources: {len(cited)} publications{where}. Among them: "
            + "; ".join(publishers[:5] if more else publishers)
            + more
        )
    parts = [cited_as(sources.loc[source_id]) for source_id in cited]
    label = "Source" if len(parts) == 1 else "Sources"
    return f"{label}: " + "; ".join(parts)


def add_source(fig: Figure, source_ids: Iterable[str], note: str = "", table: str = "") -> None:
    """Put the source line (and an optional note) under a figure: ``show`` places it, left-aligned
    under everything drawn, and wraps it to the figure's width."""
    text = "\n".join(part for part in [source_line(source_ids, table), note] if part)
    fig.text(0, 0, text, ha="left", va="top", fontsize=8, color=INK, gid=SOURCE_GID, visible=False)


def _lay_out(fig: Figure) -> Bbox:
    """Lay the figure out once (text layout is the costly part of a chart): place the source line
    under everything drawn and return the box, in inches, that holds it all."""
    drawn = fig.get_tightbbox()  # tick labels included; the hidden source line left out
    line = next((t for t in fig.texts if t.get_gid() == SOURCE_GID), None)
    if line is None:
        return drawn
    # Wrapped by character count: matplotlib's own wrapping measures the text word by word.
    width = int(CHARS_PER_INCH * drawn.width)
    line.set_text("\n".join(textwrap.fill(part, width) for part in line.get_text().split("\n")))
    line.set_position((drawn.x0 / fig.get_figwidth(), (drawn.y0 - 0.1) / fig.get_figheight()))
    line.set_visible(True)
    extent = line.get_window_extent().transformed(fig.dpi_scale_trans.inverted())
    return Bbox.union([drawn, extent])


def show(fig: Figure, data: pd.DataFrame, alt: str = "") -> None:
    """Display a finished figure as SVG with the rows it plots, then close it.

    `data` holds the plotted rows (with their ``source_id``), published beside the figure on the
    site as CSV; `alt` describes the chart for readers who cannot see it (by default its title).
    """
    from IPython.display import display

    if "source_id" not in data.columns:
        raise ValueError("the plotted rows need a source_id column")
    titles = [ax.get_title(loc) for ax in fig.axes for loc in ("left", "center")]
    title = next((t for t in titles if t), fig.get_suptitle())
    buffer = io.StringIO()
    tight = _lay_out(fig).padded(0.1)  # an explicit box: savefig's "tight" would draw twice
    fig.savefig(buffer, format="svg", bbox_inches=tight, metadata={"Date": None})
    plt.close(fig)
    about = {"title": title, "alt": alt or f"Chart: {title}.", "csv": data.to_csv(index=False)}
    bundle = {"image/svg+xml": buffer.getvalue(), FIGURE_MIME: about, "text/plain": about["alt"]}
    display(bundle, raw=True)


def source_link(source_ids: str, sources: pd.DataFrame | None = None) -> str:
    """Sources as HTML for a table cell: each one's publisher, title and date, linked to its URL
    (the encyclopedia article to its description in the sources notebook). A cell may hold
    several ids joined by '+', ';' or ','; text that is not an id is kept as it is. `sources`:
    the sources table indexed by id, when the caller has it already."""
    sources = load("sources").set_index("source_id") if sources is None else sources
    links = []
    for source_id in re.split(r"\s*[+;,]\s*", str(source_ids).strip()):
        if source_id == ENCYCLOPEDIA:
            links.append(f'<a href="{ENCYCLOPEDIA_ENTRY}">the encyclopedia article</a>')
        elif source_id in sources.index:
            row = sources.loc[source_id]
            text = html.escape(cited_as(row))
            url = row["url"]
            links.append(text if pd.isna(url) else f'<a href="{html.escape(url)}">{text}</a>')
        else:
            links.append(html.escape(source_id))
    return "; ".join(dict.fromkeys(links))


def plain(text: object) -> str:
    """A cell's text for readers: escaped for HTML, the data's internal shorthand written out."""
    if pd.isna(text):
        return ""
    written = str(text)
    for pattern, words in SHORTHAND.items():
        written = re.sub(pattern, words, written)
    return html.escape(written)


def reader_table(frame: pd.DataFrame, index: bool = True):
    """A table for readers: every ``*source_id`` column (or index) shown as linked source titles
    (a column ``source``), the other ids as titles (``titles.readable``), internal shorthand
    written out, nothing cut; an unnamed integer index (row positions, which mean nothing to a
    reader) is left out. Returns IPython HTML."""
    from IPython.display import HTML

    sources = load("sources").set_index("source_id")
    shown = titles.readable(frame)
    if str(frame.index.name).endswith("source_id"):  # a table of sources: the index is shown too
        shown, index = shown.reset_index(), False
    elif frame.index.name is None and pd.api.types.is_integer_dtype(frame.index):
        index = False
    for column in shown.columns:
        if str(column).endswith("source_id"):
            label = str(column).removesuffix("_id")
            shown[column] = [source_link(s, sources) if pd.notna(s) else "" for s in shown[column]]
            shown = shown.rename(columns={column: label})
        elif shown[column].dtype == object or isinstance(shown[column].dtype, pd.StringDtype):
            shown[column] = shown[column].map(plain)
    table = shown.to_html(escape=False, index=index, na_rep="", classes="reader-table", border=0)
    return HTML(table)


def state_names(codes: Iterable[str]) -> str:
    """State names in alphabetical order, written as a list: 'Armenia, Belarus and Russia'."""
    names = titles.states()
    listed = sorted(names[c] for c in codes)
    return ", ".join(listed[:-1]) + " and " + listed[-1] if len(listed) > 1 else "".join(listed)


def cited_as(source: pd.Series) -> str:
    """A row of the sources table as readers see it: publisher, “title”, date to its precision."""
    date = format_date(source["date"], source["date_precision"])
    return f"{source['publisher']}, “{source['title']}”" + (f", {date}" if date else "")


def dates_shown(frame: pd.DataFrame, column: str = "date") -> pd.Series:
    """A date column written to the precision given in its companion column."""
    pairs = zip(frame[column], frame[f"{column}_precision"], strict=True)
    return pd.Series([format_date(d, p) for d, p in pairs], index=frame.index, dtype="string")
