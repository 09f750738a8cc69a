"""The shared palette stays distinguishable for colour-blind readers; source lines name sources."""

from __future__ import annotations

import gc
import itertools
import re
import textwrap

import matplotlib as mpl
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


def test_apply_sets_tables_to_show_everything_and_freezes_what_is_imported():
    gc.unfreeze()
    style.apply()
    assert pd.get_option("display.max_colwidth") is None
    assert pd.get_option("display.max_columns") is None
    assert gc.get_freeze_count() > 10_000  # the libraries imported: out of full collections


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


def _sources() -> pd.DataFrame:
    return helpers.load("sources").set_index("source_id")


def _ids_of_distinct_publishers(count: int) -> list[str]:
    dated = _sources().dropna(subset=["date"]).reset_index()
    return list(dated.drop_duplicates("publisher")["source_id"][:count])


def test_apply_sets_the_theme_and_the_table_width():
    style.apply()
    assert tuple(mpl.rcParams["figure.figsize"]) == (9.0, 4.8)
    assert mpl.rcParams["axes.titlelocation"] == "left"
    assert mpl.rcParams["svg.fonttype"] == "none"
    assert pd.get_option("display.width") == 250
    assert pd.get_option("display.max_rows") is None


def test_up_to_three_sources_are_each_named_once_with_their_dates():
    ids = _ids_of_distinct_publishers(3)
    rows = _sources().loc[ids]
    line = style.source_line([ids[0], *ids, ids[1]])  # repeats count once
    expected = [
        f"{r.publisher}, “{r.title}”, {style.format_date(r.date, r.date_precision)}"
        for r in rows.itertuples()
    ]
    assert line == "Sources: " + "; ".join(expected)


def test_a_source_without_a_date_is_named_without_one():
    assert style.source_line(["grokipedia-cis-2025-11"]) == (
        "Source: Grokipedia, “Commonwealth of Independent States”"
    )


def test_four_sources_are_summarised_by_publisher():
    ids = _ids_of_distinct_publishers(4)
    publishers = list(_sources().loc[ids, "publisher"])
    line = style.source_line(ids)
    assert line == "Sources: 4 publications. Among them: " + "; ".join(publishers)


def test_six_publishers_are_all_named_and_seven_are_cut_to_five():
    ids = _ids_of_distinct_publishers(7)
    publishers = list(_sources().loc[ids, "publisher"])
    six = style.source_line(ids[:6], table="claims")
    assert six == (
        "Sources: 6 publications; each row of data/claims.csv names its own. Among them: "
        + "; ".join(publishers[:6])
    )
    seven = style.source_line(ids, table="claims")
    assert seven == (
        "Sources: 7 publications; each row of data/claims.csv names its own. Among them: "
        + "; ".join(publishers[:5])
        + " and 2 more"
    )


@pytest.mark.parametrize(
    ("date", "precision", "shown"),
    [
        ("2024-01-05", "day", "5 Jan 2024"),
        ("2022-12-01", "month", "Dec 2022"),
        ("1993-01-01", "year", "1993"),
        (None, "day", ""),
    ],
)
def test_a_date_is_written_to_its_precision(date, precision, shown):
    assert style.format_date(pd.Timestamp(date), precision) == shown


def test_dates_shown_follow_the_companion_precision_column():
    frame = pd.DataFrame(
        {
            "since": pd.to_datetime(["2024-12-25", "1993-01-01", None]),
            "since_precision": ["day", "year", "month"],
        },
        index=[7, 3, 5],
    )
    shown = style.dates_shown(frame, "since")
    assert shown.to_dict() == {7: "25 Dec 2024", 3: "1993", 5: ""}
    assert shown.dtype == pd.StringDtype()  # missing is pd.NA, not NaN as in pandas' str
    default = style.dates_shown(frame.set_axis(["date", "date_precision"], axis=1))
    assert list(default) == ["25 Dec 2024", "1993", ""]


def _link_sources() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "publisher": ["A & B", "Offline"],
            "title": ["<Report>", "Notes"],
            "date": pd.to_datetime(["2020-03-01", None]),
            "date_precision": ["month", None],
            "url": ["https://example.org/?a=1&b=2", None],
        },
        index=pd.Index(["src-a", "src-b"], name="source_id"),
    )


def test_source_link_links_titles_and_keeps_other_text():
    cell = "src-a + src-b ;src-a, grokipedia-cis-2025-11,n/a <x>"
    link = style.source_link(cell, _link_sources())
    assert link == (
        '<a href="https://example.org/?a=1&amp;b=2">A &amp; B, “&lt;Report&gt;”, Mar 2020</a>; '
        "Offline, “Notes”; "
        f'<a href="{style.ENCYCLOPEDIA_ENTRY}">the encyclopedia article</a>; '
        "n/a &lt;x&gt;"
    )


def test_source_link_reads_the_sources_table_when_not_given():
    link = style.source_link("  coco-1.3.2 ")
    assert link == (
        '<a href="https://github.com/IndEcol/country_converter">'
        "Konstantin Stadler (country_converter project), "
        "“country_converter 1.3.2, file country_data.tsv”</a>"
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (None, ""),
        (float("nan"), ""),
        ("see 004, not 1004 or 0045", "see the encyclopedia article, not 1004 or 0045"),
        (
            "[stripped] & [stripped]",
            "[a name missing from our copy] &amp; [a name missing from our copy]",
        ),
        (12, "12"),
    ],
)
def test_plain_writes_out_shorthand_and_escapes(text, shown):
    assert style.plain(text) == shown


def test_reader_table_keeps_numbers_and_empty_sources_and_the_index_when_asked():
    frame = pd.DataFrame(
        {
            "count": [3, 4],
            "label": pd.array(["004", None], dtype="string"),
            "claim_source_id": ["coco-1.3.2", None],
            "remark": pd.Series(["[stripped]", "x"], dtype=object, index=["x", "y"]),
        },
        index=pd.Index(["x", "y"], name="key"),
    )
    table = style.reader_table(frame).data
    assert "<th>claim_source</th>" in table and "claim_source_id" not in table
    assert "<td>3</td>" in table and "<td>the encyclopedia article</td>" in table
    assert "<th>x</th>" in table  # the index is shown
    assert 'class="dataframe reader-table"' in table and 'border="' not in table
    assert "None" not in table and "nan" not in table.lower().replace("dataframe", "")
    assert table.count("<td></td>") == 2  # the missing label and the missing source
    assert "<td>[a name missing from our copy]</td>" in table  # object columns written out too
    without = style.reader_table(frame, index=False).data
    assert "<th>x</th>" not in without and "<td>3</td>" in without


def test_reader_table_of_sources_shows_the_index_as_a_column():
    frame = pd.DataFrame({"rows": [2]}, index=pd.Index(["coco-1.3.2"], name="source_id"))
    table = style.reader_table(frame).data
    assert "<th>source</th>" in table and "country_converter 1.3.2" in table
    assert "<th>0</th>" not in table  # the fresh index is not shown


def test_state_names_of_two_and_of_none():
    assert style.state_names(["RUS", "ARM"]) == "Armenia and Russia"
    assert style.state_names([]) == ""


def test_add_source_without_a_note_holds_the_source_line_only():
    fig, _ = plt.subplots()
    style.add_source(fig, ["grokipedia-cis-2025-11"])
    [text] = fig.texts
    assert text.get_text() == style.source_line(["grokipedia-cis-2025-11"])
    assert text.get_gid() == style.SOURCE_GID and text.get_fontsize() == 8
    assert (text.get_ha(), text.get_va()) == ("left", "top") and text.get_color() == style.INK
    plt.close(fig)


def test_add_source_sends_the_reader_to_the_table_of_many_sources():
    fig, _ = plt.subplots()
    ids = helpers.load("status_changes")["source_id"]
    style.add_source(fig, ids, note="Note.", table="status_changes")
    [text] = fig.texts
    assert text.get_text() == style.source_line(ids, "status_changes") + "\nNote."
    assert "each row of data/status_changes.csv names its own" in text.get_text()
    plt.close(fig)


def test_lay_out_puts_the_line_a_tenth_of_an_inch_under_the_drawing():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_xlabel("label")
    drawn = fig.get_tightbbox()
    style.add_source(fig, ["grokipedia-cis-2025-11"], note="x " * 60)
    box = style._lay_out(fig)
    [text] = fig.texts
    extent = text.get_window_extent().transformed(fig.dpi_scale_trans.inverted())
    assert extent.x0 == pytest.approx(drawn.x0, abs=0.02)
    assert extent.y1 == pytest.approx(drawn.y0 - 0.1, abs=0.02)
    lines = text.get_text().split("\n")
    source = textwrap.fill(
        style.source_line(["grokipedia-cis-2025-11"]), width=int(style.CHARS_PER_INCH * drawn.width)
    )
    assert text.get_text().startswith(source + "\nx x")  # the note starts on its own line
    assert len(lines) >= 3 and max(map(len, lines)) <= int(style.CHARS_PER_INCH * drawn.width)
    assert max(map(len, lines)) > int(style.CHARS_PER_INCH * drawn.width) - 4
    assert box.y0 == pytest.approx(extent.y0) and box.x1 == pytest.approx(drawn.x1)
    plt.close(fig)


def test_lay_out_without_a_source_line_is_the_drawing():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_title("t")
    assert np.allclose(style._lay_out(fig).bounds, fig.get_tightbbox().bounds)
    plt.close(fig)


def _shown(monkeypatch, fig, **kwargs) -> dict:
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda bundle, raw: shown.append((bundle, raw)))
    style.show(fig, data=pd.DataFrame({"source_id": ["coco-1.3.2"]}), **kwargs)
    [(bundle, raw)] = shown
    assert raw is True
    return bundle


def test_show_takes_the_centre_title_the_suptitle_or_the_alt_given(monkeypatch):
    fig, ax = plt.subplots()
    ax.set_title("Centred", loc="center")
    assert _shown(monkeypatch, fig)[style.FIGURE_MIME]["title"] == "Centred"
    fig = plt.figure()
    fig.suptitle("Over all")
    bundle = _shown(monkeypatch, fig, alt="Bars of trade.")
    assert bundle[style.FIGURE_MIME]["title"] == "Over all"
    assert bundle[style.FIGURE_MIME]["alt"] == bundle["text/plain"] == "Bars of trade."


def test_show_writes_an_svg_without_a_date_and_pads_the_drawing(monkeypatch):
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1])
    box = style._lay_out(fig)
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1])
    svg = _shown(monkeypatch, fig)["image/svg+xml"]
    assert "<dc:date>" not in svg
    width = float(re.search(r'width="([\d.]+)pt"', svg).group(1))
    assert width == pytest.approx((box.width + 0.2) * 72, abs=0.5)


def test_show_closes_only_the_figure_it_shows(monkeypatch):
    plt.close("all")
    shown, other = plt.subplots()[0], plt.subplots()[0]  # the other one is current
    _shown(monkeypatch, shown)
    assert plt.get_fignums() == [other.number]
    plt.close(other)


def test_show_says_what_the_plotted_rows_lack():
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match=r"^the plotted rows need a source_id column$"):
        style.show(fig, data=pd.DataFrame({"x": [1]}))
    plt.close(fig)


def test_reader_table_leaves_missing_numbers_blank():
    table = style.reader_table(pd.DataFrame({"share": [0.5, None]}), index=False).data
    assert "<td>0.5</td>" in table and "<td></td>" in table and "nan" not in table.lower()


def test_reader_table_leaves_out_row_positions_but_keeps_a_named_number_index():
    positions = pd.DataFrame({"share": [0.5, 0.25]}, index=[91, 92])
    assert "<th>91</th>" not in style.reader_table(positions).data
    years = pd.DataFrame({"share": [0.5]}, index=pd.Index([2024], name="year"))
    assert "<th>2024</th>" in style.reader_table(years).data
