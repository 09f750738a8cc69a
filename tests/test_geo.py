"""The map's shapes: TopoJSON decoded by hand, projected, with Crimea inside Ukraine."""

from __future__ import annotations

import json

import numpy as np
from matplotlib.path import Path as Outline

from helpers import geo


def test_decode_follows_arcs_deltas_and_the_transform():
    topology = {
        "transform": {"scale": [0.5, 2.0], "translate": [10.0, 20.0]},
        "arcs": [[[0, 0], [2, 0], [0, 1]], [[2, 1], [-2, 0], [0, -1]]],
        "objects": {
            "countries": {
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "properties": {"a3": "AAA"}},
                    {"type": "MultiPolygon", "arcs": [[[~1]]], "properties": {"a3": "BBB"}},
                ]
            }
        },
    }
    shapes = geo.decode(topology)
    # Arc 0: (0,0) (2,0) (2,1); arc 1 starts where arc 0 ends: (2,1) (0,1) (0,0).
    expected = np.array([[10, 20], [11, 20], [11, 22], [10, 22], [10, 20]], dtype=float)
    assert np.array_equal(shapes["AAA"][0], expected)
    # ~1 walks arc 1 backwards.
    assert np.array_equal(shapes["BBB"][0], np.array([[10, 20], [10, 22], [11, 22]], dtype=float))


def test_the_vendored_file_holds_the_fifteen_states():
    shapes = geo.decode(json.loads(geo.MAP_FILE.read_text(encoding="utf-8")))
    fifteen = {"ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LVA", "LTU", "MDA", "RUS"}
    assert fifteen | {"TJK", "TKM", "UKR", "UZB"} <= set(shapes)


def test_crimea_is_drawn_inside_ukraine():
    shapes = geo.shapes()
    # Simferopol, Sevastopol, Yalta
    for lon, lat in [(34.10, 44.95), (33.52, 44.60), (34.17, 44.50)]:
        point = geo.project(np.array([[lon, lat]]))[0]
        inside = {
            iso3 for iso3 in ("UKR", "RUS")
            if any(Outline(ring).contains_point(point) for ring in shapes[iso3])
        }  # fmt: skip
        assert inside == {"UKR"}, (lon, lat)


def test_the_projection_keeps_chukotka_east_of_the_rest_of_russia():
    east, west = geo.project(np.array([[-170.0, 65.0], [170.0, 65.0]]))
    assert east[0] > west[0]


def test_svg_path_writes_closed_rings_with_y_down():
    ring = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]])
    assert geo.svg_path([ring], 10, (0.0, 1.0)) == "M0.0,10.0L10.0,10.0L10.0,0.0Z"
