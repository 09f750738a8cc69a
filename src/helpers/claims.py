"""Where sources disagree: dated claims about the same thing that cannot all be true.

Two dates conflict only when the periods they stand for do not overlap: a year-precise "1993"
and a day-precise "9 Dec 1993" agree, and so do "8-10 Oct 2025" and "10 Oct 2025"; "18 Aug 2008"
and "9 Oct 2008" do not.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .load import load

# What identifies "the same thing" in each table of dated claims. Events that recur (statements,
# denunciations) are left out: several dates for them are several events, not a disagreement.
CLAIM_KEYS: dict[str, list[str]] = {
    "act_participation": ["act_id", "iso3", "action"],
    "membership_events": ["iso3", "event"],
    "org_events": ["org", "iso3", "event"],
    "summit_claims": ["summit_id"],
}
ONE_OFF_EVENTS = [
    "accession",
    "associate-status",
    "withdrawal-vote",
    "withdrawal-notice",
    "withdrawal-effective",
    "statutory-bodies-exit",
    "payment-stopped",
]
_PERIOD = {
    "day": pd.DateOffset(days=1),
    "month": pd.DateOffset(months=1),
    "year": pd.DateOffset(years=1),
}


def date_disputes(table: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The claims of `table` whose dates for the same thing conflict, side by side, one row each."""
    keys = CLAIM_KEYS[table]
    claims = load(table, data_dir).dropna(subset=["date"])
    if table == "membership_events":
        claims = claims[claims["event"].isin(ONE_OFF_EVENTS)]
    claims = claims.assign(until=_until(claims))
    groups = claims.groupby(
        [claims[k].astype("string").fillna("") for k in keys], observed=True, sort=True
    )
    disputed = [group for _, group in groups if not _overlap(group)]
    if not disputed:
        return claims.iloc[0:0].drop(columns="until")
    return pd.concat(disputed).drop(columns="until").sort_values([*keys, "date"], ignore_index=True)


def _until(claims: pd.DataFrame) -> list[pd.Timestamp]:
    """The day after the period a claim stands for: its date's precision, or its end date."""
    ends = claims["end_date"] if "end_date" in claims else pd.Series(pd.NaT, index=claims.index)
    pairs = zip(claims["date"], claims["date_precision"], ends, strict=True)
    return [
        max(d + _PERIOD[p], e + _PERIOD["day"]) if pd.notna(e) else d + _PERIOD[p]
        for d, p, e in pairs
    ]


def _overlap(group: pd.DataFrame) -> bool:
    """Do all the claimed periods share at least one day?"""
    return bool(group["date"].max() < group["until"].min())
