"""Reader tables show titles, not the data's ids."""

import pandas as pd

from helpers import style, titles


def test_id_columns_become_titled_columns():
    frame = pd.DataFrame(
        {
            "iso3": ["GEO", None, "XXX"],
            "act_id": ["cis-charter-1993", "cis-charter-1993", "no-such-act"],
            "summit_id": ["formal-2010-12", "formal-2010-12", "formal-2010-12"],
            "org": ["CSTO", "CSTO", "CSTO"],
        }
    )
    shown = titles.readable(frame)
    assert list(shown.columns) == ["state", "act", "meeting", "organisation"]
    assert shown.loc[0, "state"] == "Georgia" and pd.isna(shown.loc[1, "state"])
    assert shown.loc[2, "state"] == "XXX" and shown.loc[2, "act"] == "no-such-act"  # kept as is
    assert shown.loc[0, "meeting"] == "Moscow, 10 Dec 2010, formal"
    assert shown.loc[0, "organisation"] == titles.organisations()["CSTO"] != "CSTO"


def test_a_column_already_titled_is_left_alone():
    frame = pd.DataFrame({"iso3": ["GEO"], "state": ["Georgia (de jure)"]})
    assert list(titles.readable(frame).columns) == ["iso3", "state"]


def test_ledger_subjects_are_written_as_titles():
    ledger = pd.DataFrame(
        {
            "table": ["act_participation", "act_participation", "membership_events",
                      "org_events", "summit_claims", "chairmanships", "claims", "other"],
            "subject": ["cis-charter-1993 GEO", "cis-charter-1993 (act)", "MDA", "CSTO ARM",
                        "formal-2010-12", "2014", "cis-population", "kept as is"],
        }
    )  # fmt: skip
    shown = titles.readable(ledger)["subject"].tolist()
    charter = titles.acts()["cis-charter-1993"]
    assert shown[:2] == [f"{charter}: Georgia", f"{charter}: the act"]
    assert shown[2] == "Moldova" and shown[3].endswith(": Armenia")
    assert shown[4:6] == ["Moscow, 10 Dec 2010, formal", "CIS chairmanship in 2014"]
    assert shown[6] != "cis-population" and shown[7] == "kept as is"


def test_reader_tables_show_the_titles():
    table = style.reader_table(pd.DataFrame({"iso3": ["KAZ"], "value": [1]})).data
    assert "<th>state</th>" in table and "<td>Kazakhstan</td>" in table and "KAZ" not in table
