"""The unit the recogniser reads: a paragraph, from plain text or from Word.

Plain text gives only lines; Word also says which paragraphs are headings and
brings formatted text (Markdown) and pictures, which the rules then keep.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from composer.model import Block

# Control characters show nothing and are not allowed in an email; they are dropped on import.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[str, ...]
    # Formatted text from a richer source (Word, paste); None means "make it from lines".
    markdown: str | None = None
    # Set when the source marks the paragraph as a heading: 1 opens a section.
    heading: int | None = None
    is_list: bool = False
    # A block the source already made whole, such as a picture.
    block: Block | None = None
    # What could not be kept as it was (a link to a file on someone's computer), for the import report.
    notes: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(" ".join(line.split()) for line in self.lines)


def paragraphs_from_text(text: str) -> list[Paragraph]:
    """Split plain text at blank lines; a line holding only spaces counts as blank."""
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    for line in text.splitlines():
        line = CONTROL_CHARACTERS.sub("", line)
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(Paragraph(tuple(current)))
            current = []
    if current:
        paragraphs.append(Paragraph(tuple(current)))
    return paragraphs
