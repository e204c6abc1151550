"""Link rules: links that go nowhere, look unfinished, are malformed, or say only "click here"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from composer.model import Block
from composer.model.naming import block_name, field_name, sentence
from composer.model.roles import Link as LinkRole
from composer.model.roles import Prose, is_empty, link_words, parts
from composer.model.values import url_problem

from .context import CheckContext
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
    """Every link a block shows, with the words readers see and the field it is typed in, from the block's roles.

    Links written in rich prose count, and so does an address a block needs but lacks
    (a button without one); an optional address left empty is no link.
    """
    links: list[Link] = []
    empty = is_empty(block)
    for part in parts(block):
        if isinstance(part.role, LinkRole):
            if part.value or (part.role.need == "required" and not empty):
                links.append(Link(link_words(part), part.value, part.path))
        elif isinstance(part.role, Prose) and part.role.rich:
            links += markdown_links(part.value, part.path)
    return links


def missing_links(block: Block) -> list[str]:
    """The paths of addresses a block type advises and this block lacks (an event with no booking link)."""
    return [part.path for part in parts(block)
            if isinstance(part.role, LinkRole) and part.role.need == "advised" and not part.value.strip()]


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
                yield Finding(RULE, Severity.ERROR, f"{_name(block)}: {problem}.", block.id, section.id, link.field)
            elif _EXAMPLE_SITE.match(url):
                yield Finding(RULE, Severity.WARNING,
                              f"{_name(block)}: the link “{link.label}” goes to an example site ({url}).",
                              block.id, section.id, link.field)
        for path in missing_links(block):
            yield Finding(RULE, Severity.ADVICE,
                          f"{_name(block)} has no {field_name(block, path)}, so readers have nothing to click.",
                          block.id, section.id, path)


def check_mailto_addresses(context: CheckContext) -> Iterator[Finding]:
    for section, block in context.blocks():
        for link in block_links(block):
            if link.url.lower().startswith("mailto:") and url_problem(link.url):
                address = link.url[len("mailto:"):].split("?", 1)[0]
                yield Finding(RULE, Severity.ERROR,
                              f"{_name(block)}: “{address}” in the e-mail link “{link.label}” is not a valid address.",
                              block.id, section.id, link.field)


def check_link_text(context: CheckContext) -> Iterator[Finding]:
    """Link text must make sense on its own: screen readers list links without their sentences."""
    for section, block in context.blocks():
        for link in block_links(block):
            if _normal_label(link.label) in VAGUE_LABELS:
                yield Finding(RULE, Severity.WARNING,
                              f"{_name(block)}: the link text “{link.label}” does not say where it goes; "
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
                              f"{_name(block)}: “{link.label}” links to {link.url}, "
                              f"but the same words earlier link to {first}.",
                              block.id, section.id, link.field)


RULES = [check_link_targets, check_mailto_addresses, check_link_text, check_same_label_different_places]


def _name(block: Block) -> str:
    return sentence(block_name(block))


def _normal_label(label: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", label.casefold()).split())


def _normal_url(url: str) -> str:
    return url.strip().rstrip("/").lower()
