"""Social links: a row of icons readers can tap, each with words for screen readers and a plain-text line."""

import lxml.html
import pytest

from composer.export.bundle import export_issue
from composer.model import Issue, Section
from composer.model.blocks import SocialLink, SocialLinksBlock
from composer.render import render_email
from composer.resources import RESOURCES_DIR

from email_judges import axe_violations, offline

PROFILES = SocialLinksBlock(items=(
    SocialLink(network="mastodon", label="Follow us on Mastodon", url="https://mastodon.social/@charity"),
    SocialLink(network="bluesky", label="Follow us on Bluesky", url="https://bsky.app/profile/charity.org.uk"),
    SocialLink(network="linkedin", label="Our page on LinkedIn", url="https://www.linkedin.com/company/charity"),
    SocialLink(network="instagram", label="Our photos on Instagram", url="https://www.instagram.com/charity"),
    SocialLink(network="facebook", label="Our page on Facebook", url="https://www.facebook.com/charity"),
    SocialLink(network="youtube", label="Webinar recordings on YouTube", url="https://www.youtube.com/@charity"),
    SocialLink(network="website", label="Our website", url="https://www.charity.org.uk"),
))


def _issue(small_issue, **settings):
    follow = Section(kind="afterword", title="Follow us", blocks=(PROFILES,))
    return small_issue.model_copy(update={"sections": small_issue.sections + (follow,), **settings})


def test_each_profile_is_an_icon_link_with_its_words_as_alt_text(small_issue):
    html = render_email(_issue(small_issue, hosted_base_url="https://files.charity.org.uk/spring")).html
    links = lxml.html.fromstring(html).xpath("//table[contains(@class, 'nc-social')]//a")
    assert [link.get("href") for link in links] == [item.url for item in PROFILES.items]
    assert [link.xpath("img/@alt")[0] for link in links] == [item.label for item in PROFILES.items]
    assert [link.xpath("img/@src")[0] for link in links] == [
        f"https://files.charity.org.uk/spring/images/social-{item.network}.png" for item in PROFILES.items]


HOSTED = "https://files.charity.org.uk/spring"


def _open_with_icons(browser, html: str, width: int):
    """The email at *width* px with its icons served from where the export hosts them, nothing else fetched."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.route("**/*", offline)
    context.route(f"{HOSTED}/images/*", lambda route: route.fulfill(
        path=str(RESOURCES_DIR / "social" / route.request.url.rsplit("/", 1)[-1]), content_type="image/png"))
    page = context.new_page()
    page.set_content(html, wait_until="load")
    return page


@pytest.mark.parametrize("width", (375, 640))
def test_the_icons_are_one_row_of_targets_at_least_44_px_square(browser, small_issue, width):
    page = _open_with_icons(browser, render_email(_issue(small_issue, hosted_base_url=HOSTED)).html, width)
    try:
        assert page.evaluate("[...document.querySelectorAll('.nc-social img')].every(i => i.naturalWidth === 64)")
        boxes = page.evaluate("[...document.querySelectorAll('.nc-social a')].map(a => a.getBoundingClientRect())"
                              ".map(r => ({x: r.x, y: r.y, width: r.width, height: r.height}))")
        assert len(boxes) == 7
        assert all(box["width"] >= 44 and box["height"] >= 44 for box in boxes), boxes
        assert len({round(box["y"]) for box in boxes}) == 1, "the icons wrap onto a second line"
        assert all(later["x"] >= earlier["x"] + earlier["width"] for earlier, later in zip(boxes, boxes[1:]))
        assert [v for v in axe_violations(page) if "social" in " ".join(v["nodes"])] == []
        assert {v["id"] for v in axe_violations(page)} & {"image-alt", "link-name", "target-size"} == set()
    finally:
        page.context.close()


def test_the_plain_text_version_lists_each_profile_with_its_address(small_issue):
    text = render_email(_issue(small_issue)).text
    assert "Follow us on Mastodon: https://mastodon.social/@charity\nFollow us on Bluesky: https://bsky.app/" in text
    assert "Our website: https://www.charity.org.uk" in text


def test_the_export_hosts_the_icons_like_any_picture(small_issue, tmp_path):
    result = export_issue(_issue(small_issue), tmp_path / "out")
    for item in PROFILES.items:
        hosted = tmp_path / "out" / "images" / f"social-{item.network}.png"
        assert hosted.read_bytes() == (RESOURCES_DIR / "social" / f"social-{item.network}.png").read_bytes()
    assert any(file.path.suffix == ".zip" for file in result.files)


def test_a_new_social_links_block_starts_with_the_website_and_the_icon_follows_the_network():
    fresh = SocialLinksBlock.new()
    assert [(item.network, item.label, item.icon) for item in fresh.items] == [
        ("website", "Our website", "app:social/social-website.png")]
    moved = SocialLinksBlock.model_validate({"items": [{**fresh.items[0].model_dump(), "network": "bluesky"}]})
    assert moved.items[0].icon == "app:social/social-bluesky.png"
    assert Issue.model_validate(Issue(sections=(Section(blocks=(fresh,)),)).model_dump()).sections[0].blocks[0] == fresh
