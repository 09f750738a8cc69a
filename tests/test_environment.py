"""The pip route (pyproject.toml) and the conda/Binder route (environment.yml) install the same."""

from __future__ import annotations

import re
import tomllib

import yaml
from conftest import ROOT

CONDA_ONLY = {"python", "pip"}  # the interpreter and installer conda needs; pip has them already
PINNED = {"pandas", "matplotlib", "seaborn"}  # their formatting shows in notebook outputs


def _requirement(text: str) -> tuple[str, str]:
    name, spec = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(.*)", text.strip()).groups()  # type: ignore[union-attr]
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def _pip_side() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["test"]
    return dict(_requirement(r) for r in requirements)


def _conda_side() -> tuple[dict[str, str], list[str]]:
    spec = yaml.safe_load((ROOT / "environment.yml").read_text())
    plain = [d for d in spec["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in spec["dependencies"] if isinstance(d, dict))
    conda = dict(_requirement(d) for d in plain)
    return {k: v for k, v in conda.items() if k not in CONDA_ONLY}, pip


def test_both_routes_name_the_same_packages_and_versions():
    conda, _ = _conda_side()
    assert conda == _pip_side()


def test_libraries_that_shape_outputs_are_pinned_exactly():
    pins = _pip_side()
    assert all(pins[name].startswith("==") for name in PINNED)


def test_conda_route_installs_the_helpers_package():
    _, pip = _conda_side()
    assert "-e ." in pip
