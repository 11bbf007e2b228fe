"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright; never `playwright install`."""

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CSP_REFUSAL = "violates the following Content Security Policy directive"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser_page(monkeypatch):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent: apt-get install -y chromium (CI's .ci/run installs it)")
    # Playwright's sync API runs an event loop in the test thread; the test's own ORM calls are synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        refused = []
        page.on(
            "console", lambda message: refused.append(message.text) if CSP_REFUSAL in message.text else None
        )
        try:
            yield page
        finally:
            browser.close()
        # Every journey runs under the portal's Content-Security-Policy: nothing on its pages may be refused.
        assert not refused, "Content-Security-Policy refused:\n" + "\n".join(refused)


@pytest.fixture
def demo_live_server(live_server, monkeypatch):
    """The live server with the demo site built by the real loader from the small test data set."""
    from accounts import demo as accounts_demo
    from cms_pages import demo
    from cms_pages.demo import upsert
    from portal import demo_centres as centres_demo
    from tests.cms_pages.conftest import SMALL_DEMO_DATA, RecordingProgress

    monkeypatch.setattr(upsert, "DATA_DIR", SMALL_DEMO_DATA)
    progress = RecordingProgress()
    demo.run(progress)
    # the centres and their public pages come from their histories (the real actions)
    accounts_demo.run(progress)
    centres_demo.run(progress)
    return live_server
