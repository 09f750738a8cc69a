"""The country-year panel: its contract (rows, columns, NaN rules) and values checked against
the raw snapshots."""

from __future__ import annotations

import json

import pandas as pd
import pyreadr
import pytest

import helpers
from helpers import country_year as panel_module

EXTERNAL = helpers.DATA_DIR / "external"


@pytest.fixture  # per test, so that mutation testing links each test to the code it runs
def panel() -> pd.DataFrame:
    return panel_module.panel().set_index(["iso3", "year"])


def test_one_row_per_post_soviet_state_and_year(panel):
    states = set(helpers.load("countries").query("post_soviet")["iso3"])
    years = range(1992, panel_module.last_year() + 1)
    assert panel.index.is_unique
    assert set(panel.index) == {(s, y) for s in states for y in years}
    assert panel_module.last_year() == 2025  # the data's as-of date is in November 2026


def test_columns_follow_the_codebook():
    frame = panel_module.panel()
    assert list(frame.columns) == panel_module.COLUMNS
    assert list(panel_module.codebook().index) == panel_module.COLUMNS
    assert panel_module.codebook()["description"].str.len().gt(10).all()


def test_statuses_and_indicators_are_the_panels_first_columns(panel):
    first = panel_module.statuses_and_indicators().set_index(["iso3", "year"])
    assert {"cis_legal_status", "eaeu_member", "gdp_usd", "remittances_pct_gdp"} <= set(first)
    assert not {"trade_usd_m", "russia_trade_share", "divergence"} & set(first)
    pd.testing.assert_frame_equal(first, panel[list(first.columns)])


def test_missing_is_missing_never_zero(panel):
    assert panel.loc["RUS", "russia_trade_share"].isna().all()
    assert panel.loc["RUS", "un_agreement_russia"].isna().all()
    assert panel.xs(2015, level="year")["russia_trade_share"].isna().all()  # COW ends in 2014
    assert panel.xs(2022, level="year")["un_agreement_russia"].isna().all()  # selective record
    assert pd.isna(panel.loc[("KAZ", 1992), "russia_trade_share"])  # 0 both ways: not reported
    assert panel.loc["TKM", "remittances_pct_gdp"].notna().sum() == 1  # 1996 only
    assert panel.loc["RUS", "divergence"].isna().all()  # the reference point
    assert panel.loc[("EST", 2025), "divergence_signals"] < 3  # too thin: no score
    assert pd.isna(panel.loc[("EST", 2025), "divergence"])
    assert (panel["russia_trade_share"].dropna() > 0).all()


def test_year_end_status_follows_the_models(panel):
    assert panel.loc[("GEO", 2008), "cis_legal_status"] == "member"
    assert panel.loc[("GEO", 2009), "cis_legal_status"] == "former"
    assert panel.loc[("UKR", 2019), "cis_participation"] == "none"
    uzbekistan = panel.loc["UZB", "csto_member"]
    assert not uzbekistan[2005] and uzbekistan[2006] and uzbekistan[2011] and not uzbekistan[2012]
    assert panel.loc[
        ("KAZ", 2002), "csto_member"
    ]  # the treaty, before the CSTO Charter took effect
    assert panel.loc[("ARM", 2025), "csto_member"]  # frozen participation, legal member
    assert not panel.loc[("ARM", 2014), "eaeu_member"] and panel.loc[("ARM", 2015), "eaeu_member"]


def test_macro_values_equal_the_raw_snapshots(panel):
    gdp = pd.read_csv(EXTERNAL / "gdp" / "gdp.csv").set_index(["Country Code", "Year"])["Value"]
    population = pd.read_csv(EXTERNAL / "population" / "population.csv").set_index(
        ["Country Code", "Year"]
    )["Value"]
    assert panel.loc[("KAZ", 2020), "gdp_usd"] == gdp[("KAZ", 2020)]
    assert panel.loc[("UKR", 2024), "population"] == population[("UKR", 2024)]
    assert panel.loc[("TJK", 2024), "remittances_pct_gdp"] == pytest.approx(47.9, abs=0.05)


def test_russia_trade_share_equals_the_raw_trade_data(panel):
    dyads = pyreadr.read_r(EXTERNAL / "trade" / "cow_trade_ndy.rda")["cow_trade_ndy"]
    totals = pyreadr.read_r(EXTERNAL / "trade" / "cow_trade_sy.rda")["cow_trade_sy"]
    pair = dyads[(dyads["ccode1"] == 365) & (dyads["ccode2"] == 371) & (dyads["year"] == 2010)]
    armenia = totals[(totals["ccode"] == 371) & (totals["year"] == 2010)]
    expected = (pair["flow1"] + pair["flow2"]).item() / (
        armenia["imports"] + armenia["exports"]
    ).item()
    assert panel.loc[("ARM", 2010), "russia_trade_share"] == pytest.approx(expected)


def test_agreement_tracks_the_published_agreement_scores(panel):
    published = helpers.load("un_agreement").assign(year=lambda t: t["session"] + 1945)
    both = published.set_index(["iso3", "year"])["agreement_russia"].astype(float).to_frame()
    both = both.join(panel["un_agreement_russia"].astype(float)).dropna()
    assert len(both) > 300
    assert both.corr().iloc[0, 1] > 0.9


def test_write_panel_writes_csv_and_a_descriptor(tmp_path):
    descriptor = panel_module.write_panel(tmp_path)
    fields = json.loads(descriptor.read_text())["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields] == panel_module.COLUMNS
    written = pd.read_csv(tmp_path / "panel.csv")
    assert list(written.columns) == panel_module.COLUMNS
    assert len(written) == len(panel_module.panel())


def test_the_panel_reads_every_table_from_the_folder_it_is_given(set_cell, panel):
    set_cell("indicators", 692, "value", "1.0")  # KAZ 2020 GDP
    set_cell("trade", 2325, "exports", "1000.0")  # KAZ with the world, 2010
    set_cell("ideal_points", 186, "ideal_point", "0.5")  # KAZ 2010
    set_cell("org_status_changes", 25, "participation", "full")  # ARM's CSTO freeze undone
    set_cell("status_changes", 17, "participation", "full")  # GEO 2006: full, not partial
    set_cell("un_votes", 184, "vote", "yes")  # BLR on ES-11/1
    set_cell("summit_attendance", 11, "attended", "true")  # MDA, informal-2022-12
    set_cell("divergence_events", 32, "direction", "towards")  # KAZ 2022, one of two steps
    folder = set_cell("trade_official", 65, "value", "0.1")  # GEO's 2023 imports from Russia
    moved = panel_module.panel(folder).set_index(["iso3", "year"])
    assert moved.loc[("KAZ", 2020), "gdp_usd"] == 1.0
    assert moved.loc[("KAZ", 2010), "trade_usd_m"] == pytest.approx(
        panel.loc[("KAZ", 2010), "trade_usd_m"] - 56972.78608892991 + 1000.0
    )
    assert moved.loc[("KAZ", 2010), "ideal_point"] == 0.5
    assert (
        moved.loc[("KAZ", 2010), "div_ideal_point"] != panel.loc[("KAZ", 2010), "div_ideal_point"]
    )
    assert moved.loc[("ARM", 2024), "csto_participation"] == "full"
    assert moved.loc[("GEO", 2006), "cis_participation"] == "full"
    assert panel.loc[("GEO", 2006), "cis_participation"] == "partial"
    ukraine = ("BLR", 2022), "un_agreement_russia_ukraine"
    assert moved.loc[ukraine] < panel.loc[ukraine]
    assert moved.loc[("MDA", 2022), "div_summits"] < panel.loc[("MDA", 2022), "div_summits"]
    assert moved.loc[("KAZ", 2022), "div_events"] < panel.loc[("KAZ", 2022), "div_events"]
    assert moved.loc[("GEO", 2023), "div_trade"] > panel.loc[("GEO", 2023), "div_trade"]


def test_the_last_complete_year_comes_from_the_folder_it_is_given(set_cell, panel):
    folder = set_cell("un_roll_calls", 2566, "date", "2021-01-14")  # Voeten's last roll call
    assert helpers.unga.complete_until(folder) == 2020
    moved = panel_module.panel(folder).set_index(["iso3", "year"])
    assert moved.xs(2020, level="year")["div_un_all"].notna().any()
    assert panel.xs(2020, level="year")["div_un_all"].isna().all()


def test_organisation_columns_before_and_outside_membership(panel):
    assert panel.loc[("UKR", 2000), "csto_status"] == "none"  # never in the treaty: no link
    assert panel.loc[("UKR", 2000), "csto_participation"] == "none"
    assert not panel.loc[("UKR", 2000), "csto_member"]
    assert pd.isna(panel.loc[("ARM", 2014), "eaeu_status"])  # before the EAEU existed
    assert pd.isna(panel.loc[("ARM", 2014), "eaeu_participation"])
    assert panel.loc[("ARM", 2015), "eaeu_status"] == "member"


def test_un_columns_are_nullable_numbers(panel):
    for column in ["un_agreement_russia", "un_agreement_russia_ukraine"]:
        assert panel[column].dtype == "Float64", column
    assert panel["un_roll_calls_compared"].dtype == "Int64"


def test_agreement_on_ukraine_is_the_share_of_votes_cast_as_russia_did(panel):
    votes = helpers.unga.votes()
    part = votes["amendment"].fillna(False) | votes["paragraph"].fillna(False)
    votes = votes[(votes["about"] == "UKR") & ~part.astype(bool)]
    cast = votes[votes["vote"].isin(["yes", "no", "abstain"])]
    table = cast.pivot(index="roll_call_id", columns="iso3", values="vote").astype(object)
    year = cast.groupby("roll_call_id")["year"].first()
    for iso3, expected_year in [("BLR", 2022), ("GEO", 2022), ("KAZ", 2023), ("ARM", 2014)]:
        pair = table[[iso3, "RUS"]].dropna()
        pair = pair[year[pair.index] == expected_year]
        expected = (pair[iso3] == pair["RUS"]).mean()
        got = panel.loc[(iso3, expected_year), "un_agreement_russia_ukraine"]
        assert got == pytest.approx(expected), iso3
    assert panel.loc[("BLR", 2022), "un_agreement_russia_ukraine"] == 1.0
    assert panel.loc[("GEO", 2022), "un_agreement_russia_ukraine"] == 0.0


def test_the_last_year_is_the_last_that_has_ended(monkeypatch):
    monkeypatch.setattr(panel_module, "as_of", lambda data_dir: pd.Timestamp("2026-12-31"))
    assert panel_module.last_year() == 2026
    monkeypatch.setattr(panel_module, "as_of", lambda data_dir: pd.Timestamp("2026-12-30"))
    assert panel_module.last_year() == 2025
    monkeypatch.setattr(panel_module, "as_of", lambda data_dir: pd.Timestamp("2026-01-31"))
    assert panel_module.last_year() == 2025


def test_codebook_columns():
    book = panel_module.codebook()
    assert list(book.columns) == ["type", "unit", "source", "description"]
    assert book.index.name == "column"
    assert book.loc["gdp_usd", "unit"] == "current US$"


def test_write_panel_descriptor_in_full(tmp_path, monkeypatch):
    asked = []
    small = pd.DataFrame({"iso3": ["AAA"], "year": [2020]})

    def fake_panel(data_dir=None):
        asked.append(data_dir)
        return small

    monkeypatch.setattr(panel_module, "panel", fake_panel)
    folder = tmp_path / "out" / "nested"
    path = panel_module.write_panel(folder, data_dir="some-data")
    assert asked == ["some-data"]
    assert path == folder / "datapackage.json"
    assert (folder / "panel.csv").read_text() == "iso3,year\nAAA,2020\n"
    descriptor = json.loads(path.read_text())
    fields = descriptor["resources"][0].pop("schema")["fields"]
    assert descriptor == {
        "name": "cis-panel",
        "title": "Post-Soviet states: country-year panel",
        "licenses": [{"name": "CC-BY-4.0"}],
        "resources": [{"name": "panel", "path": "panel.csv"}],
    }
    schema = json.loads(path.read_text())["resources"][0]["schema"]
    assert schema["primaryKey"] == ["iso3", "year"]
    iso3 = fields[0]
    assert iso3 == {
        "name": "iso3",
        "type": "string",
        "description": "ISO 3166-1 alpha-3 code of the state. Unit: none. Source: countries.",
    }
    assert fields[1]["description"].endswith("Unit: none. Source: computed.")
    assert fields[7]["description"].endswith(
        "Unit: current US$. Source: indicators (wb-wdi-gdp-2024-10)."
    )


def fake_load(monkeypatch, tables: dict[str, pd.DataFrame]) -> None:
    monkeypatch.setattr(panel_module, "load", lambda name, data_dir=None: tables[name].copy())


def test_trade_share_needs_flows_both_with_russia_and_with_the_world(monkeypatch):
    trade = pd.DataFrame(
        {
            "reporter": ["AAA", "AAA", "BBB", "BBB", "CCC", "CCC"],
            "partner": ["WLD", "RUS", "WLD", "RUS", "WLD", "RUS"],
            "year": [2000, 2000, 2000, 2000, 1992, 1992],
            "exports": [30.0, 5.0, 0.0, 2.0, 10.0, 0.0],
            "imports": [10.0, 5.0, 0.0, 1.0, 10.0, 0.0],
        }
    )
    fake_load(monkeypatch, {"trade": trade})
    index = pd.MultiIndex.from_tuples(
        [("AAA", 2000), ("BBB", 2000), ("CCC", 1992)], names=["iso3", "year"]
    )
    status = pd.DataFrame({"cis_legal_status": ["member", "member", "member"]}, index=index)
    frame = panel_module._trade(status, pd.Series(["AAA", "BBB", "CCC", "RUS"]), None)
    assert frame.index.names == ["iso3", "year"]
    assert frame.loc[("AAA", 2000)].tolist() == [40.0, 0.25]
    assert frame.loc[("BBB", 2000), "trade_usd_m"] == 0.0
    assert pd.isna(frame.loc[("BBB", 2000), "russia_trade_share"])  # no world total
    assert pd.isna(frame.loc[("CCC", 1992), "russia_trade_share"])  # 0 both ways: not reported


def test_indicators_keep_the_four_panel_columns(monkeypatch):
    indicators = pd.DataFrame(
        {
            "iso3": ["AAA", "AAA", "AAA"],
            "year": [2000, 2000, 2000],
            "indicator": ["population", "gdp_usd", "inflation"],
            "value": [5.0, 7.0, 9.0],
        }
    )
    fake_load(monkeypatch, {"indicators": indicators})
    wide = panel_module._indicators(None)
    assert list(wide.columns) == [
        "gdp_usd",
        "population",
        "gdp_per_head_ppp",
        "remittances_pct_gdp",
    ]
    assert wide.loc[("AAA", 2000), "gdp_usd"] == 7.0
    assert wide.loc[("AAA", 2000), ["gdp_per_head_ppp", "remittances_pct_gdp"]].isna().all()


def test_a_state_without_a_link_to_an_organisation_is_none_inside_its_coverage(monkeypatch):
    day = pd.Timestamp
    covered = pd.DataFrame(
        {
            "covered_from": [day("1992-05-15"), day("2003-09-18")],
            "covered_until": [day("2003-09-17"), pd.NaT],
        },
        index=["CST", "CSTO"],
    )

    def link(start: str, status: str, participation: str) -> pd.DataFrame:
        """AAA's one open-ended link to an organisation."""
        return pd.DataFrame({"iso3": ["AAA"], "start": [day(start)], "end": [pd.NaT],
                             "status": [status], "participation": [participation]})  # fmt: skip

    links = {"CST": link("1992-05-15", "signatory", "full"),
             "CSTO": link("2003-09-18", "member", "partial")}  # fmt: skip
    monkeypatch.setattr(panel_module, "organisations", lambda data_dir: covered)
    monkeypatch.setattr(panel_module, "org_timeline", lambda org, data_dir: links[org])
    index = pd.MultiIndex.from_product([["AAA", "BBB"], [1991, 1995, 2005]], names=["iso3", "year"])
    status = panel_module._org_status(index, ["CST", "CSTO"], None)
    assert status.loc[("AAA", 1995)].tolist() == ["signatory", "full"]
    assert status.loc[("AAA", 2005)].tolist() == ["member", "partial"]
    assert status.loc[("BBB", 1995)].tolist() == ["none", "none"]
    assert status.loc[("BBB", 2005)].tolist() == ["none", "none"]
    assert status.loc[[("AAA", 1991), ("BBB", 1991)]].isna().all().all()  # before the treaty
