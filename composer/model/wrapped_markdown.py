"""Mends the line wrapping an earlier version's text box put into saved words.

Issue files before format 3 were written through Qt's own Markdown writer, which wraps
paragraphs at 80 columns — sometimes where there was no space at all: between a link and
the full stop after it, or between ** and the word it makes bold. Markdown reads a line
end as a space, so the email showed "guidance ." and a literal "** Thursday". Those files
are mended as they load; a line end anywhere else is left alone (it shows as the space
it stood for).
"""

from __future__ import annotations

import re

from .issue import Issue
from .prose import with_prose
from .roles import prose

# "…[guidance](https://…)\n." — punctuation that opened a line, after a word or a link (not a hard break).
_BEFORE_PUNCTUATION = re.compile(r"(?<=[^\s\\])\n(?=[.,;:!?)])")
# "online on **\nThursday 7 December**" — an opening marker left at the end of a line.
_AFTER_OPENER = re.compile(r"(?<=\S[ \t])(\*\*|\*|__|_)\n(?=[^\s*_])")
# "…7 December\n** for" — a closing ** or __ pushed onto the next line (a single * there is a bullet).
_BEFORE_CLOSER = re.compile(r"(?<=[^\s\\*_])\n(\*\*|__)(?=[\s.,;:!?)]|$)")
# A paragraph's second line that begins with an opener alone: "words\n**\nBold words**".
_OPENER_ALONE = re.compile(r"(?<=\S\n)(\*\*|__)\n(?=[^\s*_])")


def mend_wrapped(markdown: str) -> str:
    """*markdown* with the line ends that split a word from its punctuation or its markers taken out."""
    if "\n" not in markdown:
        return markdown
    mended = _BEFORE_PUNCTUATION.sub("", markdown)
    mended = _AFTER_OPENER.sub(r"\1", mended)
    mended = _OPENER_ALONE.sub(r"\1", mended)
    return _BEFORE_CLOSER.sub(r"\1", mended)


def mend_issue(issue: Issue) -> Issue:
    """*issue* with every rich text field mended (the one-line fields were never wrapped)."""
    sections = []
    changed = False
    for section in issue.sections:
        blocks = []
        for block in section.blocks:
            for part in list(prose(block)):
                if part.role.rich and isinstance(part.value, str):
                    mended = mend_wrapped(part.value)
                    if mended != part.value:
                        block = with_prose(block, part.path, mended)
                        changed = True
            blocks.append(block)
        sections.append(section.model_copy(update={"blocks": tuple(blocks)}))
    return issue.model_copy(update={"sections": tuple(sections)}) if changed else issue
