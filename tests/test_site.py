"""The static site, opened page by page in a real browser (headless Chromium, on localhost).

Fails on a console error, a broken internal link or an image that did not render; checks the
status look-up against the status models on the days around every change, the table search
boxes and every figure's data and SVG; saves screenshots of the index, the look-up page and a
notebook page (code hidden) in test-artifacts/.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest
from conftest import ROOT

import helpers
from helpers import style

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="Debian's chromium and chromium-driver are not installed",
)
ARTIFACTS = ROOT / "test-artifacts"
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,1600",
]  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    import importlib.util

    spec = importlib.util.spec_from_file_location("site_builder", ROOT / "tools" / "site.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    return builder.build(tmp_path_factory.mktemp("site") / "_site").parent


@pytest.fixture(scope="module")
def served(site: Path):
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        """Serve silently."""


def _pages(site: Path) -> list[str]:
    return sorted(
        p.name for p in site.glob("*.html") if p.name not in {"genindex.html", "search.html"}
    )


def test_every_page_renders_without_errors(site, served, browser):
    problems = []
    for page in _pages(site):
        browser.get(f"{served}/{page}")
        errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        broken_images = browser.execute_script(
            "return [...document.images]"
            ".filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
        )
        links = browser.execute_script(
            "return [...document.querySelectorAll('a[href]')].map(a => a.href)"
        )
        missing = [link for link in links if _internal_missing(link, served, site)]
        problems += [f"{page}: console error {e}" for e in errors]
        problems += [f"{page}: image did not render {src}" for src in broken_images]
        problems += [f"{page}: broken link {link}" for link in missing]
    assert problems == []


def test_screenshots_show_the_index_and_a_notebook(site, served, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    for page in ["index.html", "03-security.html", "02-membership.html"]:
        browser.get(f"{served}/{page}")
        path = ARTIFACTS / page.replace(".html", ".png")
        assert browser.save_screenshot(str(path))
        assert path.stat().st_size > 10_000
    charts = browser.execute_script(
        "return [...document.images].filter(i => i.naturalWidth > 300).length"
    )
    assert charts >= 2


def test_the_data_package_is_downloadable(site):
    assert {p.name for p in (ROOT / "data").glob("*.csv")} <= {
        p.name for p in (site / "data").iterdir()
    }
    assert (site / "data" / "datapackage.json").is_file()


def _internal_missing(link: str, served: str, site: Path) -> bool:
    if not link.startswith(served):
        return False
    path = unquote(urlsplit(link).path).lstrip("/") or "index.html"
    target = site / path
    return not (target.is_file() or (target / "index.html").is_file())


def _lookup_rows(browser, org: str = "CIS") -> dict[str, tuple[str, str]]:
    status = "legal_status" if org == "CIS" else "status"
    return browser.execute_script(
        f"""const rows = {{}};
        document.querySelectorAll('table[data-org="{org}"] tr[data-iso3]').forEach(r => {{
          rows[r.dataset.iso3] = [r.querySelector('[data-field="{status}"]').textContent,
                                  r.querySelector('[data-field="participation"]').textContent];
        }});
        return rows;"""
    )


def _set_date(browser, day: str) -> None:
    browser.execute_script(
        "const input = document.getElementById('lookup-date');"
        "input.value = arguments[0]; input.dispatchEvent(new Event('change'));",
        day,
    )


def _expected(day: pd.Timestamp) -> dict[str, list[str]]:
    status = helpers.status_on(day)
    return {i: [r["legal_status"], r["participation"]] for i, r in status.iterrows()}


def _change_days() -> list[pd.Timestamp]:
    """The day before and the day of every change in the status model after the first day."""
    days = sorted(set(helpers.load("status_changes")["date"]))
    founding = helpers.membership.FOUNDING_DAY
    return sorted({d for day in days for d in (day - pd.Timedelta(days=1), day) if d >= founding})


def test_lookup_answers_from_the_address_and_the_date_input(site, served, browser):
    days = _change_days()
    for day in days[:: max(1, len(days) // 6)]:  # opened by address, a sample
        browser.get(f"{served}/lookup.html?date={day:%Y-%m-%d}")
        assert _lookup_rows(browser) == _expected(day), f"{day:%Y-%m-%d} from the address"
    for day in days:  # every day around every change, typed into the form
        _set_date(browser, f"{day:%Y-%m-%d}")
        assert _lookup_rows(browser) == _expected(day), f"{day:%Y-%m-%d} from the input"
    assert browser.execute_script("return location.search") == f"?date={days[-1]:%Y-%m-%d}"


def test_lookup_answers_for_every_framework(site, served, browser):
    orgs = helpers.organisations.organisations().index.drop("CIS")
    changes = helpers.load("org_status_changes")
    browser.get(f"{served}/lookup.html")
    for org in orgs:
        days = sorted(set(changes.loc[changes["org"] == org, "date"]))
        for day in days[:: max(1, len(days) // 4)]:
            _set_date(browser, f"{day:%Y-%m-%d}")
            status = helpers.status_in(org, day)
            status = status[status["status"] != "none"]
            expected = {i: [r["status"], r["participation"]] for i, r in status.iterrows()}
            assert _lookup_rows(browser, org) == expected, f"{org} on {day:%Y-%m-%d}"


def test_lookup_works_from_the_file_system_and_shows_the_map(site, browser):
    browser.get((site / "lookup.html").as_uri() + "?date=2009-08-18")
    assert _lookup_rows(browser)["GEO"] == ["former", "none"]
    fills = browser.execute_script(
        "return [...document.querySelectorAll('#status-map g[data-iso3] path')]"
        ".filter(p => p.getAttribute('fill')).length"
    )
    assert fills == 2 * 15
    note = browser.find_element("css selector", ".map-note").text
    assert "Crimea" in note and "68/262" in note
    ARTIFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "lookup.png"))


def test_a_long_table_filters_as_the_reader_types(site, served, browser):
    browser.get(f"{served}/06-sources-and-discrepancies.html")
    search = browser.find_element("css selector", ".table-search")
    table = search.find_element("xpath", "following-sibling::table[1]")
    visible = (
        "return [...arguments[0].tBodies[0].rows].filter(r => !r.hidden).map(r => r.textContent)"
    )
    rows = browser.execute_script(visible, table)
    cells = browser.execute_script(
        "return [...arguments[0].tBodies[0].rows[0].cells].map(c => c.textContent.trim())", table
    )
    query = next(c for c in cells if c and sum(c.lower() in r.lower() for r in rows) < len(rows))
    search.send_keys(query)
    shown = browser.execute_script(visible, table)
    assert 0 < len(shown) < len(rows)
    assert all(query.lower() in text.lower() for text in shown)


def test_every_figure_has_its_data_svg_citation_and_alt_text(site):
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        notebook = path.read_text(encoding="utf-8")
        expected = notebook.count(f'"{style.FIGURE_MIME}"')
        page = (site / f"{path.stem}.html").read_text(encoding="utf-8")
        for number in range(1, expected + 1):
            name = f"figures/{path.stem}-figure-{number}"
            assert f'id="figure-{number}"' in page and f"<strong>Figure {number}.</strong>" in page
            assert f'href="{name}.csv"' in page and f'href="{name}.svg"' in page
            assert (site / f"{name}.svg").read_text(encoding="utf-8").startswith("<?xml")
            header = (site / f"{name}.csv").read_text(encoding="utf-8").split("\n")[0]
            assert "source_id" in header.split(","), name
        assert page.count('class="cis-figure"') == expected
        assert page.count("Cite: ") == expected
        assert 'alt=""' not in page


def test_the_panel_is_downloadable_with_its_codebook(site):
    assert (site / "panel" / "panel.csv").is_file()
    assert "schema" in (site / "panel" / "datapackage.json").read_text(encoding="utf-8")


def test_the_build_leaves_nothing_beside_the_site(site):
    assert [p.name for p in site.parent.iterdir()] == [site.name]
    assert not (ROOT / "jupyter_execute").exists()
