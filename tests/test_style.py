"""The shared palette stays distinguishable for colour-blind readers; source lines name sources."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import style

# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
SIMULATIONS = {
    "normal vision": np.eye(3),
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
}
MIN_DELTA_E = 15  # CIE76 difference between any two statuses; ~2.3 is just noticeable


def _linear(hex_colour: str) -> np.ndarray:
    srgb = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    to_xyz = np.array(
        [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
    )
    xyz = to_xyz @ np.clip(linear, 0, 1) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.mark.parametrize("vision", SIMULATIONS)
def test_statuses_stay_distinct(vision):
    seen = {
        s: _lab(np.asarray(SIMULATIONS[vision]) @ _linear(c))
        for s, c in style.STATUS_COLOURS.items()
    }
    for a, b in itertools.combinations(seen, 2):
        assert np.linalg.norm(seen[a] - seen[b]) >= MIN_DELTA_E, f"{a} and {b} under {vision}"


def _enum(table: str, column: str) -> list[str]:
    field = next(f for f in helpers.schema(table)["fields"] if f["name"] == column)
    return field["constraints"]["enum"]


def test_one_colour_per_legal_status_of_the_data_package():
    assert list(style.STATUS_COLOURS) == _enum("status_changes", "legal_status")
    assert _enum("status_changes", "legal_status") == helpers.membership.LEGAL_STATUSES


def test_organisation_statuses_reuse_the_palette():
    assert list(style.ORG_STATUS_COLOURS) == _enum("org_status_changes", "status")
    assert set(style.ORG_STATUS_COLOURS.values()) <= set(style.STATUS_COLOURS.values())


def test_participation_is_drawn_over_status_not_as_new_colours():
    assert list(style.PARTICIPATION_LOOK) == _enum("status_changes", "participation")
    assert all(set(look) == {"alpha", "hatch"} for look in style.PARTICIPATION_LOOK.values())


def test_source_line_names_publisher_title_and_date():
    line = style.source_line(["kremlin-2024-12-25-informal-cis-meeting"])
    assert line == (
        "Source: Official website of the President of Russia, "
        "“Informal CIS heads of state meeting”, 25 Dec 2024"
    )


def test_add_source_writes_under_the_figure():
    fig, _ = plt.subplots()
    style.add_source(fig, ["grokipedia-cis-2025-11", "coco-1.3.2"], note="Note: a test.")
    [text] = fig.texts
    assert text.get_text().startswith("Sources: Grokipedia") and text.get_text().endswith(
        "Note: a test."
    )
    plt.close(fig)


def test_show_places_the_source_line_under_everything_and_wraps_it(monkeypatch):
    monkeypatch.setattr("IPython.display.display", lambda bundle, raw: None)
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_xlabel("A label under the axis")
    style.add_source(fig, helpers.load("status_changes")["source_id"], table="status_changes")
    [text] = fig.texts
    assert not text.get_visible()  # until show() has laid the figure out
    style.show(fig, data=pd.DataFrame({"source_id": ["coco-1.3.2"]}))
    label = ax.xaxis.label.get_window_extent()
    assert text.get_visible() and text.get_window_extent().y1 < label.y0
    assert max(map(len, text.get_text().split("\n"))) <= style.CHARS_PER_INCH * 4


def test_many_sources_are_summarised_and_point_to_the_table():
    ids = helpers.load("status_changes")["source_id"]
    line = style.source_line(ids, table="status_changes")
    assert line.startswith(
        f"Sources: {ids.nunique()} publications; each row of data/status_changes.csv"
    )
    assert len(line) < 400


def test_show_displays_svg_with_its_data_and_closes_the_figure(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda bundle, raw: shown.append(bundle))
    fig, ax = plt.subplots()
    ax.set_title("A test chart")
    style.show(fig, data=pd.DataFrame({"x": [1], "source_id": ["coco-1.3.2"]}))
    [bundle] = shown
    assert bundle["image/svg+xml"].startswith("<?xml") and not plt.get_fignums()
    about = bundle[style.FIGURE_MIME]
    assert about["title"] == "A test chart" and about["alt"] == "Chart: A test chart."
    assert about["csv"] == "x,source_id\n1,coco-1.3.2\n"


def test_show_refuses_plotted_rows_without_sources():
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="source_id"):
        style.show(fig, data=pd.DataFrame({"x": [1]}))
    plt.close(fig)


def test_apply_sets_tables_to_show_everything():
    style.apply()
    assert pd.get_option("display.max_colwidth") is None
    assert pd.get_option("display.max_columns") is None


def test_reader_table_links_sources_and_writes_out_shorthand():
    frame = pd.DataFrame(
        {
            "note": ["004 says so; [stripped] signed <b>"],
            "source_id": ["grokipedia-cis-2025-11 + kremlin-2024-12-25-informal-cis-meeting"],
        }
    )
    table = style.reader_table(frame).data
    assert "source_id" not in table and ">source<" in table
    assert f'<a href="{style.ENCYCLOPEDIA_ENTRY}">the encyclopedia article</a>' in table
    assert '<a href="http' in table and "Informal CIS heads of state meeting" in table
    assert "the encyclopedia article says so; [a name missing from our copy] signed &lt;b&gt;" in (
        table
    )
    assert "004" not in table and "[stripped]" not in table


def test_state_names_are_listed_alphabetically_in_prose():
    assert style.state_names(["RUS", "ARM", "BLR"]) == "Armenia, Belarus and Russia"
    assert style.state_names({"GEO"}) == "Georgia"
