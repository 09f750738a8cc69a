"""The numbers and tables a reader sees, pinned: the divergence indicator, describe(), as_of(),
citations(), act outcomes, the frameworks' timelines, the catalogue and source lines. Each
expected value was checked against the data by hand; a change here is a change a reader would
notice."""

from __future__ import annotations

import csv
import json

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import acts, catalogue, claims, divergence, style

NAN = np.nan
# (state, year): summits missed, UN votes, divergence events, participation
COMPONENTS = {
    ("ARM", 2022): (0.0, 0.5, 0.125, 0.0),
    ("MDA", 2022): (1.0, 1.0, 0.375, 0.5),
    ("TKM", 2022): (0.0, 0.5, 0.125, 0.5),  # an associate: partial participation
    ("BLR", 2023): (0.0, 0.0, 0.0, 0.0),
    ("ARM", 2023): (0.5, 0.5, 0.5, 0.0),
    ("ARM", 2024): (0.5, NAN, 1.0, 0.0),  # the largest count of events: 1 by definition
    ("AZE", 2025): (0.5, NAN, 0.25, 0.0),
    ("KAZ", 2024): (0.0, NAN, 0.125, 0.0),  # no recorded event yet counted as 0, not missing
}


@pytest.fixture(scope="module")
def parts() -> pd.DataFrame:
    return divergence.components(range(2022, 2026))


def test_the_components_are_scored_as_documented(parts):
    assert list(parts.columns) == divergence.COMPONENTS
    assert len(parts) == 4 * 9  # nine scored states a year, Russia excluded
    for key, expected in COMPONENTS.items():
        np.testing.assert_array_equal(parts.loc[key].to_numpy(), expected, err_msg=str(key))


def test_the_indicator_is_the_mean_of_the_available_components(parts):
    means = divergence.indicator(parts)
    assert means.name == "indicator"
    assert means.loc[("MDA", 2022)] == pytest.approx((1 + 1 + 0.375 + 0.5) / 4)
    assert means.loc[("ARM", 2024)] == pytest.approx((0.5 + 1 + 0) / 3)
    left_out = divergence.indicator(parts, leave_out="summits missed")
    assert left_out.loc[("ARM", 2024)] == pytest.approx((1 + 0) / 2)
    by_state = means.groupby("iso3").mean()
    expected = {"ARM": 0.257812, "AZE": 0.223958, "BLR": 0.0, "KAZ": 0.096354, "KGZ": 0.070312,
                "MDA": 0.604167, "TJK": 0.0625, "TKM": 0.226562, "UZB": 0.0625}  # fmt: skip
    assert by_state.to_dict() == pytest.approx(expected, abs=1e-6)


def test_the_sensitivity_table_reports_each_component_left_out(parts):
    table = divergence.sensitivity(parts)
    assert list(table.index) == ["(none)", *divergence.COMPONENTS]
    assert table["rank correlation with full ranking"].tolist() == [1.0, 0.98, 0.99, 0.91, 0.95]
    assert set(table["most divergent"]) == {"MDA"}
    assert set(table["least divergent"]) == {"BLR"}


def test_a_vote_absent_counts_half_and_a_missing_russian_vote_makes_no_match():
    votes = pd.DataFrame(
        {
            "resolution": ["R1"] * 4 + ["R2"],
            "iso3": ["RUS", "ARM", "KAZ", "GEO", "ARM"],
            "vote": pd.Categorical(["no", "absent", "no", "yes", "yes"]),
        }
    )
    assert divergence.vote_distances(votes).tolist() == [0.0, 0.5, 0.0, 1.0, 1.0]


def csv_rows(name: str) -> list[dict[str, str]]:
    with (helpers.DATA_DIR / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_describe_counts_every_table_s_rows_and_columns():
    table = helpers.describe()
    descriptor = json.loads((helpers.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert list(table.columns) == ["title", "rows", "columns", "description"]
    assert list(table.index) == [r["name"] for r in descriptor["resources"]]
    for resource in descriptor["resources"]:
        row = table.loc[resource["name"]]
        assert row["rows"] == len(csv_rows(resource["name"]))
        assert row["columns"] == len(resource["schema"]["fields"])
        assert (row["title"], row["description"]) == (resource["title"], resource["description"])


def test_describe_leaves_an_untitled_table_s_title_empty(data_copy):
    path = data_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    del descriptor["resources"][0]["title"], descriptor["resources"][0]["description"]
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    row = helpers.describe(data_dir=data_copy).loc["sources"]
    assert (row["title"], row["description"]) == ("", "")


def test_as_of_is_the_latest_day_a_source_was_read(set_cell):
    assert helpers.as_of() == max(pd.Timestamp(r["accessed"]) for r in csv_rows("sources"))
    folder = set_cell("sources", 7, "accessed", "2030-01-02")
    assert helpers.as_of(folder) == pd.Timestamp("2030-01-02")


def test_citations_count_every_source_column_of_every_fact_table():
    counted = claims.citations()
    assert list(counted.columns) == ["source_id", "table", "rows"]
    expected: dict[tuple[str, str], int] = {}
    for table in helpers.tables():
        if table == "sources":
            continue
        for row in csv_rows(table):
            for column, value in row.items():
                if column.endswith("source_id") and value:
                    expected[(value, table)] = expected.get((value, table), 0) + 1
    got = {(s, t): n for s, t, n in counted.itertuples(index=False)}
    assert got == expected
    assert got[("coco-1.3.2", "countries")] == 15


def test_act_outcomes_keep_the_strongest_outcome_and_its_earliest_date():
    table = acts.act_outcomes(["cis-charter-1993", "belavezha-agreement-1991"])
    assert list(table.columns) == ["act_id", "iso3", "outcome", "date", "date_precision",
                                   "disputed"]  # fmt: skip
    assert list(table["act_id"].cat.categories) == ["cis-charter-1993", "belavezha-agreement-1991"]
    assert list(table.index) == list(range(24))
    rows = table.set_index(["act_id", "iso3"])
    assert tuple(rows.loc[("cis-charter-1993", "UKR")][["outcome", "disputed"]]) == (
        "stayed out", False)  # fmt: skip
    assert tuple(rows.loc[("cis-charter-1993", "MDA")]) == (
        "bound", pd.Timestamp("1994-04-01"), "month", True)  # fmt: skip
    assert tuple(rows.loc[("belavezha-agreement-1991", "AZE")]) == (
        "bound", pd.Timestamp("1993-09-01"), "month", True)  # fmt: skip
    assert rows.loc[("cis-charter-1993", "ARM"), "date"] == pd.Timestamp("1994-03-16")
    assert list(table["outcome"].cat.categories) == acts.OUTCOMES


def test_org_timeline_ends_where_the_data_on_the_organisation_ends():
    cst = helpers.org_timeline("CST")
    assert cst["end"].notna().all()
    assert cst["end"].max() == pd.Timestamp("2003-09-17")
    uzbekistan = cst[cst["iso3"] == "UZB"]
    assert uzbekistan[["start", "end", "status"]].astype(str).values.tolist() == [
        ["1992-05-15", "1994-04-19", "signatory"],
        ["1994-04-20", "1999-04-19", "member"],
        ["1999-04-20", "2003-09-17", "none"],
    ]
    assert pd.isna(helpers.org_timeline("CSTO")["end"]).any()  # still current


def test_joint_timeline_joins_cst_and_csto_without_overlap():
    joint = helpers.joint_timeline(["CST", "CSTO"])
    armenia = joint[joint["iso3"] == "ARM"]
    shown = armenia.assign(end=armenia["end"].dt.strftime("%Y-%m-%d").fillna("NaT"))
    assert shown[["org", "start", "end", "status"]].astype(str).values.tolist() == [
        ["CST", "1992-05-15", "1994-04-19", "signatory"],
        ["CST", "1994-04-20", "2003-09-17", "member"],
        ["CSTO", "2003-09-18", "2024-02-21", "member"],  # signed 2002, joined from the CST's end
        ["CSTO", "2024-02-22", "NaT", "member"],
    ]
    for iso3, lane in joint.sort_values(["iso3", "start"]).groupby("iso3"):
        ends, starts = lane["end"].iloc[:-1].to_numpy(), lane["start"].iloc[1:].to_numpy()
        assert (ends < starts).all(), iso3
    assert joint[joint["org"] == "CSTO"]["start"].min() == pd.Timestamp("2003-09-18")


def test_the_catalogue_reads_each_notebook_s_title_and_first_paragraph():
    table = catalogue.notebooks()
    assert list(table.columns) == ["file", "title", "summary"]
    assert table["file"].tolist()[:2] == ["00-index.ipynb", "01-founding.ipynb"]
    assert table.loc[1, "title"] == "From the USSR to the CIS, October 1991 \u2013 1994"
    assert table["summary"].str.len().min() > 40
    assert "\n" not in "".join(table["summary"])
    lines = catalogue.contents().splitlines()
    assert lines[:2] == ["| Notebook | What it answers |", "|---|---|"]
    assert lines[3].startswith(
        "| [From the USSR to the CIS, October 1991 \u2013 1994](01-founding.ipynb) | "
    )
    assert len(lines) == 2 + len(table)


def test_a_notebook_without_heading_or_paragraph_is_named_by_its_file(tmp_path):
    cells = {"cells": [{"cell_type": "code", "source": ["x = 1"]}]}
    (tmp_path / "07-empty.ipynb").write_text(json.dumps(cells), encoding="utf-8")
    (tmp_path / "notes.ipynb").write_text(json.dumps(cells), encoding="utf-8")
    assert catalogue.notebooks(tmp_path).values.tolist() == [["07-empty.ipynb", "07-empty", ""]]


def test_source_lines_name_publisher_title_and_date():
    one = style.source_line(["coco-1.3.2"])
    assert one == ("Source: Konstantin Stadler (country_converter project), "
                   "“country_converter 1.3.2, file country_data.tsv”")  # fmt: skip
    many = ["coco-1.3.2", "kremlin-csto-charter-2002", "mfa-md-guam", "interfax-2025-10-10"]
    assert style.source_line(many, table="org_events") == (
        "Sources: 4 publications; each row of data/org_events.csv names its own. Among them: "
        "Konstantin Stadler (country_converter project); Official website of the President of "
        "Russia; Ministry of Foreign Affairs of Moldova; Interfax"
    )


@pytest.mark.parametrize(
    ("precision", "shown"), [("day", "5 Feb 1993"), ("month", "Feb 1993"), ("year", "1993")]
)
def test_a_date_is_written_to_its_precision(precision, shown):
    assert style.format_date(pd.Timestamp("1993-02-05"), precision) == shown
    assert style.format_date(pd.NaT, precision) == ""


def test_state_names_are_listed_in_order():
    assert style.state_names(["RUS", "ARM", "BLR"]) == "Armenia, Belarus and Russia"
    assert style.state_names(["RUS"]) == "Russia"


def test_many_sources_are_summarised_by_publisher():
    cited = helpers.load("sources").drop_duplicates("publisher")["source_id"].head(8).tolist()
    line = style.source_line([*cited, cited[0]])
    publishers = helpers.load("sources").set_index("source_id").loc[cited, "publisher"]
    assert line == (
        "Sources: 8 publications. Among them: " + "; ".join(publishers[:5]) + " and 3 more"
    )


def test_add_source_writes_the_line_under_the_figure():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    style.add_source(fig, ["coco-1.3.2"], note="A note.")
    (text,) = fig.texts
    assert text.get_text() == style.source_line(["coco-1.3.2"]) + "\nA note."
    x, y = text.get_position()
    assert 0 <= x < 0.1 and y < ax.get_position().y0 - 0.05  # left, below the tick labels
    assert (text.get_ha(), text.get_va(), text.get_fontsize()) == ("left", "top", 8)
    assert text.get_color() == style.INK and text.get_wrap()
    style.add_source(fig, ["coco-1.3.2"])
    assert fig.texts[1].get_text() == style.source_line(["coco-1.3.2"])
    plt.close(fig)


def test_show_displays_a_png_and_closes_the_figure(monkeypatch):
    shown: list = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    fig, ax = plt.subplots(figsize=(2, 1))
    ax.plot([0, 1], [0, 1])
    style.show(fig)
    (image,) = shown
    assert image.data.startswith(b"\x89PNG\r\n\x1a\n") and image.format == "png"
    assert not plt.fignum_exists(fig.number)
    assert b"Software" not in image.data  # no tool name or version in the file


def test_dates_are_shown_at_their_precision_in_a_column():
    frame = pd.DataFrame({"date": pd.to_datetime(["1993-02-05", None]),
                          "date_precision": ["month", "day"]}, index=[7, 9])  # fmt: skip
    shown = style.dates_shown(frame)
    assert shown.tolist() == ["Feb 1993", ""] and list(shown.index) == [7, 9]
    assert shown.dtype == "string"
