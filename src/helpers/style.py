"""The look shared by every chart: theme, status palette and the source line under a figure.

Colours come from the Okabe-Ito palette, designed to stay distinguishable with the common
forms of colour-blindness. One colour per legal status, the same in every notebook;
participation is drawn over it (solid, hatched, or cross-hatched and faded), never as a new colour.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from .load import load

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
    "axes.labelcolor": INK,
    "axes.edgecolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": INK,
    "ytick.color": INK,
    "legend.frameon": False,
    "svg.hashsalt": "cis-notebooks",
}


def apply() -> None:
    """Set the shared theme for every figure drawn after this call."""
    mpl.rcParams.update(THEME)


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
    parts = []
    for source_id in cited:
        row = sources.loc[source_id]
        when = "" if row.isna()["date"] else f", {format_date(row['date'], row['date_precision'])}"
        parts.append(f"{row['publisher']}, “{row['title']}”{when}")
    label = "Source" if len(parts) == 1 else "Sources"
    return f"{label}: " + "; ".join(parts)


def add_source(fig: Figure, source_ids: Iterable[str], note: str = "", table: str = "") -> None:
    """Write the source line (and an optional note) under a figure, left-aligned."""
    text = source_line(source_ids, table) + (f"\n{note}" if note else "")
    drawn = fig.get_tightbbox()  # in inches: everything drawn so far, tick labels included
    x, y = drawn.x0 / fig.get_figwidth(), (drawn.y0 - 0.1) / fig.get_figheight()
    fig.text(x, y, text, ha="left", va="top", fontsize=8, color=INK, wrap=True)


def show(fig: Figure) -> None:
    """Display a finished figure as a PNG (without a '<Figure ...>' text repr), then close it."""
    from IPython.display import Image, display

    buffer = io.BytesIO()
    tight = fig.get_tightbbox().padded(0.1)  # an explicit box: savefig's "tight" would draw twice
    fig.savefig(buffer, format="png", bbox_inches=tight, metadata={"Software": None})
    plt.close(fig)
    display(Image(data=buffer.getvalue(), format="png"))


def state_names(codes: Iterable[str]) -> str:
    """State names in alphabetical order, written as a list: 'Armenia, Belarus and Russia'."""
    names = load("countries").set_index("iso3")["name"]
    listed = sorted(names[c] for c in codes)
    return ", ".join(listed[:-1]) + " and " + listed[-1] if len(listed) > 1 else "".join(listed)


def format_date(date: pd.Timestamp, precision: str) -> str:
    """A date written to its precision: '25 Dec 2024', 'Dec 2022' or '1993'; '' when missing."""
    if pd.isna(date):
        return ""
    return {"day": f"{date.day} {date:%b %Y}", "month": f"{date:%b %Y}", "year": f"{date:%Y}"}[
        precision
    ]


def dates_shown(frame: pd.DataFrame, column: str = "date") -> pd.Series:
    """A date column written to the precision given in its companion column."""
    pairs = zip(frame[column], frame[f"{column}_precision"], strict=True)
    return pd.Series([format_date(d, p) for d, p in pairs], index=frame.index, dtype="string")
