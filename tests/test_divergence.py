"""The divergence indicator: scored states come from the status model, components stay in [0, 1],
and the documented vote scoring holds."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers import divergence


@pytest.fixture(scope="module")
def parts() -> pd.DataFrame:
    return divergence.components(range(2022, 2026))


def test_only_cis_members_and_associates_are_scored(parts):
    scored = set(parts.index.get_level_values("iso3"))
    assert {"RUS", "UKR", "GEO", "EST"}.isdisjoint(scored)
    assert "TKM" in scored  # an associate


def test_components_lie_between_zero_and_one(parts):
    values = parts.stack().dropna()
    assert values.between(0, 1).all()


def test_votes_are_scored_against_russia_s_vote():
    votes = helpers.load("un_votes").query("resolution == 'A/RES/ES-11/1'").set_index("iso3")
    distance = divergence.vote_distances(votes.reset_index()).set_axis(votes.index)
    assert distance["BLR"] == 0.0  # voted as Russia did
    assert distance["KAZ"] == 0.5  # abstained
    assert distance["GEO"] == 1.0  # voted the other way
    assert pd.isna(distance["UKR"])  # not established


def test_moldova_missed_every_summit(parts):
    assert (parts.xs("MDA", level="iso3")["summits missed"] == 1.0).all()


CIS_AND_TURKMENISTAN = {"ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UZB"}
# Absences at the informal December meetings, as the four summit reports give them
ABSENT = {
    "informal-2022-12": {"MDA"},
    "informal-2023-12": {"MDA"},
    "informal-2024-12": {"ARM", "AZE", "MDA"},  # Aliyev turned back after the Aktau crash
    "informal-2025-12": {"AZE", "MDA"},  # Aliyev cited his schedule
}


@pytest.mark.parametrize("summit", sorted(ABSENT))
def test_informal_summit_attendance_is_complete_and_matches_the_reports(summit):
    rows = helpers.load("summit_attendance").query("summit_id == @summit")
    assert set(rows["iso3"]) == CIS_AND_TURKMENISTAN | {"UKR"}  # Ukraine: listed as absent
    absent = set(rows.loc[~rows["attended"].astype(bool), "iso3"]) & CIS_AND_TURKMENISTAN
    assert absent == ABSENT[summit]


def test_every_vote_is_sourced_or_explicitly_unknown():
    votes = helpers.load("un_votes")
    assert len(votes) == 4 * 15  # four resolutions, fifteen post-Soviet states
    unknown = votes[votes["vote"].isna()]
    assert unknown["note"].str.startswith("Not established").all()
    assert votes["source_id"].notna().all()
