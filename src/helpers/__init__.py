"""Shared helpers of the CIS notebook collection: the one place that reads data/.

- ``tables()``, ``load(name)``, ``describe()``, ``schema(name)``: the data package, checked
  and typed;
- ``DataError``: raised, naming file, line, column, value and rule, when a table breaks a rule;
- ``status_on(date)``, ``status_timeline()``, ``in_cis_on(date)``, ``as_of()``: who was in the CIS,
  on what terms (de jure ``legal_status``, de facto ``participation``), on any date;
- ``members_on(org, date)``, ``status_in(org, date)``, ``org_timeline(org)``,
  ``joint_timeline(orgs)``: the CST, CSTO, EAEU,
  GUAM and the Union State (and the CIS) on any date;
- ``ledger()``, ``discrepancies()``: every dated or quantitative claim in one shape, and the claims
  that cannot all be true, with the collection's resolution; ``encyclopedia_only()``,
  ``encyclopedia_share()``: the claim groups that rest on the encyclopedia article alone;
- ``panel()``, ``codebook()``, ``write_panel(folder)``: one row per post-Soviet state and year
  (status, memberships, GDP, population, trade with Russia, remittances, UN voting agreement);
- ``summits``: the Council of Heads of State's meetings against the counts sources give, and the
  spans where a meeting missing from the record can still lie;
- ``unga``: UN General Assembly roll calls and votes, agreement with Russia;
- ``style``: theme, status palette, the source line under every chart, figures shown with
  their data, tables for readers;
- ``geo``: the country shapes of the map (vendored TopoJSON, decoded and projected);
- ``notebooks()``, ``contents()``: the collection's notebooks, described from their first cells.
"""

from . import geo, style, summits, unga
from .catalogue import contents, notebooks
from .claims import discrepancies, encyclopedia_only, encyclopedia_share, ledger
from .country_year import codebook, panel, write_panel
from .load import DATA_DIR, describe, load, schema, tables
from .membership import as_of, in_cis_on, status_on, status_timeline
from .organisations import joint_timeline, members_on, org_timeline, status_in
from .problems import DataError

__all__ = [
    "DATA_DIR",
    "DataError",
    "as_of",
    "codebook",
    "contents",
    "describe",
    "discrepancies",
    "encyclopedia_only",
    "encyclopedia_share",
    "geo",
    "in_cis_on",
    "joint_timeline",
    "ledger",
    "load",
    "members_on",
    "notebooks",
    "org_timeline",
    "panel",
    "schema",
    "status_in",
    "status_on",
    "status_timeline",
    "style",
    "summits",
    "tables",
    "unga",
    "write_panel",
]
