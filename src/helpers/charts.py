"""Charts shared by several notebooks: status swimlanes, a map of the 15 states (real shapes, or
equal tiles), and grids of coloured cells (state x act, state x summit, state x resolution).

Legal status sets the colour (``style.STATUS_COLOURS``); participation is drawn over it (solid,
hatched, or cross-hatched and faded: ``style.PARTICIPATION_LOOK``), so de jure and de facto read
at once.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch, Rectangle

from . import geo, style
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
    bars: dict[tuple[str, str], list[np.ndarray]] = {}
    for lane, iso3 in enumerate(order):
        for row in timeline[timeline["iso3"] == iso3].itertuples():
            end = until if pd.isna(row.end) else min(row.end + pd.Timedelta(days=1), until)
            left, right = mdates.date2num(row.start), mdates.date2num(end)
            bottom, top = lane + band[0], lane + band[0] + band[1]
            box = np.array([[left, bottom], [right, bottom], [right, top], [left, top]])
            bars.setdefault((colours[getattr(row, status)], row.participation), []).append(box)
    for (colour, participation), boxes in bars.items():  # one collection per look: fast to draw
        look = style.PARTICIPATION_LOOK[participation]
        ax.add_collection(
            PolyCollection(
                boxes, facecolors=colour, alpha=look["alpha"], hatch=look["hatch"],
                edgecolors="white", linewidths=0.5,
            )
        )  # fmt: skip
    ax.autoscale_view(scaley=False)
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
    cells: dict[str, list[list[tuple[float, float]]]] = {}
    for r, row in enumerate(values.index):
        for c, column in enumerate(values.columns):
            value = values.loc[row, column]
            colour = missing if pd.isna(value) else colours[value]
            box = [(c, r), (c + 0.96, r), (c + 0.96, r + 0.92), (c, r + 0.92)]
            cells.setdefault(colour, []).append(box)
            text = "" if labels is None else labels.loc[row, column]
            if isinstance(text, str) and text:
                ink = "white" if value in dark else style.INK
                ax.text(
                    c + 0.48, r + 0.46, text, ha="center", va="center", fontsize=7.5, color=ink,
                    in_layout=False,  # inside its cell: no need to measure it for the tight box
                )  # fmt: skip
    for colour, boxes in cells.items():  # one collection per colour: small and fast to draw
        ax.add_collection(PolyCollection(boxes, facecolors=colour, linewidths=0))
    ax.set_xlim(0, len(values.columns))
    ax.set_ylim(len(values.index), 0)
    ax.set_xticks([i + 0.48 for i in range(len(values.columns))], values.columns)
    ax.set_yticks([i + 0.46 for i in range(len(values.index))], values.index)
    ax.tick_params(length=0)
    ax.spines[["left", "bottom"]].set_visible(False)


def grid_legend(ax: Axes, colours: dict[str, str], **kwargs: object) -> None:
    """Legend for a cell grid: one patch per category."""
    ax.legend(handles=[Patch(color=c, label=k) for k, c in colours.items()], **kwargs)


def status_legend(
    ax: Axes, colours: dict[str, str] | None = None, title: str = "Legal status (colour)"
) -> None:
    """Two legends right of the axes, outside the data: status as colours (the CIS legal
    statuses by default) at the top, participation as patterns over grey at the bottom."""
    colours = colours or style.STATUS_COLOURS
    common = {"fontsize": 8, "title_fontsize": 8, "alignment": "left", "loc": "upper left"}
    status = ax.legend(
        handles=[Patch(facecolor=c, label=s) for s, c in colours.items()], title=title,
        bbox_to_anchor=(1.01, 1.0), **common,
    )  # fmt: skip
    ax.add_artist(status)
    patterns = [
        Patch(facecolor="#999999", alpha=look["alpha"], hatch=look["hatch"], label=participation)
        for participation, look in style.PARTICIPATION_LOOK.items()
    ]
    ax.legend(
        handles=patterns, title="Participation (pattern)",
        bbox_to_anchor=(1.01, 0.0), **(common | {"loc": "lower left"}),
    )  # fmt: skip


def status_map(ax: Axes, status: pd.DataFrame, zoom: Axes | None = None) -> None:
    """The 15 states on a map (Albers conic), coloured by legal status and styled by
    participation, neighbours in light grey; `zoom` (optional) gets Moldova and the South
    Caucasus enlarged, framed on the main map."""
    shapes = geo.shapes()
    for target in [ax] if zoom is None else [ax, zoom]:
        _draw_states(target, shapes, status)
        target.set_aspect("equal")
        target.set_xticks([])
        target.set_yticks([])
    xs = np.concatenate([r[:, 0] for iso3 in status.index for r in shapes[iso3]])
    ys = np.concatenate([r[:, 1] for iso3 in status.index for r in shapes[iso3]])
    ax.set_xlim(xs.min() - 0.01, xs.max() + 0.01)
    ax.set_ylim(ys.min() - 0.01, ys.max() + 0.01)
    ax.axis("off")
    small = ["MDA", "GEO", "ARM", "AZE"]
    for iso3 in status.index.difference(small):
        _label(ax, shapes[iso3], iso3, status.loc[iso3])
    if zoom is None:
        return
    zoom.spines[:].set_visible(True)
    box = np.concatenate([r for iso3 in small for r in shapes[iso3]])
    (x0, y0), (x1, y1) = box.min(axis=0) - 0.008, box.max(axis=0) + 0.008
    zoom.set_xlim(x0, x1)
    zoom.set_ylim(y0, y1)
    ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor=style.INK, lw=0.8))
    for iso3 in small:
        _label(zoom, shapes[iso3], iso3, status.loc[iso3])


def _draw_states(ax: Axes, shapes: dict[str, list[np.ndarray]], status: pd.DataFrame) -> None:
    # Shapes are rasterized (text stays vector): thousands of vertices would make a heavy SVG.
    others = [r for iso3, rings in shapes.items() if iso3 not in status.index for r in rings]
    ax.add_collection(
        PolyCollection(others, facecolors="#EEEEEE", edgecolors="white", lw=0.4, rasterized=True)
    )
    for iso3, row in status.iterrows():
        look = style.PARTICIPATION_LOOK[row["participation"]]
        ax.add_collection(
            PolyCollection(
                shapes[iso3], facecolors=style.STATUS_COLOURS[row["legal_status"]],
                alpha=look["alpha"], hatch=look["hatch"], edgecolors="white", linewidths=0.6,
                rasterized=True,
            )
        )  # fmt: skip


def _label(ax: Axes, rings: list[np.ndarray], iso3: str, row: pd.Series) -> None:
    dark = row["legal_status"] in ("member", "former") and row["participation"] != "none"
    x, y = geo.label_point(rings)
    ax.text(x, y, iso3, ha="center", va="center", fontsize=7, fontweight="bold",
            color="white" if dark else style.INK)  # fmt: skip
