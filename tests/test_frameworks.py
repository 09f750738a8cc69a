"""EurAsEC, the Customs Union, the Single Economic Space and EAEU observers in members_on."""

import pytest

import helpers

THREE = {"BLR", "KAZ", "RUS"}
FIVE = THREE | {"KGZ", "TJK"}


@pytest.mark.parametrize(
    ("org", "date", "members"),
    [
        ("EurAsEC", "2001-06-01", FIVE),
        ("EurAsEC", "2007-01-01", FIVE | {"UZB"}),  # joined 25 Jan 2006
        ("EurAsEC", "2009-01-01", FIVE),  # suspended Nov 2008
        ("CU", "2010-01-01", THREE),
        ("SES", "2013-06-01", THREE),
    ],
)
def test_members_on(org, date, members):
    assert helpers.members_on(org, date) == members


def test_eurasec_is_not_followed_past_its_dissolution():
    with pytest.raises(ValueError):
        helpers.members_on("EurAsEC", "2015-06-01")


def test_observers_are_not_members():
    status = helpers.status_in("EAEU", "2021-01-01")
    observers = set(status.index[status["status"] == "observer"])
    assert observers == {"MDA", "UZB"}
    assert not observers & helpers.members_on("EAEU", "2021-01-01")


def test_a_mission_is_not_a_membership_framework():
    with pytest.raises(ValueError):
        helpers.members_on("RU-PK-KARABAKH", "2021-01-01")
