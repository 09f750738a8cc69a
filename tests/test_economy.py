"""helpers.economy: trade shares and Russia's weight on small synthetic inputs (missing is
missing, shares sum as they should), and the package's figures that the resolutions quote."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import helpers
from helpers import economy

STATES = ["AAA", "BBB", "RUS", "ZZZ"]  # ZZZ: post-Soviet, never in the CIS


def _trade(rows: list[tuple[str, str, int, float | None, float | None]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["reporter", "partner", "year", "exports", "imports"])
    return frame.astype({"exports": "Float64", "imports": "Float64"})


def _members(year: int, members: set[str]) -> pd.DataFrame:
    return pd.DataFrame({"iso3": STATES, "year": year, "in_cis": [s in members for s in STATES]})


@pytest.fixture
def shares() -> pd.DataFrame:
    rows = [
        ("AAA", "WLD", 2000, 60, 40),
        ("AAA", "RUS", 2000, 20, 10),
        ("AAA", "BBB", 2000, 5, 5),
        ("AAA", "ZZZ", 2000, 4, 4),
        ("AAA", "EU", 2000, 20, 10),
        ("AAA", "CHN", 2000, 1, 1),
        ("BBB", "WLD", 2000, 0, 0),  # no trade at all
        ("BBB", "RUS", 2000, 0, 0),
        ("BBB", "AAA", 2000, 0, 0),
        ("RUS", "WLD", 2000, 500, 300),
        ("RUS", "AAA", 2000, 10, 20),
        ("RUS", "BBB", 2000, None, None),  # not reported
        ("RUS", "EU", 2000, 300, 200),
        ("RUS", "CHN", 2000, 20, 20),
        ("ZZZ", "WLD", 2000, 10, 10),
        ("ZZZ", "AAA", 2000, 4, 4),
        ("ZZZ", "RUS", 2000, 2, 2),
        ("ZZZ", "EU", 2000, 15, 15),  # partners' records above the state's own total
    ]
    flows = economy.flows(_trade(rows), STATES)
    return economy.trade_shares(flows, _members(2000, {"AAA", "BBB", "RUS"}))


def test_shares_are_flows_with_the_partner_over_flows_with_the_world(shares):
    a = shares.loc[("AAA", 2000)]
    assert a["world_usd_m"] == 100
    assert a["russia_share"] == pytest.approx(0.30)
    assert a["cis_share"] == pytest.approx(0.40)  # Russia and BBB; ZZZ is not a member
    assert a["eu_share"] == pytest.approx(0.30)
    assert a["china_share"] == pytest.approx(0.02)


def test_shares_sum_as_they_should(shares):
    a = shares.loc[("AAA", 2000)]
    others = a["cis_usd_m"] - a["russia_usd_m"]
    assert others == 10  # with BBB only
    parts = a[["cis_share", "eu_share", "china_share"]].sum()
    assert parts + 8 / 100 <= 1  # plus ZZZ: all partners held stay within the world total
    assert not a["exceeds_total"]


def test_a_state_with_no_trade_gets_nan_not_zero(shares):
    b = shares.loc[("BBB", 2000)]
    assert pd.isna(b["world_usd_m"])
    assert b[["russia_share", "cis_share", "eu_share", "china_share"]].isna().all()


def test_russia_has_no_share_with_itself_and_unreported_partners_leave_the_sum_empty(shares):
    r = shares.loc[("RUS", 2000)]
    assert pd.isna(r["russia_share"])
    assert pd.isna(r["cis_share"])  # BBB's flow is not reported
    assert r["eu_share"] == pytest.approx(0.625)


def test_partner_flows_above_the_world_total_give_no_share(shares):
    z = shares.loc[("ZZZ", 2000)]
    assert z["exceeds_total"]
    assert z[["russia_share", "cis_share", "eu_share", "china_share"]].isna().all()
    assert z["eu_usd_m"] == 30  # the flows themselves are kept


def test_zero_both_ways_among_former_republics_in_1992_93_is_not_reported():
    rows = [
        ("AAA", "RUS", 1993, 0, 0),
        ("AAA", "RUS", 1994, 0, 0),
        ("AAA", "CHN", 1993, 0, 0),
        ("AAA", "BBB", 1993, 0, 3),
    ]
    flows = economy.flows(_trade(rows), STATES).set_index(["partner", "year"])["total"]
    assert pd.isna(flows[("RUS", 1993)])
    assert flows[("RUS", 1994)] == 0  # from 1994 a 0 is a 0 (rounded to whole millions)
    assert flows[("CHN", 1993)] == 0  # China is not a former republic
    assert flows[("BBB", 1993)] == 3


def test_side_must_be_known():
    with pytest.raises(ValueError, match="side must be one of"):
        economy.trade_shares(economy.flows(_trade([]), STATES), _members(2000, set()), "both")


def test_intra_cis_share_needs_every_member():
    rows = [
        ("AAA", "WLD", 2000, 50, 50),
        ("AAA", "RUS", 2000, 10, 10),
        ("RUS", "WLD", 2000, 100, 100),
        ("RUS", "AAA", 2000, 10, 10),
        ("AAA", "WLD", 2001, 50, 50),
        ("AAA", "RUS", 2001, 10, 10),
        ("RUS", "WLD", 2001, 100, 100),
        ("RUS", "AAA", 2001, None, None),
    ]
    members = pd.concat([_members(2000, {"AAA", "RUS"}), _members(2001, {"AAA", "RUS"})])
    shares = economy.trade_shares(economy.flows(_trade(rows), STATES), members)
    intra = economy.intra_cis_share(shares, members)
    assert intra.loc[2000, "intra_cis_share"] == pytest.approx(40 / 300)
    assert intra.loc[2000, "members"] == 2
    assert pd.isna(intra.loc[2001, "intra_cis_share"])


def test_russia_share_needs_every_member_and_counts_only_members():
    frame = pd.DataFrame(
        {
            "iso3": ["RUS", "AAA", "ZZZ", "RUS", "AAA"],
            "year": [2000, 2000, 2000, 2001, 2001],
            "in_cis": [True, True, False, True, True],
            "gdp": [75.0, 25.0, 1000.0, 80.0, None],
        }
    )
    share = economy.russia_share(frame, "gdp")
    assert share.loc[2000, "share"] == pytest.approx(0.75)
    assert share.loc[2000, "members"] == 2
    assert pd.isna(share.loc[2001, "share"])


def test_package_shares_follow_the_rules():
    shares = economy.trade()
    assert shares.loc["RUS", "russia_share"].isna().all()
    assert pd.isna(shares.loc[("KAZ", 1993), "russia_share"])  # 0 both ways: not reported
    held = shares[["cis_share", "eu_share", "china_share"]].dropna()
    assert (held.sum(axis=1) <= 1).all()
    panel = helpers.panel().set_index(["iso3", "year"])["russia_trade_share"].dropna()
    same = shares["russia_share"].reindex(panel.index).dropna()
    assert (same - panel.reindex(same.index)).abs().max() < 1e-9  # agrees with the panel


def test_russia_weight_covers_the_datasets_years():
    weight = economy.russia_weight()
    assert weight["gdp_usd_share"].last_valid_index() == 2023  # World Bank GDP
    assert weight["gdp_ppp_share"].last_valid_index() == 2022  # Maddison
    assert weight["population_share"].last_valid_index() == 2024
    assert weight["gdp_usd_share"].dropna().between(0.6, 0.85).all()


@pytest.mark.parametrize("subject", ["russia-share-cis-gdp", "russia-share-cis-population"])
def test_resolutions_quote_the_computed_shares(subject):
    """Every 'YYYY: NN.N %' the resolution's reason quotes is the computed share for that year
    (CIS members de jure at year end, or de facto where the reason says 'taking part')."""
    reason = helpers.load("resolutions").set_index("subject").loc[subject, "reason"]
    column = {"russia-share-cis-gdp": "gdp_usd_share"}.get(subject, "population_share")
    quoted = re.findall(r"(\d{4}) (de jure|taking part): (\d+\.\d) %", reason)
    assert quoted
    weights = {
        "de jure": economy.russia_weight(member="in_cis"),
        "taking part": economy.russia_weight(member="participating"),
    }
    for year, basis, value in quoted:
        assert round(100 * weights[basis].loc[int(year), column], 1) == float(value)
