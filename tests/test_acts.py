"""The act charts and the status models say the same thing: no state is bound in one and not in
the other, and no state is a Charter member before a recorded ratification."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers import acts


@pytest.mark.parametrize("act_id", list(acts.FRAMEWORK_OF))
def test_the_act_chart_and_the_status_model_agree_on_every_state(act_id):
    chart = acts.act_outcomes([act_id]).set_index("iso3")
    model = acts.model_outcomes([act_id]).set_index("iso3")
    org, _ = acts.FRAMEWORK_OF[act_id]
    for iso3 in sorted(set(chart.index) | set(model.index)):
        shown = chart["outcome"].get(iso3)
        modelled = model["outcome"].get(iso3)
        assert (shown == "bound") == (modelled == "bound"), f"{act_id} {iso3}: {shown} / {modelled}"
        if org != "CIS":  # only org_status_changes records signatories
            assert (shown == "signed") == (modelled == "signed"), f"{act_id} {iso3}"
        if modelled == "bound":  # bound in the model no earlier than any source says it was
            assert model.loc[iso3, "start"] >= chart.loc[iso3, "date"], f"{act_id} {iso3}"


def test_no_state_is_a_charter_member_before_a_recorded_ratification():
    ratified = helpers.load("act_participation").query(
        "act_id == 'cis-charter-1993' and action == 'ratified'"
    )
    first_ratified = ratified.groupby("iso3")["date"].min()
    timeline = helpers.status_timeline()
    member_from = timeline[timeline["legal_status"] == "member"].groupby("iso3")["start"].min()
    for iso3 in helpers.load("countries").query("post_soviet")["iso3"]:
        if iso3 not in member_from:
            continue
        assert iso3 in first_ratified, f"{iso3} is a member with no recorded ratification"
        assert member_from[iso3] >= first_ratified[iso3], f"{iso3} is a member before ratifying"
        day_before = member_from[iso3] - pd.Timedelta(days=1)
        assert helpers.status_on(day_before).loc[iso3, "legal_status"] != "member"


def test_georgia_is_not_a_member_before_it_ratified_the_charter():
    assert helpers.status_on("1994-02-01").loc["GEO", "legal_status"] == "founding"
    assert helpers.status_on("1994-04-19").loc["GEO", "legal_status"] == "member"


def test_the_1994_free_trade_agreement_binds_ten_and_is_applied_by_two():
    cells = acts.act_outcomes(["cis-fta-1994"]).set_index("iso3")["outcome"]
    assert set(cells.index[cells == "bound"]) == {
        "ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "TJK", "UKR", "UZB",
    }  # fmt: skip
    assert set(cells.index[cells == "signed"]) == {"RUS", "TKM"}  # provisional application


def test_ukraine_and_moldova_signed_the_economic_community_treaty_late():
    cells = acts.act_outcomes(["economic-community-treaty-1991"]).set_index("iso3")
    for iso3 in ("UKR", "MDA"):
        assert cells.loc[iso3, "outcome"] == "signed"
        assert cells.loc[iso3, "date"] == pd.Timestamp("1991-11-06")
