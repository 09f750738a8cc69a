"""How the post-Soviet states voted in the UN General Assembly: roll calls, votes, agreement.

Agreement with Russia follows the simplest established measure (Voeten 2013; Häge 2011 discusses
it): the share of roll calls in which a state voted as Russia did, among the roll calls of that
year in which both took a position (yes, no or abstain). Absences and votes not recorded are
left out, never counted as agreement or disagreement.
"""

from __future__ import annotations

import pandas as pd

from .load import load
from .membership import Folder

REFERENCE = "RUS"
POSITIONS = ["yes", "no", "abstain"]
STATES = 15


def votes(data_dir: Folder = None) -> pd.DataFrame:
    """Every vote with its roll call's resolution, title, date, year and subject (`about`)."""
    calls = load("un_roll_calls", data_dir)
    frame = load("un_votes", data_dir).merge(calls.drop(columns="source_id"), on="roll_call_id")
    return frame.assign(year=frame["date"].dt.year)


def ukraine_votes(data_dir: Folder = None) -> pd.DataFrame:
    """Each post-Soviet state's vote on every whole resolution about Ukraine since 2014, one row
    per state and resolution; vote is missing where no source establishes it."""
    calls = load("un_roll_calls", data_dir)
    about_ukraine = whole_resolution(calls) & (calls["about"] == "UKR")
    calls = calls[about_ukraine & (calls["date"] >= "2014-01-01")]
    states = load("countries", data_dir).query("post_soviet")["iso3"]
    grid = pd.MultiIndex.from_product(
        [calls["roll_call_id"], states], names=["roll_call_id", "iso3"]
    )
    cast = load("un_votes", data_dir).set_index(["roll_call_id", "iso3"]).reindex(grid)
    frame = cast.reset_index().merge(calls.drop(columns="source_id"), on="roll_call_id")
    frame["source_id"] = frame["source_id"].fillna(
        frame["roll_call_id"].map(calls.set_index("roll_call_id")["source_id"])
    )
    return frame.sort_values(["date", "iso3"], ignore_index=True)


def agreement(
    reference: str = REFERENCE,
    about: str | None = None,
    data_dir: Folder = None,
    frame: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per state and year: roll calls in which both it and `reference` took a position
    (`compared`), and the share of those in which it voted as `reference` did (`agreement`).
    With `about` (an ISO3 code), only whole-resolution votes about that state count. `frame`:
    the output of ``votes()``, when the caller already has it."""
    frame = votes(data_dir) if frame is None else frame
    if about is not None:
        frame = frame[whole_resolution(frame) & (frame["about"] == about)]
    frame = pairs(frame, reference)
    frame = frame.assign(same=frame["vote"].astype(str) == frame["reference_vote"])
    grouped = frame.groupby(["iso3", "year"])["same"]
    return pd.DataFrame({"compared": grouped.size(), "agreement": grouped.mean()})


def pairs(frame: pd.DataFrame, reference: str = REFERENCE) -> pd.DataFrame:
    """The votes of ``votes()`` in which both the state and `reference` took a position (yes, no
    or abstain), without `reference`'s own, each with `reference`'s vote as `reference_vote`."""
    frame = frame[frame["vote"].isin(POSITIONS)]
    theirs = frame.loc[frame["iso3"] == reference].set_index("roll_call_id")["vote"].astype(str)
    frame = frame[(frame["iso3"] != reference) & frame["roll_call_id"].isin(theirs.index)]
    return frame.assign(reference_vote=frame["roll_call_id"].map(theirs))


def complete_until(data_dir: Folder = None) -> int:
    """The last year for which the table holds every recorded roll call (Voeten's data, which
    ends in January 2020); later years hold only the curated votes, a selection."""
    calls = load("un_roll_calls", data_dir)
    return int(calls.loc[calls["roll_call_id"].str.startswith("V"), "date"].max().year) - 1


def whole_resolution(calls: pd.DataFrame) -> pd.Series:
    """Votes on a whole resolution, not on an amendment or a paragraph."""
    return ~(calls["amendment"].fillna(False) | calls["paragraph"].fillna(False)).astype(bool)
