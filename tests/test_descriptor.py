"""The descriptor is checked before the data: what the checker cannot honour is a DataError blamed
on datapackage.json, once; what Table Schema allows and the checker supports works."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import helpers

Descriptor = dict[str, Any]


def rewrite(folder: Path, change: Callable[[Descriptor], None]) -> Path:
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return folder


def resource(descriptor: Descriptor, name: str) -> dict[str, Any]:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def field(descriptor: Descriptor, table: str, name: str) -> dict[str, Any]:
    return next(f for f in resource(descriptor, table)["schema"]["fields"] if f["name"] == name)


def refused(folder: Path) -> str:
    with pytest.raises(helpers.DataError) as caught:
        helpers.tables(data_dir=folder)
    return str(caught.value)


def test_invalid_json_names_line_and_column(data_copy):
    path = data_copy / "datapackage.json"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"name": "sources",', '"name": "sources"', 1)
    )
    text = refused(data_copy)
    assert (
        "data/datapackage.json, line 15: invalid JSON: Expecting ',' delimiter (line 15, column 7)"
        in text
    )


def test_a_descriptor_that_is_not_utf8_is_named(data_copy):
    path = data_copy / "datapackage.json"
    path.write_bytes(path.read_bytes().replace(b"Sources", b"Sour\xe7es", 1))
    assert "data/datapackage.json: not valid UTF-8 at byte " in refused(data_copy)


def set_type(kind: str) -> Callable[[Descriptor], None]:
    return lambda d: field(d, "countries", "iso3").update(type=kind)


# (change, what the one problem says)
UNHONOURED = [
    (set_type("geopoint"), "resource 'countries', field 'iso3': type 'geopoint' is not supported;"
     " supported: string, integer, number, boolean, date, year"),
    (lambda d: field(d, "countries", "iso3")["constraints"].update(unique=1),
     "resource 'countries', field 'iso3': constraint unique must be true or false"),
    (lambda d: resource(d, "countries")["schema"]["foreignKeys"].append("iso3"),
     "resource 'countries': a foreign key needs fields and a reference"),
    (lambda d: resource(d, "countries")["schema"]["foreignKeys"].append(
        {"fields": "iso3", "reference": {"resource": "sources", "fields": []}}),
     "resource 'countries': a foreign key needs fields and a reference"),
    (lambda d: resource(d, "countries")["schema"].update(foreignKeys={"fields": "iso3"}),
     "resource 'countries': a foreign key needs fields and a reference"),
    (lambda d: resource(d, "countries")["schema"].update(primaryKey=7),
     "resource 'countries': a primary key is a field name or a list of them"),
    (lambda d: field(d, "countries", "iso3").update(falseValues=["N"]),
     "resource 'countries', field 'iso3': falseValues must be a list of strings, on a boolean"),
    (lambda d: field(d, "countries", "post_soviet").update(falseValues="no"),
     "resource 'countries', field 'post_soviet': falseValues must be a list of strings"),
    (lambda d: field(d, "sources", "date").update(format="%d/%m/%Y"),
     "resource 'sources', field 'date': format '%d/%m/%Y' is not supported"),
    (lambda d: field(d, "countries", "iso3")["constraints"].update(maxLength=3),
     "resource 'countries', field 'iso3', constraints: property 'maxLength' is not supported"),
    (lambda d: field(d, "countries", "iso3").update(constraint={"required": True}),
     "resource 'countries', field 'iso3': property 'constraint' is not supported"),
    (lambda d: field(d, "countries", "iso3")["constraints"].update(pattern="[A-Z"),
     "resource 'countries', field 'iso3': pattern '[A-Z' is not a regular expression"),
    (lambda d: field(d, "countries", "region")["constraints"].update(enum=[]),
     "resource 'countries', field 'region': enum must be a non-empty list of strings"),
    (lambda d: field(d, "countries", "iso3")["constraints"].update(required="yes"),
     "resource 'countries', field 'iso3': constraint required must be true or false"),
    (lambda d: field(d, "countries", "iso3").update(trueValues=["Y"]),
     "resource 'countries', field 'iso3': trueValues must be a list of strings, on a boolean"),
    (lambda d: resource(d, "countries").pop("schema"),
     "resource 'countries': needs a schema (an object) with a list of fields"),
    (lambda d: resource(d, "countries").update(schema="countries.schema.json"),
     "resource 'countries': needs a schema (an object) with a list of fields"),
    (lambda d: resource(d, "countries")["schema"].update(missingValues=["", "NA"]),
     "resource 'countries': missingValues other than [\"\"] are not supported"),
    (lambda d: resource(d, "countries").update(path="../countries.csv"),
     "resource 'countries': path '../countries.csv' must be a CSV file name"),
    (lambda d: resource(d, "countries").update(encoding="latin-1"),
     "resource 'countries': encoding 'latin-1' is not supported; only 'utf-8'"),
    (lambda d: resource(d, "countries").update(dialect={"delimiter": ";"}),
     "resource 'countries': property 'dialect' is not supported"),
    (lambda d: resource(d, "countries")["schema"].update(primaryKey=["iso2"]),
     "resource 'countries': primary key field 'iso2' is not a field of the table"),
    (lambda d: resource(d, "countries")["schema"]["foreignKeys"][0].update(fields=["source"]),
     "resource 'countries': foreign key field 'source' is not a field of the table"),
    (lambda d: resource(d, "countries")["schema"]["foreignKeys"][0]["reference"].update(
        resource="source"),
     "resource 'countries': foreign key to unknown resource 'source'"),
    (lambda d: resource(d, "countries")["schema"]["foreignKeys"][0]["reference"].update(
        fields=["id"]),
     "resource 'countries': foreign key names 'id', not a field of 'sources'"),
    (lambda d: resource(d, "countries")["schema"]["foreignKeys"][0]["reference"].update(
        fields=["source_id", "title"]),
     "resource 'countries': foreign key ['source_id'] and its reference ['source_id', 'title']"),
    (lambda d: resource(d, "countries")["schema"]["foreignKeys"].append({"fields": "iso3"}),
     "resource 'countries': a foreign key needs fields and a reference"),
    (lambda d: field(d, "sources", "date").update(name="day"),
     "resource 'sources': 'date_precision' has no date column 'date'"),
    (lambda d: resource(d, "countries")["schema"]["fields"].append(
        {"name": "iso3", "type": "string"}),
     "resource 'countries': field 'iso3' is described twice"),
    (lambda d: resource(d, "countries")["schema"]["fields"].append("iso2"),
     "resource 'countries': field 11 needs to be an object with a name"),
    (lambda d: d["resources"].append("extra"), "resource 26: needs to be an object with a name"),
    (lambda d: d.update(resources=[]), "it needs a non-empty list of resources"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "says"), UNHONOURED)
def test_what_the_checker_cannot_honour_is_blamed_on_the_descriptor_once(data_copy, change, says):
    text = refused(rewrite(data_copy, change))
    assert text.startswith("1 problem(s) in the data package's descriptor")
    assert f"data/datapackage.json: {says}" in text
    assert text.rstrip().endswith("[rule: descriptor]")


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda d: resource(d, "countries").update(name="Countries"),
         "resource 'Countries': a name is lower-case letters"),
        (lambda d: resource(d, "acts").update(name="countries"),
         "resource 'countries': named twice"),
    ],
)  # fmt: skip
def test_a_renamed_resource_is_refused_with_the_keys_that_named_it(data_copy, change, says):
    text = refused(rewrite(data_copy, change))
    assert f"data/datapackage.json: {says}" in text
    assert "foreign key to unknown resource" in text


def test_a_self_reference_is_checked(data_copy, set_cell):
    def self_reference(d: Descriptor) -> None:
        keys = resource(d, "organisations")["schema"]["foreignKeys"]
        next(k for k in keys if k["fields"] == ["successor"])["reference"]["resource"] = ""

    rewrite(data_copy, self_reference)
    assert helpers.load("organisations", data_dir=data_copy).loc[1, "successor"] == "CSTO"
    set_cell("organisations", 3, "successor", "NOPE")
    text = refused(data_copy)
    where = "data/organisations.csv, line 3, column 'successor', value 'NOPE'"
    assert f"{where}: no row of 'organisations' has org_id = it [rule: foreign key]" in text


def test_a_key_may_name_one_field_as_a_string(data_copy, set_cell):
    def as_strings(d: Descriptor) -> None:
        schema = resource(d, "countries")["schema"]
        schema["primaryKey"] = "iso3"
        schema["foreignKeys"][0].update(fields="source_id")
        schema["foreignKeys"][0]["reference"].update(fields="source_id")

    rewrite(data_copy, as_strings)
    set_cell("countries", 3, "iso3", "ARM")
    folder = set_cell("countries", 4, "source_id", "nowhere")
    text = refused(folder)
    assert "line 3, column 'iso3', value 'ARM': duplicates line 2 [rule: primary key]" in text
    assert "line 4, column 'source_id', value 'nowhere': no row of 'sources'" in text


def test_the_year_type_is_supported(data_copy, set_cell):
    rewrite(data_copy, lambda d: field(d, "chairmanships", "year").update(type="year"))
    years = helpers.load("chairmanships", data_dir=data_copy)["year"]
    assert str(years.dtype) == "Int64"
    assert years.iloc[0] == 2012
    folder = set_cell("chairmanships", 2, "year", "12")
    assert "line 2, column 'year', value '12': not a valid year [rule: type]" in refused(folder)


@pytest.mark.parametrize(("text", "value"), [("True", True), ("TRUE", True), ("1", True),
                                              ("False", False), ("0", False)])  # fmt: skip
def test_table_schema_s_default_boolean_values_are_read(set_cell, text, value):
    folder = set_cell("countries", 2, "post_soviet", text)
    typed = helpers.load("countries", data_dir=folder)["post_soviet"]
    assert (typed.dtype, typed[0]) == ("boolean", value)


def test_a_field_s_own_boolean_values_replace_the_defaults(data_copy, set_cell):
    own = {"trueValues": ["true", "yes"], "falseValues": ["no"]}
    rewrite(data_copy, lambda d: field(d, "countries", "post_soviet").update(own))
    set_cell("countries", 2, "post_soviet", "yes")
    folder = set_cell("countries", 3, "post_soviet", "no")
    assert list(helpers.load("countries", data_dir=folder)["post_soviet"][:3]) == [
        True,
        False,
        True,
    ]
    folder = set_cell("countries", 4, "post_soviet", "True")
    assert "line 4, column 'post_soviet', value 'True': not a valid boolean" in refused(folder)


def test_schema_returns_the_descriptor_s_text_and_refuses_an_unknown_table():
    assert helpers.schema("countries")["primaryKey"] == ["iso3"]
    with pytest.raises(KeyError, match="no table 'members'"):
        helpers.schema("members")


def test_schema_refuses_a_broken_descriptor(data_copy):
    rewrite(data_copy, set_type("geopoint"))
    with pytest.raises(helpers.DataError, match="type 'geopoint' is not supported"):
        helpers.schema("countries", data_dir=data_copy)


def test_what_the_descriptor_may_leave_out_or_write_in_capitals(data_copy):
    def loosened(d: Descriptor) -> None:
        del field(d, "countries", "note")["type"]  # a string by default
        resource(d, "countries").update(encoding="UTF-8", format="CSV", mediatype="text/csv")

    rewrite(data_copy, loosened)
    assert helpers.load("countries", data_dir=data_copy)["note"].dtype == "string"
