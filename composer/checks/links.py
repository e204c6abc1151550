"""Link rules: links that go nowhere, look unfinished, are malformed, or say only "click here"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from composer.model import Block, ButtonBlock, ContactBlock, EventBlock, ImageBlock, LinkListBlock, TextBlock
from composer.model.values import url_problem

from .context import CheckContext, name_block
from .findings import Finding, Severity

RULE = "links"

# Words that only make sense next to the link; a screen reader's list of links loses them.
VAGUE_LABELS = frozenset({
    "click here", "here", "read more", "more", "click", "link", "this link", "this", "go",
    "click this link", "find out more", "learn more", "more info", "more information",
})

_PLACEHOLDER = re.compile(
    r"//(?:localhost|127\.0\.0\.1)(?=[/:?#]|$)"
    r"|\b(?:todo|tbc|tba|tbd|placeholder|xxx+|your[-_]?link|link[-_]?here|insert[-_]?link|url[-_]?here)\b",
    re.IGNORECASE,
)
# Addresses reserved for examples (RFC 2606): fine in a draft, rarely meant in a real send.
_EXAMPLE_SITE = re.compile(r"^[a-z]+://(?:[\w-]+\.)*example\.(?:com|org|net)(?=[/:?#]|$)", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"(?<!!)\[(?P<label>[^\]]*)\]\(\s*<?(?P<url>[^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|mailto|tel):[^>\s]*)>", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    field: str


def block_links(block: Block) -> list[Link]:
    """Every link a block shows, with the label readers see and the field it is typed in."""
    if isinstance(block, TextBlock):
        return markdown_links(block.markdown, "markdown")
    if isinstance(block, ButtonBlock):
        return [Link(block.label, block.url, "url")] if block.label or block.url else []
    if isinstance(block, EventBlock):
        links = markdown_links(block.description, "description")
        if block.register_url:
            links.append(Link(block.register_label or "Register", block.register_url, "register_url"))
        return links
    if isinstance(block, ImageBlock):
        return [Link(block.alt, block.link_url, "link_url")] if block.link_url else []
    if isinstance(block, LinkListBlock):
        return [Link(item.label or item.url, item.url, f"items.{index}.url") for index, item in enumerate(block.items)]
    if isinstance(block, ContactBlock):
        return [Link(block.web, block.web, "web")] if block.web else []
    return []


def markdown_links(markdown: str, field: str) -> list[Link]:
    """[label](url) and <url> links as typed, including ones too broken for the renderer to keep."""
    links = [Link(match["label"].strip(), match["url"], field) for match in _MARKDOWN_LINK.finditer(markdown)]
    links += [Link(match["url"], match["url"], field) for match in _AUTOLINK.finditer(markdown)]
    return links


def is_placeholder(url: str) -> bool:
    return bool(_PLACEHOLDER.search(url))


def check_link_targets(context: CheckContext) -> Iterator[Finding]:
    """Empty, "#", placeholder and malformed links: the reader clicks and nothing useful happens."""
    for section, block in context.blocks():
        for link in block_links(block):
            url = link.url.strip()
            problem = None
            if not url:
                problem = f"the link “{link.label}” has no address"
            elif url.startswith("#"):
                problem = f"the link “{link.label}” goes nowhere ({url})"
            elif url.lower().startswith("mailto:"):
                continue  # check_mailto_addresses says what is wrong with these
            elif url_problem(url):
                problem = url_problem(url)
            elif is_placeholder(url):
                problem = f"the link “{link.label}” still points to a placeholder ({url})"
            if problem:
                yield Finding(RULE, Severity.ERROR, f"{name_block(block)}: {problem}.", block.id, section.id, link.field)
            elif _EXAMPLE_SITE.match(url):
                yield Finding(RULE, Severity.WARNING,
                              f"{name_block(block)}: the link “{link.label}” goes to an example site ({url}).",
                              block.id, section.id, link.field)
        if isinstance(block, EventBlock) and not block.register_url:
            yield Finding(RULE, Severity.ADVICE, f"{name_block(block)} has no booking link, so it shows no button.",
                          block.id, section.id, "register_url")


def check_mailto_addresses(context: CheckContext) -> Iterator[Finding]:
    for section, block in context.blocks():
        for link in block_links(block):
            if link.url.lower().startswith("mailto:") and url_problem(link.url):
                address = link.url[len("mailto:"):].split("?", 1)[0]
                yield Finding(RULE, Severity.ERROR,
                              f"{name_block(block)}: “{address}” in the e-mail link “{link.label}” is not a valid address.",
                              block.id, section.id, link.field)


def check_link_text(context: CheckContext) -> Iterator[Finding]:
    """Link text must make sense on its own: screen readers list links without their sentences."""
    for section, block in context.blocks():
        for link in block_links(block):
            if _normal_label(link.label) in VAGUE_LABELS:
                yield Finding(RULE, Severity.WARNING,
                              f"{name_block(block)}: the link text “{link.label}” does not say where it goes; "
                              "use words like “Read the annual report”.",
                              block.id, section.id, link.field)


def check_same_label_different_places(context: CheckContext) -> Iterator[Finding]:
    """One label, two destinations: readers (and screen readers) expect the same place."""
    seen: dict[str, str] = {}
    for section, block in context.blocks():
        for link in block_links(block):
            label = _normal_label(link.label)
            if not label or label in VAGUE_LABELS or not link.url or link.url == link.label:
                continue
            first = seen.setdefault(label, link.url)
            if _normal_url(first) != _normal_url(link.url):
                yield Finding(RULE, Severity.WARNING,
                              f"{name_block(block)}: “{link.label}” links to {link.url}, "
                              f"but the same words earlier link to {first}.",
                              block.id, section.id, link.field)


RULES = [check_link_targets, check_mailto_addresses, check_link_text, check_same_label_different_places]


def _normal_label(label: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", label.casefold()).split())


def _normal_url(url: str) -> str:
    return url.strip().rstrip("/").lower()
