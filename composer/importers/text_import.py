"""Plain-text newsletters (copied out of sent emails) → an Issue and a report."""

from __future__ import annotations

from . import rules
from .event_dates import reference_date
from .paragraphs import Paragraph, paragraphs_from_text
from .recogniser import recognise
from .report import ImportResult, Progress, build_report


def import_text(text: str, progress: Progress | None = None) -> ImportResult:
    """Read a whole newsletter typed as plain text; every non-blank line ends up in the issue."""
    if progress:
        progress(0.2, "Recognising sections and blocks")
    paragraphs = paragraphs_from_text(text)
    title, paragraphs = split_title(paragraphs)
    recognised = recognise(paragraphs, title, reference_date(title))
    report = build_report(recognised.issue, recognised.problems, recognised.notes, progress=progress)
    return ImportResult(recognised.issue, report)


def split_title(paragraphs: list[Paragraph]) -> tuple[str, list[Paragraph]]:
    """The first line is the newsletter's title when it stands alone and is not a section heading."""
    if not paragraphs:
        return "", paragraphs
    first = paragraphs[0]
    line = " ".join(first.lines[0].split())
    if len(line) > 100 or rules.section_kind(line) or rules.button_label(line) or line[-1:] in ".,;:":
        return "", paragraphs
    rest = [Paragraph(first.lines[1:])] if len(first.lines) > 1 else []
    return line, rest + paragraphs[1:]
