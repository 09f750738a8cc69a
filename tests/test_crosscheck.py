"""The collection against country_converter: every disagreement is known and explained."""

from __future__ import annotations

import helpers
from helpers import crosscheck


def test_every_disagreement_with_country_converter_is_known():
    assert crosscheck.unexplained(helpers.as_of()) == []


def test_the_cross_check_notices_a_new_disagreement():
    data = crosscheck.country_converter_data()
    data.loc["BLR", "CIS"] = ""
    assert crosscheck.unexplained(helpers.as_of(), data) == ["BLR"]


def test_a_listed_difference_that_no_longer_differs_is_reported():
    data = crosscheck.country_converter_data()
    data.loc["KGZ", "CIS"] = "CIS"
    assert crosscheck.unexplained(helpers.as_of(), data) == ["KGZ"]
