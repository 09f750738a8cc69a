"""The one place where the query helpers read their arguments: dates and organisation names.

Dates: an ISO 8601 day string ``YYYY-MM-DD``, a ``datetime.date`` or ``datetime.datetime``, a
pandas ``Timestamp`` or a numpy ``datetime64``; a time of day is dropped, and a timezone-aware
value gives the calendar day it names in its own zone. Anything else (``01/09/2009``,
``yesterday``, numbers, None, NaT) is refused. Organisations: by id or full name, in any case,
with spaces (or, in an id, a space for a hyphen) as you like: ``csto``, ``Union State``,
``Eurasian Economic Union``.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

Day = str | dt.date | pd.Timestamp | np.datetime64
DATE_FORMS = (
    "an ISO 8601 day 'YYYY-MM-DD' (e.g. '2009-09-01'), a datetime.date or datetime.datetime, "
    "a pandas Timestamp or a numpy datetime64"
)
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def to_day(value: object) -> pd.Timestamp:
    """`value` as a calendar day (midnight, no time zone); ValueError naming the accepted forms."""
    try:
        if isinstance(value, str) and _ISO_DAY.fullmatch(value.strip()):
            return pd.Timestamp(dt.date.fromisoformat(value.strip()))
        if isinstance(value, dt.date | np.datetime64) and not pd.isna(value):
            return pd.Timestamp(value).tz_localize(None).normalize()
    except (ValueError, OverflowError):
        pass
    raise ValueError(f"not a date: {value!r}; give {DATE_FORMS}")


def checked_day(date: object, first: pd.Timestamp, what: str, last: object = None) -> pd.Timestamp:
    """`date` as a day, if it lies between `first` and `last` (default: today); else ValueError."""
    day = to_day(date)
    end = pd.Timestamp.today().normalize() if last is None or pd.isna(last) else to_day(last)
    if not first <= day <= end:
        raise ValueError(
            f"{day.date()} is outside {what}: it covers {first.date()} to {end.date()}"
        )
    return day


def org_id(name: object, organisations: pd.DataFrame) -> str:
    """The id of the organisation `name` names in `organisations` (indexed by id, with a column
    'name'); ValueError listing the known ones."""
    if isinstance(name, str):
        wanted = _folded(name)
        for org, full_name in zip(organisations.index, organisations["name"], strict=True):
            if wanted in (_folded(org), _folded(full_name)):
                return str(org)
    known = "; ".join(
        f"{org} ({row['name']}, {_period(row)})" for org, row in organisations.iterrows()
    )
    raise ValueError(
        f"unknown organisation {name!r}; give an id or a full name, in any case. "
        f"The data follows: {known}"
    )


def _folded(name: str) -> str:
    return " ".join(name.replace("-", " ").split()).casefold()


def _period(row: pd.Series) -> str:
    until = "today" if pd.isna(row["covered_until"]) else f"{row['covered_until']:%Y-%m-%d}"
    return f"{row['covered_from']:%Y-%m-%d} to {until}"
