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


@pytest.fixture(scope="module")
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
