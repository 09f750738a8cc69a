"""Goods trade by partner, from the COW table: each post-Soviet state's trade with the world,
Russia, the other CIS members, the EU and China, and each as a share of its trade with the world.
The one place these shares are computed (``helpers.panel()`` and ``helpers.economy`` use it),
and the share of Russia in a state's trade from the official figures after 2014
(``official_russia_share``, a separate series, never joined to COW's).

Missing is missing, never 0: COW's flows between two former Soviet republics recorded as 0 both
ways up to 1993 (before the IMF statistics behind COW covered them) are not reported, and a share
is NaN where its parts are.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

RUSSIA = "RUS"

UNREPORTED_UNTIL = 1993  # last year of COW's 0-both-ways flows among former Soviet republics
SIDES = ("total", "exports", "imports")
GROUPS = ("russia", "cis", "eu", "china")


def flows(trade: pd.DataFrame, post_soviet: Iterable[str]) -> pd.DataFrame:
    """The trade table with `total` (exports plus imports); flows between two post-Soviet states
    that are 0 both ways up to 1993 become NaN (not reported)."""
    post_soviet = set(post_soviet)
    frame = trade[["reporter", "partner", "year", "exports", "imports"]].copy()
    for side in ("exports", "imports"):
        frame[side] = frame[side].astype("float64")
    unreported = (
        frame["reporter"].isin(post_soviet)
        & frame["partner"].isin(post_soviet)
        & (frame["year"] <= UNREPORTED_UNTIL)
        & (frame["exports"] == 0)
        & (frame["imports"] == 0)
    )
    frame.loc[unreported, ["exports", "imports"]] = float("nan")
    frame["total"] = frame["exports"] + frame["imports"]
    return frame


def trade_shares(
    flow_table: pd.DataFrame, members: pd.DataFrame, side: str = "total"
) -> pd.DataFrame:
    """Per reporter and year: trade with the world, Russia, the other CIS members, the EU and
    China (million current USD) and each as a share (0-1) of trade with the world.

    `flow_table` is ``flows()``; `members` has columns iso3, year, in_cis (bool, CIS at year end).
    `side` is total (exports plus imports), exports or imports. A share is NaN where the world
    total is missing or 0, where the partner's flow is not reported (for the CIS: any member's),
    and in every column where the flows held with these partners add up to more than the world
    total (``exceeds_total``: the dyadic flows are largely partners' records, the totals the
    state's own, and transit trade can set them apart).
    """
    if side not in SIDES:
        raise ValueError(f"side must be one of {', '.join(SIDES)}, not {side!r}")
    wide = flow_table.pivot(index=["reporter", "year"], columns="partner", values=side)
    wide = wide.reindex(columns=sorted(set(wide.columns) | {"WLD", "RUS", "EU", "CHN"}))
    wide.columns = wide.columns.astype(str)
    world = wide["WLD"].where(wide["WLD"] > 0)
    in_cis = members.set_index(["iso3", "year"])["in_cis"].astype(bool)
    states = [c for c in wide.columns if c not in ("WLD", "EU", "CHN")]
    by_year = in_cis.unstack("iso3").reindex(
        index=wide.index.get_level_values("year"), columns=states
    )
    is_member = pd.DataFrame(
        by_year.fillna(False).astype(bool).to_numpy(), index=wide.index, columns=states
    )
    reporters = wide.index.get_level_values("reporter")
    for s in states:
        is_member.loc[reporters == s, s] = False  # the other members: never the reporter itself
    member_flows = wide[states].where(is_member)
    cis = member_flows.sum(axis=1, min_count=1).where(
        ~(member_flows.isna() & is_member).any(axis=1)
    )
    cis = cis.where(is_member.any(axis=1))
    russia = wide["RUS"].where(reporters != "RUS")
    out = pd.DataFrame(
        {
            "world_usd_m": world,
            "russia_usd_m": russia,
            "cis_usd_m": cis,
            "eu_usd_m": wide["EU"],
            "china_usd_m": wide["CHN"],
        }
    )
    held = wide[states].sum(axis=1) + wide["EU"].fillna(0) + wide["CHN"].fillna(0)
    out["exceeds_total"] = (held > world).to_numpy()
    for group in GROUPS:
        share = out[f"{group}_usd_m"] / out["world_usd_m"]
        out[f"{group}_share"] = share.where(~out["exceeds_total"])
    return out.rename_axis(["iso3", "year"])


TO_MILLION = {"USD million": 1.0, "USD billion": 1000.0, "USD thousand": 0.001}


def official_russia_share(table: pd.DataFrame) -> pd.DataFrame:
    """Per (iso3, year): the share of the state's goods trade that is with Russia, from its own
    statistics for a full year (reporter = the state, period = year, trade with Russia and with
    the world both given, in US dollars). Exports plus imports where both are given, else the
    turnover; several figures for one flow (sources, partner attributions): their median.
    `source` lists the source ids it rests on."""
    rows = table[
        (table["period"] == "year")
        & table["partner"].isin([RUSSIA, "WLD"])
        & table["unit"].astype(str).isin(list(TO_MILLION))
        & (table["reporter"] != RUSSIA)
    ]
    rows = rows.assign(usd_m=rows["value"] * rows["unit"].astype(str).map(TO_MILLION))
    keys = ["reporter", "year", "partner"]
    flows = rows.groupby([*keys, rows["flow"].astype(str)])["usd_m"].median().unstack("flow")
    flows = flows.reindex(columns=["exports", "imports", "turnover"])
    total = (flows["exports"] + flows["imports"]).fillna(flows["turnover"]).unstack("partner")
    total = total.reindex(columns=[RUSSIA, "WLD"]).dropna()
    share = total[RUSSIA] / total["WLD"]
    sources = rows.groupby(["reporter", "year"])["source_id"].agg(
        lambda s: "; ".join(sorted(set(s.astype(str))))
    )
    out = pd.DataFrame({"share": share, "source": sources.reindex(share.index)})
    out.index.names = ["iso3", "year"]
    return out
