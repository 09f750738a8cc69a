"""The map's shapes: TopoJSON decoded by hand, projected, with Crimea inside Ukraine."""

from __future__ import annotations

import json

import numpy as np
import pytest
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


def _topology(geometries, arcs):
    return {
        "transform": {"scale": [1.0, 1.0], "translate": [0.0, 0.0]},
        "arcs": arcs,
        "objects": {"countries": {"geometries": geometries}, "land": {"geometries": []}},
    }


def test_decode_reads_the_layer_asked_for_and_keeps_geometries_without_shape():
    topology = _topology(
        [
            {"type": None, "properties": {"a3": "NUL"}},  # TopoJSON's null geometry: no arcs
            {"type": "MultiPolygon", "arcs": [[[0]], [[1]]], "properties": {"a3": "TWO"}},
        ],
        [[[0, 0], [1, 0], [0, 1], [-1, -1]], [[5, 5], [1, 0], [0, 1], [-1, -1]]],
    )
    shapes = geo.decode(topology)
    assert shapes["NUL"] == []
    assert [ring[0].tolist() for ring in shapes["TWO"]] == [[0.0, 0.0], [5.0, 5.0]]
    assert geo.decode(topology, layer="land") == {}


def _unit_sphere_area(lon, lat, d=1e-3):
    return np.radians(d) ** 2 * np.cos(np.radians(lat))


def _projected_area(lon, lat, d=1e-3):
    cell = np.array([[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d]])
    x, y = geo.project(cell).T
    return abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2


def test_the_projection_is_centred_and_north_is_up():
    centre = geo.project(np.array([geo.CENTRE]))[0]
    assert np.allclose(centre, [0.0, 0.0], atol=1e-12)
    north, south = geo.project(np.array([[70.0, 60.0], [70.0, 40.0]]))
    assert north[0] == pytest.approx(0.0, abs=1e-12) and south[0] == pytest.approx(0.0, abs=1e-12)
    assert north[1] > 0 > south[1]
    east, west = geo.project(np.array([[80.0, 52.0], [60.0, 52.0]]))
    assert east[0] > 0 > west[0]


@pytest.mark.parametrize(
    ("lon", "lat"), [(30.0, 40.0), (70.0, 52.0), (120.0, 75.0), (-170.0, 65.0)]
)
def test_the_projection_keeps_areas(lon, lat):
    assert _projected_area(lon, lat) == pytest.approx(_unit_sphere_area(lon, lat), rel=1e-4)


@pytest.mark.parametrize("lat", geo.PARALLELS)
def test_the_projection_keeps_lengths_along_its_standard_parallels(lat):
    d = 1e-4
    a, b = geo.project(np.array([[70.0, lat], [70.0 + d, lat]]))
    length = np.radians(d) * np.cos(np.radians(lat))
    assert np.linalg.norm(b - a) == pytest.approx(length, rel=1e-6)


def test_only_longitudes_west_of_160_w_cross_the_antimeridian():
    at_160w, at_200e, past = geo.project(np.array([[-160.0, 65.0], [200.0, 65.0], [-161.0, 65.0]]))
    assert not np.allclose(at_160w, at_200e)  # -160 itself stays west
    assert np.allclose(past, geo.project(np.array([[199.0, 65.0]]))[0])


def test_snap_puts_points_on_the_grid_and_drops_repeats():
    g = geo.GRID
    ring = np.array([[0.0, 0.0], [0.4 * g, 0.0], [1.2 * g, 0.0], [1.2 * g, 2.6 * g], [0.0, 0.0]])
    snapped = geo._snap(ring)
    assert np.allclose(snapped, [[0, 0], [g, 0], [g, 3 * g], [0, 0]])
    # Only consecutive repeats go: a ring that comes back to a point keeps both visits.
    assert len(geo._snap(np.array([[0.0, 0.0], [g, 0.0], [0.0, 0.0], [0.0, g]]))) == 4


@pytest.mark.parametrize(
    ("lons", "lats", "inside"),
    [
        ((10.0, 15.0), (40.0, 41.0), True),  # touches the western edge
        ((10.0, 14.9), (40.0, 41.0), False),
        ((185.0, 190.0), (40.0, 41.0), True),  # touches the eastern edge (175 W)
        ((185.1, 190.0), (40.0, 41.0), False),
        ((-179.0, -170.0), (65.0, 66.0), True),  # Chukotka, across the antimeridian
        ((-100.0, -90.0), (40.0, 41.0), False),  # America
        ((40.0, 41.0), (25.0, 30.0), True),  # touches the southern edge
        ((40.0, 41.0), (25.0, 29.9), False),
        ((40.0, 41.0), (82.0, 85.0), True),  # touches the northern edge
        ((40.0, 41.0), (82.1, 85.0), False),
    ],
)
def test_a_ring_is_kept_when_it_reaches_into_the_extent(lons, lats, inside):
    ring = np.column_stack([lons, lats])
    assert geo._overlaps(ring, 15.0, 185.0, 30.0, 82.0) is inside


def test_shapes_keep_the_rings_in_the_extent_projected_and_snapped(tmp_path):
    topology = _topology(
        [
            {"type": "Polygon", "arcs": [[0]], "properties": {"a3": "INS"}},  # in Kazakhstan
            {"type": "Polygon", "arcs": [[1]], "properties": {"a3": "OUT"}},  # in America
            {"type": "Polygon", "arcs": [[2]], "properties": {"a3": "DOT"}},  # under a pixel
            {"type": "MultiPolygon", "arcs": [[[0]], [[1]]], "properties": {"a3": "MIX"}},
        ],
        [
            [[60, 45], [5, 0], [0, 5], [-5, -5]],
            [[-100, 40], [5, 0], [0, 5], [-5, -5]],
            [[70, 50], [0.0001, 0], [0, 0.0001], [-0.0001, -0.0001]],
        ],
    )
    path = tmp_path / "map.json"
    path.write_text(json.dumps(topology), encoding="utf-8")
    shapes = geo.shapes(path)
    assert set(shapes) == {"INS", "MIX"}
    ring = np.array([[60, 45], [65, 45], [65, 50], [60, 45]], dtype=float)
    expected = np.round(geo.project(ring) / geo.GRID) * geo.GRID
    assert len(shapes["INS"]) == 1 and np.allclose(shapes["INS"][0], expected)
    assert len(shapes["MIX"]) == 1 and np.allclose(shapes["MIX"][0], expected)


def test_a_triangle_survives_snapping_and_a_sliver_does_not(tmp_path):
    topology = _topology(
        [
            {"type": "Polygon", "arcs": [[0]], "properties": {"a3": "TRI"}},
            {"type": "Polygon", "arcs": [[1]], "properties": {"a3": "BAR"}},
        ],
        [
            [[60, 45], [5, 0], [0, 5], [-5, -5]],  # three corners and back: four points
            [[60, 45], [5, 0], [-5, 0]],  # there and back: three points
        ],
    )
    path = tmp_path / "map.json"
    path.write_text(json.dumps(topology), encoding="utf-8")
    assert [len(r) for r in geo.shapes(path)["TRI"]] == [4]
    assert "BAR" not in geo.shapes(path)


def test_the_label_goes_at_the_vertex_mean_of_the_largest_ring():
    small = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    wide_flat = np.array([[10.0, 0.0], [13.0, 0.0], [13.0, 0.2]])  # wider, but smaller box
    large = np.array([[5.0, 5.0], [7.0, 5.0], [7.0, 8.0], [5.0, 5.0]])
    assert geo.label_point([small, wide_flat, large]) == (6.0, 5.75)
    assert geo.label_point([large, small]) == (6.0, 5.75)
    assert all(type(v) is float for v in geo.label_point([small]))


def test_svg_path_scales_rounds_and_joins_every_ring():
    first = np.array([[1.0, 2.0], [1.126, 1.0], [0.996, 2.0]])
    second = np.array([[0.996, 2.004], [2.0, 1.5]])
    path = geo.svg_path([first, second], 10, (1.0, 2.0))
    assert path == "M0.0,0.0L1.3,10.0L0.0,0.0ZM0.0,0.0L10.0,5.0Z"  # -0.04 is written 0.0


@pytest.mark.parametrize(
    ("lon", "west", "east", "inside"),
    [(-160.0, -170.0, -150.0, True), (-161.0, 198.5, 199.5, True), (-161.0, 199.5, 200.5, False)],
)
def test_the_extent_check_crosses_the_antimeridian_west_of_160_w(lon, west, east, inside):
    ring = np.array([[lon, 60.0], [lon, 61.0]])
    assert geo._overlaps(ring, west, east, 30.0, 82.0) is inside


def test_empty_polygons_have_no_rings():
    topology = _topology(
        [
            {"type": "Polygon", "properties": {"a3": "ONE"}},
            {"type": "MultiPolygon", "properties": {"a3": "TWO"}},
        ],
        [],
    )
    assert geo.decode(topology) == {"ONE": [], "TWO": []}


def test_the_largest_ring_is_the_one_with_the_largest_box():
    tall = np.array([[0.0, 0.0], [0.1, 0.0], [0.1, 5.0], [0.0, 5.0]])  # box 0.5
    square = np.array([[10.0, 10.0], [12.0, 10.0], [12.0, 12.0], [10.0, 12.0]])  # box 4
    assert geo.label_point([tall, square]) == (11.0, 11.0)
