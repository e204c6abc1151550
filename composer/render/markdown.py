"""Markdown typed by the coordinator → the small set of HTML an email allows, or plain text.

CommonMark is parsed with markdown-it-py with raw HTML switched off, and the
result is still passed through nh3's allow-list so that nothing but p, br,
strong, em, a, ul, ol and li (and only safe links) can reach the email.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from composer.model.values import url_problem

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}  # a numbered list may start at 3

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": False}).disable(
    ["image", "heading", "lheading", "code", "fence", "blockquote", "hr", "table", "backticks"], ignoreInvalid=True
)
_parser.validateLink = lambda url: url_problem(url) is None


@lru_cache(maxsize=4096)
def markdown_to_html(text: str) -> Markup:
    """Safe HTML for the body of a text block (cached: text repeats between renders)."""
    html = _parser.renderer.render(_parsed(text), _parser.options, {})
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
    )
    return Markup(clean.strip())


@lru_cache(maxsize=4096)
def markdown_to_text(text: str, width: int = 76) -> str:
    """Readable plain text: links written out, bullets and numbers kept, paragraphs wrapped."""
    blocks: list[tuple[int | None, str]] = []  # (list group or None, text)
    lists: list[list] = []  # stack of [ordered, next_number]
    groups = 0
    item_prefix = ""
    for token in _parsed(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if not lists:
                groups += 1
            lists.append([token.type == "ordered_list_open", int(token.attrGet("start") or 1)])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            ordered, number = lists[-1]
            item_prefix = f"{number}. " if ordered else "• "
            lists[-1][1] += 1
        elif token.type == "inline":
            indent = "  " * (len(lists) - 1) if lists else ""
            first = indent + (item_prefix or ("  " if lists else ""))
            rest = indent + " " * len(item_prefix or ("  " if lists else ""))
            blocks.append((groups if lists else None, _wrap(_inline_text(token), width, first, rest)))
            item_prefix = ""
    out: list[str] = []
    previous_group = None
    for group, block in blocks:
        if out:
            out.append("\n" if group is not None and group == previous_group else "\n\n")
        out.append(block)
        previous_group = group
    return "".join(out)


@lru_cache(maxsize=1024)
def _parsed(text: str) -> tuple:
    """The tokens of *text*, parsed once for both the email and its plain-text twin (parsing is
    most of the cost of either). Read only, never changed."""
    return tuple(_parser.parse(text))


def _inline_text(token) -> str:
    parts: list[str] = []
    href_stack: list[tuple[str, int]] = []
    for child in token.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")  # a line wrapped in the source (Qt wraps at 80 columns) is not a break
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "link_open":
            href_stack.append((child.attrGet("href") or "", len(parts)))
        elif child.type == "link_close" and href_stack:
            href, start = href_stack.pop()
            label = "".join(parts[start:]).strip()
            shown = href.removeprefix("mailto:").removeprefix("tel:")
            if shown and shown != label:
                parts.append(f" ({shown})")
        elif child.type == "code_inline":
            parts.append(child.content)
    return "".join(parts)


def _wrap(text: str, width: int, first: str, rest: str) -> str:
    lines = []
    for number, line in enumerate(text.split("\n")):
        lines.append(
            textwrap.fill(
                line, width=width, initial_indent=first if number == 0 else rest, subsequent_indent=rest,
                break_long_words=False, break_on_hyphens=False,
            ) or first.rstrip()
        )
    return "\n".join(lines)
