"""The sample issue as a phone and a desktop would show it, measured in a real browser.

Uses Debian's Chromium (/usr/bin/chromium) through Playwright; never downloads a
browser. Every http/https request from the page is aborted, so nothing leaves
the machine (remote images simply fail to load, which is what the alt-text
checks are about anyway).
"""

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

from composer.render import render_email  # noqa: E402
from composer.resources import SAMPLE_ISSUE  # noqa: E402
from composer.storage import load_issue  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

PHONE = 375
DESKTOP = 640
WIDE = 1024

# Call-to-action buttons: an <a> directly inside a table cell that carries a bgcolor.
BUTTON_LINKS = "td[bgcolor] > a"
# The content column: MJML's section wrapper with css-class="nc-content".
CONTENT_COLUMN = "[class~='nc-content']"


def _offline(route):
    if route.request.url.startswith(("http://", "https://")):
        route.abort()
    else:
        route.continue_()


@pytest.fixture(scope="module")
def sample_html():
    return render_email(load_issue(SAMPLE_ISSUE)).html


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def rendered_at(browser, sample_html):
    """rendered_at(width) -> a page showing the sample issue at that viewport width (cached per width)."""
    pages = {}
    contexts = []

    def open_at(width):
        if width not in pages:
            context = browser.new_context(viewport={"width": width, "height": 800})
            context.route("**/*", _offline)
            contexts.append(context)
            page = context.new_page()
            page.set_content(sample_html, wait_until="load")
            pages[width] = page
        return pages[width]

    yield open_at
    for context in contexts:
        context.close()


# --- on a phone (375 px) ---------------------------------------------------------------


def test_sample_issue_fits_a_phone_without_sideways_scrolling(rendered_at):
    page = rendered_at(PHONE)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE, f"page is {scroll_width}px wide on a {PHONE}px phone"


def test_add_to_calendar_links_are_buttons_big_enough_to_tap_on_a_phone(rendered_at):
    page = rendered_at(PHONE)
    targets = page.eval_on_selector_all(
        ".nc-calendar a",
        "links => links.map(a => { const r = a.getBoundingClientRect();"
        " return {text: a.textContent, top: r.top, bottom: r.bottom, left: r.left, right: r.right,"
        " size: parseFloat(getComputedStyle(a).fontSize)}; })",
    )
    assert len(targets) >= 10, "the sample issue has many events, each with calendar links"
    assert all(t["bottom"] - t["top"] >= 44 and t["right"] - t["left"] >= 44 for t in targets), targets
    assert all(t["size"] >= 14 for t in targets), targets
    assert all(t["right"] <= PHONE for t in targets), targets
    # Neighbours do not touch: at least 8px between any two targets.
    for a, b in zip(targets, targets[1:]):
        apart = max(b["left"] - a["right"], a["left"] - b["right"], b["top"] - a["bottom"], a["top"] - b["bottom"])
        assert apart >= 8, (a, b)


def test_every_call_to_action_button_is_big_enough_to_tap_on_a_phone(rendered_at):
    page = rendered_at(PHONE)
    buttons = page.eval_on_selector_all(
        BUTTON_LINKS,
        "links => links.map(a => ({text: a.textContent.trim(), height: a.getBoundingClientRect().height,"
        " right: a.getBoundingClientRect().right}))",
    )
    assert buttons, "the sample issue should have call-to-action buttons"
    too_small = [b for b in buttons if b["height"] < 44]
    assert not too_small, f"buttons shorter than 44px: {too_small}"
    off_screen = [b for b in buttons if b["right"] > PHONE]
    assert not off_screen, f"buttons running off the right edge: {off_screen}"


def test_body_text_on_a_phone_is_at_least_14px(rendered_at):
    page = rendered_at(PHONE)
    # Body text: paragraphs, list items and links in the content column ("Add to calendar" included).
    sizes = page.eval_on_selector_all(
        f"{CONTENT_COLUMN} p, {CONTENT_COLUMN} li, {CONTENT_COLUMN} a",
        "els => els.map(e => ({text: e.textContent.trim().slice(0, 40),"
        " size: parseFloat(getComputedStyle(e).fontSize)}))",
    )
    assert len(sizes) > 20, "expected plenty of body text in the sample issue"
    small = [s for s in sizes if s["size"] < 14]
    assert not small, f"body text smaller than 14px: {small}"


def test_every_image_has_alt_text_for_readers_who_block_images(rendered_at):
    page = rendered_at(PHONE)
    images = page.eval_on_selector_all("img", "imgs => imgs.map(i => ({src: i.src, alt: i.getAttribute('alt')}))")
    assert images, "the sample issue should have at least one image"
    missing = [i["src"] for i in images if i["alt"] is None]
    assert not missing, f"images without an alt attribute: {missing}"


def test_images_shrink_to_fit_a_phone(rendered_at):
    page = rendered_at(PHONE)
    rights = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.getBoundingClientRect().right)")
    assert all(right <= PHONE for right in rights), rights


def test_preheader_is_hidden_in_the_opened_email(rendered_at):
    page = rendered_at(PHONE)
    preheader = page.locator(".nc-preheader")
    assert "display:none" in (preheader.get_attribute("style") or "").replace(" ", "")
    assert not preheader.is_visible()


# --- on a desktop (640 px and a wide 1024 px) --------------------------------------------


@pytest.mark.parametrize("width", [DESKTOP, WIDE])
def test_content_column_is_a_comfortable_600_to_640px_on_a_desktop(rendered_at, width):
    page = rendered_at(width)
    column = page.locator(CONTENT_COLUMN).first
    box = column.bounding_box()
    assert box is not None, "content column not rendered"
    assert 600 <= box["width"] <= 640, f"content column is {box['width']}px wide at {width}px"


def test_content_column_is_centred_on_a_wide_screen(rendered_at):
    page = rendered_at(WIDE)
    box = page.locator(CONTENT_COLUMN).first.bounding_box()
    left_gap, right_gap = box["x"], WIDE - (box["x"] + box["width"])
    assert abs(left_gap - right_gap) <= 1, (left_gap, right_gap)


@pytest.mark.parametrize("width", [DESKTOP, WIDE])
def test_desktop_layout_has_no_sideways_scrolling(rendered_at, width):
    page = rendered_at(width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
