"""Claims resting on the AI-written encyclopedia article alone: found, flagged, and only falling."""

from __future__ import annotations

import pytest

import helpers
from helpers import claims

# Claim groups resting on the encyclopedia alone, of all groups, after the corroboration pass of
# issue 16. The share may only fall: corroborate a claim, or add a group that other sources hold.
CEILING = (28, 595)


def test_every_ledger_group_is_counted_once_and_flagged_by_its_sources():
    groups = claims.claim_groups()
    ledger = helpers.ledger()
    assert len(groups) == len(ledger.groupby(claims.GROUP))
    assert groups["claims"].sum() == len(ledger)
    only = groups["sources"] == claims.ENCYCLOPEDIA
    assert (groups["encyclopedia_only"] == only).all()
    mixed = groups[groups["sources"].str.contains(claims.ENCYCLOPEDIA, regex=False) & ~only]
    assert len(mixed) and not mixed["encyclopedia_only"].any()


def test_a_corroborating_claim_lifts_the_flag(data_copy, add_row):
    subject = "guam-trade-2019-grok"
    assert subject in set(claims.encyclopedia_only(data_copy)["subject"])
    before = claims.encyclopedia_share(data_copy)
    add_row("claims", claim_id="guam-trade-2019-test", topic="economy", quantity=subject,
        subject="trade among GUAM members", measure="level", value="5", unit="USD bn",
        kind="actual", speaker="test", source_id="ria-2005-08-27",
    )  # fmt: skip
    assert subject not in set(claims.encyclopedia_only(data_copy)["subject"])
    assert claims.encyclopedia_share(data_copy) < before


def test_flags_join_any_table_of_claims_without_changing_it():
    found = helpers.discrepancies()
    flagged = claims.flag_encyclopedia_only(found)
    assert flagged.drop(columns="encyclopedia_only").equals(found)
    assert flagged["encyclopedia_only"].dtype == bool
    alone = set(map(tuple, helpers.encyclopedia_only()[claims.GROUP].to_numpy()))
    keys = map(tuple, flagged[claims.GROUP].to_numpy())
    assert [key in alone for key in keys] == flagged["encyclopedia_only"].tolist()


def test_the_share_resting_on_the_encyclopedia_only_falls(record_property):
    groups = claims.claim_groups()
    alone, total = int(groups["encyclopedia_only"].sum()), len(groups)
    share = alone / total
    record_property("encyclopedia_only", f"{alone} of {total} claim groups ({share:.1%})")
    was, of = claims.ENCYCLOPEDIA_ONLY_AT_ISSUE_16
    assert share <= CEILING[0] / CEILING[1], (
        f"{alone} of {total} claim groups ({share:.1%}) rest on the encyclopedia article alone, "
        f"more than the {CEILING[0]} of {CEILING[1]} ({CEILING[0] / CEILING[1]:.1%}) after the "
        f"corroboration pass ({was} of {of} when issue 16 was filed): corroborate them"
    )
    assert helpers.encyclopedia_share() == pytest.approx(share)


def test_claim_groups_are_sorted_and_list_their_sources_once_each():
    groups = claims.claim_groups()
    keys = groups[claims.GROUP].apply(tuple, axis=1).tolist()
    assert keys == sorted(keys)
    ledger = helpers.ledger().set_index(claims.GROUP).sort_index()
    for row in groups.sample(40, random_state=1).itertuples():
        cited = ledger.loc[[(row.table, row.subject, row.property)], "source_id"]
        assert row.sources == "; ".join(sorted(set(cited))) and row.claims == len(cited)
    assert groups["sources"].str.contains("; ", regex=False).any()


def test_encyclopedia_only_is_a_plain_numbered_table():
    only = claims.encyclopedia_only()
    assert list(only.columns) == [*claims.GROUP, "claims", "sources"]
    assert list(only.index) == list(range(len(only)))
    assert set(only["sources"]) == {claims.ENCYCLOPEDIA}


def test_flags_join_on_the_claim_group_alone():
    only = claims.encyclopedia_only().assign(claims=0, sources="elsewhere")
    assert claims.flag_encyclopedia_only(only)["encyclopedia_only"].all()


def test_flags_follow_the_folder_given(data_copy, add_row):
    subject = "guam-trade-2019-grok"
    frame = claims.encyclopedia_only(data_copy).query("subject == @subject")
    assert claims.flag_encyclopedia_only(frame, data_copy)["encyclopedia_only"].all()
    add_row("claims", claim_id="guam-trade-2019-test", topic="economy", quantity=subject,
        subject="trade among GUAM members", measure="level", value="5", unit="USD bn",
        kind="actual", speaker="test", source_id="ria-2005-08-27",
    )  # fmt: skip
    assert not claims.flag_encyclopedia_only(frame, data_copy)["encyclopedia_only"].any()
