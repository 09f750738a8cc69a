"""helpers.economy: trade shares and Russia's weight on small synthetic inputs (missing is
missing, shares sum as they should), and the package's figures that the resolutions quote."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import helpers
from helpers import economy, trade

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
    flows = trade.flows(_trade(rows), STATES)
    return trade.trade_shares(flows, _members(2000, {"AAA", "BBB", "RUS"}))


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
    flows = trade.flows(_trade(rows), STATES).set_index(["partner", "year"])["total"]
    assert pd.isna(flows[("RUS", 1993)])
    assert flows[("RUS", 1994)] == 0  # from 1994 a 0 is a 0 (rounded to whole millions)
    assert flows[("CHN", 1993)] == 0  # China is not a former republic
    assert flows[("BBB", 1993)] == 3


def test_side_must_be_known():
    with pytest.raises(
        ValueError, match=r"^side must be one of total, exports, imports, not .both.$"
    ):
        trade.trade_shares(trade.flows(_trade([]), STATES), _members(2000, set()), "both")


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
    shares = trade.trade_shares(trade.flows(_trade(rows), STATES), members)
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


def test_weight_sources_are_the_indicators_sources():
    expected = ["maddison-2023", "wb-wdi-gdp-2024-10", "wb-wdi-population-2026"]
    assert economy.weight_sources() == expected  # not the remittances series


def test_russia_weight_covers_the_datasets_years():
    weight = economy.russia_weight()
    assert weight["gdp_usd_share"].last_valid_index() == 2023  # World Bank GDP
    assert weight["gdp_ppp_share"].last_valid_index() == 2022  # Maddison
    assert weight["population_share"].last_valid_index() == 2024
    assert weight["gdp_usd_share"].dropna().between(0.6, 0.85).all()


@pytest.mark.parametrize("subject", list(economy.CLAIMED_WEIGHTS))
def test_resolutions_quote_the_computed_shares(subject):
    """Every 'YYYY: NN.N %' the resolution's reason quotes is the computed share for that year
    (CIS members de jure at year end, or de facto where the reason says 'taking part')."""
    reason = helpers.load("resolutions").set_index("subject").loc[subject, "reason"]
    column = economy.CLAIMED_WEIGHTS[subject]
    quoted = re.findall(r"(\d{4}) (de jure|taking part): (\d+\.\d) %", reason)
    assert quoted
    weights = {
        "de jure": economy.russia_weight(member="in_cis"),
        "taking part": economy.russia_weight(member="participating"),
    }
    for year, basis, value in quoted:
        assert round(100 * weights[basis].loc[int(year), column], 1) == float(value)


def _one_year(rows, members):
    return trade.trade_shares(trade.flows(_trade(rows), STATES), _members(2000, members))


def test_exports_and_imports_give_their_own_shares():
    rows = [
        ("AAA", "WLD", 2000, 60, 40),
        ("AAA", "RUS", 2000, 20, 10),
        ("AAA", "EU", 2000, 15, 2),
        ("AAA", "CHN", 2000, 3, 8),
    ]
    flows = trade.flows(_trade(rows), STATES)
    members = _members(2000, {"AAA", "RUS"})
    exports = trade.trade_shares(flows, members, "exports").loc[("AAA", 2000)]
    imports = trade.trade_shares(flows, members, side="imports").loc[("AAA", 2000)]
    assert exports["world_usd_m"] == 60 and imports["world_usd_m"] == 40
    assert exports["russia_share"] == pytest.approx(20 / 60)
    assert imports["russia_share"] == pytest.approx(10 / 40)
    assert exports["eu_share"] == pytest.approx(15 / 60)
    assert imports["china_share"] == pytest.approx(8 / 40)
    assert exports["cis_share"] == pytest.approx(20 / 60)  # Russia is the only other member


def test_the_table_is_indexed_by_state_and_year_with_every_column():
    shares = _one_year([("AAA", "WLD", 2000, 5, 5)], {"AAA"})
    assert shares.index.names == ["iso3", "year"]
    assert list(shares.columns) == [
        "world_usd_m", "russia_usd_m", "cis_usd_m", "eu_usd_m", "china_usd_m", "exceeds_total",
        "russia_share", "cis_share", "eu_share", "china_share",
    ]  # fmt: skip


def test_partners_without_any_record_are_missing_not_zero():
    a = _one_year([("AAA", "WLD", 2000, 50, 50)], {"AAA", "RUS"}).loc[("AAA", 2000)]
    assert a["world_usd_m"] == 100 and not a["exceeds_total"]
    assert a[["russia_usd_m", "cis_usd_m", "eu_usd_m", "china_usd_m"]].isna().all()
    assert a[["russia_share", "cis_share", "eu_share", "china_share"]].isna().all()


def test_a_state_with_no_other_member_has_no_cis_trade():
    rows = [("AAA", "WLD", 2000, 50, 50), ("AAA", "RUS", 2000, 10, 10)]
    a = _one_year(rows, {"AAA"}).loc[("AAA", 2000)]  # Russia not a member that year
    assert pd.isna(a["cis_usd_m"]) and pd.isna(a["cis_share"])
    assert a["russia_share"] == pytest.approx(0.2)  # Russia is still a partner
    outside = _one_year(rows, {"RUS"}).loc[("AAA", 2000)]  # the reporter itself outside
    assert outside["cis_usd_m"] == 20


def test_the_reporters_own_column_never_counts_as_another_member():
    rows = [
        ("AAA", "WLD", 2000, 50, 50),
        ("AAA", "AAA", 2000, 7, 7),  # a stray self-flow
        ("AAA", "BBB", 2000, 5, 5),
    ]
    a = _one_year(rows, {"AAA", "BBB"}).loc[("AAA", 2000)]
    assert a["cis_usd_m"] == 10


def test_partner_flows_equal_to_the_world_total_are_consistent():
    rows = [
        ("AAA", "WLD", 2000, 50, 50),
        ("AAA", "RUS", 2000, 20, 20),
        ("AAA", "ZZZ", 2000, 10, 10),  # not a member, but held
        ("AAA", "EU", 2000, 15, 15),
        ("AAA", "CHN", 2000, 5, 5),
    ]
    a = _one_year(rows, {"AAA", "RUS"}).loc[("AAA", 2000)]
    assert not a["exceeds_total"] and a["china_share"] == pytest.approx(0.1)
    rows[-1] = ("AAA", "CHN", 2000, 5, 6)
    b = _one_year(rows, {"AAA", "RUS"}).loc[("AAA", 2000)]
    assert b["exceeds_total"] and pd.isna(b["china_share"]) and b["china_usd_m"] == 11


def test_flows_of_non_soviet_reporters_and_one_sided_zeros_stay_zero():
    rows = [
        ("CHN", "RUS", 1992, 0, 0),  # China is not a former republic
        ("AAA", "BBB", 1992, 3, 0),
        ("AAA", "ZZZ", 1992, 0, 0),
    ]
    flows = trade.flows(_trade(rows), STATES)
    assert list(flows.columns) == ["reporter", "partner", "year", "exports", "imports", "total"]
    assert flows["total"].tolist()[:2] == [0, 3]
    assert flows[["exports", "imports", "total"]].iloc[2].isna().all()
    assert flows["exports"].dtype == "float64" and flows["imports"].dtype == "float64"


def test_intra_cis_share_sums_members_and_counts_the_inconsistent():
    rows = [
        ("AAA", "WLD", 2000, 50, 50),
        ("AAA", "RUS", 2000, 10, 10),
        ("RUS", "WLD", 2000, 100, 100),
        ("RUS", "AAA", 2000, 10, 10),
        ("RUS", "EU", 2000, 100, 100),  # with Russia's CIS trade: more than its world total
        ("ZZZ", "WLD", 2000, 1000, 1000),  # not a member: left out
        ("ZZZ", "RUS", 2000, 100, 100),
    ]
    members = _members(2000, {"AAA", "RUS"})
    shares = trade.trade_shares(trade.flows(_trade(rows), STATES), members)
    intra = economy.intra_cis_share(shares, members).loc[2000]
    assert intra.to_dict() == {
        "members": 2, "inconsistent": 1, "intra_usd_m": 40.0, "world_usd_m": 300.0,
        "intra_cis_share": pytest.approx(40 / 300),
    }  # fmt: skip


def test_russia_share_counts_the_members_the_column_names():
    frame = pd.DataFrame(
        {
            "iso3": ["RUS", "AAA", "BBB", "RUS", "AAA"],
            "year": [2000, 2000, 2000, 2001, 2001],
            "taking_part": [True, True, False, True, False],
            "gdp": [60.0, 20.0, None, 50.0, 50.0],
        }
    )
    share = economy.russia_share(frame, "gdp", member="taking_part")
    assert share.to_dict() == {"members": {2000: 2, 2001: 1}, "share": {2000: 0.75, 2001: 1.0}}


def test_country_year_makes_membership_explicit_and_gdp_at_ppp_a_product():
    frame = economy.country_year().set_index(["iso3", "year"])
    assert list(frame.columns) == [
        "cis_legal_status", "cis_participation", "in_cis", "participating", "eaeu_member",
        "gdp_usd", "gdp_ppp", "population", "remittances_pct_gdp",
    ]  # fmt: skip
    assert frame.loc[("UKR", 2020), ["in_cis", "participating"]].tolist() == [True, False]
    assert frame.loc[("TKM", 2010), ["in_cis", "participating"]].tolist() == [True, True]
    assert frame.loc[("GEO", 2010), ["in_cis", "participating"]].tolist() == [False, False]
    panel = helpers.panel().set_index(["iso3", "year"])
    maddison = helpers.load("indicators").query("indicator == 'population_maddison'")
    people = maddison.set_index(["iso3", "year"])["value"].astype(float)
    for key in [("RUS", 2010), ("KAZ", 2000)]:
        expected = float(panel.loc[key, "gdp_per_head_ppp"]) * people[key] * 1000
        assert frame.loc[key, "gdp_ppp"] == pytest.approx(expected)
    assert frame.loc[("RUS", 2010), "gdp_ppp"] == pytest.approx(3.105249e12, rel=1e-6)


def test_the_package_helpers_take_a_frame_already_held():
    frame = economy.country_year()
    fewer = frame[frame["iso3"] != "KAZ"]  # KAZ gone: a visibly different answer
    weight = economy.russia_weight(frame=fewer, member="participating")
    assert list(weight.columns) == [
        "members", "gdp_usd_share", "gdp_ppp_share", "population_share",
    ]  # fmt: skip
    assert not weight.equals(economy.russia_weight(member="participating"))
    in_2020 = fewer.query("year == 2020")
    assert weight.loc[2020, "members"] == in_2020["participating"].sum()
    assert in_2020["participating"].sum() < in_2020["in_cis"].sum()  # Ukraine takes no part
    russia = in_2020[in_2020["participating"]].set_index("iso3")["population"]
    assert weight.loc[2020, "population_share"] == pytest.approx(russia["RUS"] / russia.sum())
    exports = economy.trade(side="exports", frame=fewer)
    assert exports.loc[("ARM", 2000), "world_usd_m"] == pytest.approx(300.4875)
    shares = economy.trade(frame=fewer)
    assert not shares["cis_usd_m"].equals(economy.trade()["cis_usd_m"])  # KAZ: not a member
    members = fewer[["iso3", "year", "in_cis"]]
    intra = economy.intra_cis(frame=fewer)
    pd.testing.assert_frame_equal(intra, economy.intra_cis_share(shares, members))
    assert (intra["members"] == economy.intra_cis()["members"] - 1).loc[1992:2014].all()


def test_russia_weight_reads_the_folder_it_is_given(set_cell):
    folder = set_cell("indicators", 1372, "value", "290490296.0")  # Russia's 2020 population x2
    share = economy.russia_weight(folder).loc[2020, "population_share"]
    before = economy.russia_weight().loc[2020, "population_share"]
    assert share == pytest.approx(2 * before / (1 + before))


def test_russia_trading_with_itself_is_no_partner_share():
    rows = [("RUS", "WLD", 2000, 50, 50), ("RUS", "RUS", 2000, 5, 5)]  # a stray self-flow
    r = _one_year(rows, {"RUS"}).loc[("RUS", 2000)]
    assert pd.isna(r["russia_usd_m"]) and pd.isna(r["russia_share"])


def test_intra_cis_share_leaves_out_states_without_a_membership_record():
    rows = [
        ("AAA", "WLD", 2000, 50, 50),
        ("AAA", "RUS", 2000, 10, 10),
        ("RUS", "WLD", 2000, 100, 100),
        ("RUS", "AAA", 2000, 10, 10),
        ("ZZZ", "WLD", 2000, 7, 7),
    ]
    members = _members(2000, {"AAA", "RUS"})
    shares = trade.trade_shares(trade.flows(_trade(rows), STATES), members)
    known = members[members["iso3"] != "ZZZ"]  # no record of ZZZ at all
    intra = economy.intra_cis_share(shares, known).loc[2000]
    assert (intra["members"], intra["intra_usd_m"]) == (2, 40)
    assert intra["intra_cis_share"] == pytest.approx(40 / 300)


def test_a_world_total_of_one_million_is_a_total():
    rows = [("AAA", "WLD", 2000, 0.5, 0.5), ("AAA", "RUS", 2000, 0.25, 0.25)]
    a = _one_year(rows, {"AAA", "RUS"}).loc[("AAA", 2000)]
    assert a["world_usd_m"] == 1 and a["russia_share"] == pytest.approx(0.5)


def test_a_reporter_without_a_world_total_gets_no_shares():
    a = _one_year([("AAA", "RUS", 2000, 5, 5)], {"AAA", "RUS"}).loc[("AAA", 2000)]
    assert pd.isna(a["world_usd_m"]) and a["russia_usd_m"] == 10
    assert a[["russia_share", "cis_share", "eu_share", "china_share"]].isna().all()


def test_no_china_record_adds_nothing_to_the_flows_held():
    rows = [
        ("AAA", "WLD", 2000, 50, 50),
        ("AAA", "RUS", 2000, 30, 30),
        ("AAA", "EU", 2000, 20, 20),
    ]
    a = _one_year(rows, {"AAA", "RUS"}).loc[("AAA", 2000)]
    assert not a["exceeds_total"] and a["eu_share"] == pytest.approx(0.4)


def test_trade_reads_the_folder_it_is_given(set_cell):
    folder = set_cell("trade", 2310, "exports", "5743.5")  # KAZ's world total in 1995, +486.9
    shares = economy.trade(folder)
    assert shares.loc[("KAZ", 1995), "world_usd_m"] == pytest.approx(9550.4)
    assert economy.intra_cis(folder).loc[1995, "world_usd_m"] == pytest.approx(
        economy.intra_cis().loc[1995, "world_usd_m"] + 486.9
    )
