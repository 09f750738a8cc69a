"""The status model against COW IGO v3: every year-end difference 1992-2014 is known."""

from __future__ import annotations

import helpers
from helpers import crosscheck


def test_every_difference_with_cow_igo_is_known_and_explained():
    assert crosscheck.cow_igo_unexplained() == []


def test_a_new_difference_is_noticed():
    igo = helpers.load("cow_igo")
    row = (igo["iso3"] == "BLR") & (igo["year"] == 2000) & (igo["igo"] == "cis")
    igo.loc[row, "status"] = "none"
    assert crosscheck.cow_igo_unexplained(igo) == ["cis:BLR"]


def test_a_difference_that_no_longer_occurs_is_reported():
    igo = helpers.load("cow_igo")
    row = (igo["iso3"] == "UZB") & igo["year"].between(2002, 2005) & (igo["igo"] == "csto")
    igo.loc[row, "status"] = "none"
    assert crosscheck.cow_igo_unexplained(igo) == ["csto:UZB"]
