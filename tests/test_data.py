"""The data package's own hygiene: provenance on every fact, documented columns, current names,
and agreement with an independent dataset (country_converter)."""

from __future__ import annotations

import re

import pytest

import helpers
from helpers import crosscheck

PROSE_COLUMNS = ("note", "basis", "summary")
ID_LIKE = re.compile(r"(?<![\w-])[a-z][a-z0-9]*(?:-[a-z0-9]+){2,}(?![\w-])")
OUTDATED_NAMES = ("Byelorussia", "Moldavia", "Kirghizia", "Kirgizia", "Turkmenia", "USSR")


def _resources() -> list[dict]:
    return [{"name": n, "schema": helpers.schema(n)} for n in helpers.tables()]


@pytest.mark.parametrize("table", [t for t in helpers.tables() if t != "sources"])
def test_every_fact_table_cites_sources_by_foreign_key(table):
    schema = helpers.schema(table)
    source_columns = [f["name"] for f in schema["fields"] if f["name"].endswith("source_id")]
    assert "source_id" in source_columns
    keyed = {
        k["fields"][0]
        for k in schema.get("foreignKeys", [])
        if k["reference"]["resource"] == "sources"
    }
    assert set(source_columns) <= keyed, f"{table}: every *source_id column is a foreign key"
    own = next(f for f in schema["fields"] if f["name"] == "source_id")["constraints"]
    assert own.get("required"), f"{table}.source_id must be required: no source, no row"


def test_every_column_is_documented():
    for resource in _resources():
        for field in resource["schema"]["fields"]:
            assert field.get("description"), (
                f"{resource['name']}.{field['name']} has no description"
            )


def _cited_and_mentioned() -> tuple[set[str], set[str]]:
    """Source ids in *source_id columns, and id-like words in the prose columns."""
    cited, mentioned = set(), set()
    for table in [t for t in helpers.tables() if t != "sources"]:
        frame = helpers.load(table)
        for column in frame.columns:
            if column.endswith("source_id"):
                cited |= set(frame[column].dropna())
            elif column in PROSE_COLUMNS:
                for text in frame[column].dropna():
                    mentioned |= {
                        w for w in ID_LIKE.findall(text) if w.count("-") >= 3 or re.search(r"\d", w)
                    }
    return cited, mentioned


def test_every_source_is_cited_by_a_row_or_a_note():
    cited, _ = _cited_and_mentioned()
    prose = " ".join(
        text
        for table in helpers.tables()
        for column in PROSE_COLUMNS
        if column in (frame := helpers.load(table))
        for text in frame[column].dropna()
    )
    # The map's shapes are cited under the map that draws them (helpers.geo), not by a row.
    uncited = set(helpers.load("sources")["source_id"]) - cited - {helpers.geo.SOURCE_ID}
    assert {
        s for s in uncited if not re.search(rf"(?<![\w-]){re.escape(s)}(?![\w-])", prose)
    } == set()


def test_every_source_named_in_a_note_is_registered():
    _, mentioned = _cited_and_mentioned()
    row_ids = set()
    for table in helpers.tables():
        frame = helpers.load(table)
        row_ids |= {v for c in frame.columns if c.endswith("_id") for v in frame[c].dropna()}
    assert mentioned - row_ids == set()


def test_country_names_are_current():
    countries = helpers.load("countries")
    for column in ("name", "official_name"):
        for outdated in OUTDATED_NAMES:
            assert not countries[column].str.contains(outdated).any(), f"{outdated} in {column}"


def test_fifteen_post_soviet_states():
    assert helpers.load("countries")["post_soviet"].sum() == 15


def test_countries_agree_with_country_converter():
    """Names and regions as shipped in country_converter's data file."""
    coco = crosscheck.country_converter_data()
    ours = helpers.load("countries").set_index("iso3")[["name", "official_name", "region"]]
    theirs = coco.loc[list(ours.index), ["name_short", "name_official", "UNregion"]]
    theirs.columns = ours.columns
    assert ours.astype(str).to_dict("index") == theirs.to_dict("index")
