"""Charts shared by several notebooks: status swimlanes, a tile-grid map of the 15 states, and
grids of coloured cells (state x act, state x summit, state x resolution).

Legal status sets the colour (``style.STATUS_COLOURS``); participation is drawn over it (solid,
hatched, or cross-hatched and faded: ``style.PARTICIPATION_LOOK``), so de jure and de facto read
at once.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from . import style
from .load import load

# Rough geography on a grid: (column, row), row 0 at the top. One tile per state, equal sizes,
# so that Armenia or Moldova is as visible as Russia.
TILE_GRID: dict[str, tuple[int, int]] = {
    "EST": (1, 0),
    "LVA": (1, 1),
    "RUS": (3, 1),
    "LTU": (1, 2),
    "BLR": (2, 2),
    "KAZ": (4, 2),
    "MDA": (1, 3),
    "UKR": (2, 3),
    "UZB": (4, 3),
    "KGZ": (5, 3),
    "GEO": (2, 4),
    "AZE": (3, 4),
    "TKM": (4, 4),
    "TJK": (5, 4),
    "ARM": (2, 5),
}
LANE_ORDER = ["Eastern Europe", "Western Asia", "Central Asia", "Northern Europe"]


def lane_order() -> list[str]:
    """Post-Soviet states by region (Eastern Europe, Caucasus, Central Asia, Baltics), then name."""
    countries = load("countries")
    countries = countries[countries["post_soviet"]].assign(
        rank=lambda c: c["region"].map({r: i for i, r in enumerate(LANE_ORDER)}).astype(int)
    )
    return countries.sort_values(["rank", "name"])["iso3"].tolist()


def swimlanes(
    ax: Axes,
    timeline: pd.DataFrame,
    until: pd.Timestamp,
    status: str = "legal_status",
    band: tuple[float, float] = (-0.38, 0.76),
) -> None:
    """One lane per state, each interval coloured by its status and styled by participation.

    `status` names the column to colour by: a CIS legal status, or an organisation status
    (coloured through ``style.ORG_STATUS_COLOURS``). `band` is the bar's offset and height
    within the lane, so that two timelines can share one lane.
    """
    order = lane_order()
    names = load("countries").set_index("iso3")["name"]
    colours = style.STATUS_COLOURS if status == "legal_status" else style.ORG_STATUS_COLOURS
    for lane, iso3 in enumerate(order):
        for row in timeline[timeline["iso3"] == iso3].itertuples():
            end = until if pd.isna(row.end) else min(row.end + pd.Timedelta(days=1), until)
            colour = colours[getattr(row, status)]
            _bar(ax, lane + band[0], band[1], row.start, end, colour, row.participation)
    ax.set_yticks(range(len(order)), [names[i] for i in order])
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.xaxis.set_major_locator(mdates.YearLocator(4, month=1, day=1))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.tick_params(axis="y", length=0)


def tile_map(ax: Axes, status: pd.DataFrame) -> None:
    """The 15 states as equal tiles, coloured by legal status and styled by participation."""
    names = load("countries").set_index("iso3")["name"]
    for iso3, (col, row) in TILE_GRID.items():
        legal, participation = status.loc[iso3, ["legal_status", "participation"]]
        look = style.PARTICIPATION_LOOK[participation]
        ax.add_patch(
            Rectangle(
                (col, -row), 0.94, 0.94, facecolor=style.STATUS_COLOURS[legal], alpha=look["alpha"],
                hatch=look["hatch"], edgecolor="white", linewidth=1.5,
            )
        )  # fmt: skip
        dark_fill = legal in ("member", "former") and participation != "none"
        ink = "white" if dark_fill else style.INK
        ax.text(
            col + 0.47, -row + 0.58, iso3, ha="center", va="center", fontweight="bold", color=ink
        )
        ax.text(
            col + 0.47, -row + 0.3, names[iso3], ha="center", va="center", fontsize=7, color=ink
        )
    ax.set_xlim(0.8, 6.2)
    ax.set_ylim(-5.2, 1.1)
    ax.set_aspect("equal")
    ax.axis("off")


def cell_grid(
    ax: Axes,
    values: pd.DataFrame,
    colours: dict[str, str],
    labels: pd.DataFrame | None = None,
    dark: tuple[str, ...] = (),
    missing: str = "#F2F2F2",
) -> None:
    """A grid of coloured cells, one per row and column of `values` (categories), optionally
    labelled; labels are white on the `dark` categories. Tick labels are the index and columns."""
    for r, row in enumerate(values.index):
        for c, column in enumerate(values.columns):
            value = values.loc[row, column]
            colour = missing if pd.isna(value) else colours[value]
            ax.add_patch(Rectangle((c, r), 0.96, 0.92, color=colour))
            text = "" if labels is None else labels.loc[row, column]
            if isinstance(text, str) and text:
                ink = "white" if value in dark else style.INK
                ax.text(c + 0.48, r + 0.46, text, ha="center", va="center", fontsize=7.5, color=ink)
    ax.set_xlim(0, len(values.columns))
    ax.set_ylim(len(values.index), 0)
    ax.set_xticks([i + 0.48 for i in range(len(values.columns))], values.columns)
    ax.set_yticks([i + 0.46 for i in range(len(values.index))], values.index)
    ax.tick_params(length=0)
    ax.spines[["left", "bottom"]].set_visible(False)


def grid_legend(ax: Axes, colours: dict[str, str], **kwargs: object) -> None:
    """Legend for a cell grid: one patch per category."""
    ax.legend(handles=[Patch(color=c, label=k) for k, c in colours.items()], **kwargs)


def status_legend(ax: Axes, colours: dict[str, str] | None = None, **kwargs: object) -> None:
    """Legend for status (colours; the CIS legal statuses by default) and participation."""
    colours = colours or style.STATUS_COLOURS
    handles = [Patch(facecolor=c, label=s) for s, c in colours.items()]
    for participation, look in style.PARTICIPATION_LOOK.items():
        handles.append(
            Patch(
                facecolor="#999999",
                alpha=look["alpha"],
                hatch=look["hatch"],
                label=f"participation: {participation}",
            )
        )
    ax.legend(handles=handles, **kwargs)


def _bar(
    ax: Axes, y: float, height: float, start: pd.Timestamp, end: pd.Timestamp, colour: str,
    participation: str,
) -> None:  # fmt: skip
    look = style.PARTICIPATION_LOOK[participation]
    left = mdates.date2num(start)
    ax.broken_barh(
        [(left, mdates.date2num(end) - left)], (y, height), facecolors=colour,
        alpha=look["alpha"], hatch=look["hatch"], edgecolor="white", linewidth=0.5,
    )  # fmt: skip
