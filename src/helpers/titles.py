"""Titles for readers in place of the data's ids: states, acts, meetings, organisations, the
ledger's claim subjects, and dates written to their precision. ``style.reader_table`` uses them,
so every reader table shows titles."""

from __future__ import annotations

import pandas as pd

from .load import load
from .membership import Folder

# Id columns a reader table may hold, the column title they take, and how each id is written.
RENAMED = {"iso3": "state", "act_id": "act", "summit_id": "meeting", "org": "organisation"}


def readable(frame: pd.DataFrame, data_dir: Folder = None) -> pd.DataFrame:
    """`frame` with its id columns (see ``RENAMED``) written as titles and renamed, and, where it
    has the ledger's ``table`` and ``subject`` columns, each subject written as a title too.
    Values with no title (a name the copy lost, a free-text party) are kept as they are."""
    shown = frame.copy()
    if {"table", "subject"} <= set(shown.columns):
        shown["subject"] = subjects(shown, data_dir)
    lookups = {
        "iso3": states(data_dir), "act_id": acts(data_dir), "summit_id": meetings(data_dir),
        "org": organisations(data_dir),
    }  # fmt: skip
    for column, title in RENAMED.items():
        if column in shown.columns and title not in shown.columns:
            shown[column] = [_title(v, lookups[column]) for v in shown[column]]
            shown = shown.rename(columns={column: title})
    return shown


def states(data_dir: Folder = None) -> dict[str, str]:
    """Each state's name by its ISO 3166 alpha-3 code."""
    return load("countries", data_dir).set_index("iso3")["name"].to_dict()


def acts(data_dir: Folder = None) -> dict[str, str]:
    """Each act's short title by its id."""
    return load("acts", data_dir).set_index("act_id")["short_title"].to_dict()


def organisations(data_dir: Folder = None) -> dict[str, str]:
    """Each organisation's name by its id."""
    return load("organisations", data_dir).set_index("org_id")["name"].to_dict()


def meetings(data_dir: Folder = None) -> dict[str, str]:
    """Each Council meeting as place, day and format ('Moscow, 10 Dec 2010, formal')."""
    summits = load("summits", data_dir)
    places = summits["place"].astype("string").fillna("place not recorded")
    days = summits["date"].map(lambda d: format_date(d, "day"))
    labels = places + ", " + days + ", " + summits["format"].astype("string")
    return dict(zip(summits["summit_id"], labels, strict=True))


def subjects(ledger: pd.DataFrame, data_dir: Folder = None) -> list[str]:
    """The ledger's subjects (``table`` and ``subject`` columns) as titles: 'Charter: Georgia'
    for a state's action on an act, a meeting's place and day, a claim's subject as worded."""
    state, act, org, meeting = (
        states(data_dir), acts(data_dir), organisations(data_dir), meetings(data_dir)
    )  # fmt: skip
    worded = load("claims", data_dir).drop_duplicates("quantity").set_index("quantity")["subject"]
    claims = worded.to_dict()

    def titled(table: str, subject: str) -> str:
        if table == "act_participation":
            act_id, _, party = subject.rpartition(" ")
            whom = "the act" if party == "(act)" else _title(party, state)
            return f"{_title(act_id, act)}: {whom}"
        if table == "org_events":
            org_id, _, party = subject.partition(" ")
            whom = "the organisation" if party == "(organisation)" else _title(party, state)
            return f"{_title(org_id, org)}: {whom}"
        if table == "membership_events":
            return _title(subject, state)
        if table == "summit_claims":
            return _title(subject, meeting)
        if table == "chairmanships":
            return f"CIS chairmanship in {subject}"
        if table == "claims":
            return _title(subject, claims)
        return subject

    return [titled(t, s) for t, s in zip(ledger["table"], ledger["subject"], strict=True)]


def format_date(date: pd.Timestamp, precision: str) -> str:
    """A date written to its precision: '25 Dec 2024', 'Dec 2022' or '1993'; '' when missing."""
    if pd.isna(date):
        return ""
    return {"day": f"{date.day} {date:%b %Y}", "month": f"{date:%b %Y}", "year": f"{date:%Y}"}[
        precision
    ]


def _title(value: object, titles: dict) -> object:
    return titles.get(value, value) if pd.notna(value) else value
