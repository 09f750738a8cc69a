"""The status model answers as the sources say, on the day before and the day of each change."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers

# (state, date, legal status, participation): what the cited sources say held that day
KNOWN = [
    ("RUS", "1991-12-11", "none", "full"),  # signed 8 Dec; Supreme Soviet ratified 12 Dec
    ("RUS", "1991-12-12", "founding", "full"),
    ("UKR", "1991-12-09", "none", "partial"),
    ("UKR", "1991-12-10", "founding", "partial"),  # ratified; observer in defence ministers
    ("AZE", "1993-09-23", "none", "partial"),  # signed in 1991, ratified only in 1993
    ("AZE", "1993-09-24", "founding", "full"),
    ("RUS", "1994-01-21", "founding", "full"),  # Charter in force one year after adoption
    ("RUS", "1994-01-22", "member", "full"),
    ("MDA", "1994-06-26", "founding", "partial"),  # register: Charter in force 27 Jun 1994
    ("MDA", "1994-06-27", "member", "partial"),
    ("TKM", "2005-08-25", "founding", "partial"),  # associate from the Kazan summit
    ("TKM", "2005-08-26", "associate", "partial"),
    ("GEO", "1993-12-02", "none", "none"),
    ("GEO", "1993-12-03", "founding", "full"),  # ratified the Creation Agreement
    ("GEO", "1994-04-18", "founding", "full"),
    ("GEO", "1994-04-19", "member", "full"),  # ratified the Charter (the only date found)
    ("GEO", "2006-01-25", "member", "partial"),  # left the Council of Defence Ministers
    ("GEO", "2008-08-17", "member", "partial"),  # written notice of withdrawal on 18 Aug 2008
    ("GEO", "2008-08-18", "member", "none"),
    ("GEO", "2009-08-17", "member", "none"),  # withdrawal in effect twelve months later
    ("GEO", "2009-08-18", "former", "none"),
    ("UKR", "2018-05-18", "founding", "partial"),  # decree recalling its envoys, 19 May 2018
    ("UKR", "2018-05-19", "founding", "none"),
    ("UKR", "2024-10-15", "founding", "none"),  # Executive Secretary: legally still in the CIS
    ("MDA", "2025-12-22", "member", "none"),  # MENAFN: halted participation in meetings in 2022
    ("EST", "2000-01-01", "none", "none"),
]
NINE_MEMBERS = ["ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UZB"]  # 000, 001 and 002


@pytest.mark.parametrize(("iso3", "date", "legal", "participation"), KNOWN)
def test_status_on_known_dates(iso3, date, legal, participation):
    row = helpers.status_on(date).loc[iso3]
    assert (row["legal_status"], row["participation"]) == (legal, participation)


@pytest.mark.parametrize("date", ["2022-12-26", "2023-12-26", "2024-12-25", "2025-12-22"])
def test_the_summit_reports_nine_members_are_the_models(date):
    status = helpers.status_on(date)
    assert sorted(status.index[status["legal_status"] == "member"]) == NINE_MEMBERS
    assert status.loc["TKM", "legal_status"] == "associate"


def test_legally_in_the_cis_counts_founding_and_associate_states():
    assert helpers.in_cis_on("2025-12-22") == sorted([*NINE_MEMBERS, "TKM", "UKR"])


def test_status_on_takes_strings_dates_and_timestamps():
    expected = helpers.status_on("2005-08-26")
    for same_day in (pd.Timestamp("2005-08-26 15:00"), pd.Timestamp("2005-08-26").date()):
        pd.testing.assert_frame_equal(helpers.status_on(same_day), expected)


def test_every_day_precise_change_shows_on_its_day_and_not_the_day_before():
    timeline = helpers.status_timeline()
    changes = timeline[
        (timeline["start_precision"] == "day")
        & (timeline["start"] > helpers.membership.FOUNDING_DAY)
    ]
    for change in changes.itertuples():
        before = helpers.status_on(change.start - pd.Timedelta(days=1)).loc[change.iso3]
        on = helpers.status_on(change.start).loc[change.iso3]
        assert tuple(on) == (change.legal_status, change.participation)
        assert tuple(before) != tuple(on), f"{change.iso3} {change.start.date()} changes nothing"


def test_timeline_covers_every_state_without_gaps_or_overlaps():
    timeline = helpers.status_timeline()
    assert timeline["iso3"].nunique() == 15
    for _, lane in timeline.groupby("iso3"):
        assert lane["start"].iloc[0] == helpers.membership.FOUNDING_DAY
        assert (
            lane["start"].iloc[1:].to_numpy()
            == (lane["end"].iloc[:-1] + pd.Timedelta(days=1)).to_numpy()
        ).all()
        assert pd.isna(lane["end"].iloc[-1])


@pytest.mark.parametrize("date", ["1991-12-07", "2999-01-01"])
def test_dates_outside_the_model_are_refused(date):
    with pytest.raises(ValueError, match="outside the CIS status model: it covers 1991-12-08"):
        helpers.status_on(date)


def test_a_non_date_is_refused():
    with pytest.raises(ValueError, match=r"not a date: .last spring.; give an ISO 8601 day"):
        helpers.status_on("last spring")


def test_a_state_whose_status_starts_late_is_named(set_cell):
    folder = set_cell("status_changes", 2, "date", "1991-12-09")
    where = "data/status_changes.csv, line 2, column 'date', value '1991-12-09'"
    with pytest.raises(helpers.DataError, match=rf"{where}: .*\[rule: status model\]"):
        helpers.status_on("2000-01-01", data_dir=folder)


def test_a_state_without_status_is_named(data_copy):
    path = data_copy / "status_changes.csv"
    path.write_text(
        "".join(
            line
            for line in path.read_text().splitlines(keepends=True)
            if not line.startswith("EST,")
        )
    )
    with pytest.raises(helpers.DataError) as caught:
        helpers.status_timeline(data_dir=data_copy)
    assert str(caught.value) == (
        "1 problem(s) in the status model:\n  data/status_changes.csv, column 'iso3', value 'EST': "
        "a post-Soviet state with no status row [rule: status model]"
    )


def test_the_founding_day_itself_is_in_the_model():
    status = helpers.status_on("1991-12-08")
    assert set(status["legal_status"]) == {"none"}  # founded, but no state had ratified yet
    assert sorted(status.index[status["participation"] == "full"]) == ["BLR", "RUS"]
    assert status.loc["UKR", "participation"] == "partial"  # an observer in the defence council


def test_a_time_of_day_on_the_last_day_of_an_interval_is_still_that_day():
    assert helpers.status_on(pd.Timestamp("2009-08-17 23:59:59")).loc["GEO", "legal_status"] == (
        "member"
    )
    assert helpers.in_cis_on(pd.Timestamp("2009-08-17 23:59")) == sorted(
        [*helpers.in_cis_on("2009-08-18"), "GEO"]
    )


def test_a_status_starting_before_the_founding_day_is_refused(set_cell):
    folder = set_cell("status_changes", 2, "date", "1991-12-01")
    where = "data/status_changes.csv, line 2, column 'date', value '1991-12-01'"
    says = "the first status of ARM must start on 1991-12-08 [rule: status model]"
    with pytest.raises(helpers.DataError) as caught:
        helpers.status_timeline(data_dir=folder)
    assert str(caught.value) == f"1 problem(s) in the status model:\n  {where}: {says}"


def test_a_state_that_is_not_post_soviet_is_refused_in_the_model(set_cell):
    folder = set_cell("status_changes", 2, "iso3", "XXX")
    with pytest.raises(helpers.DataError, match="foreign key"):
        helpers.status_timeline(data_dir=folder)
    set_cell("countries", 2, "post_soviet", "false")  # Armenia, as if it had not been Soviet
    folder = set_cell("status_changes", 2, "iso3", "ARM")
    message = r"line 2, column 'iso3', value 'ARM': not a post-Soviet state in countries.csv"
    with pytest.raises(helpers.DataError, match=message):
        helpers.status_timeline(data_dir=folder)
