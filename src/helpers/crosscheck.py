"""The collection against an independent dataset: country_converter's CIS classification.

country_converter ships a data file with a "CIS" column; it reads as the CIS's full (Charter)
members, so it is compared with the states whose legal status is member. Its own loader is not
used: version 1.3.2 fails under pandas 3 (Namibia's ISO2 code "NA" becomes a missing value),
so the file is read as text.
"""

from __future__ import annotations

from importlib import resources

import pandas as pd

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
