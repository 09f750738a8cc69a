"""The country-year panel: one row per post-Soviet state and year, from 1992 to the last year
that has ended by the data's as-of date, joining the status model with the research datasets.

Every column is described in ``CODEBOOK`` (type, unit, source, how it is computed); missing
values are missing (NaN), never 0. ``write_panel`` saves it with a Frictionless descriptor.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from . import divergence, trade, unga
from .load import load, remembered
from .membership import IN_THE_CIS, Folder, as_of, status_timeline
from .organisations import org_timeline, organisations

FIRST_YEAR = 1992

# name, Table Schema type, unit, source (table or dataset), description
CODEBOOK: list[tuple[str, str, str, str, str]] = [
    ("iso3", "string", "", "countries", "ISO 3166-1 alpha-3 code of the state."),
    ("year", "integer", "", "", "Calendar year; status columns are as on 31 December."),
    ("cow_code", "integer", "", "countries", "Correlates of War state code."),
    (
        "cis_legal_status",
        "string",
        "",
        "status_changes",
        "De jure status in the CIS on 31 December (helpers.status_on): founding, member, "
        "associate, former or none.",
    ),
    (
        "cis_participation",
        "string",
        "",
        "status_changes",
        "De facto participation in the CIS on 31 December: full, partial or none.",
    ),
    (
        "csto_member",
        "boolean",
        "",
        "org_status_changes",
        "Legal member on 31 December of the Collective Security Treaty (until the CSTO's Charter "
        "took effect) or of the CSTO (helpers.members_on); false before the treaty.",
    ),
    (
        "eaeu_member",
        "boolean",
        "",
        "org_status_changes",
        "Legal member of the Eurasian Economic Union on 31 December; false before it existed.",
    ),
    (
        "gdp_usd",
        "number",
        "current US$",
        "indicators (wb-wdi-gdp-2024-10)",
        "GDP, World Bank WDI NY.GDP.MKTP.CD.",
    ),
    (
        "population",
        "number",
        "persons",
        "indicators (wb-wdi-population-2026)",
        "Population, World Bank WDI SP.POP.TOTL.",
    ),
    (
        "gdp_per_head_ppp",
        "number",
        "2011 international $",
        "indicators (maddison-2023)",
        "GDP per head at 2011 PPP, Maddison Project Database 2023.",
    ),
    (
        "remittances_pct_gdp",
        "number",
        "% of GDP",
        "indicators (wb-wdi-remittances-2024)",
        "Personal remittances received, World Bank WDI BX.TRF.PWKR.DT.GD.ZS.",
    ),
    (
        "trade_usd_m",
        "number",
        "million current US$",
        "trade (cow-trade-4.0)",
        "Goods exports plus imports with the world, COW Trade 4.0 (to 2014).",
    ),
    (
        "russia_trade_share",
        "number",
        "share (0-1)",
        "trade (cow-trade-4.0)",
        "Share of the state's goods trade (exports plus imports) that is with Russia: its flows "
        "with Russia over its flows with the world, COW Trade 4.0 (to 2014); NaN for Russia, and "
        "NaN where the flows with Russia are 0 both ways (1992-93: the IMF statistics behind COW "
        "did not yet cover trade among the former Soviet republics) and where the state's flows "
        "with its partners add up to more than its world total (helpers.trade).",
    ),
    (
        "un_agreement_russia",
        "number",
        "share (0-1)",
        "un_votes, un_roll_calls",
        "Share of the year's recorded General Assembly roll calls in which the state voted as "
        "Russia did, among those in which both voted yes, no or abstain (absences left out); only "
        "for years whose roll calls are all recorded (helpers.unga.complete_until); NaN for "
        "Russia.",
    ),
    (
        "un_roll_calls_compared",
        "integer",
        "roll calls",
        "un_votes, un_roll_calls",
        "Number of roll calls un_agreement_russia rests on.",
    ),
    (
        "un_agreement_russia_ukraine",
        "number",
        "share (0-1)",
        "un_votes, un_roll_calls",
        "The same share over the year's recorded whole-resolution votes about Ukraine only, in "
        "every year that has one; NaN for Russia.",
    ),
    (
        "ideal_point",
        "number",
        "ideal-point scale",
        "ideal_points (bsv-ideal-points-2025-07)",
        "Bailey-Strezhnev-Voeten ideal point from final-passage votes (higher: closer to the "
        "US-led liberal order).",
    ),
    (
        "ideal_point_distance_russia",
        "number",
        "ideal-point scale",
        "ideal_points",
        "Absolute distance between the state's ideal point and Russia's that year; 0 for Russia.",
    ),
    (
        "divergence",
        "number",
        "score (0-1)",
        "computed (helpers.divergence)",
        "Composite divergence from Moscow (0 aligned, 1 divergent): the mean of the div_* "
        "signals available that year, equally weighted; NaN where fewer than 3 signals, or no "
        "voting signal (div_un_all, div_un_post_soviet, div_ideal_point), are available; NaN for "
        "Russia. Method in notebook 05.",
    ),
    (
        "divergence_signals",
        "integer",
        "signals",
        "computed (helpers.divergence)",
        "How many of the seven div_* signals the state-year has (its coverage).",
    ),
    *[
        (column, "number", "score (0-1)", "computed (helpers.divergence)", f"{name}: {scale}")
        for column, (name, scale) in divergence.SIGNALS.items()
    ],
    (
        "div_trade_source",
        "string",
        "",
        "trade, trade_official",
        "What div_trade rests on: cow-trade-4.0 (to 2014), or the trade_official source ids "
        "of the state's own full-year figures (2015 on); empty where div_trade is NaN.",
    ),
    (
        "csto_status",
        "string",
        "",
        "org_status_changes",
        "Status on 31 December in the Collective Security Treaty (to 17 Sep 2003) or the CSTO: "
        "signatory, member, suspended or none; empty before 1992.",
    ),
    (
        "csto_participation",
        "string",
        "",
        "org_status_changes",
        "Participation in the CST/CSTO on 31 December: full, partial or none (Armenia's frozen "
        "participation from Feb 2024 is none); empty before 1992.",
    ),
    (
        "eaeu_status",
        "string",
        "",
        "org_status_changes",
        "Status in the Eurasian Economic Union on 31 December (signatory, member or none); "
        "empty before 2015, when its treaty entered into force.",
    ),
    (
        "eaeu_participation",
        "string",
        "",
        "org_status_changes",
        "Participation in the EAEU on 31 December; empty before 2015.",
    ),
]
COLUMNS = [name for name, *_ in CODEBOOK]


def last_year(data_dir: Folder = None) -> int:
    """The last year whose 31 December is on or before the data's as-of date."""
    day = as_of(data_dir)
    return day.year if (day.month, day.day) == (12, 31) else day.year - 1


def panel(data_dir: Folder = None) -> pd.DataFrame:
    """One row per post-Soviet state and year, columns as in CODEBOOK (computed once per version
    of the data, see ``load.remembered``)."""
    return remembered("panel", data_dir, lambda: _panel(data_dir))


def _panel(data_dir: Folder) -> pd.DataFrame:
    frame = statuses_and_indicators(data_dir).set_index(["iso3", "year"])
    states = frame.index.unique("iso3").to_series()
    votes = unga.votes(data_dir)
    frame = frame.join(_trade(frame, states, data_dir))
    frame = frame.join(_un(votes, data_dir))
    frame = frame.join(_ideal_points(data_dir))
    frame = frame.join(divergence.signals(frame, votes, data_dir))
    return frame.reset_index()[COLUMNS]


def statuses_and_indicators(data_dir: Folder = None) -> pd.DataFrame:
    """The panel's rows with its columns up to the World Bank and Maddison indicators: statuses
    on 31 December and the macro series, without trade, UN votes and the alignment signals (for
    callers that need no more, at a third of the panel's cost)."""
    countries = load("countries", data_dir).query("post_soviet")
    years = range(FIRST_YEAR, last_year(data_dir) + 1)
    index = pd.MultiIndex.from_product([countries["iso3"], years], names=["iso3", "year"])
    frame = pd.DataFrame(index=index)
    frame["cow_code"] = (
        countries.set_index("iso3")["cow_code"].reindex(index.get_level_values("iso3")).to_numpy()
    )
    frame = frame.join(_cis_status(index, data_dir))
    years = index.get_level_values("year")
    for prefix, orgs in [("csto", ["CST", "CSTO"]), ("eaeu", ["EAEU"])]:
        status = _org_status(index, orgs, data_dir)
        frame[f"{prefix}_member"] = (status["status"] == "member").astype("boolean")
        status[years < ORG_FROM[orgs[0]]] = None
        frame = frame.join(status.add_prefix(f"{prefix}_"))
    return frame.join(_indicators(data_dir)).reset_index()


def codebook() -> pd.DataFrame:
    """The panel's columns: type, unit, source and description."""
    return pd.DataFrame(
        CODEBOOK, columns=["column", "type", "unit", "source", "description"]
    ).set_index("column")


def write_panel(folder: str | Path, data_dir: Folder = None) -> Path:
    """Write panel.csv and a Frictionless descriptor (datapackage.json) into `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    panel(data_dir).to_csv(folder / "panel.csv", index=False, lineterminator="\n")
    fields = [
        {
            "name": name,
            "type": kind,
            "description": f"{text} Unit: {unit or 'none'}. Source: {source or 'computed'}.",
        }
        for name, kind, unit, source, text in CODEBOOK
    ]
    descriptor = {
        "name": "cis-panel",
        "title": "Post-Soviet states: country-year panel",
        "licenses": [{"name": "CC-BY-4.0"}],
        "resources": [
            {
                "name": "panel",
                "path": "panel.csv",
                "schema": {"fields": fields, "primaryKey": ["iso3", "year"]},
            }
        ],
    }
    path = folder / "datapackage.json"
    path.write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")
    return path


def _year_ends(index: pd.MultiIndex) -> pd.DataFrame:
    frame = index.to_frame(index=False)
    return frame.assign(day=pd.to_datetime(frame["year"].astype(str) + "-12-31"))


def _cis_status(index: pd.MultiIndex, data_dir: Folder) -> pd.DataFrame:
    timeline = status_timeline(data_dir)
    current = _containing(_year_ends(index), timeline)
    return current.set_index(["iso3", "year"])[["legal_status", "participation"]].rename(
        columns=lambda c: f"cis_{c}"
    )


ORG_FROM = {"CST": 1992, "EAEU": 2015}  # first year end at which the framework is scored


def _org_status(index: pd.MultiIndex, orgs: list[str], data_dir: Folder) -> pd.DataFrame:
    """Status and participation on 31 December in the first of `orgs` whose coverage includes
    that day ('none' for a state without a link; empty outside the coverage)."""
    covered = organisations(data_dir)
    ends = _year_ends(index)
    parts, decided = [], np.zeros(len(ends), dtype=bool)
    for org in orgs:
        period = covered.loc[org]
        until = period["covered_until"] if pd.notna(period["covered_until"]) else pd.Timestamp.max
        inside = ((ends["day"] >= period["covered_from"]) & (ends["day"] <= until)).to_numpy()
        days = ends[inside & ~decided]
        rows = _containing(days, org_timeline(org, data_dir))[
            ["iso3", "year", "status", "participation"]
        ]
        linked = days[["iso3", "year"]].merge(rows, on=["iso3", "year"], how="left")
        parts.append(linked.fillna({"status": "none", "participation": "none"}))
        decided |= inside
    found = pd.concat(parts).set_index(["iso3", "year"]).astype(object)
    return found.reindex(index)


def _containing(days: pd.DataFrame, timeline: pd.DataFrame) -> pd.DataFrame:
    """For each (iso3, year, day) row, the timeline intervals of that state containing the day."""
    rows = days.merge(timeline, on="iso3")
    return rows[
        (rows["start"] <= rows["day"]) & (rows["end"].isna() | (rows["end"] >= rows["day"]))
    ]


def _indicators(data_dir: Folder) -> pd.DataFrame:
    table = load("indicators", data_dir)
    wide = table.pivot(index=["iso3", "year"], columns="indicator", values="value")
    wide.columns = wide.columns.astype(str)
    return wide.reindex(
        columns=["gdp_usd", "population", "gdp_per_head_ppp", "remittances_pct_gdp"]
    )


def _trade(frame: pd.DataFrame, states: pd.Series, data_dir: Folder) -> pd.DataFrame:
    """Trade with the world and the share of it with Russia, by ``trade.trade_shares`` (members
    of the CIS as on 31 December, from the frame's legal status)."""
    members = frame["cis_legal_status"].isin(IN_THE_CIS).rename("in_cis").reset_index()
    flows = trade.flows(load("trade", data_dir), states)
    world = flows[flows["partner"] == "WLD"].set_index(["reporter", "year"])["total"]
    share = trade.trade_shares(flows, members)["russia_share"]
    out = pd.DataFrame({"trade_usd_m": world, "russia_trade_share": share.reindex(world.index)})
    return out.rename_axis(["iso3", "year"])


def _un(votes: pd.DataFrame, data_dir: Folder) -> pd.DataFrame:
    overall = unga.agreement(data_dir=data_dir, frame=votes)
    years = overall.index.get_level_values("year")
    overall = overall[years <= unga.complete_until(data_dir)]
    ukraine = unga.agreement(about="UKR", data_dir=data_dir, frame=votes)["agreement"]
    return pd.DataFrame(
        {
            "un_agreement_russia": overall["agreement"].astype("Float64"),
            "un_roll_calls_compared": overall["compared"].astype("Int64"),
        }
    ).join(ukraine.rename("un_agreement_russia_ukraine").astype("Float64"), how="outer")


def _ideal_points(data_dir: Folder) -> pd.DataFrame:
    points = load("ideal_points", data_dir).set_index(["iso3", "year"])["ideal_point"]
    russia = points.xs(unga.REFERENCE, level="iso3")
    distance = (points - russia.reindex(points.index.get_level_values("year")).to_numpy()).abs()
    return pd.DataFrame({"ideal_point": points, "ideal_point_distance_russia": distance})
