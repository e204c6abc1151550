"""The `browser` fixture for the render tests: Debian's chromium through Playwright, one per test module."""

import pytest

from email_judges import launch_chromium


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()
