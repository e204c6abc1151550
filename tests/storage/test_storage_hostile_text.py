"""Text typed (or planted in a file) that looks like markup or template code stays text.

`<script>`, `{{ 7*7 }}`, `{% raw %}` and `javascript:` links in any field must
never reach the email as markup, as an executed template or as a link.
"""

from datetime import datetime
from urllib.parse import unquote

import lxml.html
import pytest
from pydantic import ValidationError

from composer.model import BLOCK_TYPES, Brand, ImageBlock, Issue, LinkItem, LinkListBlock, Section, TextBlock
from composer.render import render_email
from composer.storage import dumps_issue, loads_issue

HOSTILE = (
    '<script>alert(1)</script> {{ 7*7 }} {% raw %} {{ 8*8 }} {% endraw %} '
    '<img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a> [click](javascript:alert(1)) '
    '"><svg onload=alert(1)> \' onmouseover=\'alert(1)'
)
NOT_TEXT_FIELDS = {"id", "type", "timezone", "library_entry"}
REQUIRED = {"event": {"start": datetime(2024, 1, 22, 16)}}


def text_fields(model) -> list[str]:
    """Fields a coordinator types free text into (links and e-mail addresses are validated apart)."""
    return [
        name for name, field in model.model_fields.items()
        if field.annotation is str and not field.metadata and name not in NOT_TEXT_FIELDS
    ]


def issue_with_field(owner: str, field: str, value: str) -> Issue:
    if owner == "issue":
        return Issue(**{field: value}, sections=(Section(title="News", blocks=(TextBlock(markdown="Hello"),)),))
    if owner == "brand":
        return Issue(brand=Brand(**{field: value}))
    if owner == "section":
        return Issue(sections=(Section(**{field: value}, blocks=(TextBlock(markdown="Hello"),)),))
    if owner == "link":
        return Issue(sections=(Section(blocks=(LinkListBlock(items=(LinkItem(url="https://example.org", **{field: value}),)),)),))
    block = BLOCK_TYPES[owner](**{field: value}, **REQUIRED.get(owner, {}))
    return Issue(sections=(Section(title="News", blocks=(block,)),))


CASES = (
    [("issue", name) for name in text_fields(Issue)]
    + [("brand", name) for name in text_fields(Brand)]
    + [("section", name) for name in text_fields(Section)]
    + [("link", name) for name in text_fields(LinkItem)]
    + [(kind, name) for kind, cls in BLOCK_TYPES.items() for name in text_fields(cls)]
)


def test_every_kind_of_text_field_is_covered():
    owners = {owner for owner, _ in CASES}
    assert {"issue", "brand", "section", "link", "text", "heading", "event", "quote", "signature", "contact"} <= owners
    assert len(CASES) >= 25


@pytest.mark.parametrize("owner,field", CASES, ids=[f"{owner}.{field}" for owner, field in CASES])
def test_hostile_text_in_any_field_stays_text(owner, field):
    issue = loads_issue(dumps_issue(issue_with_field(owner, field, HOSTILE)))  # as if opened from a file
    for html in (render_email(issue).html, render_email(issue, preview=True).html):
        assert "<script" not in html.lower()
        document = lxml.html.document_fromstring(html)
        assert not document.xpath("//script | //svg | //*[local-name()='svg']")
        for element in document.iter():
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), f"{name}={value!r} on <{element.tag}>"
                if name.lower() in ("href", "src", "action", "background"):
                    assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), value


@pytest.mark.parametrize("owner,field", CASES, ids=[f"{owner}.{field}" for owner, field in CASES])
def test_template_code_typed_in_any_field_is_never_run(owner, field):
    """Typing {{ 7*7 }} must not print 49: compare with {{ 7*8 }}, which would print 56."""
    def render(expression: str):
        typed = f"Sum: {{{{ {expression} }}}} {{% raw %}}"
        return render_email(issue_with_field(owner, field, typed))

    seven, eight = render("7*7"), render("7*8")
    assert seven.html.count("49") == eight.html.count("49")
    assert seven.text.count("49") == eight.text.count("49")
    if seven.html != eight.html:  # the field is shown: it is shown as typed
        assert "{{ 7*7 }}" in unquote(seven.html) or "{{ 7*7 }}" in seven.text


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)", "jAvAsCrIpT&#58;alert(1)",
])
def test_javascript_links_are_refused_wherever_a_link_is_typed(url):
    for build in (
        lambda: BLOCK_TYPES["button"](label="Go", url=url),
        lambda: BLOCK_TYPES["event"](start=datetime(2024, 1, 1), register_url=url),
        lambda: BLOCK_TYPES["contact"](web=url),
        lambda: ImageBlock(src="https://example.org/a.png", link_url=url),
        lambda: LinkItem(label="x", url=url),
        lambda: Brand(website=url),
        lambda: Issue(hosted_base_url=url),
    ):
        with pytest.raises(ValidationError) as caught:
            build()
        assert "not allowed" in str(caught.value) or "spaces" in str(caught.value)


@pytest.mark.parametrize("src", ["javascript:alert(1)", "data:image/png;base64,AAAA", "JAVASCRIPT://x"])
def test_image_sources_cannot_be_scripts(src):
    with pytest.raises(ValidationError):
        ImageBlock(src=src)


def test_markdown_links_to_scripts_are_dropped_from_the_email():
    issue = Issue(sections=(Section(blocks=(
        TextBlock(markdown="[one](javascript:alert(1)) [two](<javascript:alert(1)>) <javascript:alert(1)> "
                           "[three](https://example.org) [four]( data:text/html,x)"),
    )),))
    document = lxml.html.document_fromstring(render_email(issue).html)
    hrefs = [a.get("href", "") for a in document.iter("a")]
    assert "https://example.org" in hrefs
    assert not [href for href in hrefs if href.strip().lower().startswith(("javascript", "data"))]


@pytest.mark.parametrize("block_id", ['x"><script>alert(1)</script><span a="', 'x" onclick="alert(1)', "a b", "<", "x&y"])
def test_a_planted_block_id_cannot_break_out_of_the_preview(block_id):
    """Ids come from the file; the preview marks blocks with them, so they must not become markup."""
    issue = Issue(sections=(Section(blocks=(TextBlock(id=block_id, markdown="Hello"), TextBlock(id="ok1", markdown="Hi"))),))
    html = render_email(issue, preview=True).html
    assert "<script" not in html.lower() and "onclick" not in html
    document = lxml.html.document_fromstring(html)
    assert [element.get("data-block-id") for element in document.xpath("//*[@data-block-id]")] == ["ok1"]


def test_an_issue_cannot_load_templates_from_outside_the_theme_folder(tmp_path):
    """A theme name such as "/tmp/evil" or "../../x" would let a file run its own Jinja code."""
    from composer.render.themes import THEMES_DIR

    evil = tmp_path / "evil"
    evil.mkdir()
    (evil / "theme.json").write_text((THEMES_DIR / "classic" / "theme.json").read_text(encoding="utf-8"), encoding="utf-8")
    (evil / "layout.mjml.j2").write_text("<mjml><mj-body><mj-text>PLANTED {{ 7*7 }}</mj-text></mj-body></mjml>")
    relative = "../" * (len(THEMES_DIR.parts) + 2) + str(evil).lstrip("/")
    for theme in (str(evil), relative):
        html = render_email(loads_issue(dumps_issue(Issue(title="Mine", theme=theme)))).html
        assert "PLANTED" not in html and "Mine" in html
