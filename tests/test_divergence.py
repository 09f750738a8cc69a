"""The alignment indicator: its rules proved on small synthetic panels (missing stays missing,
one event counts once, a frozen membership counts, a constant series does not change), and its
values on the real data checked against what the sources say.

Replaces the tests of the post-2022-only indicator (four signals over CIS members): its scored
set, its vote distance (abstaining and absence both 0.5) and its sensitivity table are gone."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import divergence
from helpers.trade import official_russia_share


def synthetic(rows: dict[tuple[str, int], dict[str, float]]) -> pd.DataFrame:
    index = pd.MultiIndex.from_tuples(list(rows), names=["iso3", "year"])
    return pd.DataFrame(list(rows.values()), index=index).reindex(columns=divergence.COMPONENTS)


# --- the rules, on synthetic panels --------------------------------------------------------


def test_a_state_year_with_all_signals_missing_gets_nan():
    parts = synthetic({("AAA", 2022): {}, ("BBB", 2022): dict.fromkeys(divergence.COMPONENTS, 0.5)})
    scores = divergence.composite(parts)
    assert pd.isna(scores.loc[("AAA", 2022), "divergence"])
    assert scores.loc[("AAA", 2022), "divergence_signals"] == 0
    assert scores.loc[("BBB", 2022), "divergence"] == pytest.approx(0.5)


def test_too_few_signals_or_no_voting_signal_gets_nan_never_zero():
    parts = synthetic(
        {
            ("AAA", 2022): {"div_ideal_point": 0.2, "div_institutions": 0.0},  # two signals
            ("BBB", 2022): {"div_institutions": 0.0, "div_summits": 0.0, "div_events": 0.0},
            ("CCC", 2022): {"div_ideal_point": 0.3, "div_institutions": 0.0, "div_events": 0.9},
        }
    )
    scores = divergence.composite(parts)["divergence"]
    assert scores.isna()[["AAA", "BBB"]].all()
    assert scores[("CCC", 2022)] == pytest.approx(0.4)


def test_weights_shift_the_mean_of_the_available_signals_only():
    parts = synthetic(
        {("AAA", 2022): {"div_ideal_point": 1.0, "div_trade": 0.0, "div_events": 0.0}}
    )
    weighted = divergence.composite(parts, weights={"div_ideal_point": 2.0, "div_un_all": 9.0})
    assert weighted.loc[("AAA", 2022), "divergence"] == pytest.approx(0.5)


def events(rows: list[tuple]) -> pd.DataFrame:
    columns = ["step", "iso3", "date", "date_precision", "direction", "own_step", "kind"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.assign(date=pd.to_datetime(frame["date"]))


def test_one_event_reported_by_three_sources_counts_once():
    rows = events(
        [
            ("STEP-01", "AAA", "2024-02-22", "day", "away", True, "csto-freeze"),
            ("STEP-01", "AAA", "2024-02-01", "month", "away", True, "csto-freeze"),
            ("STEP-01", "AAA", "2024-01-01", "year", "away", True, "csto-freeze"),
        ]
    )
    assert len(divergence.distinct_events(rows)) == 1
    assert divergence.event_signal(rows)[("AAA", 2024)] == pytest.approx(1 / 4)


def test_an_event_is_dated_by_its_most_precise_report():
    rows = events(
        [
            ("STEP-01", "AAA", "2024-01-01", "year", "away", True, "other"),
            ("STEP-01", "AAA", "2023-12-30", "day", "away", True, "other"),
            ("STEP-01", "AAA", None, None, "away", True, "other"),
        ]
    )
    assert divergence.distinct_events(rows).loc["STEP-01", "year"] == 2023


def test_steps_the_state_did_not_take_do_not_count_and_steps_towards_offset():
    rows = events(
        [
            ("STEP-01", "AAA", "2024-12-25", "day", "neither", False, "air-crash"),
            ("STEP-02", "AAA", "2024-12-01", "month", "away", False, "air-crash"),  # an airline
            ("STEP-03", "BBB", "2024-03-01", "day", "away", True, "other"),
            ("STEP-04", "BBB", "2024-05-01", "day", "away", True, "other"),
            ("STEP-05", "BBB", "2024-06-01", "day", "towards", True, "rapprochement"),
        ]
    )
    signal = divergence.event_signal(rows)
    assert signal.get(("AAA", 2024), 0.0) == 0.0  # no own step: nothing to count
    assert signal[("BBB", 2024)] == pytest.approx(1 / 4)


def institutions(**columns: list) -> pd.DataFrame:
    base = {
        "cis_legal_status": ["member"],
        "cis_participation": ["full"],
        "csto_status": ["member"],
        "csto_participation": ["full"],
        "eaeu_status": ["member"],
        "eaeu_participation": ["full"],
        "neutral": [False],
    }
    return pd.DataFrame({**base, **columns})


def test_a_frozen_membership_moves_the_institutional_signal():
    active = divergence.institution_signal(institutions())[0]
    frozen = divergence.institution_signal(institutions(csto_participation=["none"]))[0]
    assert active == 0.0
    assert frozen == pytest.approx(1 / 3)  # still a member in law, the signal moves


def test_associate_status_of_a_neutral_state_is_not_drift():
    neutral = institutions(
        cis_legal_status=["associate"],
        cis_participation=["partial"],
        csto_status=["none"],
        csto_participation=["none"],
        eaeu_status=["none"],
        eaeu_participation=["none"],
        neutral=[True],
    )
    aligned_outsider = neutral.assign(neutral=[False], cis_legal_status=["member"])
    assert divergence.institution_signal(neutral)[0] == pytest.approx((0 + 0.5 + 0.5) / 3)
    assert divergence.institution_signal(aligned_outsider)[0] == pytest.approx((0.5 + 1 + 1) / 3)


def test_an_organisation_that_does_not_exist_yet_is_left_out():
    early = institutions(eaeu_status=[None], eaeu_participation=[None])
    assert divergence.institution_signal(early)[0] == 0.0


def test_the_baseline_change_of_a_constant_series_is_zero():
    rows = {
        ("AAA", y): {"div_ideal_point": 0.4, "div_institutions": 0.2} for y in range(2012, 2026)
    }
    change = divergence.baseline_change(synthetic(rows))
    assert np.allclose(change["change"], 0.0)
    assert (change["signals"] == 2).all()


def test_the_baseline_change_is_measured_against_the_state_s_own_level():
    rows = {("AAA", y): {"div_ideal_point": 0.8} for y in range(2015, 2022)}
    rows |= {("AAA", 2023): {"div_ideal_point": 0.8, "div_summits": 1.0}}
    rows |= {("BBB", y): {"div_ideal_point": 0.1} for y in range(2015, 2022)}
    rows |= {("BBB", 2023): {"div_ideal_point": 0.4}}
    change = divergence.baseline_change(synthetic(rows))["change"]
    assert change[("AAA", 2023)] == 0.0  # always apart is not a move; summits have no baseline
    assert change[("BBB", 2023)] == pytest.approx(0.3)


def test_votes_agree_fully_half_with_an_abstention_and_not_when_opposed():
    pairs = pd.DataFrame(
        {
            "iso3": ["AAA"] * 3 + ["BBB"],
            "year": [2022] * 4,
            "vote": ["no", "abstain", "yes", "yes"],
            "reference_vote": ["no", "no", "no", "no"],
        }
    )
    agreement = divergence.agreement3(pairs)
    assert agreement[("AAA", 2022)] == pytest.approx(0.5)
    assert agreement[("BBB", 2022)] == 0.0


def test_official_russia_share_needs_a_full_year_of_the_state_s_own_figures():
    table = pd.DataFrame(
        {
            "reporter": ["AAA", "AAA", "AAA", "BBB", "RUS", "RUS"],
            "partner": ["RUS", "WLD", "WLD", "RUS", "BBB", "WLD"],
            "year": [2023] * 6,
            "flow": ["turnover", "exports", "imports", "turnover", "exports", "exports"],
            "value": [2.0, 3000.0, 5000.0, 1.0, 900.0, 400000.0],
            "unit": [
                "USD billion",
                "USD million",
                "USD million",
                "USD billion",
                "USD million",
                "USD million",
            ],
            "period": ["year"] * 6,
            "source_id": ["s1", "s2", "s2", "s3", "s4", "s4"],
        }
    )
    share = official_russia_share(table)
    assert share.loc[("AAA", 2023), "share"] == pytest.approx(0.25)
    assert ("BBB", 2023) not in share.index  # no world total from BBB itself; mirrors not used


# --- the real data ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return helpers.panel().set_index(["iso3", "year"])


def test_signals_lie_between_zero_and_one_and_russia_is_not_scored(panel):
    values = panel[[*divergence.COMPONENTS, "divergence"]].astype(float).stack().dropna()
    assert values.between(0, 1).all()
    assert panel.loc["RUS", "divergence"].isna().all()


def test_armenia_s_csto_freeze_and_steps_move_it(panel):
    assert (
        panel.loc[("ARM", 2024), "div_institutions"] > panel.loc[("ARM", 2023), "div_institutions"]
    )
    assert panel.loc[("ARM", 2024), "divergence"] > panel.loc[("ARM", 2021), "divergence"] + 0.3
    assert panel.loc[("ARM", 2025), "divergence"] > panel.loc[("BLR", 2025), "divergence"] + 0.2


def test_the_foreign_ministers_refusal_counts_once():
    steps = divergence.distinct_events(helpers.load("divergence_events"))
    assert steps.loc["STEP-13", "date"] == pd.Timestamp("2024-10-07")


def test_turkmenistan_s_absences_and_airlines_are_not_its_steps(panel):
    assert panel.loc["TKM", "div_events"].dropna().eq(0).all()
    assert panel.loc["TKM", "div_un_post_soviet"].loc[2022:].isna().all()  # absent: left out
    assert (
        panel.loc[("TKM", 2024), "div_institutions"] < panel.loc[("UZB", 2024), "div_institutions"]
    )


def test_belarus_is_closest_and_the_west_leaning_states_furthest(panel):
    recent = panel["divergence"].astype(float).xs(2024, level="year").dropna()
    assert recent.idxmin() == "BLR"
    assert set(recent.nlargest(6).index) == {"UKR", "LTU", "LVA", "EST", "GEO", "MDA"}


def test_moldova_missed_every_summit(panel):
    missed = panel.loc["MDA", "div_summits"].dropna()
    assert (missed[missed.index >= 2022] == 1.0).all()


def test_every_emergency_session_resolution_has_a_vote_or_a_note_for_each_state():
    votes = helpers.unga.ukraine_votes()
    session = votes[votes["resolution"].astype(str).str.match(r"A/RES/ES-11/[1-7]$")]
    assert session["resolution"].nunique() == 7
    assert session.groupby("resolution")["iso3"].nunique().eq(15).all()
    unsettled = session[session["vote"].isna()]
    assert unsettled["note"].notna().all()


def test_the_sensitivity_tables_cover_every_signal(panel):
    parts = panel[divergence.COMPONENTS]
    table = divergence.leave_one_out(parts, range(2022, 2026))
    assert len(table) == 1 + len(divergence.COMPONENTS)
    assert table.iloc[0]["rank correlation with full ranking"] == 1.0
    assert divergence.rank_stability(parts, range(2022, 2026)) > 0.9


CIS_AND_TURKMENISTAN = {"ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UZB"}
# Absences at the informal December meetings, as the four summit reports give them
ABSENT = {
    "informal-2022-12": {"MDA"},
    "informal-2023-12": {"MDA"},
    "informal-2024-12": {"ARM", "AZE", "MDA"},  # Aliyev turned back after the Aktau crash
    "informal-2025-12": {"AZE", "MDA"},  # Aliyev cited his schedule
}


@pytest.mark.parametrize("summit", sorted(ABSENT))
def test_informal_summit_attendance_is_complete_and_matches_the_reports(summit):
    rows = helpers.load("summit_attendance").query("summit_id == @summit")
    assert set(rows["iso3"]) >= CIS_AND_TURKMENISTAN
    absent = set(rows.loc[~rows["attended"].astype(bool), "iso3"]) & CIS_AND_TURKMENISTAN
    assert absent == ABSENT[summit]


# --- more rules, each on a small synthetic input -------------------------------------------


def test_weights_below_one_still_give_a_score_and_zero_weights_give_none():
    parts = synthetic(
        {("AAA", 2022): {"div_ideal_point": 1.0, "div_trade": 0.0, "div_events": 0.5}}
    )
    light = divergence.composite(parts, weights=dict.fromkeys(divergence.COMPONENTS, 0.1))
    assert light.loc[("AAA", 2022), "divergence"] == pytest.approx(0.5)
    nothing = divergence.composite(parts, weights=dict.fromkeys(divergence.COMPONENTS, 0.0))
    assert pd.isna(nothing.loc[("AAA", 2022), "divergence"])
    assert nothing.loc[("AAA", 2022), "divergence_signals"] == 3
    lower = divergence.composite(parts, minimum=4)
    assert pd.isna(lower.loc[("AAA", 2022), "divergence"])


def test_the_baseline_is_the_mean_over_its_years_only():
    rows = {("AAA", y): {"div_ideal_point": 0.9} for y in (2014, 2022)}
    rows |= {("AAA", 2015): {"div_ideal_point": 0.2}, ("AAA", 2021): {"div_ideal_point": 0.4}}
    change = divergence.baseline_change(synthetic(rows))
    assert change.loc[("AAA", 2022), "change"] == pytest.approx(0.6)
    assert change.loc[("AAA", 2014), "change"] == pytest.approx(0.6)
    assert change.loc[("AAA", 2022), "signals"] == 1
    narrow = divergence.baseline_change(synthetic(rows), baseline=(2021, 2021))
    assert narrow.loc[("AAA", 2022), "change"] == pytest.approx(0.5)


def ranked_parts() -> pd.DataFrame:
    """Three states, two years: CCC furthest, AAA closest; without the ideal point BBB leads."""
    level = {"AAA": (0.1, 0.2), "BBB": (0.9, 0.3), "CCC": (0.8, 0.9)}
    rows = {
        (state, year): {
            "div_ideal_point": ideal,
            "div_un_all": ideal,
            "div_institutions": other,
            "div_trade": other,
        }
        for state, (ideal, other) in level.items()
        for year in (2022, 2023)
    }
    rows[("DDD", 2022)] = {"div_institutions": 1.0}  # never scored
    rows[("CCC", 2021)] = dict.fromkeys(divergence.COMPONENTS, 0.0)  # outside the window
    return synthetic(rows)


def test_leave_one_out_ranks_each_variant_against_the_full_ranking():
    table = divergence.leave_one_out(ranked_parts(), range(2022, 2024))
    assert list(table.index) == ["(none)", *[name for name, _ in divergence.SIGNALS.values()]]
    assert list(table.columns) == [
        "states scored",
        "rank correlation with full ranking",
        "most divergent",
        "least divergent",
    ]
    full = table.loc["(none)"]
    assert full["states scored"] == 3
    assert full["rank correlation with full ranking"] == 1.0
    assert (full["most divergent"], full["least divergent"]) == ("CCC", "AAA")
    trade = table.loc[divergence.SIGNALS["div_trade"][0]]
    assert trade["most divergent"] == "CCC"
    # without the trade signal: AAA 0.133, BBB 0.7, CCC 0.833 - the same order
    assert trade["rank correlation with full ranking"] == 1.0


def test_leave_one_out_rounds_the_correlation_to_two_places():
    # equal x for three signals, trade t: full (3x + t) / 4 orders A < B < C < D, without trade
    # x orders B < A < D < C: every rank one apart, Spearman 1 - 6 * 4 / (4 * 15) = 0.6
    level = {"A": (0.2, 0.0), "B": (0.1, 0.4), "C": (0.8, 0.2), "D": (0.6, 1.0)}
    rows = {
        (state, 2022): {
            **dict.fromkeys(["div_ideal_point", "div_un_all", "div_events"], x),
            "div_trade": t,
        }
        for state, (x, t) in level.items()
    }
    table = divergence.leave_one_out(synthetic(rows), range(2022, 2023))
    trade = table.loc[divergence.SIGNALS["div_trade"][0]]
    assert trade["rank correlation with full ranking"] == 0.6
    assert (trade["most divergent"], trade["least divergent"]) == ("C", "B")
    assert table.loc["(none)", "most divergent"] == "D"


def test_weight_perturbation_with_no_spread_keeps_every_score_and_rank():
    table = divergence.weight_perturbation(ranked_parts(), range(2022, 2024), draws=20, spread=0)
    assert list(table.index) == ["CCC", "BBB", "AAA"]  # most divergent first
    assert list(table.columns) == [
        "equal weights",
        "low (5%)",
        "high (95%)",
        "rank",
        "best rank",
        "worst rank",
    ]
    assert table["equal weights"].tolist() == [0.85, 0.6, 0.15]
    assert table["low (5%)"].tolist() == table["equal weights"].tolist()
    assert table["high (95%)"].tolist() == table["equal weights"].tolist()
    assert table["rank"].tolist() == table["best rank"].tolist() == table["worst rank"].tolist()
    assert table["rank"].tolist() == [1, 2, 3]


def test_weight_perturbation_draws_weights_from_the_whole_range():
    rows = {("AAA", 2022): {"div_ideal_point": 1.0, "div_trade": 0.0, "div_events": 0.0}}
    rows[("BBB", 2022)] = dict.fromkeys(["div_ideal_point", "div_trade", "div_events"], 0.51)
    table = divergence.weight_perturbation(synthetic(rows), range(2022, 2023), spread=0.5)
    aaa = table.loc["AAA"]
    assert aaa["equal weights"] == 0.33
    assert 0.2 <= aaa["low (5%)"] < 0.33 < aaa["high (95%)"] <= 0.6
    # AAA scores w1 / (w1 + w2 + w3): above BBB's 0.51 only if w1 > 1.04 (w2 + w3), which
    # weights in [0.5, 1.5] allow in about 1.5 % of draws and weights in [0.5, 1] never do
    assert (aaa["rank"], aaa["best rank"], aaa["worst rank"]) == (2, 1, 2)
    assert table.loc["BBB", "low (5%)"] == table.loc["BBB", "high (95%)"] == 0.51


def test_rank_stability_falls_when_weights_can_reorder_the_states():
    rows = {
        ("AAA", 2022): {"div_ideal_point": 0.6, "div_trade": 0.0, "div_events": 0.0},
        ("BBB", 2022): {"div_ideal_point": 0.0, "div_trade": 0.3, "div_events": 0.3},
        ("CCC", 2022): {"div_ideal_point": 0.9, "div_trade": 0.9, "div_events": 0.9},
    }
    # equal weights tie AAA and BBB at 0.2; any unequal weighting of the signals separates them
    assert divergence.rank_stability(synthetic(rows), range(2022, 2023), spread=0.5) < 1.0
    assert divergence.rank_stability(synthetic(rows), range(2022, 2023), spread=0.0) == 1.0


def test_validation_correlates_the_composite_with_the_ideal_point_with_and_without_it():
    rows = []
    for i, (ideal, trade, events) in enumerate(
        [(0.0, 0.1, 0.2), (0.2, 0.0, 0.4), (0.6, 0.9, 0.5), (1.0, 0.7, 0.9), (0.5, 0.5, 0.5)]
    ):
        rows.append(
            {
                "iso3": f"S{i}",
                "year": 2022 if i < 4 else 2030,
                "div_ideal_point": ideal,
                "div_trade": trade,
                "div_events": events,
                "div_un_all": trade,
            }
        )
    frame = pd.DataFrame(rows).set_index(["iso3", "year"], drop=False)
    frame = frame.reindex(columns=["iso3", "year", *divergence.COMPONENTS])
    frame = frame.join(divergence.composite(frame)[["divergence"]])
    result = divergence.validation(frame, range(2022, 2023))
    inside = frame[frame["year"] == 2022]
    rest = inside[["div_trade", "div_events", "div_un_all"]].mean(axis=1)
    assert result == {
        "with ideal point": round(inside["divergence"].corr(inside["div_ideal_point"]), 2),
        "state-years": 4,
        "without ideal point": round(rest.corr(inside["div_ideal_point"]), 2),
        "state-years without": 4,
    }
    assert result["with ideal point"] != result["without ideal point"]


def test_an_own_step_in_neither_direction_counts_zero():
    rows = events(
        [
            ("STEP-01", "AAA", "2024-03-01", "day", "neither", True, "other"),
            ("STEP-02", "AAA", "2024-04-01", "day", "away", True, "other"),
            ("STEP-03", "AAA", "2025-04-01", "day", "towards", True, "other"),
            ("STEP-04", "AAA", "2025-05-01", "day", "away", True, "other"),
        ]
    )
    signal = divergence.event_signal(rows)
    assert signal.index.names == ["iso3", "year"]
    assert signal.to_dict() == {("AAA", 2024): 0.25, ("AAA", 2025): 0.0}


def test_many_steps_away_saturate_at_one():
    rows = events(
        [(f"STEP-{i}", "AAA", f"2024-0{i}-01", "day", "away", True, "other") for i in range(1, 7)]
    )
    assert divergence.event_signal(rows)[("AAA", 2024)] == 1.0


def test_the_earliest_of_equally_precise_reports_dates_an_event():
    rows = events(
        [
            ("STEP-01", "AAA", "2024-03-05", "day", "away", True, "other"),
            ("STEP-01", "AAA", "2023-12-31", "day", "away", True, "other"),
            ("STEP-02", "BBB", None, None, "away", True, "other"),
        ]
    )
    steps = divergence.distinct_events(rows)
    assert steps.loc["STEP-01", "date"] == pd.Timestamp("2023-12-31")
    assert list(steps.columns) == [
        "iso3",
        "date",
        "date_precision",
        "year",
        "direction",
        "own_step",
        "kind",
    ]
    assert pd.isna(steps.loc["STEP-02", "year"])
    assert ("BBB", 2024) not in divergence.event_signal(rows).index


def test_a_signatory_counts_as_a_member_and_a_non_member_as_apart():
    signatory = institutions(csto_status=["signatory"], eaeu_status=["suspended"])
    # CIS 0, CSTO signatory taking full part 0, EAEU not a member 1
    assert divergence.institution_signal(signatory)[0] == pytest.approx(1 / 3)
    outside = institutions(cis_legal_status=["former"], cis_participation=["full"])
    assert divergence.institution_signal(outside)[0] == pytest.approx(1 / 3)
    partial = institutions(cis_participation=["partial"], eaeu_participation=["partial"])
    assert divergence.institution_signal(partial)[0] == pytest.approx(1 / 3)
    neutral_member = institutions(neutral=[True], csto_status=[None], csto_participation=[None])
    assert divergence.institution_signal(neutral_member)[0] == pytest.approx(0.25)


def test_agreement3_is_per_state_and_year():
    pairs = pd.DataFrame(
        {
            "iso3": ["AAA", "AAA", "AAA", "BBB"],
            "year": [2021, 2022, 2022, 2022],
            "vote": ["yes", "abstain", "no", "yes"],
            "reference_vote": ["no", "abstain", "yes", "abstain"],
        }
    )
    agreement = divergence.agreement3(pairs)
    assert agreement.index.names == ["iso3", "year"]
    assert agreement.to_dict() == {("AAA", 2021): 0.0, ("AAA", 2022): 0.5, ("BBB", 2022): 0.5}


def trade_rows(rows: list[tuple]) -> pd.DataFrame:
    columns = ["reporter", "partner", "year", "flow", "value", "unit", "period", "source_id"]
    return pd.DataFrame(rows, columns=columns)


def test_official_russia_share_units_flows_medians_and_sources():
    table = trade_rows(
        [
            ("AAA", "RUS", 2020, "exports", 100.0, "USD million", "year", "s2"),
            ("AAA", "RUS", 2020, "exports", 300.0, "USD million", "year", "s1"),  # median 200
            ("AAA", "RUS", 2020, "imports", 300_000.0, "USD thousand", "year", "s1"),
            ("AAA", "RUS", 2020, "turnover", 9.0, "USD billion", "year", "s3"),  # not used
            ("AAA", "WLD", 2020, "exports", 1.0, "USD billion", "year", "s1"),
            ("AAA", "WLD", 2020, "imports", 1000.0, "USD million", "year", "s1"),
            ("AAA", "WLD", 2020, "exports", 5.0, "RUB billion", "year", "s9"),  # not US dollars
            ("AAA", "RUS", 2020, "exports", 999.0, "USD million", "month", "s8"),  # not a year
            ("AAA", "CHN", 2020, "exports", 999.0, "USD million", "year", "s7"),  # other partner
            ("BBB", "RUS", 2020, "exports", 10.0, "USD million", "year", "s4"),  # no world figure
        ]
    )
    share = official_russia_share(table)
    assert share.index.names == ["iso3", "year"]
    assert list(share.index) == [("AAA", 2020)]
    assert share.loc[("AAA", 2020), "share"] == pytest.approx(500 / 2000)
    assert share.loc[("AAA", 2020), "source"] == "s1; s2; s3"


def test_official_russia_share_without_turnover_rows_or_without_russia():
    only_flows = trade_rows(
        [
            ("AAA", "RUS", 2020, "exports", 1.0, "USD million", "year", "s1"),
            ("AAA", "RUS", 2020, "imports", 1.0, "USD million", "year", "s1"),
            ("AAA", "WLD", 2020, "exports", 4.0, "USD million", "year", "s1"),
            ("AAA", "WLD", 2020, "imports", 4.0, "USD million", "year", "s1"),
        ]
    )
    assert official_russia_share(only_flows)["share"].tolist() == [0.25]
    world_only = only_flows[only_flows["partner"] == "WLD"]
    assert official_russia_share(world_only).empty


# --- building the signals, from synthetic tables --------------------------------------------

DATA = "synthetic-data-dir"  # must reach every table read


def fake_tables() -> dict[str, pd.DataFrame]:
    day = pd.to_datetime
    return {
        "un_roll_calls": pd.DataFrame(
            {"roll_call_id": ["V1", "V2", "C1"], "date": day(["2019-05-01", "2020-01-10", ""])}
        ),  # complete until 2019
        "trade_official": trade_rows(
            [
                ("AAA", "RUS", 2016, "turnover", 10.0, "USD million", "year", "s-aaa"),
                ("AAA", "WLD", 2016, "turnover", 40.0, "USD million", "year", "s-aaa"),
                ("BBB", "RUS", 2016, "turnover", 36.0, "USD million", "year", "s-bbb"),
                ("BBB", "WLD", 2016, "turnover", 40.0, "USD million", "year", "s-bbb"),
                ("AAA", "RUS", 2014, "turnover", 40.0, "USD million", "year", "s-old"),
                ("AAA", "WLD", 2014, "turnover", 40.0, "USD million", "year", "s-old"),
            ]
        ),
        "summits": pd.DataFrame(
            {"summit_id": ["s1", "s2"], "date": day(["2022-10-14", "2022-12-26"])}
        ),
        "summit_attendance": pd.DataFrame(
            {
                "summit_id": ["s1", "s1", "s2", "s1", "s2"],
                "iso3": ["AAA", "AAA", "AAA", "BBB", "BBB"],
                "attended": [True, True, False, True, True],  # AAA's s1 listed twice
            }
        ),
        "divergence_events": events(
            [
                ("STEP-01", "AAA", "2023-05-01", "day", "away", True, "other"),
                ("STEP-02", "BBB", "2023-05-01", "day", "away", True, "other"),
                ("STEP-03", "RUS", "2023-05-01", "day", "away", True, "other"),
            ]
        ),
    }


VOTES = [  # roll call, year, about, amendment, {state: vote}
    ("V1", 2019, None, False, {"RUS": "yes", "AAA": "no", "BBB": "yes", "TKM": "abstain"}),
    ("V2", 2019, None, False, {"RUS": "yes", "AAA": "yes", "BBB": "yes", "TKM": "yes"}),
    ("C1", 2022, "UKR", False, {"RUS": "no", "AAA": "yes", "BBB": "no", "TKM": "absent"}),
    ("C2", 2022, "UKR", True, {"RUS": "no", "BBB": "yes"}),  # an amendment
    ("C3", 2022, None, False, {"RUS": "no", "BBB": "yes", "AAA": "no"}),  # not post-Soviet
]


def fake_votes() -> pd.DataFrame:
    rows = [
        {
            "roll_call_id": call,
            "year": year,
            "about": about,
            "amendment": amendment,
            "paragraph": False,
            "iso3": state,
            "vote": vote,
        }
        for call, year, about, amendment, cast in VOTES
        for state, vote in cast.items()
    ]
    return pd.DataFrame(rows)


def fake_frame() -> pd.DataFrame:
    """Status, org and ideal-point columns for four states in a few years."""
    member = {
        "cis_legal_status": "member",
        "cis_participation": "full",
        "csto_status": "member",
        "csto_participation": "full",
        "eaeu_status": "member",
        "eaeu_participation": "full",
    }
    tkm = {
        **member,
        "cis_legal_status": "associate",
        "cis_participation": "partial",
        "csto_status": "none",
        "csto_participation": "none",
        "eaeu_status": "none",
        "eaeu_participation": "none",
    }
    former = {**member, "cis_legal_status": "former", "csto_status": "none"}
    rows = {
        ("AAA", 2014): {**member, "russia_trade_share": 0.6, "ideal_point_distance_russia": 1.0},
        ("AAA", 2016): {**member, "ideal_point_distance_russia": 1.0},
        ("AAA", 2019): {**member, "ideal_point_distance_russia": 2.0},
        ("AAA", 2022): {**member, "ideal_point_distance_russia": 2.0},
        ("AAA", 2023): {**member},
        ("BBB", 2014): {**member, "russia_trade_share": 0.3, "ideal_point_distance_russia": 0.5},
        ("BBB", 2016): {**member},
        ("BBB", 2019): {**former},
        ("BBB", 2022): {**former, "ideal_point_distance_russia": 0.5},
        ("BBB", 2023): {**former},
        ("TKM", 1995): {**tkm, "eaeu_status": None, "eaeu_participation": None},
        ("TKM", 1996): {**tkm, "eaeu_status": None, "eaeu_participation": None},
        ("TKM", 2019): {**tkm, "ideal_point_distance_russia": 1.5},
        ("RUS", 2014): {**member, "ideal_point_distance_russia": 0.0},  # no share with itself
        ("RUS", 2022): {**member, "ideal_point_distance_russia": 0.0},
    }
    index = pd.MultiIndex.from_tuples(list(rows), names=["iso3", "year"])
    return pd.DataFrame(list(rows.values()), index=index)


@pytest.fixture
def built(monkeypatch) -> pd.DataFrame:
    tables = fake_tables()

    def fake_load(name: str, data_dir=None) -> pd.DataFrame:
        assert data_dir == DATA, f"{name} read from {data_dir!r}"
        return tables[name].copy()

    monkeypatch.setattr(divergence, "load", fake_load)
    monkeypatch.setattr(divergence.unga, "load", fake_load)
    return divergence.signals(fake_frame(), fake_votes(), DATA)


def test_signals_un_votes(built):
    un_all = built["div_un_all"]
    # disagreement in 2019: AAA 1 - (0 + 1) / 2 = 0.5, TKM 1 - (0.5 + 1) / 2 = 0.25, BBB 0
    assert un_all[("AAA", 2019)] == 1.0  # the largest disagreement scales to 1
    assert un_all[("TKM", 2019)] == 0.5
    assert un_all[("BBB", 2019)] == 0.0
    assert un_all.drop([("AAA", 2019), ("TKM", 2019), ("BBB", 2019)]).isna().all()  # 2022 too
    post_soviet = built["div_un_post_soviet"].dropna()
    # C1 only: the amendment (C2) and the vote about no post-Soviet state (C3) are left out;
    # TKM was absent
    assert post_soviet.to_dict() == {("AAA", 2022): 1.0, ("BBB", 2022): 0.0}


def test_signals_ideal_point_trade_and_its_source(built):
    ideal = built["div_ideal_point"]
    assert ideal[("AAA", 2022)] == 1.0  # 2 / 2, Russia's own 0 is not the yardstick
    assert ideal[("BBB", 2022)] == 0.25
    assert ideal[("TKM", 2019)] == 0.75
    assert pd.isna(ideal[("AAA", 2023)])
    trade = built["div_trade"]
    assert trade[("AAA", 2014)] == pytest.approx(0.0)  # the largest COW share (0.6)
    assert trade[("BBB", 2014)] == pytest.approx(0.5)  # 1 - 0.3 / 0.6
    assert trade[("AAA", 2016)] == pytest.approx(1 - 0.25 / 0.6)  # official, from 2015
    assert trade[("BBB", 2016)] == 0.0  # 0.9 / 0.6: clipped
    assert trade[[("AAA", 2019), ("TKM", 2019), ("RUS", 2014)]].isna().all()
    source = built["div_trade_source"]
    assert source[("AAA", 2014)] == "cow-trade-4.0"  # never the official s-old
    assert source[("AAA", 2016)] == "s-aaa"
    assert source[("BBB", 2016)] == "s-bbb"
    assert source[[("AAA", 2019), ("TKM", 1996)]].isna().all()


def test_signals_institutions_summits_and_steps(built):
    institutions = built["div_institutions"]
    assert institutions[("AAA", 2016)] == 0.0
    assert institutions[("BBB", 2019)] == pytest.approx((1 + 1 + 0) / 3)
    assert institutions[("TKM", 1995)] == pytest.approx((0 + 1) / 2)  # neutral only from 1996
    assert institutions[("TKM", 1996)] == pytest.approx((0 + 0.5) / 2)
    assert institutions[("TKM", 2019)] == pytest.approx((0 + 0.5 + 0.5) / 3)
    summits = built["div_summits"].dropna()
    assert summits.to_dict() == {("AAA", 2022): 0.5, ("BBB", 2022): 0.0}
    steps = built["div_events"].dropna()
    # AAA takes part: 0 in 2022 (no step), 1/4 in 2023; BBB has left the CIS: not scored
    assert steps.to_dict() == {("AAA", 2022): 0.0, ("AAA", 2023): 0.25}


def test_signals_russia_gets_nothing_and_the_composite_is_joined(built):
    assert built.loc["RUS", divergence.COMPONENTS].isna().all().all()
    assert built.loc["RUS", "divergence"].isna().all()
    assert list(built.columns) == [
        *divergence.COMPONENTS[:4],
        "div_trade_source",
        *divergence.COMPONENTS[4:],
        "divergence",
        "divergence_signals",
    ]
    # AAA 2022: post-Soviet votes 1, ideal point 1, institutions 0, summits 0.5, steps 0
    assert built.loc[("AAA", 2022), "divergence"] == pytest.approx(2.5 / 5)
    assert built.loc[("AAA", 2022), "divergence_signals"] == 5


def test_the_ukraine_vote_grid_shows_unrecorded_votes(monkeypatch):
    grid = pd.DataFrame({"iso3": ["AAA", "BBB"], "vote": pd.Categorical(["yes", None])})
    monkeypatch.setattr(divergence.unga, "ukraine_votes", lambda data_dir: grid)
    assert divergence.ukraine_vote_grid(DATA)["shown"].tolist() == ["yes", "not recorded"]


def test_summits_missed_per_state_and_year(built, monkeypatch):
    tables = fake_tables()
    monkeypatch.setattr(divergence, "load", lambda name, data_dir=None: tables[name].copy())
    missed = divergence._summits_missed(DATA)
    assert missed.index.names == ["iso3", "year"]
    assert missed.to_dict() == {("AAA", 2022): 0.5, ("BBB", 2022): 0.0}
