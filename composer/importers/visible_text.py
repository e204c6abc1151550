"""Every word of an Issue a reader can see, as plain text.

The importers promise never to drop a line; this is what that promise is
checked against, so it reads each field the email shows, block by block.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from .paragraphs import CONTROL_CHARACTERS
from .rules import BULLET

from composer.model import Issue
from composer.model.roles import Prose, visible_words

_parser = MarkdownIt("commonmark", {"html": False, "breaks": True})


def visible_text(issue: Issue) -> str:
    """The issue's title, section titles and block texts, one piece per line."""
    pieces = [issue.title]
    for section in issue.sections:
        pieces.append(section.title)
        pieces.extend(block_text(block) for block in section.blocks)
    return "\n".join(piece for piece in pieces if piece)


def block_text(block) -> str:
    """The words one block shows, links by their labels: every field its type declares readers see."""
    return "\n".join(markdown_text(text) if isinstance(part.role, Prose) and part.role.rich else text
                     for part, text in visible_words(block))


def markdown_text(markdown: str) -> str:
    """The text Markdown shows: escapes resolved, formatting marks gone, line breaks kept."""
    out: list[str] = []
    for token in _parser.parse(markdown):
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    out.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    out.append("\n")
                elif child.type == "image":
                    out.append(child.content)
            out.append("\n")
    return "".join(out).strip()


def words(text: str) -> str:
    """Text reduced to its words, for comparing what was typed with what was imported."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def lost_lines(source: str, issue: Issue) -> list[str]:
    """Non-blank lines of *source* whose words do not appear, in order, in the issue."""
    text = visible_text(issue)
    shown = " " + words(text) + " "
    squeezed = "".join(text.split())
    lost = []
    for line in source.splitlines():
        line = CONTROL_CHARACTERS.sub("", line)
        if not line.strip():
            continue
        # A line of marks only ("***", "• :") must keep its marks, bar the bullet sign.
        found = f" {words(line)} " in shown if words(line) else "".join(BULLET.sub("", line).split()) in squeezed
        if not found:
            lost.append(line)
    return lost
