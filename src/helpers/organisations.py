"""Who belonged to the CST, CSTO, EAEU, GUAM or the Union State (or the CIS) on any date.

Computed from the ``org_status_changes`` model, where each row names the claim it follows.
Legal membership and actual participation are kept apart: Armenia is still a CSTO member in
law while its participation is frozen.
"""

from __future__ import annotations

import pandas as pd

from .inputs import Day, checked_day, org_id
from .load import load
from .membership import Folder, in_cis_on, intervals, on_day


def organisations(data_dir: Folder = None) -> pd.DataFrame:
    """The organisations whose membership the collection follows, with the period covered."""
    orgs = load("organisations", data_dir)
    return orgs[orgs["covered_from"].notna()].set_index("org_id")


def org_timeline(org: str, data_dir: Folder = None) -> pd.DataFrame:
    """Each state's status in `org` as intervals (end is the last day; NaT while current)."""
    covered = _known(org, data_dir)
    changes = load("org_status_changes", data_dir)
    timeline = intervals(changes[changes["org"] == covered.name], ["iso3"])
    timeline["end"] = timeline["end"].fillna(covered["covered_until"])
    return timeline


def joint_timeline(orgs: list[str], data_dir: Folder = None) -> pd.DataFrame:
    """The timelines of successive frameworks (e.g. CST then CSTO) as one: each starts where the
    previous one's coverage ends."""
    parts, floor = [], pd.Timestamp.min
    for org in orgs:
        timeline = org_timeline(org, data_dir)
        timeline = timeline[timeline["end"].isna() | (timeline["end"] >= floor)]
        parts.append(timeline.assign(start=timeline["start"].clip(lower=floor)))
        floor = _known(org, data_dir)["covered_until"] + pd.Timedelta(days=1)
    return pd.concat(parts, ignore_index=True)


def status_in(org: str, date: Day, data_dir: Folder = None) -> pd.DataFrame:
    """Status and participation in `org` on `date` of every state with a link to it."""
    covered = _known(org, data_dir)
    what = f"the data on {covered.name}"
    day = checked_day(date, covered["covered_from"], what, covered["covered_until"])
    current = on_day(org_timeline(org, data_dir), day)
    return current.set_index("iso3")[["status", "participation"]].sort_index()


def members_on(organisation: str, date: Day, data_dir: Folder = None) -> set[str]:
    """ISO3 codes of the legal members of `organisation` on `date`.

    For "CIS" these are the states whose legal status is founding, member or associate.
    """
    if _known(organisation, data_dir).name == "CIS":
        return set(in_cis_on(date, data_dir))
    status = status_in(organisation, date, data_dir)
    return set(status.index[status["status"] == "member"])


def _known(org: str, data_dir: Folder) -> pd.Series:
    """The row of `org` (by id or full name, any case) in the organisations followed; its name
    is the id."""
    orgs = organisations(data_dir)
    return orgs.loc[org_id(org, orgs)]
