"""Clean paste: what Word, Google Docs or a web page put on the clipboard → what an email allows.

A text block takes Markdown with paragraphs, bold, italic, links and lists;
the outline can take several blocks at once, split at the headings.
"""

from __future__ import annotations

import re

from composer.model import Block, HeadingBlock, TextBlock

from .bounds import check_pasted_html
from .html_paragraphs import html_paragraphs, join_markdown
from .inline import escape_markdown
from .paragraphs import Paragraph


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
