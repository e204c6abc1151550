"""Shared test setup: headless Qt, a private home for settings and data, sample issues."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from datetime import date, datetime  # noqa: E402

import pytest  # noqa: E402

from composer.model import (  # noqa: E402
    Brand,
    ButtonBlock,
    ContactBlock,
    EventBlock,
    Issue,
    QuoteBlock,
    Section,
    SignatureBlock,
    TextBlock,
)
from composer.resources import SAMPLE_ISSUE, SHARED_SAMPLES_DIR  # noqa: E402

pytest_plugins = ["smtp_inbox"]  # a real SMTP server on 127.0.0.1 for the test-send tests


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory, monkeypatch):
    """Settings, library, recovery copies and logs go to a temporary folder, never the real home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("NEWSLETTER_COMPOSER_HOME", str(home))
    return home


@pytest.fixture
def sample_issue():
    from composer.storage import load_issue

    return load_issue(SAMPLE_ISSUE)


@pytest.fixture
def shared_samples():
    if not SHARED_SAMPLES_DIR.is_dir():
        pytest.skip(f"the real past newsletters are not here ({SHARED_SAMPLES_DIR})")
    return SHARED_SAMPLES_DIR


@pytest.fixture
def small_issue():
    """A short issue with one of the common block types in each section."""
    return Issue(
        title="Newsletter – Spring 2025",
        edition="Spring 2025",
        issue_date=date(2025, 3, 3),
        send_date=date(2025, 3, 4),
        preheader="Spring webinars, a new network and your views",
        brand=Brand(organisation="Example Partnerships", website="https://www.example.org", email="hello@example.org"),
        sections=(
            Section(kind="introduction", title="Introduction", blocks=(
                TextBlock(markdown="Welcome to the **spring** issue. Read the [report](https://www.example.org/report)."),
            )),
            Section(kind="webinars", title="Webinars", blocks=(
                EventBlock(title="Early help in practice", start=datetime(2025, 4, 2, 16), end=datetime(2025, 4, 2, 17, 15),
                           register_url="https://www.example.org/book", register_label="Book webinar"),
                ButtonBlock(label="See all webinars", url="https://www.example.org/webinars"),
            )),
            Section(kind="afterword", title="Afterword", blocks=(
                QuoteBlock(text="Small steps, taken together, go far.", attribution="A member"),
                SignatureBlock(name="Sam Patel", role="Chair"),
            )),
            Section(kind="your_views", title="Your Views", blocks=(
                ContactBlock(phone="01632 960 000", email="views@example.org"),
            )),
        ),
    )
