"""How far each CIS state drifts from Moscow since 2022: components per state and year, the
indicator built from them, and how much the ranking depends on each component.

Method (also in the notebook): a state is scored in a year if it is a CIS member or associate
at the end of that year (Russia, the reference point, is not scored). Each component lies
between 0 (aligned with Moscow) and 1 (divergent); the indicator is their mean over the
components available for that state and year.
"""

from __future__ import annotations

import pandas as pd

from . import unga
from .load import load
from .membership import status_on

SCORED = ["member", "associate"]
REFERENCE = "RUS"
VOTE_DISTANCE = {"same": 0.0, "abstain": 0.5, "absent": 0.5, "opposite": 1.0}
PARTICIPATION_SCORE = {"full": 0.0, "partial": 0.5, "none": 1.0}
COMPONENTS = ["summits missed", "UN votes", "divergence events", "participation"]


def components(years: range) -> pd.DataFrame:
    """One row per scored state and year; one column per component (NaN when not available)."""
    rows = []
    for year in years:
        status = status_on(min(pd.Timestamp(f"{year}-12-31"), pd.Timestamp.today()))
        scored = status[status["legal_status"].isin(SCORED) & (status.index != REFERENCE)]
        for iso3, participation in scored["participation"].items():
            rows.append(
                {"iso3": iso3, "year": year, "participation": PARTICIPATION_SCORE[participation]}
            )
    frame = pd.DataFrame(rows).set_index(["iso3", "year"])
    frame["summits missed"] = _summits_missed().reindex(frame.index)
    frame["UN votes"] = _vote_distance().reindex(frame.index)
    events = _event_counts().reindex(frame.index).fillna(0)
    frame["divergence events"] = events / events.max() if events.max() > 0 else events
    return frame[COMPONENTS]


def indicator(parts: pd.DataFrame, leave_out: str | None = None) -> pd.Series:
    """The mean of the available components, optionally leaving one out."""
    kept = [c for c in COMPONENTS if c != leave_out]
    return parts[kept].mean(axis=1, skipna=True).rename("indicator")


def sensitivity(parts: pd.DataFrame) -> pd.DataFrame:
    """For each component left out: the rank correlation (Spearman's, as Pearson's on ranks) with
    the full ranking of states by their mean indicator over the years, and the two extremes."""
    full = indicator(parts).groupby("iso3").mean()
    rows = []
    for left_out in [None, *COMPONENTS]:
        ranking = indicator(parts, left_out).groupby("iso3").mean()
        rows.append(
            {
                "left out": left_out or "(none)",
                "rank correlation with full ranking": round(full.rank().corr(ranking.rank()), 2),
                "most divergent": ranking.idxmax(),
                "least divergent": ranking.idxmin(),
            }
        )
    return pd.DataFrame(rows).set_index("left out")


def _summits_missed() -> pd.Series:
    summits = load("summits").set_index("summit_id")
    attendance = load("summit_attendance").drop_duplicates(["summit_id", "iso3"])
    attendance["year"] = summits.loc[attendance["summit_id"], "date"].dt.year.to_numpy()
    missed = (~attendance["attended"].astype(bool)).astype(float)
    return missed.groupby([attendance["iso3"], attendance["year"]]).mean()


def vote_distances(votes: pd.DataFrame) -> pd.Series:
    """Each vote's distance from Russia's vote on the same resolution: same 0, abstain or absent
    0.5, opposite 1; NaN where the vote is not established."""
    russia = votes[votes["iso3"] == REFERENCE].set_index("resolution")["vote"]
    same = votes["vote"].astype(str) == russia.reindex(votes["resolution"]).astype(str).to_numpy()
    kind = votes["vote"].astype(str).where(votes["vote"].isin(["abstain", "absent"]), "opposite")
    return kind.where(~same, "same").map(VOTE_DISTANCE).where(votes["vote"].notna())


def _vote_distance() -> pd.Series:
    votes = unga.ukraine_votes()
    votes = votes[votes["date"] >= "2022-01-01"].dropna(subset=["vote"])
    distance = vote_distances(votes)
    return distance.groupby([votes["iso3"], votes["date"].dt.year]).mean()


def _event_counts() -> pd.Series:
    events = load("divergence_events").dropna(subset=["iso3", "date"])
    events = events[events["kind"] != "cis-plus"]
    return events.groupby([events["iso3"].astype(str), events["date"].dt.year]).size().astype(float)
