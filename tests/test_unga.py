"""UN General Assembly votes: the agreement measure, and the curated votes complete and sourced."""

from __future__ import annotations

import pandas as pd
import pyreadr
import pytest

import helpers
from helpers import unga

RAW = helpers.DATA_DIR / "external" / "unvotes"


@pytest.fixture(scope="module")
def raw_votes() -> pd.DataFrame:
    votes = pyreadr.read_r(RAW / "un_votes.rda")["un_votes"]
    calls = pyreadr.read_r(RAW / "un_roll_calls.rda")["un_roll_calls"]
    return votes.merge(calls[["rcid", "date"]], on="rcid")


@pytest.mark.parametrize(("iso3", "year"), [("KAZ", 2010), ("GEO", 2015), ("BLR", 1995)])
def test_agreement_is_the_share_of_identical_positions_in_the_raw_data(raw_votes, iso3, year):
    iso2 = {"KAZ": "KZ", "GEO": "GE", "BLR": "BY"}[iso3]
    year_votes = raw_votes[pd.to_datetime(raw_votes["date"]).dt.year == year]
    pair = (
        year_votes[year_votes["country_code"].isin([iso2, "RU"])]
        .pivot(index="rcid", columns="country_code", values="vote")
        .dropna()
    )
    expected = (pair[iso2].astype(str) == pair["RU"].astype(str)).mean()
    row = unga.agreement().loc[(iso3, year)]
    assert row["compared"] == len(pair)
    assert row["agreement"] == pytest.approx(expected)


def test_absences_are_left_out_not_counted_as_disagreement():
    votes = unga.votes()
    absent = votes[(votes["vote"] == "absent") & (votes["iso3"] == "TKM") & (votes["year"] == 2005)]
    year = int(absent["year"].iloc[0])
    positions = votes[(votes["iso3"] == "TKM") & (votes["year"] == year)]
    russia = set(
        votes.loc[(votes["iso3"] == "RUS") & votes["vote"].isin(unga.POSITIONS), "roll_call_id"]
    )
    took_position = positions["vote"].isin(unga.POSITIONS) & positions["roll_call_id"].isin(russia)
    assert unga.agreement().loc[("TKM", year), "compared"] == took_position.sum()


def test_complete_years_end_with_voeten_s_data():
    assert unga.complete_until() == 2019


@pytest.fixture(scope="module")
def ukraine() -> pd.DataFrame:
    return unga.ukraine_votes()


def test_every_ukraine_resolution_has_a_row_for_each_state(ukraine):
    assert (ukraine.groupby("resolution").size() == unga.STATES).all()
    assert {f"A/RES/ES-11/{n}" for n in range(1, 8)} <= set(ukraine["resolution"])


def test_every_curated_vote_is_sourced_or_explained():
    votes = helpers.load("un_votes")
    curated = votes[~votes["roll_call_id"].str.startswith("V") | votes["locator"].notna()]
    assert curated["source_id"].notna().all()
    unknown = curated[curated["vote"].isna()]
    assert unknown["note"].notna().all()


def test_known_votes_on_the_first_emergency_resolution(ukraine):
    first = ukraine[ukraine["resolution"] == "A/RES/ES-11/1"].set_index("iso3")["vote"]
    assert first["BLR"] == first["RUS"] == "no"
    assert first["KAZ"] == "abstain"
    assert first["GEO"] == "yes"


def test_the_2014_vote_agrees_with_voeten_s_raw_data(raw_votes):
    ours = helpers.load("un_votes").query("roll_call_id == 'V5309'").set_index("iso3")["vote"]
    iso2 = dict(
        zip(
            helpers.load("countries")["iso3"],
            [
                "AM",
                "AZ",
                "BY",
                "EE",
                "GE",
                "KZ",
                "KG",
                "LT",
                "LV",
                "MD",
                "RU",
                "TJ",
                "TM",
                "UA",
                "UZ",
            ],
            strict=True,
        )
    )
    theirs = raw_votes[raw_votes["rcid"] == 5309].set_index("country_code")["vote"].astype(str)
    assert len(ours) == unga.STATES
    for iso3, vote in ours.items():
        assert theirs.get(iso2[iso3], "absent") == vote, iso3
