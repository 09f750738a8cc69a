"""Who was in the CIS, on what terms, on any date: the status model and queries over it.

The model is the ``status_changes`` table: one row each time a post-Soviet state's legal status
(de jure) or participation (de facto) changes, citing the claim it follows. Everything here is
computed from it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .inputs import Day, checked_day
from .load import load
from .problems import Problem, raise_if_any

FOUNDING_DAY = pd.Timestamp("1991-12-08")  # the Belavezha Agreement: the CIS's first day
LEGAL_STATUSES = ["founding", "member", "associate", "former", "none"]
IN_THE_CIS = ["founding", "member", "associate"]
MODEL_FILE = "data/status_changes.csv"


Folder = str | Path | None


def as_of(data_dir: Folder = None) -> pd.Timestamp:
    """The date the data describes: the latest day a source was read."""
    return load("sources", data_dir)["accessed"].max()


def status_timeline(data_dir: Folder = None) -> pd.DataFrame:
    """Each post-Soviet state's statuses as intervals from 8 Dec 1991 on, without gaps or overlaps.

    Columns: iso3, start, start_precision, end (last day; NaT while still current),
    legal_status, participation, source_id, basis.
    """
    changes = load("status_changes", data_dir)
    _check_model(changes, load("countries", data_dir))
    return intervals(changes, ["iso3"])


def status_on(date: Day, data_dir: Folder = None) -> pd.DataFrame:
    """Legal status and participation of every post-Soviet state on `date`, indexed by iso3."""
    day = checked_day(date, FOUNDING_DAY, "the CIS status model")
    current = on_day(status_timeline(data_dir), day)
    return current.set_index("iso3")[["legal_status", "participation"]].sort_index()


def in_cis_on(date: Day, data_dir: Folder = None) -> list[str]:
    """ISO3 codes of the states legally in the CIS on `date` (founding, member or associate)."""
    status = status_on(date, data_dir)
    return sorted(status.index[status["legal_status"].isin(IN_THE_CIS)])


def intervals(changes: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Change rows (each with the first day of a new status) as intervals per `by` group: the
    date becomes start, and end is the day before the group's next change (NaT for the last)."""
    changes = changes.sort_values([*by, "date"], ignore_index=True)
    following = changes.groupby(by)["date"].shift(-1)
    timeline = changes.rename(columns={"date": "start", "date_precision": "start_precision"})
    timeline.insert(
        timeline.columns.get_loc("start_precision") + 1, "end", following - pd.Timedelta(days=1)
    )
    return timeline


def on_day(timeline: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """The intervals of `timeline` that contain `day`."""
    return timeline[
        (timeline["start"] <= day) & (timeline["end"].isna() | (timeline["end"] >= day))
    ]


def _check_model(changes: pd.DataFrame, countries: pd.DataFrame) -> None:
    """Every post-Soviet state, and only those, has a status from the founding day on."""
    expected = set(countries.loc[countries["post_soviet"], "iso3"])
    lines = changes.index + 2  # the header is line 1 and load keeps the file's order
    first = changes.assign(line=lines).sort_values("date").groupby("iso3").first()
    problems = [
        Problem(
            MODEL_FILE, 0, "iso3", iso3, "status model", "a post-Soviet state with no status row"
        )
        for iso3 in sorted(expected - set(first.index))
    ]
    for iso3, row in first.iterrows():
        if iso3 not in expected:
            detail = "not a post-Soviet state in countries.csv"
            problems.append(Problem(MODEL_FILE, row["line"], "iso3", iso3, "status model", detail))
        elif row["date"] != FOUNDING_DAY:
            detail = f"the first status of {iso3} must start on {FOUNDING_DAY.date()}"
            value = str(row["date"].date())
            problems.append(Problem(MODEL_FILE, row["line"], "date", value, "status model", detail))
    raise_if_any(problems, "the status model")
