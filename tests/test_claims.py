"""Disagreeing sources are found, and only real disagreements: precision is taken into account."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers import acts, claims


def _event(event_id, date, precision):
    return dict(
        event_id=event_id, iso3="GEO", event="withdrawal-effective", date=date,
        date_precision=precision, source_id="grokipedia-cis-2025-11", note="test claim",
    )  # fmt: skip


def test_a_new_conflicting_claim_appears(data_copy, add_row):
    assert "withdrawal-effective" not in set(
        claims.date_disputes("membership_events", data_copy)["event"]
    )
    add_row("membership_events", **_event("GEO-98", "2009-09-01", "day"))
    disputes = claims.date_disputes("membership_events", data_copy)
    geo = disputes[disputes["event"] == "withdrawal-effective"]
    assert "GEO-98" in set(geo["event_id"]) and len(geo) > 1


def test_claims_of_different_precision_that_overlap_agree(data_copy, add_row):
    add_row("membership_events", **_event("GEO-98", "2009-08-01", "month"))
    add_row("membership_events", **_event("GEO-99", "2009-01-01", "year"))
    disputes = claims.date_disputes("membership_events", data_copy)
    assert "withdrawal-effective" not in set(disputes["event"])


def test_recurring_events_are_not_disputes():
    disputes = claims.date_disputes("membership_events")
    assert not disputes["event"].isin(["de-jure-member-statement", "denunciation"]).any()


def test_known_disagreements_are_found():
    acts = claims.date_disputes("act_participation")
    in_force = acts[(acts["act_id"] == "cis-charter-1993") & (acts["action"] == "in-force")]
    assert {"1993-07-22", "1994-01-22"} <= set(in_force["date"].dt.strftime("%Y-%m-%d"))
    events = claims.date_disputes("membership_events")
    tkm = events[(events["iso3"] == "TKM") & (events["event"] == "associate-status")]
    assert {"grokipedia-cis-2025-11", "mfa-am-cis"} <= set(tkm["source_id"])


def test_act_outcomes_take_the_strongest_step():
    cells = acts.act_outcomes(["cis-charter-1993"]).set_index("iso3")
    assert cells.loc["RUS", "outcome"] == "bound" and bool(cells.loc["RUS", "disputed"])
    assert cells.loc["UKR", "outcome"] == "stayed out"
    assert cells.loc["MDA", "outcome"] == "bound"  # ratified, though it did not sign the decision
    assert "EST" not in cells.index  # no record is no row


def test_the_status_model_cites_only_registered_sources():
    cited = set(helpers.load("status_changes")["source_id"])
    assert cited <= set(helpers.load("sources")["source_id"])


def test_a_date_range_agrees_with_a_day_inside_it():
    disputes = claims.date_disputes("summit_claims")
    assert "formal-2025-10" not in set(disputes["summit_id"])  # 8-10 Oct (004) vs 10 Oct
    assert "formal-2024-10" in set(disputes["summit_id"])  # 8 Oct (Moscow) vs 11 Oct (Bishkek)


def test_discrepancies_cover_the_contradictions_the_sources_hold():
    found = claims.discrepancies().groupby(["subject", "property"]).size()
    expected = [
        ("TKM", "associate-status"),  # two different years in the encyclopedia article
        ("UKR", "legal status after withdrawal claim"),  # 'formally withdrew' vs 'legally remains'
        ("executive-secretary-term", "level"),  # three or five years
        ("MDA", "payment-stopped"),  # 2023, 2024 or 2025
        ("intra-cis-trade", "level"),  # 2023 as stated and as implied by 2024
        ("russia-share-cis-gdp", "share"),  # about 75 % or over 80 %
        ("2026", "chair"),  # Turkmenistan, or a stripped name
        ("formal-2025-10", "date"),  # 8-10 or 10 Oct 2025: explained as no contradiction
    ]
    assert set(expected) <= set(found.index)


def test_a_new_conflicting_claim_appears_in_the_discrepancies(data_copy, add_row):
    add_row(
        "claims", claim_id="cis-area-test", topic="economy", quantity="cis-area",
        subject="CIS area", measure="level", value="1", unit="km2", kind="actual", speaker="test",
        source_id="grokipedia-cis-2025-11",
    )  # fmt: skip
    found = claims.discrepancies(data_copy)
    assert "cis-area" in set(found["subject"])
    assert set(found.loc[found["subject"] == "cis-area", "verdict"]) == {"unresolved"}


def test_every_resolution_names_a_group_of_claims():
    groups = pd.concat([claims.ledger(), claims.discrepancies()])[["table", "subject", "property"]]
    keys = set(map(tuple, groups.astype(str).drop_duplicates().to_numpy()))
    named = set(
        map(
            tuple,
            helpers.load("resolutions")[["table", "subject", "property"]].astype(str).to_numpy(),
        )
    )
    assert named - keys == set()


def test_a_level_in_another_unit_is_not_compared_with_an_implied_level():
    found = helpers.discrepancies()
    trade = found[found["subject"] == "intra-cis-trade"]
    assert "USD bn" in set(trade["unit"]) and "RUB trillion" not in set(trade["unit"])
    assert "RUB trillion" in set(helpers.ledger().query("subject == 'intra-cis-trade'")["unit"])


def test_third_states_are_subjects_of_their_own():
    # Cuba (2020) and Iran (2024) became EAEU observers in separate decisions: not one claim group
    ledger = helpers.ledger().query("table == 'org_events' and property == 'observer-status'")
    assert {"EAEU Cuba", "EAEU Iran"} <= set(ledger["subject"])
    assert not ledger["subject"].str.endswith("(organisation)").any()


def test_a_table_without_any_conflicting_dates_gives_an_empty_table(data_copy):
    path = data_copy / "summit_claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:3]), encoding="utf-8")  # two claims about different summits
    disputes = claims.date_disputes("summit_claims", data_copy)
    assert disputes.empty
    assert list(disputes.columns) == list(helpers.load("summit_claims").columns)


def test_conflicts_explained_as_no_contradiction_are_left_out_of_the_disputes():
    for table in ("act_participation", "org_events"):
        rule = pd.concat(claims._date_conflicts(claims._dated(table, None)))
        flagged = set(zip(rule["subject"], rule["property"], strict=True))
        resolutions = helpers.load("resolutions").query(
            "table == @table and verdict == 'not-a-contradiction'"
        )
        explained = set(zip(resolutions["subject"], resolutions["property"], strict=True))
        assert explained & flagged  # the date rule alone would list them
        disputes = claims.date_disputes(table)
        subject, prop = claims.DATED[table]
        listed = set(zip(subject(disputes), disputes[prop].astype(str), strict=True))
        assert listed == flagged - explained


def test_date_disputes_read_the_resolutions_of_the_folder_given(set_cell):
    assert "formal-2024-10" in set(claims.date_disputes("summit_claims")["summit_id"])
    set_cell("resolutions", 21, "verdict", "not-a-contradiction")
    folder = set_cell("resolutions", 21, "followed_source_id", "")
    assert "formal-2024-10" not in set(claims.date_disputes("summit_claims", folder)["summit_id"])


def _level(add_row, claim_id, quantity, year, value, measure="level", end="12-31", source="a"):
    add_row(
        "claims", claim_id=claim_id, topic="economy", quantity=quantity, subject=quantity,
        measure=measure, period_start=f"{year}-01-01", period_end=f"{year}-{end}", value=value,
        unit="%" if measure == "growth" else "USD bn", kind="actual", speaker="test",
        source_id={"a": "grokipedia-cis-2025-11", "b": "ria-2005-08-27"}[source],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("stated", "conflict"),
    [("102", False), ("98", False), ("102.1", True), ("97.9", True)],  # implied: 100, +-2 %
)
def test_a_stated_level_more_than_2_percent_off_the_implied_one_conflicts(
    data_copy, add_row, stated, conflict
):
    _level(add_row, "t-2023", "test-widgets", 2023, stated)
    _level(add_row, "t-2024", "test-widgets", 2024, "125", source="b")
    _level(add_row, "t-growth", "test-widgets-growth", 2024, "25", measure="growth")
    found = claims.discrepancies(data_copy).query("subject == 'test-widgets'")
    if not conflict:
        assert found.empty
        return
    assert found[["period", "value", "qualifier"]].to_dict("records") == [
        {"period": "2023-01-01..2023-12-31", "value": stated, "qualifier": ""},
        {"period": "2023-01-01..2023-12-31", "value": "100", "qualifier": "implied"},
    ]
    derived = found.iloc[1]
    assert derived["locator"] == "derived: 125 after 25 % growth"
    assert derived["source_id"] == "ria-2005-08-27 + grokipedia-cis-2025-11"
    assert derived["verdict"] == "unresolved"


def test_growth_over_part_of_a_year_implies_nothing_about_the_year_before(data_copy, add_row):
    _level(add_row, "g-2023", "test-gadgets", 2023, "50")
    _level(add_row, "g-2024", "test-gadgets", 2024, "125")
    _level(add_row, "g-growth", "test-gadgets-growth", 2024, "25", "growth", end="10-31")
    assert "test-gadgets" not in set(claims.discrepancies(data_copy)["subject"])


def test_the_implied_level_is_one_figure_even_against_a_stated_range(data_copy, add_row):
    add_row("claims", claim_id="r-2023", topic="economy", quantity="test-widgets", subject="w",
        measure="level", period_start="2023-01-01", period_end="2023-12-31", value="103",
        value_max="105", unit="USD bn", kind="actual", speaker="test",
        source_id="grokipedia-cis-2025-11",
    )  # fmt: skip
    _level(add_row, "t-2024", "test-widgets", 2024, "125")
    _level(add_row, "t-growth", "test-widgets-growth", 2024, "25", measure="growth")
    found = claims.discrepancies(data_copy).query("subject == 'test-widgets'")
    assert list(found["value"]) == ["103-105", "100"]
