"""Derive the data package's research tables from the dataset snapshots in data/external/.

    python tools/external.py [OUT_DIR]     (make external; OUT_DIR defaults to data/)

Reads only data/external/ (byte-checked against data/external/SHA256SUMS first) and the UN votes
curated by hand in data/curated/, and writes, for the 15 post-Soviet states: un_roll_calls,
un_votes, ideal_points, un_agreement, trade, indicators and cow_igo. Every rule that turns a
source value into a row is written here, once; tests/test_external.py re-runs this script and
fails if the committed tables differ from its output.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import pandas as pd
import pyreadr

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "data" / "external"
CURATED = ROOT / "data" / "curated"
FIRST_YEAR = 1991  # the UN session that opened in September 1991 is the first with the new states

# The 15 post-Soviet states: ISO3 -> (Correlates of War code, ISO 3166-1 alpha-2).
STATES = {
    "ARM": (371, "AM"),
    "AZE": (373, "AZ"),
    "BLR": (370, "BY"),
    "EST": (366, "EE"),
    "GEO": (372, "GE"),
    "KAZ": (705, "KZ"),
    "KGZ": (703, "KG"),
    "LVA": (367, "LV"),
    "LTU": (368, "LT"),
    "MDA": (359, "MD"),
    "RUS": (365, "RU"),
    "TJK": (702, "TJ"),
    "TKM": (701, "TM"),
    "UKR": (369, "UA"),
    "UZB": (704, "UZ"),
}
BY_COW = {cow: iso3 for iso3, (cow, _) in STATES.items()}
BY_ISO2 = {iso2: iso3 for iso3, (_, iso2) in STATES.items()}
CHINA_COW = 710

# Which post-Soviet state a whole-resolution roll call is about, from its title.
ABOUT = [
    ("UKR", r"Ukraine|Crimea|Sevastopol"),
    ("GEO", r"Abkhazia|Tskhinvali|South Ossetia"),
    ("AZE", r"territories of Azerbaijan"),
    ("BLR", r"human rights in Belarus"),
    ("TKM", r"human rights in Turkmenistan"),
    ("UZB", r"human rights in Uzbekistan"),
    ("MDA", r"Republic of Moldova"),
]
VOETEN_2017_CODES = {1: "yes", 2: "abstain", 3: "no", 8: "absent"}  # 9: not a member, no row
VOTE_COLUMNS = ["roll_call_id", "iso3", "vote", "source_id", "second_source_id", "locator", "note"]
IGO_CODES = {
    0: "none",
    1: "full",
    2: "associate",
    3: "observer",
    -9: "missing",
    -1: "not-in-existence",
}


def verify_snapshots() -> None:
    """Stop unless every snapshot file has the sha256 recorded in SHA256SUMS."""
    for line in (SNAPSHOTS / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        actual = hashlib.sha256((SNAPSHOTS / name).read_bytes()).hexdigest()
        if actual != digest:
            sys.exit(f"data/external/{name}: sha256 {actual} differs from SHA256SUMS ({digest})")


def _r(path: str) -> pd.DataFrame:
    return next(iter(pyreadr.read_r(SNAPSHOTS / path).values()))


def _title(short: object, descr: object) -> str:
    """A short title: the package's `short` unless missing or an upper-case subject heading,
    else the description up to ' : resolution' or ' / adopted'."""
    short, descr = str(short or "").strip(), str(descr or "").strip()
    if short and short != "nan" and not short.isupper():
        return short
    if descr and not descr.startswith(("The ", "A/")):
        return re.split(r"\s*:\s*resolution|\s*/\s*adopted", descr)[0].strip()
    return short.capitalize() if short and short != "nan" else "Procedural vote"


def _symbol(unres: object) -> str:
    symbol = str(unres or "").strip()
    return "" if symbol in {"", "nan"} else re.sub(r"^R/", "A/RES/", symbol)


def _flag(value: object) -> str:
    return "" if pd.isna(value) else ("true" if int(value) == 1 else "false")


def _about(title: str, whole: bool) -> str:
    if not whole:
        return ""
    return next((iso3 for iso3, pattern in ABOUT if re.search(pattern, title)), "")


def voeten() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Roll calls since September 1991 and the 15 states' votes in them. Positions (yes, no,
    abstain) come from the 2021 release; an absence comes from the 2017 raw release, the only one
    that keeps absences (to 2015). A member state with no row was absent or is not recorded."""
    calls = _r("unvotes/un_roll_calls.rda")
    calls = calls[calls["session"] >= 46].copy()
    issues = _r("unvotes/un_roll_call_issues.rda")
    codes = issues.groupby("rcid")["short_name"].agg(lambda s: ";".join(sorted(set(s))))
    raw = _r("unvotes/UNVotesPublished.RData")
    raw = raw[raw["session"] >= 46]
    with_absences = set(raw["rcid"].astype(int))
    calls["rcid"] = calls["rcid"].astype(int)
    titles = [_title(s, d) for s, d in zip(calls["short"], calls["descr"], strict=True)]
    whole = ~((calls["amend"] == 1) | (calls["para"] == 1)).to_numpy()
    roll_calls = pd.DataFrame(
        {
            "roll_call_id": "V" + calls["rcid"].astype(str),
            "session": calls["session"].astype(int),
            "date": calls["date"].astype(str),
            "date_precision": "day",
            "resolution": [_symbol(u) for u in calls["unres"]],
            "title": titles,
            "amendment": [_flag(v) for v in calls["amend"]],
            "paragraph": [_flag(v) for v in calls["para"]],
            "important": [_flag(v) for v in calls["importantvote"]],
            "issues": calls["rcid"].map(codes).fillna("").to_numpy(),
            "about": [_about(t, w) for t, w in zip(titles, whole, strict=True)],
            "absences_recorded": ["true" if r in with_absences else "false" for r in calls["rcid"]],
            "meeting": "",
            "source_id": "voeten-unvotes-2021",
        }
    )
    votes = _r("unvotes/un_votes.rda")
    votes = votes[votes["country_code"].isin(BY_ISO2)]
    positions = pd.DataFrame(
        {
            "rcid": votes["rcid"].astype(int),
            "iso3": votes["country_code"].map(BY_ISO2),
            "vote": votes["vote"].astype(str),
            "source_id": "voeten-unvotes-2021",
        }
    )
    raw = raw[raw["ccode"].isin(BY_COW) & (raw["vote"] == 8)]
    absences = pd.DataFrame(
        {
            "rcid": raw["rcid"].astype(int),
            "iso3": raw["ccode"].map(BY_COW),
            "vote": "absent",
            "source_id": "voeten-unvotes-2017",
        }
    )
    absences = absences.merge(positions[["rcid", "iso3"]], how="left", indicator=True)
    absences = absences[absences.pop("_merge") == "left_only"]
    votes = pd.concat([positions, absences], ignore_index=True)
    votes = votes[votes["rcid"].isin(calls["rcid"])]
    votes.insert(0, "roll_call_id", "V" + votes.pop("rcid").astype(str))
    return roll_calls, votes.reindex(columns=VOTE_COLUMNS, fill_value="")


def un_records(roll_calls: pd.DataFrame, votes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Add the roll calls curated by hand (data/curated/: UN records or, failing those, news
    reports and other datasets, each vote with its source). Where a
    curated roll call is also in Voeten's data, its id is Voeten's and the curated vote must agree:
    the curated row's source stays first, and Voeten's data becomes the second source unless the
    curated row names one already."""
    calls = pd.read_csv(CURATED / "un_roll_calls.csv", dtype=str, keep_default_na=False)
    curated = pd.read_csv(CURATED / "un_votes.csv", dtype=str, keep_default_na=False)
    calls = calls.assign(
        amendment="false", paragraph="false", important="", issues="", absences_recorded="true"
    )
    known = roll_calls[roll_calls["resolution"] != ""].drop_duplicates("resolution", keep=False)
    voeten_id = dict(zip(known["resolution"], known["roll_call_id"], strict=True))
    calls["roll_call_id"] = calls["resolution"].map(voeten_id).fillna(calls["resolution"])
    curated["roll_call_id"] = curated["resolution"].map(
        calls.set_index("resolution")["roll_call_id"]
    )
    merged = curated.merge(votes, on=["roll_call_id", "iso3"], how="left", suffixes=("", "_voeten"))
    clash = merged[merged["vote_voeten"].notna() & (merged["vote_voeten"] != merged["vote"])]
    if len(clash):
        sys.exit(f"UN records and Voeten's data disagree:\n{clash.to_string()}")
    voeten_source = merged.pop("source_id_voeten").fillna("")
    merged["second_source_id"] = merged["second_source_id"].where(
        merged["second_source_id"] != "", voeten_source
    )
    merged = merged[VOTE_COLUMNS]
    kept = votes.merge(merged[["roll_call_id", "iso3"]], how="left", indicator=True)
    votes = pd.concat([kept[kept.pop("_merge") == "left_only"], merged], ignore_index=True)
    new = calls[~calls["roll_call_id"].isin(roll_calls["roll_call_id"])]
    roll_calls = pd.concat([roll_calls, new[roll_calls.columns]], ignore_index=True)
    return roll_calls, votes


def ideal_points() -> pd.DataFrame:
    """Bailey-Strezhnev-Voeten ideal points by calendar year (July 2025 release)."""
    frame = pd.read_stata(SNAPSHOTS / "ideal-points/IdealpointsJuly2025.dta")
    frame = frame[frame["iso3c"].isin(STATES) & (frame["year"] >= FIRST_YEAR)]
    return pd.DataFrame(
        {
            "iso3": frame["iso3c"],
            "year": frame["year"].astype(int),
            "ideal_point": frame["idealpointfp"],
            "votes_final_passage": frame["nvotesfp"].astype("Int64"),
            "ideal_point_all": frame["idealpointall"],
            "votes_all": frame["nvotesall"].astype("Int64"),
            "source_id": "bsv-ideal-points-2025-07",
        }
    )


def agreement() -> pd.DataFrame:
    """Share of votes agreeing with Russia and with the US, by session (June 2024 release)."""
    frame = pd.read_csv(SNAPSHOTS / "ideal-points/IdealpointestimatesAll_Jun2024.csv")
    frame = frame[frame["iso3c"].isin(STATES) & (frame["session"] >= 46)]
    return pd.DataFrame(
        {
            "iso3": frame["iso3c"],
            "session": frame["session"],
            "agreement_russia": frame["RUSSAgree"],
            "agreement_usa": frame["USAgree"],
            "ideal_point": frame["IdealPointAll"],
            "votes": frame["NVotesAll"],
            "source_id": "bsv-ideal-points-2024-06",
        }
    )


def trade(eu_members: pd.DataFrame) -> pd.DataFrame:
    """Each state's goods exports to and imports from the other 14, China, the EU (the sum over
    the states COW IGO codes as full EU members that year; NaN if any of their flows is missing)
    and the world (COW's state-year totals), in million current USD, 1992-2014."""
    dyads = _r("trade/cow_trade_ndy.rda")
    dyads = dyads[dyads["year"] >= 1992]
    forward = dyads.rename(columns={"ccode1": "reporter", "ccode2": "partner"})
    backward = dyads.rename(
        columns={"ccode2": "reporter", "ccode1": "partner", "flow1": "flow2", "flow2": "flow1"}
    )
    directed = pd.concat([forward, backward], ignore_index=True)
    directed = directed[directed["reporter"].isin(BY_COW)]
    directed = directed.assign(imports=directed["flow1"], exports=directed["flow2"])
    cols = ["reporter", "partner", "year", "exports", "imports"]
    pairs = directed[directed["partner"].isin([*BY_COW, CHINA_COW])][cols].copy()
    pairs["partner"] = pairs["partner"].map({**BY_COW, CHINA_COW: "CHN"})
    eu = _eu_aggregate(directed, eu_members)
    totals = _r("trade/cow_trade_sy.rda").rename(columns={"ccode": "reporter"})
    totals = totals[totals["reporter"].isin(BY_COW) & (totals["year"] >= 1992)]
    world = totals.assign(partner="WLD")[cols]
    frame = pd.concat([pairs, eu[cols], world], ignore_index=True)
    frame["reporter"] = frame["reporter"].map(BY_COW)
    frame["year"] = frame["year"].astype(int)
    frame["source_id"] = "cow-trade-4.0"
    return frame


def _eu_aggregate(directed: pd.DataFrame, eu_members: pd.DataFrame) -> pd.DataFrame:
    """Flows with the EU as one partner: the sum over that year's members other than the reporter,
    NaN unless every one of those flows is reported."""
    flows = directed.merge(eu_members, left_on=["partner", "year"], right_on=["ccode", "year"])
    grouped = flows.groupby(["reporter", "year"])[["exports", "imports"]]
    members = eu_members.groupby("year").size()
    sums = grouped.sum().reset_index()
    counts = grouped.count().reset_index()
    is_member = pd.MultiIndex.from_frame(sums[["reporter", "year"]]).isin(
        pd.MultiIndex.from_frame(eu_members.rename(columns={"ccode": "reporter"}))
    )
    expected = sums["year"].map(members).to_numpy() - is_member
    for flow in ["exports", "imports"]:
        sums[flow] = sums[flow].where(counts[flow].to_numpy() == expected)
    return sums.assign(partner="EU")


def igo() -> tuple[pd.DataFrame, pd.DataFrame]:
    """COW IGO codes of the 15 states for the CIS, the CSTO and EurAsEC, 1991-2014; and the full
    EU members per year (COW code, year), which the EU trade aggregate sums over."""
    frame = _r("cow-igo/state_year_format3.rda")
    eu = frame.loc[frame["eu"] == 1, ["ccode", "year"]]
    frame = frame[frame["ccode"].isin(BY_COW) & (frame["year"] >= FIRST_YEAR)]
    long = frame.melt(id_vars=["ccode", "year"], value_vars=["cis", "csto", "eaec"], var_name="igo")
    table = pd.DataFrame(
        {
            "iso3": long["ccode"].map(BY_COW),
            "year": long["year"].astype(int),
            "igo": long["igo"],
            "status": long["value"].astype(int).map(IGO_CODES),
            "source_id": "cow-igo-3.0",
        }
    )
    return table, eu


def indicators() -> pd.DataFrame:
    """GDP, population, GDP per head (PPP) and remittances per state and year, 1990 on."""
    parts = []
    for name, file, unit, source in [
        ("gdp_usd", "gdp/gdp.csv", "current US$", "wb-wdi-gdp-2024-10"),
        ("population", "population/population.csv", "persons", "wb-wdi-population-2026"),
    ]:
        frame = pd.read_csv(SNAPSHOTS / file)
        parts.append(
            pd.DataFrame(
                {
                    "iso3": frame["Country Code"],
                    "year": frame["Year"],
                    "indicator": name,
                    "value": frame["Value"],
                    "unit": unit,
                    "source_id": source,
                }
            )
        )
    remit = pd.read_csv(
        SNAPSHOTS / "remittances/ddf--datapoints--bx_trf_pwkr_dt_gd_zs--by--economy--year.csv"
    )
    parts.append(
        pd.DataFrame(
            {
                "iso3": remit["economy"].str.upper(),
                "year": remit["year"],
                "indicator": "remittances_pct_gdp",
                "value": remit["bx_trf_pwkr_dt_gd_zs"],
                "unit": "% of GDP",
                "source_id": "wb-wdi-remittances-2024",
            }
        )
    )
    maddison = _r("maddison/MaddisonData.rda")
    for name, column, unit in [
        ("gdp_per_head_ppp", "gdppc", "2011 international $"),
        ("population_maddison", "pop", "thousand persons"),
    ]:
        parts.append(
            pd.DataFrame(
                {
                    "iso3": maddison["ISO"],
                    "year": maddison["year"],
                    "indicator": name,
                    "value": maddison[column],
                    "unit": unit,
                    "source_id": "maddison-2023",
                }
            )
        )
    frame = pd.concat(parts, ignore_index=True).dropna(subset=["value"])
    frame = frame[frame["iso3"].isin(STATES) & (frame["year"] >= 1990)]
    return frame.astype({"year": int})


def derive() -> dict[str, pd.DataFrame]:
    """Every research table, sorted on its key."""
    roll_calls, votes = un_records(*voeten())
    igo_table, eu_members = igo()
    tables = {
        "un_roll_calls": roll_calls.sort_values(["date", "roll_call_id"]),
        "un_votes": votes.sort_values(["roll_call_id", "iso3"]),
        "ideal_points": ideal_points().sort_values(["iso3", "year"]),
        "un_agreement": agreement().sort_values(["iso3", "session"]),
        "trade": trade(eu_members).sort_values(["reporter", "partner", "year"]),
        "indicators": indicators().sort_values(["indicator", "iso3", "year"]),
        "cow_igo": igo_table.sort_values(["igo", "iso3", "year"]),
    }
    return {name: frame.reset_index(drop=True) for name, frame in tables.items()}


def write(out_dir: Path) -> list[Path]:
    """Write every research table as CSV into `out_dir`; return the paths written."""
    verify_snapshots()
    paths = []
    for name, frame in derive().items():
        path = out_dir / f"{name}.csv"
        frame.to_csv(path, index=False, lineterminator="\n")
        paths.append(path)
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data"
    for written in write(target):
        print(f"wrote {written.relative_to(target.parent) if target != ROOT else written}")
