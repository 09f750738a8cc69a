"""Summits since 1991: a formal Council of Heads of State every year, each sourced and claimed."""

import pandas as pd
import pytest

import helpers
from helpers import summits as summits_module

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


# Meetings the CIS Executive Committee counts that an earlier pass had missed (issue 16), with
# the place each source gives.
FOUND_LATER = {
    "formal-1992-02": "Minsk",
    # the extraordinary meeting of the presidents in Moscow on 16 Jan 1992 (LA Times, NRC, RFE/RL)
    "formal-1992-01": "Moscow",
    "formal-1993-05": "Moscow",
    "formal-1993-12": "Ashgabat",
    "formal-1996-05": "Moscow",
    "formal-2000-06": "Moscow",
    "formal-2000-12": "Minsk",
    "formal-2001-11": "Moscow",
    "informal-2002-03": "Almaty",
    "informal-2008-12": "Borovoye",
    "informal-2019-12": "St Petersburg",
    "informal-2022-10": "St Petersburg",
    "formal-1994-04": "Moscow",  # place filled
    "formal-1995-05": "Minsk",  # place filled
    # informal meetings found in a later pass (RIA 2002 counts Yalta and Sochi before Almaty)
    "informal-2000-08": "Yalta",
    "informal-2001-08": "Sochi",
    "informal-2005-05": "Moscow",
    "informal-2008-06": "St Petersburg",
    "informal-2015-05": "Moscow",
    "informal-2017-12": "Novo-Ogaryovo, outside Moscow",  # place filled
}


@pytest.mark.parametrize("summit", sorted(FOUND_LATER))
def test_meetings_found_later_are_recorded_with_their_place(summits, summit):
    row = summits.set_index("summit_id").loc[summit]
    assert row["place"] == FOUND_LATER[summit]


def test_no_more_meetings_to_the_end_of_2023_than_the_executive_committee_counts(summits):
    # TASS factbox (tass-2024-10-factbox-cis-summits): 51 formal and 22 informal to the end of 2023
    counts = summits[summits["date"] < "2024-01-01"].groupby("format").size()
    assert counts["formal"] <= 51 and counts["informal"] <= 22


def test_every_count_of_meetings_is_checked_against_the_table():
    claimed = helpers.load("claims")
    ordinals = set(claimed.loc[claimed["unit"] == "meeting (ordinal)", "quantity"])
    assert ordinals <= set(summits_module.COUNTED) <= set(claimed["quantity"])
    counted = summits_module.counts_against_claims()
    assert counted[["period_start", "period_end"]].notna().all().all()
    assert len(counted) == claimed["quantity"].isin(list(summits_module.COUNTED)).sum()


def test_counts_that_list_their_meetings_agree_with_the_table():
    counted = summits_module.counts_against_claims().set_index("claim_id")
    # RIA names the three informal summits (Yalta 2000, Sochi 2001, Almaty 2002); the reports on
    # 1997-98 say no meeting fell between the summits they name.
    agree = ["cis-informal-ordinal-2002-03", "chs-meetings-1997-10-to-1998-04-irishtimes"]
    assert (counted.loc[agree, "difference"] == 0).all()
    assert counted.loc["cis-summit-ordinal-1995-05", ["claimed", "held"]].tolist() == [16, 16]


def test_the_ordinals_of_1992_to_1995_agree_and_the_gaps_around_them_are_empty():
    counted = summits_module.counts_against_claims().set_index("claim_id")
    # AP's 'fourth summit' (Kyiv, Mar 1992), Universalis's fifth and the French press's 15th and
    # 16th ran one ahead of the table until the Moscow meeting of 16 Jan 1992 was found; with it
    # they agree, the Alma-Ata meeting of 21 Dec 1991 still kept as a founding act.
    early = ["cis-summit-ordinal-1992-03", "cis-summit-ordinal-1992-05",
             "cis-summit-ordinal-1995-02", "cis-summit-ordinal-1995-05"]  # fmt: skip
    assert (counted.loc[early, "difference"] == 0).all()
    # No meeting between Minsk (May 1995) and Moscow (Jan 1996), nor from Apr 1998 to Apr 1999
    # (Jamestown's 'long-overdue' in March and 'long-delayed' summit of 2 April 1999).
    empty = ["chs-meetings-1995-05-to-1996-01-jamestown",
             "chs-meetings-1998-04-to-1999-03-jamestown",
             "chs-meetings-1998-04-to-1999-04-jamestown-long-delayed"]  # fmt: skip
    assert (counted.loc[empty, ["claimed", "held"]] == 0).all().all()


def test_anniversary_ordinals_fit_no_count_of_the_table():
    # Itar-Tass's '20th CIS summit' (2011) and Kazinform's '25th jubilee summit' (2016) fall in the
    # CIS's 20th and 25th anniversary years; the table has the 37th and 42nd formal meetings.
    counted = summits_module.counts_against_claims().set_index("claim_id")
    jubilee = counted.loc[["cis-summit-ordinal-2011-09", "cis-summit-ordinal-2016-09"]]
    assert jubilee[["claimed", "held"]].values.tolist() == [[20, 37], [25, 42]]


def test_chairmanships_are_known_for_every_year_from_1994():
    # 1995 (Yeltsin chaired the Minsk Council), 2008 (Kyrgyzstan, chosen at Dushanbe in 2007) and
    # 2011 (Tajikistan, from the Moscow Council of Dec 2010) were the last gaps.
    chairs = helpers.load("chairmanships").dropna(subset=["iso3"])
    held = chairs[chairs["held"].astype("boolean").fillna(True)]
    assert set(range(1994, 2027)) - set(held["year"]) == set()
    assert set(held.query("year in [1995, 2008, 2011]")["iso3"]) == {"RUS", "KGZ", "TJK"}
    verdict = helpers.discrepancies().query("table == 'chairmanships' and subject == '2004'")
    assert set(verdict["verdict"]) == {"not-a-contradiction"}  # Kuchma, then Putin from 16 Sep


def test_unchecked_spans_leave_out_meetings_and_spans_a_source_says_were_empty():
    spans = summits_module.unchecked_spans("1995-05-26", "2000-01-25")
    assert list(spans.columns) == ["first", "last", "days"]
    # 28 Mar 1997 to 29 Apr 1998: two reports of no meeting between three summits
    assert not spans["first"].between("1997-03-28", "1998-04-29").any()
    assert spans.iloc[0].tolist() == [pd.Timestamp("1996-01-20"), pd.Timestamp("1996-05-16"), 118]
    assert (spans["days"] == (spans["last"] - spans["first"]).dt.days + 1).all()
    assert summits_module.unchecked_spans("1997-03-28", "1997-10-23").empty
    # 8 Mar to 1 Apr 1999 is closed by the 'long-delayed' summit of 2 April 1999; three stretches
    # remain open: Jan-May 1996, May 1996-Mar 1997 and Apr 1999-Jan 2000.
    assert summits_module.unchecked_spans("1998-04-29", "1999-04-02").empty
    assert spans["days"].tolist() == [118, 314, 297]


@pytest.mark.parametrize(
    ("start", "end", "says"),
    [("2000-01-25", "1995-05-26", "must run forwards"), ("May 1995", "2000-01-25", "not a date")],
)
def test_unchecked_spans_refuse_a_backward_span_or_a_non_date(start, end, says):
    with pytest.raises(ValueError, match=says):
        summits_module.unchecked_spans(start, end)


def test_none_held_lists_the_reports_of_no_meeting_oldest_span_first():
    empty = summits_module.none_held()
    assert (empty["value"] == 0).all() and empty["period_start"].is_monotonic_increasing
    assert "chs-meetings-1997-03-to-1997-10-rferl" in set(empty["claim_id"])


@pytest.mark.parametrize(
    ("qualifier", "value", "short"),
    [("more than", "22", 1), ("more than", "21", 0), ("at least", "22", 0), ("", "21", -1)],
)
def test_a_lower_bound_is_met_when_the_table_reaches_it(add_row, qualifier, value, short):
    # The table holds 22 informal meetings to the end of 2023.
    data = add_row(
        "claims", claim_id="bound-test", topic="other", quantity="chs-informal-meetings-since-1991",
        subject="informal summits", measure="level", period_start="1991-01-01",
        period_end="2023-12-31", value=value, unit="meetings", qualifier=qualifier, kind="actual",
        speaker="test", source_id="tass-2024-10-factbox-cis-summits",
    )  # fmt: skip
    counted = summits_module.counts_against_claims(data).set_index("claim_id")
    assert counted.loc["bound-test", "difference"] == short
