"""Where sources disagree: dated claims about the same thing that cannot all be true.

Two dates conflict only when the periods they stand for do not overlap: a year-precise "1993"
and a day-precise "9 Dec 1993" agree, and so do "8-10 Oct 2025" and "10 Oct 2025"; "18 Aug 2008"
and "9 Oct 2008" do not.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .load import load, remembered, tables

# Membership events that happen once per state; others recur (statements, denunciations), and
# several dates for them are several events, not a disagreement.
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
    """The rows of `table` whose dates for the same thing conflict (the ledger's date rule),
    grouped together and in date order within each group. Groups that `resolutions` judges
    not-a-contradiction (separate events, stages of one process) are left out."""
    dated = _dated(table, data_dir)
    conflicts = _date_conflicts(dated)
    found = pd.concat(conflicts) if conflicts else dated.iloc[0:0]
    found = found[found["table"] == table]
    resolved = load("resolutions", data_dir).query("verdict == 'not-a-contradiction'")
    apart = set(zip(resolved["table"], resolved["subject"], resolved["property"], strict=True))
    keys = zip(found["table"], found["subject"], found["property"], strict=True)
    found = found.loc[[key not in apart for key in keys]].sort_values(
        ["subject", "property", "start"], kind="stable"
    )
    return load(table, data_dir).loc[found["row"]].reset_index(drop=True)


def _until(claims: pd.DataFrame) -> list[pd.Timestamp]:
    """The day after the period a claim stands for: its date's precision, or its end date."""
    ends = claims["end_date"] if "end_date" in claims else pd.Series(pd.NaT, index=claims.index)
    return [
        _day_after(d, p, e)
        for d, p, e in zip(claims["date"], claims["date_precision"], ends, strict=True)
    ]


def _day_after(date: pd.Timestamp, precision: str, end: pd.Timestamp) -> pd.Timestamp:
    if pd.isna(date):
        return pd.NaT
    after = date + _PERIOD[precision]
    return max(after, end + _PERIOD["day"]) if pd.notna(end) else after


def _overlaps(claims: pd.DataFrame, keys: list) -> pd.Series:
    """For each claim: do all the periods claimed for the same thing share at least one day?"""
    groups = claims.groupby(keys, observed=True, sort=False)
    return groups["date"].transform("max") < groups["until"].transform("min")


# ---------------------------------------------------------------------------------------------
# The ledger: every dated or quantitative statement as one row, and the discrepancies among them.

LEDGER_COLUMNS = [
    "table",
    "subject",
    "property",
    "period",
    "value",
    "unit",
    "qualifier",
    "source_id",
    "locator",
]
IMPLIED_TOLERANCE = 0.02  # a stated level within 2 % of the implied one agrees with it


def citations(data_dir: str | Path | None = None) -> pd.DataFrame:
    """How many rows of each table cite each source (in any *source_id column)."""
    counts = []
    for table in tables(data_dir):
        frame = load(table, data_dir)
        for column in [c for c in frame.columns if c.endswith("source_id") and table != "sources"]:
            cited = frame[column].dropna().value_counts()
            counts.append(
                pd.DataFrame({"source_id": cited.index, "table": table, "rows": cited.to_numpy()})
            )
    return (
        pd.concat(counts, ignore_index=True)
        .groupby(["source_id", "table"], as_index=False)["rows"]
        .sum()
    )


def ledger(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Every dated or quantitative claim of the data package in one shape, one row per claim."""
    return _all_claims(data_dir)[LEDGER_COLUMNS]


def _all_claims(data_dir) -> pd.DataFrame:
    """The ledger, with the columns the rules compare (start, until, low, high) and each dated
    claim's row in its own table."""
    parts = [
        *(_dated(table, data_dir) for table in DATED),
        _chairs(data_dir),
        _quantities(load("claims", data_dir)),
    ]
    return pd.concat(parts, ignore_index=True)


def discrepancies(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Claims about the same subject, property and period that cannot all be true, side by side,
    with the collection's resolution (from the resolutions table) or 'unresolved'.

    Also lists the groups the resolutions table explains as not being contradictions. Computed
    once per version of the data (see ``load.remembered``)."""
    return remembered("discrepancies", data_dir, lambda: _discrepancies(data_dir))


def _discrepancies(data_dir: str | Path | None) -> pd.DataFrame:
    claims = _all_claims(data_dir)
    groups = [
        *_date_conflicts(claims),
        *_value_conflicts(claims),
        *_implied_conflicts(data_dir),
        *_withdrawal_conflicts(data_dir),
    ]
    groups += [
        g for g in _group(claims[claims["table"] == "chairmanships"]) if g["value"].nunique() > 1
    ]
    found = pd.concat(groups, ignore_index=True) if groups else claims.iloc[0:0]
    explained = _explained(claims, found, data_dir)
    table = pd.concat([found, explained], ignore_index=True)[LEDGER_COLUMNS].drop_duplicates()
    return (
        table.merge(_resolutions(data_dir), on=["table", "subject", "property"], how="left")
        .fillna({"verdict": "unresolved"})
        .sort_values(["table", "subject", "property", "period"], kind="stable", ignore_index=True)
    )


# How each table of dated claims enters the ledger: its subject, and the column naming the property.
DATED = {
    "act_participation": (lambda f: f["act_id"] + " " + f["iso3"].fillna("(act)"), "action"),
    "membership_events": (
        lambda f: f["iso3"].fillna(f["party"]).fillna("(name stripped)"),
        "event",
    ),
    "org_events": (
        lambda f: f["org"] + " " + f["iso3"].fillna(f["third_state"]).fillna("(organisation)"),
        "event",
    ),
    "summit_claims": (lambda f: f["summit_id"], None),
}


def _dated(table: str, data_dir) -> pd.DataFrame:
    subject, prop = DATED[table]
    frame = load(table, data_dir)
    if table == "membership_events":
        frame = frame[frame["event"].isin([*ONE_OFF_EVENTS, "de-jure-member-statement"])]
    prop_values = frame[prop].astype(str) if prop else "date"
    return pd.DataFrame(
        {
            "table": table, "subject": subject(frame), "property": prop_values,
            "period": "", "value": _shown(frame), "unit": "date", "qualifier": "",
            "source_id": frame["source_id"], "locator": frame["locator"], "start": frame["date"],
            "until": _until(frame), "row": frame.index,
        }
    )  # fmt: skip


def _chairs(data_dir) -> pd.DataFrame:
    chairs = load("chairmanships", data_dir)
    chairs = chairs[chairs["held"].fillna(True).astype(bool)]
    return pd.DataFrame(
        {
            "table": "chairmanships", "subject": chairs["year"].astype(str), "property": "chair",
            "period": "", "value": chairs["iso3"].fillna("(name stripped)"), "unit": "state",
            "qualifier": "", "source_id": chairs["source_id"], "locator": chairs["locator"],
        }
    )  # fmt: skip


def _quantities(claims: pd.DataFrame) -> pd.DataFrame:
    period = (
        claims["period_start"].dt.strftime("%Y-%m-%d")
        + ".."
        + claims["period_end"].dt.strftime("%Y-%m-%d")
    )
    high = claims["value_max"].map(lambda v: f"-{v:g}" if pd.notna(v) else "")
    return pd.DataFrame(
        {
            "table": "claims", "subject": claims["quantity"], "property": claims["measure"],
            "period": period.fillna(""), "value": claims["value"].map("{:g}".format) + high,
            "unit": claims["unit"], "qualifier": claims["qualifier"].fillna(""),
            "source_id": claims["source_id"], "locator": claims["locator"],
            "low": claims["value"], "high": claims["value_max"].fillna(claims["value"]),
        }
    )  # fmt: skip


def _shown(frame: pd.DataFrame) -> list[str]:
    pairs = zip(frame["date"], frame["date_precision"], strict=True)
    return [
        d.strftime({"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[p]) if pd.notna(d) else ""
        for d, p in pairs
    ]


def _group(claims: pd.DataFrame) -> list[pd.DataFrame]:
    return [g for _, g in claims.groupby(["table", "subject", "property", "period"], sort=True)]


def _date_conflicts(claims: pd.DataFrame) -> list[pd.DataFrame]:
    dated = claims[(claims["unit"] == "date") & (claims["property"] != "de-jure-member-statement")]
    dated = dated.dropna(subset=["start"]).rename(columns={"start": "date"})
    conflicting = dated[~_overlaps(dated, ["table", "subject", "property", "period"])]
    return _group(conflicting.rename(columns={"date": "start"}))


def _value_conflicts(claims: pd.DataFrame) -> list[pd.DataFrame]:
    numbers = claims[claims["table"] == "claims"]
    keys = ["subject", "property", "unit"]
    numbers = numbers[numbers.duplicated(keys, keep=False)]  # a claim alone cannot conflict
    groups = [g for _, g in numbers.groupby(keys, sort=True)]
    conflicts = []
    for group in groups:
        periods = set(group["period"]) - {""}
        for period in periods or {""}:
            same = group[group["period"].isin([period, ""])]
            if len(same) > 1 and same["low"].max() > same["high"].min():
                conflicts.append(same)
    return conflicts


def _implied_conflicts(data_dir) -> list[pd.DataFrame]:
    """Stated levels against the level implied by the next period's level and growth."""
    claims = load("claims", data_dir)
    span = ["quantity", "period_start", "period_end"]
    levels = claims[claims["measure"] == "level"].dropna(subset=span[1:])
    growths = claims[claims["measure"] == "growth"].dropna(subset=span[1:])
    growths = growths.assign(quantity=growths["quantity"].str.removesuffix("-growth"))
    pairs = growths[[*span, "value", "source_id"]].reset_index(names="growth").merge(
        levels[[*span, "value", "unit", "source_id"]].reset_index(names="level"),
        on=span, suffixes=("_growth", ""),
    )  # fmt: skip
    year = pd.DateOffset(years=1)
    pairs = pairs.sort_values(["growth", "level"]).assign(
        period_start=pairs["period_start"] - year, period_end=pairs["period_end"] - year,
        implied=pairs["value"] / (1 + pairs["value_growth"] / 100),
    )  # fmt: skip
    conflicts = []
    for pair in pairs.itertuples():
        before = levels[(levels[span[0]] == pair.quantity) & (levels["unit"] == pair.unit)]
        before = before[(before["period_start"] == pair.period_start)
                        & (before["period_end"] == pair.period_end)]  # fmt: skip
        stated = before[(before["value"] - pair.implied).abs() > IMPLIED_TOLERANCE * pair.implied]
        if len(stated):
            derived = stated.iloc[[0]].assign(
                value=round(pair.implied, 1), value_max=None, qualifier="implied",
                source_id=f"{pair.source_id} + {pair.source_id_growth}",
                locator=f"derived: {pair.value:g} after {pair.value_growth:g} % growth",
            )  # fmt: skip
            conflicts.append(_quantities(pd.concat([stated, derived], ignore_index=True)))
    return conflicts


def _withdrawal_conflicts(data_dir) -> list[pd.DataFrame]:
    """A claimed withdrawal contradicted by later statements that the state legally remains."""
    events = load("membership_events", data_dir)
    conflicts = []
    for left in events[events["event"] == "withdrawal-effective"].itertuples():
        later = events[
            (events["iso3"] == left.iso3) & (events["event"] == "de-jure-member-statement")
        ]
        later = later[later["date"] > left.date]
        if len(later):
            rows = _dated("membership_events", data_dir)
            rows = rows.loc[[left.Index, *later.index]].assign(
                property="legal status after withdrawal claim"
            )
            rows["value"] = ["withdrew " + rows["value"].iloc[0]] + [
                "legally remains " + v for v in rows["value"].iloc[1:]
            ]
            conflicts.append(rows)
    return conflicts


def _explained(claims: pd.DataFrame, found: pd.DataFrame, data_dir) -> pd.DataFrame:
    """The claims of groups the resolutions table explains, though no rule flagged them."""
    keys = _resolutions(data_dir)[["table", "subject", "property"]]
    flagged = (
        found[["table", "subject", "property"]].drop_duplicates() if len(found) else keys.iloc[0:0]
    )
    missing = (
        keys.merge(flagged, how="left", indicator=True)
        .query("_merge == 'left_only'")
        .drop(columns="_merge")
    )
    return claims.merge(missing, on=["table", "subject", "property"])


def _resolutions(data_dir) -> pd.DataFrame:
    resolutions = load("resolutions", data_dir)
    columns = ["table", "subject", "property", "verdict", "followed_source_id", "reason"]
    return resolutions[columns].astype("string")


# ---------------------------------------------------------------------------------------------
# Claims resting on the encyclopedia article alone.

ENCYCLOPEDIA = "grokipedia-cis-2025-11"  # the AI-written Grokipedia article (source document 004)
# Claim groups resting on it alone, of all groups, when issue 16 was filed (before corroboration).
ENCYCLOPEDIA_ONLY_AT_ISSUE_16 = (126, 432)
GROUP = ["table", "subject", "property"]


def claim_groups(data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per claim group of the ledger (table, subject, property): how many claims it holds,
    the sources they cite, and `encyclopedia_only`, true when every claim in it cites the
    encyclopedia article and nothing else."""
    groups = ledger(data_dir).groupby(GROUP, sort=True)["source_id"]
    table = groups.agg(claims="size", sources=lambda s: "; ".join(sorted(set(s)))).reset_index()
    table["encyclopedia_only"] = table["sources"] == ENCYCLOPEDIA
    return table


def encyclopedia_only(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The claim groups that rest on the encyclopedia article alone (no other source corroborates
    or contests them), for reader-facing tables and charts to flag."""
    groups = claim_groups(data_dir)
    only = groups[groups["encyclopedia_only"]]
    return only.drop(columns="encyclopedia_only").reset_index(drop=True)


def encyclopedia_share(data_dir: str | Path | None = None) -> float:
    """The share (0 to 1) of the ledger's claim groups resting on the encyclopedia article alone."""
    return float(claim_groups(data_dir)["encyclopedia_only"].mean())


def flag_encyclopedia_only(frame: pd.DataFrame, data_dir: str | Path | None = None) -> pd.DataFrame:
    """`frame` (any table with the ledger's table, subject and property columns, such as a slice of
    ledger() or discrepancies()) with a boolean column `encyclopedia_only` added."""
    flags = claim_groups(data_dir)[[*GROUP, "encyclopedia_only"]]
    flagged = frame.merge(flags, on=GROUP, how="left", validate="many_to_one")
    flagged.index = frame.index
    return flagged.fillna({"encyclopedia_only": False}).astype({"encyclopedia_only": bool})
