"""Shared helpers of the CIS notebook collection: the one place that reads data/.

- ``tables()``, ``load(name)``, ``describe()``, ``schema(name)``: the data package, checked
  and typed;
- ``DataError``: raised, naming file, line, column, value and rule, when a table breaks a rule;
- ``style``: theme, status palette and the source line under every chart;
- ``notebooks()``, ``contents()``: the collection's notebooks, described from their first cells.
"""

from . import style
from .catalogue import contents, notebooks
from .load import DATA_DIR, describe, load, schema, tables
from .validate import DataError

__all__ = [
    "DATA_DIR",
    "DataError",
    "contents",
    "describe",
    "load",
    "notebooks",
    "schema",
    "style",
    "tables",
]
