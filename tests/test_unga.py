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


@pytest.fixture  # per test, so that mutation testing links each test to the code it runs
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


def synthetic_votes(rows: list[tuple]) -> pd.DataFrame:
    columns = ["roll_call_id", "year", "about", "amendment", "paragraph", "iso3", "vote"]
    return pd.DataFrame(rows, columns=columns)


SYNTHETIC = synthetic_votes(
    [
        ("R1", 2020, "UKR", False, False, "RUS", "no"),
        ("R1", 2020, "UKR", False, False, "AAA", "yes"),
        ("R1", 2020, "UKR", False, False, "BBB", "no"),
        ("R2", 2020, "UKR", True, False, "RUS", "no"),  # an amendment
        ("R2", 2020, "UKR", True, False, "AAA", "no"),
        ("R3", 2020, "GEO", False, None, "RUS", "yes"),
        ("R3", 2020, "GEO", False, None, "AAA", "yes"),
        ("R3", 2020, "GEO", False, None, "BBB", "absent"),  # left out
        ("R4", 2021, "UKR", None, True, "RUS", "no"),  # a paragraph
        ("R4", 2021, "UKR", None, True, "AAA", "no"),
        ("R5", 2021, None, False, False, "AAA", "abstain"),  # Russia did not vote
        ("R5", 2021, None, False, False, "RUS", "absent"),
    ]
)


def test_agreement_on_synthetic_votes():
    result = unga.agreement(frame=SYNTHETIC)
    assert result.to_dict("index") == {
        ("AAA", 2020): {"compared": 3, "agreement": 2 / 3},
        ("AAA", 2021): {"compared": 1, "agreement": 1.0},
        ("BBB", 2020): {"compared": 1, "agreement": 1.0},
    }
    ukraine = unga.agreement(about="UKR", frame=SYNTHETIC)  # whole resolutions only
    assert ukraine.to_dict("index") == {
        ("AAA", 2020): {"compared": 1, "agreement": 0.0},
        ("BBB", 2020): {"compared": 1, "agreement": 1.0},
    }
    against_aaa = unga.agreement(reference="AAA", frame=SYNTHETIC)
    assert against_aaa.loc[("RUS", 2020)].tolist() == [3, 2 / 3]
    assert against_aaa.loc[("BBB", 2020)].tolist() == [1, 0.0]
    assert ("AAA", 2020) not in against_aaa.index


def test_whole_resolutions_exclude_amendments_and_paragraphs():
    calls = pd.DataFrame(
        {
            "amendment": [False, True, None, False, None],
            "paragraph": [False, None, True, True, None],
        }
    )
    assert unga.whole_resolution(calls).tolist() == [True, False, False, False, True]


def test_a_vote_no_source_records_keeps_the_roll_call_s_source(ukraine):
    row = ukraine.set_index(["roll_call_id", "iso3"]).loc[("V5489", "AZE")]
    assert pd.isna(row["vote"])
    assert row["source_id"] == "voeten-unvotes-2021"
    assert ukraine["source_id"].notna().all()
    recorded = ukraine.set_index(["roll_call_id", "iso3"]).loc[("A/RES/ES-11/1", "BLR")]
    assert recorded["source_id"] == "abc-au-2022-03-03-unga-vote"  # the vote's own source
    assert ukraine["date"].is_monotonic_increasing


def test_votes_and_roll_calls_come_from_the_folder_given(set_cell):
    set_cell("un_votes", 184, "vote", "yes")  # BLR on ES-11/1
    folder = set_cell("un_roll_calls", 2573, "title", "Changed title")  # ES-11/1
    votes = unga.votes(folder)
    es = votes[(votes["roll_call_id"] == "A/RES/ES-11/1")].set_index("iso3")
    assert es.loc["BLR", "vote"] == "yes"
    assert es.loc["BLR", "title"] == "Changed title"
    assert es.loc["BLR", "year"] == 2022
    grid = unga.ukraine_votes(folder).set_index(["roll_call_id", "iso3"])
    assert grid.loc[("A/RES/ES-11/1", "BLR"), "vote"] == "yes"
    assert grid.loc[("A/RES/ES-11/1", "BLR"), "title"] == "Changed title"
    assert unga.agreement(data_dir=folder, about="UKR").loc[("BLR", 2022), "agreement"] < 1.0
