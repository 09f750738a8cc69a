"""What each state did with each act (founding, security or economic): one outcome per cell."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .claims import date_disputes
from .load import load

# Each recorded action, and the outcome it stands for; strongest outcome first.
OUTCOME_OF = {
    "ratified": "bound",
    "acceded": "bound",
    "in-force": "bound",  # in force for that state
    "provisionally-applied": "signed",  # applied without ratification: not bound
    "signed": "signed",
    "attended": "attended",
    "did-not-ratify": "stayed out",
    "did-not-sign": "stayed out",
}
OUTCOMES = ["bound", "signed", "attended", "stayed out"]


def act_outcomes(act_ids: Sequence[str]) -> pd.DataFrame:
    """One row per post-Soviet state and act: the strongest outcome any source records for it,
    its earliest date (with precision), and whether sources disagree on the dates of that act
    for that state.
    A state with no record for an act has no row."""
    claims = load("act_participation").dropna(subset=["iso3"])
    claims = claims[claims["act_id"].isin(act_ids)]
    claims = claims.assign(
        outcome=pd.Categorical(claims["action"].map(OUTCOME_OF), categories=OUTCOMES, ordered=True)
    )
    strongest = claims.groupby(["act_id", "iso3"], observed=True)["outcome"].transform("min")
    best = claims[claims["outcome"] == strongest].sort_values("date", kind="stable")
    columns = ["act_id", "iso3", "outcome", "date", "date_precision"]
    cells = best.groupby(["act_id", "iso3"], observed=True).first().reset_index()[columns]
    disputed = date_disputes("act_participation")[["act_id", "iso3"]].drop_duplicates()
    keys = set(zip(disputed["act_id"], disputed["iso3"], strict=True))
    cells["disputed"] = [
        (a, i) in keys for a, i in zip(cells["act_id"], cells["iso3"], strict=True)
    ]
    cells["act_id"] = pd.Categorical(cells["act_id"], categories=list(act_ids))
    return cells.sort_values(["act_id", "iso3"], ignore_index=True)


# The acts whose binding force the status models also follow: the organisation (or treaty) in
# `organisations`, and the statuses there that mean "bound by this act". For the CIS these are
# legal statuses of the status model (``status_changes``), for the others statuses of
# ``org_status_changes``; "signatory" there means signed, not yet bound.
FRAMEWORK_OF: dict[str, tuple[str, tuple[str, ...]]] = {
    "belavezha-agreement-1991": ("CIS", ("founding", "member", "associate")),
    "cis-charter-1993": ("CIS", ("member",)),
    "collective-security-treaty-1992": ("CST", ("member",)),
    "eaeu-treaty-2014": ("EAEU", ("member",)),
}


def model_outcomes(act_ids: Sequence[str]) -> pd.DataFrame:
    """What the status models say of each state and act in `FRAMEWORK_OF`: "bound" if the state
    ever held a status meaning bound by the act (with the first day it did), "signed" if it was
    only ever a signatory. States the model never links to the act have no row."""
    from .membership import status_timeline
    from .organisations import org_timeline

    rows = []
    for act_id in act_ids:
        org, bound = FRAMEWORK_OF[act_id]
        if org == "CIS":
            timeline = status_timeline().rename(columns={"legal_status": "status"})
        else:
            timeline = org_timeline(org)
        for iso3, lane in timeline.groupby("iso3"):
            held = lane[lane["status"].isin(bound)]
            if len(held):
                rows.append((act_id, iso3, "bound", held["start"].min()))
            elif (lane["status"] == "signatory").any():
                rows.append((act_id, iso3, "signed", lane["start"].min()))
    return pd.DataFrame(rows, columns=["act_id", "iso3", "outcome", "start"])
