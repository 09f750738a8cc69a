"""The numbers and tables a reader sees, pinned: describe(), as_of(),
citations(), act outcomes, the frameworks' timelines, the catalogue and source lines. Each
expected value was checked against the data by hand; a change here is a change a reader would
notice."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

import helpers
from helpers import acts, catalogue, claims, style


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


def test_dates_are_shown_at_their_precision_in_a_column():
    frame = pd.DataFrame({"date": pd.to_datetime(["1993-02-05", None]),
                          "date_precision": ["month", "day"]}, index=[7, 9])  # fmt: skip
    shown = style.dates_shown(frame)
    assert shown.tolist() == ["Feb 1993", ""] and list(shown.index) == [7, 9]
    assert shown.dtype == "string"
