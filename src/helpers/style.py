"""The look shared by every chart: theme, status palette and the source line under a figure.

Colours come from the Okabe-Ito palette, designed to stay distinguishable with the common
forms of colour-blindness. One colour per legal status, the same in every notebook;
participation is drawn on top of it (solid, hatched or faded), never with a new colour.
"""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .load import load

STATUS_COLOURS: dict[str, str] = {
    "founding": "#56B4E9",  # sky blue: bound by the founding agreements, not by the Charter
    "member": "#0072B2",  # blue: bound by the Charter
    "associate": "#009E73",  # bluish green
    "former": "#D55E00",  # vermilion: withdrawal took legal effect
    "none": "#BBBBBB",  # grey: never in the CIS
}
PARTICIPATION_LOOK: dict[str, dict[str, object]] = {
    "full": {"alpha": 1.0, "hatch": None},
    "partial": {"alpha": 0.75, "hatch": "///"},
    "none": {"alpha": 0.3, "hatch": None},
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


def status_handles(statuses: Iterable[str] = STATUS_COLOURS) -> list[Patch]:
    """Legend entries for the given legal statuses, in the palette's colours."""
    return [Patch(facecolor=STATUS_COLOURS[s], label=s) for s in statuses]


def source_line(source_ids: Iterable[str]) -> str:
    """'Source: …' naming each cited publication (publisher, title, date) from the sources table."""
    sources = load("sources").set_index("source_id")
    parts = []
    for source_id in dict.fromkeys(source_ids):
        row = sources.loc[source_id]
        when = "" if row.isna()["date"] else f", {format_date(row['date'], row['date_precision'])}"
        parts.append(f"{row['publisher']}, “{row['title']}”{when}")
    label = "Source" if len(parts) == 1 else "Sources"
    return f"{label}: " + "; ".join(parts)


def add_source(fig: Figure, source_ids: Iterable[str], note: str = "") -> None:
    """Write the source line (and an optional note) under a figure, left-aligned."""
    text = source_line(source_ids) + (f"\n{note}" if note else "")
    fig.text(0.01, -0.01, text, ha="left", va="top", fontsize=8, color=INK, wrap=True)


def format_date(date: pd.Timestamp, precision: str) -> str:
    """A date written to its precision: '25 Dec 2024', 'Dec 2022' or '1993'; '' when missing."""
    if pd.isna(date):
        return ""
    return date.strftime({"day": "%d %b %Y", "month": "%b %Y", "year": "%Y"}[precision])


def dates_shown(frame: pd.DataFrame, column: str = "date") -> pd.Series:
    """A date column written to the precision given in its companion column."""
    pairs = zip(frame[column], frame[f"{column}_precision"], strict=True)
    return pd.Series([format_date(d, p) for d, p in pairs], index=frame.index, dtype="string")
