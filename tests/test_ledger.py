"""The ledger and the discrepancies, row by row: what each kind of claim looks like, where one
period ends, and that every helper reads the folder it is given."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers import claims

RECORDS = [
    {"table": "claims", "subject": "russia-cis-trade", "property": "level",
     "period": "2022-01-01..2022-12-31", "value": "100", "unit": "USD bn",
     "qualifier": "could reach", "source_id": "news-2022-12-26-st-petersburg", "locator": "para 5"},
    {"table": "claims", "subject": "cis-population", "property": "level", "period": "",
     "value": "2.39796e+08", "unit": "people", "qualifier": "estimated",
     "source_id": "news-2022-12-26-st-petersburg", "locator": "para 9"},
    {"table": "claims", "subject": "intra-cis-trade-share", "property": "share", "period": "",
     "value": "15-20", "unit": "%", "qualifier": "about", "source_id": "grokipedia-cis-2025-11",
     "locator": "Post-1990s Transformations and Stagnation"},
    {"table": "chairmanships", "subject": "2013", "property": "chair", "period": "",
     "value": "BLR", "unit": "state", "qualifier": "", "source_id": "interfax-2015-05-06",
     "locator": "para 2"},
    {"table": "chairmanships", "subject": "2026", "property": "chair", "period": "",
     "value": "(name stripped)", "unit": "state", "qualifier": "",
     "source_id": "grokipedia-cis-2025-11",
     "locator": "Recent Geopolitical Shifts > Key Outcomes from the 2025 Dushanbe Summit"},
    {"table": "summit_claims", "subject": "formal-2022-10", "property": "date", "period": "",
     "value": "2022-10-14", "unit": "date", "qualifier": "",
     "source_id": "astanatimes-2022-10-14-cis-summit", "locator": "para 1"},
    {"table": "membership_events", "subject": "ARM", "property": "accession", "period": "",
     "value": "1991-12-21", "unit": "date", "qualifier": "", "source_id": "grokipedia-cis-2025-11",
     "locator": "Membership Composition > Current Full Members (table)"},
]  # fmt: skip


# Function-scoped: mutmut only credits a test with the functions it calls itself, so a module-scoped
# fixture would leave every test but the first out of the mutation run.
@pytest.fixture
def ledger() -> pd.DataFrame:
    return helpers.ledger()


def test_the_ledger_has_one_shape(ledger):
    assert list(ledger.columns) == claims.LEDGER_COLUMNS
    assert list(ledger.index) == list(range(len(ledger)))
    assert ledger.groupby("table").size().to_dict() == {
        "act_participation": 396, "chairmanships": 46, "claims": 179, "membership_events": 83,
        "org_events": 123, "summit_claims": 156,
    }  # fmt: skip


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: f"{r['table']}-{r['subject']}")
def test_each_kind_of_claim_enters_the_ledger_as_written(ledger, record):
    assert record in ledger.to_dict("records")


def test_dates_are_shown_to_their_precision(ledger):
    ukraine = ledger[(ledger["subject"] == "UKR") & (ledger["property"] == "withdrawal-effective")]
    assert set(ukraine["value"]) >= {"2018"}
    assert (
        ledger["value"][ledger["unit"] == "date"].str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?|").all()
    )


def test_recurring_membership_events_stay_out_of_the_ledger(ledger):
    events = ledger[ledger["table"] == "membership_events"]["property"]
    assert "denunciation" not in set(events)
    assert "de-jure-member-statement" in set(events)


@pytest.mark.parametrize(
    ("date", "precision", "until"),
    [("1993-12-01", "month", "1994-01-01"), ("1993-02-01", "month", "1993-03-01"),
     ("1993-01-01", "year", "1994-01-01"), ("1993-12-31", "day", "1994-01-01")],
)  # fmt: skip
def test_a_date_stands_for_its_whole_day_month_or_year(date, precision, until):
    assert claims._day_after(pd.Timestamp(date), precision, pd.NaT) == pd.Timestamp(until)


def test_a_stated_range_lasts_to_its_end_day():
    after = claims._day_after(pd.Timestamp("2025-10-08"), "day", pd.Timestamp("2025-10-10"))
    assert after == pd.Timestamp("2025-10-11")
    assert pd.isna(claims._day_after(pd.NaT, "day", pd.NaT))


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [
        (("1993-01-01", "year"), ("1993-12-31", "day"), True),
        (("1993-01-01", "year"), ("1994-01-01", "day"), False),  # the day after the year
        (("1993-12-01", "month"), ("1993-12-31", "day"), True),
        (("1993-12-01", "month"), ("1993-11-30", "day"), False),
    ],
)
def test_two_dates_agree_when_their_periods_share_a_day(first, second, agree):
    frame = pd.DataFrame(
        {"key": ["k", "k"], "date": pd.to_datetime([first[0], second[0]]),
         "date_precision": [first[1], second[1]]}
    )  # fmt: skip
    frame["until"] = claims._until(frame)
    assert claims._overlaps(frame, ["key"]).tolist() == [agree, agree]


@pytest.fixture
def found() -> pd.DataFrame:
    return helpers.discrepancies()


def test_discrepancies_carry_the_verdict(found):
    assert list(found.columns) == [*claims.LEDGER_COLUMNS, "verdict", "followed_source_id",
                                   "reason"]  # fmt: skip
    assert found.groupby(["table", "verdict"]).size().to_dict() == {
        ('act_participation', 'followed'): 26,
        ('act_participation', 'not-a-contradiction'): 10,
        ('chairmanships', 'not-a-contradiction'): 7,
        ('claims', 'followed'): 7,
        ('claims', 'not-a-contradiction'): 27,
        ('claims', 'unresolved'): 24,
        ('membership_events', 'followed'): 33,
        ('membership_events', 'not-a-contradiction'): 4,
        ('membership_events', 'unresolved'): 4,
        ('org_events', 'followed'): 17,
        ('org_events', 'not-a-contradiction'): 12,
        ('summit_claims', 'followed'): 22,
        ('summit_claims', 'not-a-contradiction'): 3,
    }  # fmt: skip
    ordered = found[["table", "subject", "property", "period"]].apply(tuple, axis=1).tolist()
    assert ordered == sorted(ordered)


def test_a_growth_figure_implies_last_year_s_level(found):
    implied = found[found["qualifier"] == "implied"].iloc[0]
    assert (implied["subject"], implied["period"], implied["value"]) == (
        "intra-cis-trade", "2023-01-01..2023-12-31", "104.7")  # fmt: skip
    assert implied["locator"] == "derived: 112 after 7 % growth"
    assert implied["source_id"] == "grokipedia-cis-2025-11 + grokipedia-cis-2025-11"


def test_a_withdrawal_claim_meets_the_later_statements(found):
    ukraine = found[found["property"] == "legal status after withdrawal claim"]
    assert ukraine["value"].iloc[0] == "withdrew 2018"
    claimed = ukraine["value"].str.startswith("withdrew ")
    assert list(ukraine.loc[claimed, "value"]) == ["withdrew 2018", "withdrew 2018-05-19"]
    assert ukraine.loc[~claimed, "value"].str.startswith("legally remains ").all()
    assert len(ukraine) == 13
    assert set(ukraine["verdict"]) == {"followed"}


def test_two_chairs_for_one_year_are_listed(found):
    chairs = found[found["table"] == "chairmanships"]
    assert set(chairs["subject"]) == {"2004", "2026"}
    assert set(chairs.loc[chairs["subject"] == "2004", "verdict"]) == {"not-a-contradiction"}
    in_2026 = sorted(chairs.loc[chairs["subject"] == "2026", "value"])
    assert in_2026 == ["(name stripped)", "TKM", "TKM", "TKM", "TKM"]


def test_every_helper_reads_the_folder_it_is_given(set_cell):
    before = claims.citations().set_index(["source_id", "table"])["rows"]
    set_cell("claims", 2, "value", "101")
    set_cell("resolutions", 2, "reason", "Changed in the copy.")
    folder = set_cell("chairmanships", 2, "source_id", "interfax-2015-05-06")
    assert "101" in set(helpers.ledger(folder)["value"])
    assert "Changed in the copy." in set(helpers.discrepancies(folder)["reason"])
    cited = claims.citations(folder).set_index(["source_id", "table"])["rows"]
    key = ("interfax-2015-05-06", "chairmanships")
    assert cited[key] == before[key] + 1


def test_a_new_second_chair_is_a_discrepancy(set_cell):
    folder = set_cell("chairmanships", 2, "iso3", "KAZ")  # 2012: Turkmenistan in the sources
    assert "2012" not in set(helpers.discrepancies()["subject"])
    year = helpers.discrepancies(folder).query("table == 'chairmanships' and subject == '2012'")
    assert list(year["verdict"]) == ["unresolved"] * len(year)


def test_date_disputes_gives_the_table_s_own_rows_grouped_and_renumbered():
    disputes = claims.date_disputes("summit_claims")
    assert list(disputes.columns) == list(helpers.load("summit_claims").columns)
    assert list(disputes.index) == list(range(len(disputes)))
    assert disputes["summit_id"].tolist() == sorted(disputes["summit_id"])
    for _, group in disputes.groupby("summit_id"):
        assert group["date"].is_monotonic_increasing


def test_the_discrepancies_are_numbered_from_zero(found):
    assert list(found.index) == list(range(len(found)))


def test_a_second_chair_for_a_year_is_an_unresolved_discrepancy(set_cell):
    folder = set_cell("chairmanships", 3, "year", "2012")  # Belarus in 2012 besides Turkmenistan
    year = helpers.discrepancies(folder).query("table == 'chairmanships' and subject == '2012'")
    assert sorted(year["value"]) == ["BLR", "TKM"]
    assert set(year["verdict"]) == {"unresolved"}


def test_every_rule_of_the_discrepancies_reads_the_folder_given(set_cell):
    set_cell("claims", 20, "value", "8")  # 2024 intra-CIS trade growth: 8 %, not 7 %
    set_cell("membership_events", 44, "date", "2016-01-01")  # Ukraine 'withdrew' in 2016
    folder = set_cell("resolutions", 21, "subject", "formal-2022-10")  # explains another summit
    found = helpers.discrepancies(folder)
    implied = found[found["qualifier"] == "implied"]
    assert list(implied["locator"]) == ["derived: 112 after 8 % growth"]
    assert list(implied["value"]) == ["103.7"]
    ukraine = found[found["property"] == "legal status after withdrawal claim"]
    assert ukraine["value"].iloc[0] == "withdrew 2016" and len(ukraine) == 14
    summit = found[found["subject"] == "formal-2022-10"]
    assert len(summit) and set(summit["verdict"]) == {"followed"}
    assert set(found.loc[found["subject"] == "formal-2024-10", "verdict"]) == {"unresolved"}


def test_only_statements_after_the_claimed_withdrawal_contradict_it(set_cell):
    before = len(helpers.discrepancies().query("property == 'legal status after withdrawal claim'"))
    folder = set_cell("membership_events", 50, "date", "2018-01-01")  # the day it 'took effect'
    found = helpers.discrepancies(folder)
    ukraine = found[found["property"] == "legal status after withdrawal claim"]
    assert len(ukraine) == before == 13
