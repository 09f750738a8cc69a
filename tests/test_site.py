"""The static site, opened page by page in a real browser (headless Chromium, on localhost).

Fails on a console error, a broken internal link or an image that did not render; saves
screenshots of the index and of one notebook page in test-artifacts/.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT

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
    for page in ["index.html", "03-security.html"]:
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
