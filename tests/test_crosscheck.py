"""The collection against an independent dataset: country_converter's CIS classification.

country_converter 1.3.2 marks "CIS" for some states; it reads as the CIS's full (Charter) members.
Every disagreement with the status model must be listed, with a reason, in known_differences.
(country_converter itself is read from its data file: under pandas 3 its own loader fails.)"""

from __future__ import annotations

from importlib import resources

import pandas as pd

import helpers


def _coco() -> pd.DataFrame:
    with resources.as_file(resources.files("country_converter") / "country_data.tsv") as path:
        return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False).set_index("ISO3")


def _disagreements() -> set[str]:
    coco = _coco()
    status = helpers.status_on(helpers.as_of())
    theirs = {i for i in status.index if coco.loc[i, "CIS"] == "CIS"}
    ours = set(status.index[status["legal_status"] == "member"])
    return theirs ^ ours


def test_every_disagreement_with_country_converter_is_known():
    known = helpers.load("known_differences").query("dataset == 'coco-1.3.2'")
    assert _disagreements() == set(known["iso3"])


def test_the_cross_check_notices_a_new_disagreement(monkeypatch):
    real = _coco()
    monkeypatch.setattr(
        __name__ + "._coco", lambda: real.assign(CIS=real["CIS"].where(real.index != "BLR", ""))
    )
    assert "BLR" in _disagreements()
