"""Clean paste: what Word, Google Docs or a web page put on the clipboard → what an email allows.

A text block takes Markdown with paragraphs, bold, italic, links and lists;
the outline can take several blocks at once, split at the headings.
"""

from __future__ import annotations

import re

from composer.model import Block, HeadingBlock, TextBlock

from .bounds import check_pasted_html
from .html_paragraphs import html_paragraphs
from .inline import escape_markdown
from .paragraphs import Paragraph

_LIST_START = re.compile(r"^(?:([-*]) |(\d+)([.)]) )")


def clean_pasted_html(html: str) -> str:
    """Markdown for a text block; headings become bold paragraphs since text blocks have none.

    HTML larger than any text block could take is refused with an ImportFileError before it is read.
    """
    check_pasted_html(html)
    return join_markdown([_markdown(p) for p in html_paragraphs(html)])


def split_pasted_html(html: str) -> list[Block]:
    """Blocks for the outline: a heading block per heading, one text block for the text between."""
    check_pasted_html(html)
    blocks: list[Block] = []
    run: list[str] = []
    for paragraph in html_paragraphs(html):
        if paragraph.heading is not None and not _has_link(paragraph):
            if run:
                blocks.append(TextBlock(markdown=join_markdown(run)))
                run = []
            blocks.append(HeadingBlock(text=paragraph.text, level=min(max(paragraph.heading + 1, 2), 4)))
        else:
            run.append(_markdown(paragraph))  # a heading that is a link stays bold text, keeping its link
    if run:
        blocks.append(TextBlock(markdown=join_markdown(run)))
    return blocks


def _markdown(paragraph: Paragraph) -> str:
    if paragraph.heading is not None:
        if _has_link(paragraph):
            return "**" + re.sub(r"(?<!\\)\*\*", "", paragraph.markdown or "") + "**"
        return f"**{escape_markdown(paragraph.text)}**"
    return paragraph.markdown or ""


def _has_link(paragraph: Paragraph) -> bool:
    return bool(paragraph.markdown) and re.search(r"(?<!\\)\]\(", paragraph.markdown) is not None


def join_markdown(parts: list[str]) -> str:
    """Markdown pieces as one text, paragraphs apart; a list right after a list keeps its own numbering.

    CommonMark runs two lists together across a blank line when they use the same
    marker, so every other list is written with "*" or ")" instead of "-" or ".".
    """
    out: list[str] = []
    previous: tuple[str, str] | None = None
    for part in parts:
        if not part:
            continue
        kind = _list_kind(part)
        if kind is not None and previous is not None and kind[0] == previous[0] and kind[1] == previous[1]:
            part = _other_markers(part, kind)
            kind = _list_kind(part)
        out.append(part)
        previous = kind
    return "\n\n".join(out)


def _list_kind(markdown: str) -> tuple[str, str] | None:
    match = _LIST_START.match(markdown)
    if not match:
        return None
    return ("bullet", match.group(1)) if match.group(1) else ("ordered", match.group(3))


def _other_markers(markdown: str, kind: tuple[str, str]) -> str:
    """The same list with the other marker on its top-level items ("-" ↔ "*", "." ↔ ")")."""
    if kind[0] == "bullet":
        other = "*" if kind[1] == "-" else "-"
        return re.sub(rf"(?m)^{re.escape(kind[1])} ", f"{other} ", markdown)
    other = ")" if kind[1] == "." else "."
    return re.sub(rf"(?m)^(\d+){re.escape(kind[1])} ", rf"\g<1>{other} ", markdown)
