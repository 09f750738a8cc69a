"""Economic integration, computed from the data package: whom each post-Soviet state trades with
(Russia, the other CIS members, the EU, China), the intra-CIS share of the members' trade, and
Russia's weight in the members' GDP and population.

Rules (trade shares from ``helpers.trade``, as in ``helpers.panel()``): missing is missing,
never 0. A state with no recorded trade gets NaN shares; COW's flows between two former Soviet
republics recorded as 0 both ways in 1992-93 (before the IMF statistics behind COW covered them)
are not reported, not 0; a sum over
partners or members is NaN when any of its parts is. CIS membership is legal status on
31 December (founding, member or associate: ``helpers.status_on``), so Ukraine counts until a
withdrawal takes effect (it has not), with ``participating`` as the de facto alternative.
"""

from __future__ import annotations

import pandas as pd

from .country_year import statuses_and_indicators
from .load import load
from .membership import IN_THE_CIS, Folder
from .trade import flows, trade_shares


def intra_cis_share(shares: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Per year: the members' trade with each other over their trade with the world (0-1), the
    number of members, and how many of them have partner flows exceeding their world total
    (``exceeds_total``, kept in the sum: a small error in an aggregate, not a share above 1).
    NaN unless every member's trade with the world and with each other member is known."""
    in_cis = members.set_index(["iso3", "year"])["in_cis"].astype(bool)
    rows = shares.join(in_cis, how="inner").query("in_cis")
    known = rows["cis_usd_m"].notna() & rows["world_usd_m"].notna()
    grouped = rows.assign(known=known).groupby(level="year")
    out = pd.DataFrame(
        {
            "members": grouped.size(),
            "inconsistent": grouped["exceeds_total"].sum(),
            "intra_usd_m": grouped["cis_usd_m"].sum(),
            "world_usd_m": grouped["world_usd_m"].sum(),
        }
    )
    complete = grouped["known"].all()
    out["intra_cis_share"] = (out["intra_usd_m"] / out["world_usd_m"]).where(complete)
    return out


def russia_share(frame: pd.DataFrame, column: str, member: str = "in_cis") -> pd.DataFrame:
    """Per year: Russia's `column` over the sum across the states with `member` true (0-1), with
    the number of members; NaN unless every member has a value that year."""
    rows = frame[frame[member].astype(bool)]
    grouped = rows.groupby("year")
    total = grouped[column].sum(min_count=1).where(grouped[column].count() == grouped.size())
    russia = rows[rows["iso3"] == "RUS"].set_index("year")[column]
    return pd.DataFrame({"members": grouped.size(), "share": russia.reindex(total.index) / total})


def country_year(data_dir: Folder = None) -> pd.DataFrame:
    """The panel's status, GDP, population and remittance columns with CIS membership made
    explicit (`in_cis` de jure, `participating` de jure and taking part) and GDP at PPP
    (Maddison's GDP per head, 2011 $, times its population): 2011 international $."""
    frame = statuses_and_indicators(data_dir)
    maddison = load("indicators", data_dir).query("indicator == 'population_maddison'")
    population = maddison.set_index(["iso3", "year"])["value"].astype("float64") * 1000
    keys = pd.MultiIndex.from_frame(frame[["iso3", "year"]])
    ppp = (
        frame["gdp_per_head_ppp"].astype("float64").to_numpy() * population.reindex(keys).to_numpy()
    )
    in_cis = frame["cis_legal_status"].isin(IN_THE_CIS)
    return frame.assign(
        in_cis=in_cis,
        participating=in_cis & (frame["cis_participation"] != "none"),
        gdp_ppp=ppp,
    )[
        [
            "iso3", "year", "cis_legal_status", "cis_participation", "in_cis", "participating",
            "eaeu_member", "gdp_usd", "gdp_ppp", "population", "remittances_pct_gdp",
        ]
    ]  # fmt: skip


# The indicators Russia's weight is computed from, and the weight each claimed share is about.
WEIGHT_INDICATORS = ["gdp_usd", "gdp_per_head_ppp", "population_maddison", "population"]
CLAIMED_WEIGHTS = {
    "russia-share-cis-gdp": "gdp_usd_share",
    "russia-share-cis-population": "population_share",
}


def weight_sources(data_dir: Folder = None) -> list[str]:
    """The sources of the series behind ``russia_weight`` (World Bank, Maddison), once each."""
    rows = load("indicators", data_dir)
    return list(dict.fromkeys(rows.loc[rows["indicator"].isin(WEIGHT_INDICATORS), "source_id"]))


def russia_weight(
    data_dir: Folder = None, member: str = "in_cis", frame: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per year: Russia's share (0-1) of the CIS members' GDP in current USD (World Bank), GDP at
    2011 PPP (Maddison) and population (World Bank), members as `member` says (in_cis: legal
    status at year end; participating: also taking part). `frame`: ``country_year()``, if held."""
    frame = country_year(data_dir) if frame is None else frame
    columns = {
        "gdp_usd": "gdp_usd_share",
        "gdp_ppp": "gdp_ppp_share",
        "population": "population_share",
    }
    parts = [russia_share(frame, c, member)["share"].rename(n) for c, n in columns.items()]
    members = russia_share(frame, "population", member)["members"]
    return pd.concat([members, *parts], axis=1)


def trade(
    data_dir: Folder = None, side: str = "total", frame: pd.DataFrame | None = None
) -> pd.DataFrame:
    """``trade_shares`` for the package: COW Trade 4.0, 1992-2014, CIS membership at year end
    (from `frame`, ``country_year()``, if at hand)."""
    countries = load("countries", data_dir).query("post_soviet")["iso3"]
    frame = country_year(data_dir) if frame is None else frame
    members = frame[["iso3", "year", "in_cis"]]
    return trade_shares(flows(load("trade", data_dir), countries), members, side)


def intra_cis(data_dir: Folder = None, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """``intra_cis_share`` for the package (total trade, CIS membership at year end)."""
    frame = country_year(data_dir) if frame is None else frame
    return intra_cis_share(trade(data_dir, frame=frame), frame[["iso3", "year", "in_cis"]])
