"""Summits since 1991: a formal Council of Heads of State every year, each sourced and claimed."""

import pandas as pd
import pytest

import helpers

# Years for which the sources read give a formal session of the Council of Heads of State
# (month or day known): every year from 1992 to 2025.
FORMAL_YEARS = range(1992, 2026)


@pytest.fixture(scope="module")
def summits():
    return helpers.load("summits")


@pytest.mark.parametrize("year", FORMAL_YEARS)
def test_a_formal_council_every_year(summits, year):
    formal = summits[(summits["format"] == "formal") & (summits["date"].dt.year == year)]
    assert len(formal) >= 1
    assert formal["source_id"].notna().all()


def test_the_record_starts_with_the_first_council_in_december_1991(summits):
    assert summits["date"].min() == pd.Timestamp("1991-12-30")


def test_every_summit_is_sourced_and_its_followed_claim_is_in_summit_claims(summits):
    sources = set(helpers.load("sources")["source_id"])
    assert set(summits["source_id"]) <= sources
    claims = helpers.load("summit_claims")
    followed = summits.merge(claims, on=["summit_id", "date", "source_id"])
    assert set(followed["summit_id"]) == set(summits["summit_id"])


def test_id_month_matches_the_date(summits):
    ids = summits["summit_id"].str.slice(-7)
    assert (ids == summits["date"].dt.strftime("%Y-%m")).all()


def test_attendance_rows_name_known_summits_and_states():
    attendance = helpers.load("summit_attendance")
    assert set(attendance["summit_id"]) <= set(helpers.load("summits")["summit_id"])
    absent = attendance[~attendance["attended"].astype(bool)]
    assert (absent["representative"] == "none").all()


def test_competing_dates_are_kept_and_resolved():
    disputes = helpers.claims.date_disputes("summit_claims")
    assert {"formal-1998-04", "formal-2021-10"} <= set(disputes["summit_id"])
    verdicts = helpers.discrepancies().query("table == 'summit_claims'")["verdict"]
    assert (verdicts != "unresolved").all()
