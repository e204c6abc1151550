"""Hypothesis strategies for whole issues, built field by field from the model.

Text is drawn with a bias towards what breaks naive code: right-to-left
script, emoji, zero-width characters, curly quotes, markup and template syntax.
"""

from __future__ import annotations

from datetime import datetime

from hypothesis import strategies as st

from composer.model import (
    BLOCK_TYPES, Brand, ButtonBlock, ContactBlock, DividerBlock, EventBlock, HeadingBlock, ImageBlock,
    Issue, LinkItem, LinkListBlock, QuoteBlock, Section, SignatureBlock, SpacerBlock, TextBlock,
)
from composer.model.blocks import SOCIAL_NETWORKS, SocialLink, SocialLinksBlock

ODD_PIECES = [
    "שלום עולם", "مرحبا", "\u202eevil\u202c", "👩‍👩‍👧", "🎉", "\u200b", "\u200d", "\ufeff",
    "“curly”", "‘single’", "—", "<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "&amp;",
    "**bold**", "_it_", "[link](https://example.org)", "\n- item\n", "\\", '"', "\t", "\r\n", "\x0b", "\x00", "\x1f", "\uffff",
]

odd_text = st.lists(
    st.one_of(st.sampled_from(ODD_PIECES), st.text(max_size=12)), max_size=5
).map("".join)
short_text = st.one_of(st.just(""), odd_text)

hosts = st.sampled_from(["example.org", "www.charity.org.uk", "localhost", "xn--bcher-kva.example"])
paths = st.text(alphabet="abcxyz0123456789-_/.%~", max_size=15)
web_urls = st.builds(lambda scheme, host, path: f"{scheme}://{host}/{path}", st.sampled_from(["http", "https"]), hosts, paths)
urls = st.one_of(
    st.just(""),
    web_urls,
    st.builds(lambda user: f"mailto:{user}@example.org", st.from_regex(r"[a-z0-9._+]{1,10}", fullmatch=True)),
    st.builds(lambda number: f"tel:+44{number}", st.from_regex(r"[0-9]{5,11}", fullmatch=True)),
)
emails = st.one_of(st.just(""), st.from_regex(r"[a-z0-9._+]{1,10}@example\.org", fullmatch=True))
wall_clock = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31))
zones = st.sampled_from(["Europe/London", "America/New_York", "Asia/Kolkata", "UTC", "Australia/Lord_Howe"])
ids = st.one_of(st.from_regex(r"[0-9a-f]{12}", fullmatch=True), st.text(min_size=1, max_size=10))

BLOCK_STRATEGIES = {
    "text": st.builds(TextBlock, id=ids, markdown=short_text),
    "heading": st.builds(HeadingBlock, id=ids, text=short_text, level=st.integers(2, 4)),
    "button": st.builds(ButtonBlock, id=ids, label=short_text, url=urls),
    "event": st.builds(
        EventBlock, id=ids, title=short_text, start=wall_clock, end=st.none() | wall_clock, timezone=zones,
        online=st.booleans(), venue=short_text, description=short_text, register_url=urls, register_label=short_text,
    ),
    "quote": st.builds(QuoteBlock, id=ids, text=short_text, attribution=short_text),
    "image": st.builds(
        ImageBlock, id=ids, src=st.one_of(web_urls, st.just("photos/agm 2023.jpg")), alt=short_text,
        decorative=st.booleans(), link_url=urls, width=st.integers(20, 640),
    ),
    "links": st.builds(
        LinkListBlock, id=ids,
        items=st.lists(st.builds(LinkItem, label=short_text, url=urls, blurb=short_text), max_size=3).map(tuple),
    ),
    "signature": st.builds(SignatureBlock, id=ids, name=short_text, role=short_text, organisation=short_text),
    "contact": st.builds(ContactBlock, id=ids, phone=short_text, email=emails, web=urls, social=short_text),
    "social": st.builds(
        SocialLinksBlock, id=ids,
        items=st.lists(st.builds(SocialLink, network=st.sampled_from(list(SOCIAL_NETWORKS)), label=short_text,
                                 url=urls), max_size=3).map(tuple),
    ),
    "divider": st.builds(DividerBlock, id=ids, library_entry=st.none() | st.text(max_size=8)),
    "spacer": st.builds(SpacerBlock, id=ids, height=st.integers(4, 200)),
}
assert set(BLOCK_STRATEGIES) == set(BLOCK_TYPES), "a new block type needs a strategy here"

blocks = st.one_of(*BLOCK_STRATEGIES.values())
colours = st.from_regex(r"#[0-9a-f]{6}", fullmatch=True)
brands = st.builds(
    Brand, organisation=short_text, logo_url=urls, website=urls, primary_colour=colours, accent_colour=colours,
    footer_address=short_text, phone=short_text, email=emails,
)
sections = st.builds(
    Section, id=ids, kind=st.sampled_from(["introduction", "news", "webinars", "custom"]), title=short_text,
    anchor=short_text, blocks=st.lists(blocks, max_size=4).map(tuple),
)
issues = st.builds(
    Issue, title=short_text, edition=short_text, issue_date=st.none() | st.dates(), send_date=st.none() | st.dates(),
    preheader=short_text, brand=brands, hosted_base_url=st.one_of(st.just(""), web_urls),
    sections=st.lists(sections, max_size=3).map(tuple),
)


def issue_with(block) -> Issue:
    return Issue(title="Test", sections=(Section(title="Only", blocks=(block,)),))
