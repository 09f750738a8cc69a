"""Query inputs: every helper reads dates and organisation names the same way, in one place."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import inputs

GEORGIA_LEFT = pd.Timestamp("2009-08-18")  # Georgia's withdrawal in effect
SAME_DAY = [
    "2009-09-01",
    " 2009-09-01\n",
    dt.date(2009, 9, 1),
    dt.datetime(2009, 9, 1, 23, 59),
    pd.Timestamp("2009-09-01 12:00"),
    np.datetime64("2009-09-01"),
    np.datetime64("2009-09-01T18:30"),
    pd.Timestamp("2009-09-01 23:30", tz="Asia/Tbilisi"),  # 19:30 UTC: 1 Sep either way
    dt.datetime(2009, 9, 1, 1, 0, tzinfo=zoneinfo.ZoneInfo("America/Los_Angeles")),  # 8:00 UTC
]


@pytest.mark.parametrize("value", SAME_DAY)
def test_every_accepted_form_names_the_same_day(value):
    assert inputs.to_day(value) == pd.Timestamp("2009-09-01")


def test_an_aware_time_gives_the_day_it_names_in_its_own_zone():
    late = pd.Timestamp("2009-08-17 23:30", tz="Asia/Tbilisi")  # 19:30 UTC, same day
    assert inputs.to_day(late) == pd.Timestamp("2009-08-17")
    early = pd.Timestamp("2009-08-18 00:30", tz="Asia/Tbilisi")  # 17 Aug 20:30 UTC
    assert inputs.to_day(early) == GEORGIA_LEFT


REFUSED = [
    "01/09/2009",
    "2009/09/01",
    "yesterday",
    "",
    "2009-9-1",
    "2009-02-30",
    "20090901",
    "2009-09-01T00:00",
    2020,
    2020.5,
    None,
    pd.NaT,
    np.datetime64("NaT"),
    True,
    [2009],
]


@pytest.mark.parametrize("value", REFUSED)
def test_anything_else_is_refused_naming_the_accepted_forms(value):
    with pytest.raises(ValueError) as caught:
        inputs.to_day(value)
    assert str(caught.value) == f"not a date: {value!r}; give {inputs.DATE_FORMS}"
    assert "'YYYY-MM-DD'" in inputs.DATE_FORMS


HELPERS_WITH_A_DATE = [
    lambda day: helpers.status_on(day),
    lambda day: helpers.in_cis_on(day),
    lambda day: helpers.members_on("CSTO", day),
    lambda day: helpers.status_in("CSTO", day),
]


@pytest.mark.parametrize("ask", HELPERS_WITH_A_DATE)
def test_every_query_helper_refuses_an_ambiguous_date(ask):
    with pytest.raises(ValueError, match=r"not a date: '01/09/2009'; give an ISO 8601 day"):
        ask("01/09/2009")


def test_georgia_on_1_september_2009_is_a_former_member():
    assert helpers.status_on(dt.date(2009, 9, 1)).loc["GEO", "legal_status"] == "former"


@pytest.mark.parametrize("day", ["1991-12-07", "2999-01-01"])
def test_a_day_outside_the_model_names_the_period_covered(day):
    today = pd.Timestamp.today().date()
    with pytest.raises(ValueError) as caught:
        helpers.status_on(day)
    assert str(caught.value) == (
        f"{day} is outside the CIS status model: it covers 1991-12-08 to {today}"
    )


def test_the_first_and_last_days_covered_are_accepted():
    assert len(helpers.status_on("1991-12-08")) == 15
    assert len(helpers.status_on(pd.Timestamp.today())) == 15
    assert helpers.members_on("CST", "2003-09-17")  # the CST's last day covered
    with pytest.raises(ValueError, match="2003-09-18 is outside the data on CST"):
        helpers.members_on("CST", "2003-09-18")


NAMES = {
    "CSTO": [
        "csto",
        " CSTO ",
        "Collective Security Treaty Organization",
        "collective  security treaty organization",
    ],
    "UNION-STATE": [
        "Union State",
        "union-state",
        "UNION STATE",
        "Union State of Russia and Belarus",
    ],
    "EAEU": ["Eurasian Economic Union", "eaeu"],
    "CIS": ["cis", "Commonwealth of Independent States"],
}


@pytest.mark.parametrize(("org", "name"), [(o, n) for o, names in NAMES.items() for n in names])
def test_an_organisation_is_known_by_id_or_full_name_in_any_case(org, name):
    assert helpers.members_on(name, "2016-01-01") == helpers.members_on(org, "2016-01-01")


def test_the_resolved_id_is_used_throughout():
    timeline = helpers.org_timeline("csto")
    assert set(timeline["org"]) == {"CSTO"}
    with pytest.raises(ValueError, match="outside the data on CSTO: it covers 2002-10-07"):
        helpers.status_in("csto", "2001-01-01")


@pytest.mark.parametrize("name", ["NATO", "", "Union", None, 7])
def test_an_unknown_organisation_lists_what_is_known(name):
    with pytest.raises(ValueError) as caught:
        helpers.members_on(name, "2016-01-01")
    text = str(caught.value)
    assert text.startswith(f"unknown organisation {name!r}; give an id or a full name, in any case")
    assert "UNION-STATE (Union State of Russia and Belarus, 1999-12-08 to today)" in text
    assert "CST (Collective Security Treaty, 1992-05-15 to 2003-09-17)" in text
    assert "SCO" not in text  # referred to, but its membership is not followed
