"""Clean paste: what Word, Google Docs or a web page put on the clipboard → what an email allows.

A text block takes Markdown with paragraphs, bold, italic, links and lists;
the outline can take several blocks at once, split at the headings.
"""

from __future__ import annotations

from composer.model import Block, HeadingBlock, TextBlock

from .html_paragraphs import html_paragraphs, join_markdown
from .inline import escape_markdown
from .paragraphs import Paragraph


def clean_pasted_html(html: str) -> str:
    """Markdown for a text block; headings become bold paragraphs since text blocks have none."""
    return join_markdown([_markdown(p) for p in html_paragraphs(html)])


def split_pasted_html(html: str) -> list[Block]:
    """Blocks for the outline: a heading block per heading, one text block for the text between."""
    blocks: list[Block] = []
    run: list[str] = []
    for paragraph in html_paragraphs(html):
        if paragraph.heading is not None:
            if run:
                blocks.append(TextBlock(markdown="\n\n".join(run)))
                run = []
            blocks.append(HeadingBlock(text=paragraph.text, level=min(max(paragraph.heading + 1, 2), 4)))
        else:
            run.append(_markdown(paragraph))
    if run:
        blocks.append(TextBlock(markdown="\n\n".join(run)))
    return blocks


def _markdown(paragraph: Paragraph) -> str:
    if paragraph.heading is not None:
        return f"**{escape_markdown(paragraph.text)}**"
    return paragraph.markdown or ""
