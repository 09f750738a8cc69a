"""The collection against an independent dataset: country_converter's CIS classification.

country_converter ships a data file with a "CIS" column; it reads as the CIS's full (Charter)
members, so it is compared with the states whose legal status is member. Its own loader is not
used: version 1.3.2 fails under pandas 3 (Namibia's ISO2 code "NA" becomes a missing value),
so the file is read as text.
"""

from __future__ import annotations

from importlib import resources

import pandas as pd

from .country_year import panel
from .inputs import Day
from .load import load
from .membership import status_on

DATASET = "coco-1.3.2"


def country_converter_data() -> pd.DataFrame:
    """country_converter's country table, indexed by ISO3, every cell as text."""
    with resources.as_file(resources.files("country_converter") / "country_data.tsv") as path:
        return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False).set_index("ISO3")


def comparison(date: Day, dataset: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each post-Soviet state: country_converter's CIS mark, the model's legal status on
    `date`, whether they agree, and the known difference's reason where one is listed."""
    dataset = country_converter_data() if dataset is None else dataset
    status = status_on(date)
    frame = pd.DataFrame(
        {
            "country_converter": [
                "CIS" if dataset.loc[i, "CIS"] == "CIS" else "" for i in status.index
            ],
            "legal_status": status["legal_status"].astype(str),
        },
        index=status.index,
    )
    frame["agree"] = (frame["country_converter"] == "CIS") == (frame["legal_status"] == "member")
    known = load("known_differences").query("dataset == @DATASET").set_index("iso3")
    return frame.join(known[["kind", "reason"]])


def unexplained(date: Day, dataset: pd.DataFrame | None = None) -> list[str]:
    """States on which the two disagree without a listed reason (and listed ones that agree)."""
    frame = comparison(date, dataset)
    return sorted(frame.index[~frame["agree"] ^ frame["reason"].notna()])


# COW IGO v3 codes against the collection's status on 31 December, 1992-2014.
COW_IGO = "cow-igo-3.0"
CIS_AS_COW = {"founding": "full", "member": "full", "associate": "associate"}


def cow_igo_differences(igo: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per compared column (cis, csto) and state: the years in which COW IGO's code differs from
    the collection's (as 'first-last, ...'), their value and ours, and the known reason if any."""
    igo = load("cow_igo") if igo is None else igo
    ours = panel().set_index(["iso3", "year"])
    mine = {
        "cis": ours["cis_legal_status"].astype(str).map(CIS_AS_COW).fillna("none"),
        "csto": ours["csto_member"].map({True: "full", False: "none"}),
    }
    rows = []
    for variable, our_code in mine.items():
        theirs = igo[igo["igo"] == variable].set_index(["iso3", "year"])["status"].astype(str)
        both = pd.DataFrame({"theirs": theirs, "ours": our_code}).dropna()
        both = both[both["theirs"] != "not-in-existence"]
        for iso3, group in both[both["theirs"] != both["ours"]].groupby(level="iso3"):
            years = group.index.get_level_values("year")
            rows.append({"variable": variable, "iso3": iso3, "years": _spans(years)})
    found = pd.DataFrame(rows, columns=["variable", "iso3", "years"])
    known = load("known_differences").query("dataset == @COW_IGO")
    return found.merge(
        known[["variable", "iso3", "years", "reason"]],
        how="outer",
        on=["variable", "iso3"],
        suffixes=("", "_known"),
    )


def cow_igo_unexplained(igo: pd.DataFrame | None = None) -> list[str]:
    """'variable:iso3' for each difference without a listed reason for exactly those years, and
    each listed difference that no longer occurs."""
    frame = cow_igo_differences(igo)
    bad = frame["years"].isna() | (frame["years"] != frame["years_known"].fillna(""))
    return sorted(f"{v}:{i}" for v, i in frame.loc[bad, ["variable", "iso3"]].to_numpy())


def _spans(years: pd.Index) -> str:
    """Years as runs, '1993-2014' or '1994, 2008'."""
    runs: list[list[int]] = []
    for year in sorted(int(y) for y in years):
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)
