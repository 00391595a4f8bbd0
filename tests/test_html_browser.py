"""The HTML pages (every sample, and a diff report inline and side by side) opened in a real
browser: headless Chromium from the system's packages (/usr/bin/chromium, Debian's `chromium`),
driven by Playwright's Python package (never Playwright's own browser downloads).

Each page must load with no console error and no request beyond the file itself, every
paragraph anchor (its AKN eId) must exist, every footnote link must land on its note, and a
screenshot of each is kept in build/test-artifacts/html/ (written by the run, not committed).
Skipped with the reason when no browser is installed here; failed instead in CI, where .ci/run
installs Chromium and sets RESOLUTION_BROWSER_TESTS=required."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.html_pages import ARTIFACTS, Page, pages, paragraph_eids

CHROMIUM = Path("/usr/bin/chromium")
REQUIRED = os.environ.get("RESOLUTION_BROWSER_TESTS") == "required"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing() -> str:
    try:
        import playwright.sync_api  # noqa: F401  (only to know whether it is installed)
    except ImportError:
        return "Playwright's Python package is not installed (pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install -y chromium)"
    return ""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    missing = _missing()
    if missing:
        if REQUIRED:
            pytest.fail(f"browser tests are required here (RESOLUTION_BROWSER_TESTS=required): {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),  # a fresh --user-data-dir
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1000, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture(scope="module", params=[p.name for p in pages()])
def page(request: pytest.FixtureRequest) -> Page:
    return next(p for p in pages() if p.name == request.param)


# In the page: click each footnote call; the note it names must be the :target and be scrolled
# into view. Returns the calls that did not land.
_FOLLOW_NOTES = """() => {
  const failures = [];
  for (const call of document.querySelectorAll('a[role="doc-noteref"]')) {
    call.click();
    const note = document.getElementById(call.getAttribute('href').slice(1));
    const top = note ? note.getBoundingClientRect().top : NaN;
    if (!note || document.querySelector(':target') !== note || !(top >= -1 && top < innerHeight)) {
      failures.push(call.getAttribute('href') + ' from ' + call.id);
    }
  }
  return failures;
}"""


def test_page_in_a_browser(browser: Any, page: Page) -> None:
    tab = browser.new_page()
    errors: list[str] = []
    requests: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("request", lambda request: requests.append(request.url))
    url = page.path.as_uri()
    tab.goto(url, wait_until="load")
    # JPEG: a full-page PNG of a 28-page resolution takes twice as long to encode
    tab.screenshot(path=str(ARTIFACTS / f"{page.name}.jpg"), full_page=True, type="jpeg", quality=70)
    assert errors == []
    assert requests == [url]  # nothing fetched from anywhere else

    if page.resolution is not None:
        wanted = sorted(paragraph_eids(page.resolution))
        missing = tab.evaluate("ids => ids.filter(id => !document.getElementById(id))", wanted)
        assert wanted and missing == []
        tab.goto(f"{url}#{wanted[-1]}")  # a permalink opens on its paragraph
        assert (
            tab.evaluate("() => document.querySelector(':target') && document.querySelector(':target').id")
            == wanted[-1]
        )
        calls = tab.evaluate("() => document.querySelectorAll('a[role=\"doc-noteref\"]').length")
        assert calls == sum(1 for _ in page.html.split(b'role="doc-noteref"')[1:])
        assert tab.evaluate(_FOLLOW_NOTES) == []
    else:
        assert tab.evaluate("() => document.querySelectorAll('del, ins').length") > 0
    tab.close()
