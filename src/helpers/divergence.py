"""Alignment with Moscow, 1992 to the last full year: seven signals per state and year, each on a
0-1 scale (0 aligned with Moscow, 1 divergent), the composite built from them, its validation
against the ideal-point distance, its sensitivity, and the change against each state's own
2015-2021 level. The method is written out in notebook 05; ``SIGNALS`` documents each scale.

The signals are computed from the panel's own columns and the tables (``signals``), so
``helpers.panel()`` carries them; every function below that scores, combines or compares takes a
plain frame, so the rules can be tested on small synthetic panels.

Missing is missing: a signal without data for a state and year is NaN, never 0, and a
state-year with fewer than ``MINIMUM`` signals (or with no voting signal) gets no composite.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import trade, unga
from .load import load
from .membership import IN_THE_CIS, Folder

REFERENCE = unga.REFERENCE

# column: (short name, scale)
SIGNALS: dict[str, tuple[str, str]] = {
    "div_un_all": (
        "UN votes, all roll calls",
        "Disagreement with Russia over all the year's recorded roll calls in which both took a "
        "position (1 - agreement: same vote 1, one side abstains 0.5, opposite votes 0; "
        "Voeten 2013), divided by the largest such disagreement of any post-Soviet state in "
        "1992-2019 (on all votes even the furthest agree with Russia more often than not). "
        "Absences and unrecorded votes are left out. Only to 2019 "
        "(helpers.unga.complete_until): later votes are a curated selection.",
    ),
    "div_un_post_soviet": (
        "UN votes on Ukraine and the post-Soviet space",
        "1 - agreement with Russia (unscaled) over the year's whole-resolution votes about a "
        "post-Soviet state (Ukraine and Crimea, Georgia's displaced persons, human rights in "
        "Belarus, "
        "Turkmenistan, Uzbekistan): same vote 1, one side abstains 0.5, opposite votes 0 "
        "(Voeten's three-category agreement). Absences and votes not established are left "
        "out, so a state that stays away on principle (Turkmenistan) is not scored as divergent.",
    ),
    "div_ideal_point": (
        "Ideal-point distance",
        "Absolute distance between the state's and Russia's Bailey-Strezhnev-Voeten ideal point "
        "that year, divided by the largest such distance of any post-Soviet state in any year "
        "(so 1 = the furthest any of them stood from Russia); to 2024.",
    ),
    "div_trade": (
        "Trade dependence",
        "1 - (share of the state's goods trade that is with Russia) / (the largest share in "
        "COW 1992-2014), clipped to 0-1: a low share is divergent. COW Trade 4.0 to 2014; from "
        "2015 only where the state's own statistics give its trade with Russia and with the "
        "world for a full year (trade_official, never spliced onto COW: see div_trade_source).",
    ),
    "div_institutions": (
        "Institutional alignment",
        "Mean over the CIS, the CST/CSTO (from 1992) and the EAEU (from 2015) at year end: a "
        "member taking full part 0, partial part 0.5, no part (frozen, suspended) or not a member "
        "1. Associate status in the CIS with the participation it provides for scores 0. For a "
        "permanently neutral state (Turkmenistan from 1996) the CSTO and the EAEU, which its "
        "neutrality law rules out, score 0.5: staying out is neither membership nor a choice "
        "against Moscow.",
    ),
    "div_summits": (
        "Summit attendance",
        "Share of the year's recorded CIS summits (formal and informal) the state did not attend; "
        "recorded for every summit from 2022, and before that only where a source reports who "
        "came (by name, or by a count of those present).",
    ),
    "div_events": (
        "Dated steps",
        "The state's own dated steps that year, each event counted once however many sources "
        "report it: (steps away from Moscow - steps towards it) / 4, clipped to 0-1; recorded "
        "only from 2022 and only for states taking part in the CIS.",
    ),
}
COMPONENTS = list(SIGNALS)
VOTING = ["div_un_all", "div_un_post_soviet", "div_ideal_point"]
MINIMUM = 3
EVENTS_SATURATE = 4
BASELINE = (2015, 2021)
# Turkmenistan's permanent neutrality: recognised by the UN General Assembly on 12 Dec 1995 and
# set in law on 27 Dec 1995 (art. 4: no military blocs or alliances, no interstate associations
# with binding obligations). The source is a row of `sources`.
NEUTRAL = {"TKM": (1995, "cis-legislation-tkm-neutrality-law-1995")}
EVENTS_FROM = 2022
NEUTRAL_SCORE = 0.5


# --- combining ------------------------------------------------------------------------------


def composite(
    parts: pd.DataFrame,
    weights: dict[str, float] | None = None,
    minimum: int = MINIMUM,
) -> pd.DataFrame:
    """The weighted mean of the available signals (`divergence`) and how many there are
    (`divergence_signals`); NaN where fewer than `minimum` signals, or no voting signal, exist.
    Without `weights` every signal counts equally."""
    columns = [c for c in COMPONENTS if c in parts.columns]
    values = parts[columns].astype(float)
    weight = pd.Series({c: (weights or {}).get(c, 1.0) for c in columns}, dtype=float)
    present = values.notna()
    total = (values.fillna(0.0) * weight).sum(axis=1)
    mass = (present * weight).sum(axis=1)
    count = present.sum(axis=1)
    voting = present[[c for c in VOTING if c in columns]].any(axis=1)
    enough = (count >= minimum) & voting & (mass > 0)
    score = (total / mass.where(mass > 0)).where(enough)
    return pd.DataFrame({"divergence": score, "divergence_signals": count.astype("Int64")})


def baseline_change(parts: pd.DataFrame, baseline: tuple[int, int] = BASELINE) -> pd.DataFrame:
    """Like-for-like change against each state's own baseline (mean over the baseline years):
    for each signal, its value minus its baseline mean; `change` is the mean of those
    differences over the signals that have both, `signals` how many. Signals recorded only
    after the baseline (summits, dated steps) cannot enter. Index: (iso3, year)."""
    columns = [c for c in COMPONENTS if c in parts.columns]
    values = parts[columns].astype(float)
    years = values.index.get_level_values("year")
    base = values[(years >= baseline[0]) & (years <= baseline[1])].groupby(level="iso3").mean()
    states = values.index.get_level_values("iso3")
    delta = values - base.reindex(states).to_numpy()
    return pd.DataFrame({"change": delta.mean(axis=1), "signals": delta.notna().sum(axis=1)})


def leave_one_out(parts: pd.DataFrame, years: range) -> pd.DataFrame:
    """For each signal left out: the rank correlation (Spearman) of the states' mean composite
    over `years` with the full ranking, and the two extremes."""
    window = parts[parts.index.get_level_values("year").isin(years)]
    full = composite(window)["divergence"].groupby(level="iso3").mean().dropna()
    rows = []
    for left_out in [None, *COMPONENTS]:
        kept = window.drop(columns=[left_out] if left_out else [])
        ranking = composite(kept)["divergence"].groupby(level="iso3").mean().dropna()
        common = full.index.intersection(ranking.index)
        rows.append(
            {
                "left out": SIGNALS[left_out][0] if left_out else "(none)",
                "states scored": len(ranking),
                "rank correlation with full ranking": round(
                    full[common].rank().corr(ranking[common].rank()), 2
                ),
                "most divergent": ranking.idxmax(),
                "least divergent": ranking.idxmin(),
            }
        )
    return pd.DataFrame(rows).set_index("left out")


def _perturbed(
    parts: pd.DataFrame, years: range, draws: int, spread: float, seed: int
) -> tuple[pd.DataFrame, pd.Series]:
    """Per state: its mean composite over `years` under each of `draws` weightings (columns),
    and under equal weights. Each signal's weight is drawn from [1 - spread, 1 + spread]."""
    window = parts[parts.index.get_level_values("year").isin(years)]
    columns = [c for c in COMPONENTS if c in window.columns]
    values = window[columns].astype(float)
    base = composite(window)["divergence"]
    scored = base.notna().to_numpy()
    weights = np.random.default_rng(seed).uniform(
        1 - spread, 1 + spread, size=(draws, len(columns))
    )
    present = values.notna().to_numpy()[scored]
    filled = values.fillna(0.0).to_numpy()[scored]
    scores = pd.DataFrame((filled @ weights.T) / (present @ weights.T), index=base.index[scored])
    means = scores.groupby(level="iso3").mean()
    return means, base.groupby(level="iso3").mean().reindex(means.index)


def weight_perturbation(
    parts: pd.DataFrame, years: range, draws: int = 500, spread: float = 0.5, seed: int = 12
) -> pd.DataFrame:
    """Each signal's weight drawn independently from [1 - spread, 1 + spread], `draws` times:
    per state, the mean composite over `years` under equal weights, its 5th-95th percentile
    range over the draws, and the range of its rank (1 = most divergent)."""
    means, equal = _perturbed(parts, years, draws, spread, seed)
    ranks = means.rank(ascending=False, method="min")
    return pd.DataFrame(
        {
            "equal weights": equal.round(2),
            "low (5%)": means.quantile(0.05, axis=1).round(2),
            "high (95%)": means.quantile(0.95, axis=1).round(2),
            "rank": equal.rank(ascending=False, method="min").astype(int),
            "best rank": ranks.min(axis=1).astype(int),
            "worst rank": ranks.max(axis=1).astype(int),
        }
    ).sort_values("equal weights", ascending=False)


def rank_stability(
    parts: pd.DataFrame, years: range, draws: int = 500, spread: float = 0.5, seed: int = 12
) -> float:
    """The lowest rank correlation (Spearman) between the equal-weight ranking of the states
    and their ranking under any of the perturbed weightings of ``weight_perturbation``."""
    means, equal = _perturbed(parts, years, draws, spread, seed)
    return float(means.rank().corrwith(equal.rank()).min())


def validation(panel: pd.DataFrame, years: range) -> dict[str, float]:
    """Pearson correlations, over state-years in `years`, of the composite with the ideal-point
    distance alone (`with ideal point`), and of the composite rebuilt without that signal
    (`without ideal point`), with the number of state-years each rests on."""
    frame = panel[panel["year"].isin(years)] if "year" in panel else panel
    both = frame[["divergence", "div_ideal_point"]].astype(float).dropna()
    rest = composite(frame.drop(columns=["div_ideal_point"]))["divergence"].astype(float)
    other = pd.DataFrame({"rest": rest, "ideal": frame["div_ideal_point"].astype(float)}).dropna()
    return {
        "with ideal point": round(both["divergence"].corr(both["div_ideal_point"]), 2),
        "state-years": len(both),
        "without ideal point": round(other["rest"].corr(other["ideal"]), 2),
        "state-years without": len(other),
    }


# --- events -------------------------------------------------------------------------------

PRECISION_ORDER = {"day": 0, "month": 1, "year": 2}


def distinct_events(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per event (`step`), however many source rows report it: the state, direction and
    own_step of the event, dated by its most precise report (the earliest among equally precise
    ones); reports without a date do not date it. An event no report dates has no year."""
    rows = rows.assign(
        rank=rows["date_precision"].astype(object).map(PRECISION_ORDER).fillna(9),
    ).sort_values(["step", "rank", "date"], na_position="last")
    first = rows.drop_duplicates("step")
    return first.assign(year=first["date"].dt.year).set_index("step")[
        ["iso3", "date", "date_precision", "year", "direction", "own_step", "kind"]
    ]


def event_signal(rows: pd.DataFrame) -> pd.Series:
    """Per (iso3, year): (the state's own steps away - its own steps towards Moscow) / 4, clipped
    to 0-1, counting each event once. Index of states and years with at least one event."""
    events = distinct_events(rows).dropna(subset=["iso3", "year"])
    events = events[events["own_step"].astype(bool)]
    sign = events["direction"].astype(object).map({"away": 1, "towards": -1}).fillna(0)
    net = sign.groupby([events["iso3"].astype(str), events["year"].astype(int)]).sum()
    net.index.names = ["iso3", "year"]
    return (net / EVENTS_SATURATE).clip(0, 1).astype(float)


# --- institutions -------------------------------------------------------------------------

PARTICIPATION = {"full": 0.0, "partial": 0.5, "none": 1.0}


def institution_signal(frame: pd.DataFrame) -> pd.Series:
    """Per row: the mean institutional distance over the organisations that apply that year.
    Columns used: cis_legal_status, cis_participation; csto_status, csto_participation and
    eaeu_status, eaeu_participation (status 'member' or 'signatory', else not a member;
    empty status: the organisation does not exist yet); neutral (bool)."""
    cis = frame["cis_participation"].astype(object).map(PARTICIPATION)
    associate = frame["cis_legal_status"].astype(object) == "associate"
    cis = cis.where(~(associate & (frame["cis_participation"].astype(object) == "partial")), 0.0)
    cis = cis.where(frame["cis_legal_status"].astype(object).isin(IN_THE_CIS), 1.0)
    scores = {"cis": cis}
    for org in ["csto", "eaeu"]:
        status = frame[f"{org}_status"].astype(object)
        member = status.isin(["member", "signatory"])
        score = frame[f"{org}_participation"].astype(object).map(PARTICIPATION).where(member, 1.0)
        score = score.where(status.notna())
        scores[org] = score.where(~frame["neutral"].astype(bool), NEUTRAL_SCORE).where(
            status.notna()
        )
    return pd.DataFrame(scores).astype(float).mean(axis=1)


# --- UN votes -----------------------------------------------------------------------------


def agreement3(pairs: pd.DataFrame) -> pd.Series:
    """Per (iso3, year): mean agreement of `vote` with `reference_vote` (``unga.pairs``): same
    vote 1, one side abstains 0.5, opposite votes 0."""
    mine, theirs = pairs["vote"].astype(str), pairs["reference_vote"].astype(str)
    score = np.where(
        mine == theirs, 1.0, np.where((mine == "abstain") | (theirs == "abstain"), 0.5, 0.0)
    )
    keys = [pairs["iso3"].astype(str).to_numpy(), pairs["year"].to_numpy()]
    out = pd.Series(score, index=pairs.index).groupby(keys).mean()
    out.index.names = ["iso3", "year"]
    return out


def _un_signals(votes: pd.DataFrame, data_dir: Folder) -> pd.DataFrame:
    complete = votes[votes["year"] <= unga.complete_until(data_dir)]
    disagreement = 1 - agreement3(unga.pairs(complete))
    about = votes[unga.whole_resolution(votes) & votes["about"].notna()]
    return pd.DataFrame(
        {
            "div_un_all": disagreement / disagreement.max(),
            "div_un_post_soviet": 1 - agreement3(unga.pairs(about)),
        }
    )


# --- trade --------------------------------------------------------------------------------

# --- building the signals for the panel -----------------------------------------------------


def signals(frame: pd.DataFrame, votes: pd.DataFrame, data_dir: Folder = None) -> pd.DataFrame:
    """The signal columns for a panel frame indexed by (iso3, year) that already has the
    status, org and ideal-point columns (see country_year.panel); `votes` is
    ``helpers.unga.votes()``. Russia, the reference, gets
    NaN throughout."""
    index = frame.index
    out = pd.DataFrame(index=index)
    un = _un_signals(votes, data_dir)
    out["div_un_all"] = un["div_un_all"].reindex(index)
    out["div_un_post_soviet"] = un["div_un_post_soviet"].reindex(index)

    distance = frame["ideal_point_distance_russia"].astype(float)
    others = distance[index.get_level_values("iso3") != REFERENCE]
    out["div_ideal_point"] = distance / others.max()

    cow = frame["russia_trade_share"].astype(float)
    reference_share = cow.max()
    official = trade.official_russia_share(load("trade_official", data_dir)).reindex(index)
    years = index.get_level_values("year")
    after = years > 2014
    share = cow.where(~after, official["share"].to_numpy())
    out["div_trade"] = (1 - share / reference_share).clip(0, 1)
    out["div_trade_source"] = pd.Series(
        np.where(cow.notna(), "cow-trade-4.0", official["source"].to_numpy()), index=index
    ).where(share.notna())

    states = index.get_level_values("iso3")
    neutral = pd.Series(
        [s in NEUTRAL and y > NEUTRAL[s][0] for s, y in zip(states, years, strict=True)],
        index=index,
    )
    out["div_institutions"] = institution_signal(frame.assign(neutral=neutral))

    out["div_summits"] = _summits_missed(data_dir).reindex(index)

    taking_part = frame["cis_legal_status"].astype(object).isin(IN_THE_CIS) & (
        frame["cis_participation"].astype(object) != "none"
    )
    steps = event_signal(load("divergence_events", data_dir)).reindex(index)
    covered = taking_part & (years >= EVENTS_FROM)
    out["div_events"] = steps.fillna(0.0).where(covered)

    out.loc[states == REFERENCE, COMPONENTS] = np.nan
    out = out.join(composite(out))
    return out


def _summits_missed(data_dir: Folder) -> pd.Series:
    summits = load("summits", data_dir).set_index("summit_id")
    attendance = load("summit_attendance", data_dir).drop_duplicates(["summit_id", "iso3"])
    year = summits.loc[attendance["summit_id"], "date"].dt.year.to_numpy()
    missed = (~attendance["attended"].astype(bool)).astype(float)
    out = missed.groupby([attendance["iso3"].astype(str).to_numpy(), year]).mean()
    out.index.names = ["iso3", "year"]
    return out


def ukraine_vote_grid(data_dir: Folder = None) -> pd.DataFrame:
    """Every whole resolution about Ukraine since 2014 by state: the vote, or 'not recorded'
    where no checked source establishes it (the row's note says what was consulted)."""
    votes = unga.ukraine_votes(data_dir)
    return votes.assign(shown=votes["vote"].astype(object).fillna("not recorded"))
