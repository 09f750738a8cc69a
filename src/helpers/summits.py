"""The Council of Heads of State's meetings: the summits table against the counts sources give.

A source's count of meetings ("51 official meetings since 1991") or ordinal ("the 25th meeting")
is a row in ``claims`` whose period runs from its first day to its last, both included: for an
ordinal, from 1991 to the meeting itself, so the ordinal is the number of meetings in it.
``COUNTED`` says which formats of meeting each such quantity counts.
"""

import pandas as pd

from .inputs import to_day
from .load import load
from .membership import Folder

FORMAL, INFORMAL = ("formal",), ("informal",)
BOTH = FORMAL + INFORMAL

# The quantities in ``claims`` that count the Council's meetings, and the formats each counts.
COUNTED: dict[str, tuple[str, ...]] = {
    "chs-formal-meetings-since-1991": FORMAL,
    "chs-informal-meetings-since-1991": INFORMAL,
    "chs-summits-since-1991": BOTH,
    "chs-ordinal-2000-01": FORMAL,
    "cis-summit-ordinal-1992-03": FORMAL,
    "cis-summit-ordinal-1992-05": FORMAL,
    "cis-summit-ordinal-1995-02": FORMAL,
    "cis-summit-ordinal-1995-05": FORMAL,
    "cis-summit-ordinal-2011-09": FORMAL,
    "cis-summit-ordinal-2016-09": FORMAL,
    "cis-informal-ordinal-2002-03": INFORMAL,
    "cis-informal-ordinal-2003-01": INFORMAL,
    "chs-summits-2000-01-to-2008-02": BOTH,
    "chs-informal-2000-01-to-2008-02": INFORMAL,
    "chs-informal-2005-to-2018-12": INFORMAL,
    "cis-heads-of-state-summits-first-year": BOTH,
    "chs-meetings-between-summits": BOTH,
}


# Qualifiers that make a count a lower bound, and the least whole number each allows above it.
LOWER_BOUNDS = {"more than": 1, "over": 1, "at least": 0, "no fewer than": 0}


def counts_against_claims(data_dir: Folder = None) -> pd.DataFrame:
    """Every claimed count or ordinal of the Council's meetings beside the number of meetings of
    the same formats the summits table holds in the claim's period (``held``), and
    ``difference`` = claimed - held; for a lower bound ("more than 10"), how far the table falls
    short of the bound, 0 if it meets it. One row per claim, oldest period end first."""
    claims = load("claims", data_dir)
    summits = load("summits", data_dir)
    counted = claims[claims["quantity"].isin(list(COUNTED))]
    held = [
        _held(summits, COUNTED[c.quantity], c.period_start, c.period_end)
        for c in counted.itertuples()
    ]
    table = counted.assign(
        formats=[" and ".join(COUNTED[q]) for q in counted["quantity"]],
        claimed=counted["value"].astype(int),
        held=held,
    )
    least = table["qualifier"].map(LOWER_BOUNDS)
    short = (table["claimed"] + least - table["held"]).clip(lower=0)
    table["difference"] = short.where(least.notna(), table["claimed"] - table["held"]).astype(int)
    columns = ["claim_id", "subject", "unit", "formats", "period_start", "period_end", "qualifier",
               "claimed", "held", "difference", "speaker", "source_id"]  # fmt: skip
    return table.sort_values(["period_end", "claim_id"])[columns].reset_index(drop=True)


def _held(summits: pd.DataFrame, formats: tuple[str, ...], start, end) -> int:
    """The meetings of those formats from ``start`` to ``end``, both included."""
    return int((summits["format"].isin(formats) & summits["date"].between(start, end)).sum())


def none_held(data_dir: Folder = None) -> pd.DataFrame:
    """The claims that no meeting was held over a span (a count of 0), oldest span first."""
    claims = load("claims", data_dir)
    empty = claims[claims["quantity"].isin(list(COUNTED)) & (claims["value"] == 0)]
    return empty.sort_values(["period_start", "period_end"]).reset_index(drop=True)


def unchecked_spans(start: object, end: object, data_dir: Folder = None) -> pd.DataFrame:
    """The runs of days from ``start`` to ``end`` (both excluded) with no meeting in the summits
    table and no source saying no meeting was held (a count of 0 over a span that holds them):
    where a meeting missing from the table can still lie. Columns ``first``, ``last``, ``days``.
    ``start`` and ``end`` are days (see ``helpers.inputs``), ``start`` before ``end``."""
    first, last = to_day(start), to_day(end)
    if first >= last:
        raise ValueError(f"the span must run forwards: {first.date()} is not before {last.date()}")
    summits = load("summits", data_dir)
    one_day = pd.Timedelta(days=1)
    days = pd.date_range(first + one_day, last - one_day)
    free = pd.Series(True, index=days)
    for meeting in summits.itertuples():
        until = meeting.end_date if pd.notna(meeting.end_date) else meeting.date
        free[meeting.date : until] = False
    for claim in none_held(data_dir).itertuples():
        free[claim.period_start : claim.period_end] = False
    run = (free != free.shift()).cumsum()[free]
    spans = run.index.to_series().groupby(run.to_numpy()).agg(["first", "last", "size"])
    return spans.rename(columns={"size": "days"}).reset_index(drop=True)
