"""members_on answers as the sources say: Uzbekistan in and out of the CSTO, Armenia's freeze."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers

# (organisation, date, states that are legally members that day)
KNOWN = [
    ("CST", "1994-04-19", set()),  # signed in 1992-93, in force 20 Apr 1994
    ("CST", "1994-04-20", {"ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB"}),
    ("CST", "1999-04-20", {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}),  # three did not renew
    ("CSTO", "2003-09-18", {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}),
    ("CSTO", "2006-08-16", {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"}),  # Uzbekistan back
    ("CSTO", "2012-12-18", {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"}),
    ("CSTO", "2012-12-19", {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}),  # suspension granted
    ("CSTO", "2024-02-22", {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}),  # Armenia frozen, not out
    ("EAEU", "2015-01-01", {"BLR", "KAZ", "RUS"}),
    ("EAEU", "2015-08-06", {"ARM", "BLR", "KAZ", "KGZ", "RUS"}),
    ("GUAM", "2000-01-01", {"AZE", "GEO", "MDA", "UKR", "UZB"}),
    ("GUAM", "2005-05-01", {"AZE", "GEO", "MDA", "UKR"}),
    ("UNION-STATE", "2000-01-26", {"BLR", "RUS"}),
]


@pytest.mark.parametrize(("org", "date", "members"), KNOWN)
def test_members_on_known_dates(org, date, members):
    assert helpers.members_on(org, date) == members


def test_armenia_s_frozen_participation_is_shown_not_folded_into_membership():
    armenia = helpers.status_in("CSTO", "2025-12-22").loc["ARM"]
    assert (armenia["status"], armenia["participation"]) == ("member", "none")


def test_observers_stay_out_of_membership_and_moldova_s_absence_is_shown():
    status = helpers.status_in("EAEU", "2023-01-01")
    assert (status.loc["MDA", "status"], status.loc["MDA", "participation"]) == ("observer", "none")
    assert (status.loc["UZB", "status"], status.loc["UZB", "participation"]) == (
        "observer", "partial")  # fmt: skip
    assert helpers.members_on("EAEU", "2023-01-01") == {"ARM", "BLR", "KAZ", "KGZ", "RUS"}


@pytest.mark.parametrize("date", ["1992-01-01", "2012-06-28", "2024-10-08", "2025-12-22"])
def test_cis_members_on_agrees_with_status_on(date):
    status = helpers.status_on(date)
    legal = status.index[status["legal_status"].isin(["founding", "member", "associate"])]
    assert helpers.members_on("CIS", date) == set(legal)


def test_an_unknown_organisation_lists_the_known_ones():
    known = r"The data follows: CIS \(Commonwealth of Independent States, 1991-12-08 to today\)"
    with pytest.raises(ValueError, match=rf"unknown organisation 'NATO'; .* {known}"):
        helpers.members_on("NATO", "2000-01-01")


@pytest.mark.parametrize(("org", "date"), [("CST", "2010-01-01"), ("CSTO", "1999-01-01")])
def test_a_date_outside_the_data_is_refused(org, date):
    with pytest.raises(ValueError, match=f"outside the data on {org}: it covers"):
        helpers.members_on(org, date)


def test_timelines_have_no_gaps_or_overlaps():
    for org in ["CST", "CSTO", "EAEU", "GUAM", "UNION-STATE"]:
        timeline = helpers.org_timeline(org)
        for iso3, lane in timeline.groupby("iso3"):
            ends = lane["end"].iloc[:-1] + pd.Timedelta(days=1)
            assert (lane["start"].iloc[1:].to_numpy() == ends.to_numpy()).all(), (org, iso3)
            assert (lane["end"].isna() | (lane["start"] <= lane["end"])).all(), (org, iso3)


def test_the_query_helpers_read_the_folder_they_are_given(set_cell):
    set_cell("org_status_changes", 23, "date", "2002-10-08")  # Armenia's CSTO signature
    set_cell("org_status_changes", 25, "date", "2024-02-23")  # Armenia's freeze
    model = helpers.load("status_changes")
    withdrawal = model.index[(model["iso3"] == "GEO") & (model["legal_status"] == "former")][0]
    folder = set_cell("status_changes", withdrawal + 2, "date", "2009-08-19")  # header is line 1
    assert "GEO" not in helpers.members_on("CIS", "2009-08-18")
    assert "GEO" in helpers.members_on("CIS", "2009-08-18", data_dir=folder)
    default = helpers.org_timeline("CSTO").query("iso3 == 'ARM'")["start"].min()
    moved = helpers.org_timeline("CSTO", data_dir=folder).query("iso3 == 'ARM'")["start"].min()
    assert (default, moved) == (pd.Timestamp("2002-10-07"), pd.Timestamp("2002-10-08"))
    joint = helpers.joint_timeline(["CST", "CSTO"], data_dir=folder).query("iso3 == 'ARM'")
    assert joint["start"].max() == pd.Timestamp("2024-02-23")
    status = helpers.status_in("CSTO", "2002-10-07", data_dir=folder)
    assert "ARM" not in status.index
    assert "ARM" in helpers.status_in("CSTO", "2002-10-07").index
