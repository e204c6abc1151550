"""Paragraphs → an Issue, trying the rules in ``rules.py`` in a fixed order.

Order matters and is the one place the rules meet: a known section heading
wins, then a signature closing a section, a button, an event, a heading, a
quote, and whatever is left becomes text — nothing is ever dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from composer.model import (
    Block, ButtonBlock, ContactBlock, EventBlock, HeadingBlock, Issue, QuoteBlock, Section, SignatureBlock, TextBlock,
)

from . import rules
from .event_dates import MONTHS, EventTimeProblem, find_event_time
from .inline import line_to_markdown, lines_to_markdown
from .paragraphs import Paragraph
from .report import ReportItem
from .visible_text import markdown_text

EDITION = re.compile(
    r"(?:\b(?:spring|summer|autumn|winter|" + "|".join(m for m in MONTHS if len(m) > 3) + r")\s+)?\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# Sections whose items carry headings of their own; in others an unknown heading starts a new section.
SECTIONS_WITH_ITEMS = {"news", "webinars", "networks", "stakeholder_news", "vacancies"}


@dataclass
class Recognised:
    issue: Issue
    problems: list[ReportItem]
    notes: list[ReportItem]


def recognise(paragraphs: list[Paragraph], title: str = "", reference: date | None = None) -> Recognised:
    """Build an issue from *paragraphs*; *reference* (when it was written) completes dates without a year."""
    builder = _IssueBuilder(reference)
    for index, paragraph in enumerate(paragraphs):
        ends_section = index + 1 == len(paragraphs) or _opens_known_section(paragraphs[index + 1])
        builder.add(paragraph, ends_section)
    issue = Issue(title=title or "Newsletter", edition=edition_from_title(title), sections=builder.finish())
    return Recognised(issue, builder.problems, builder.notes)


def edition_from_title(title: str) -> str:
    """ "Newsletter – Autumn 2023" → "Autumn 2023": the season or month and year the title names."""
    match = EDITION.search(title)
    return " ".join(match.group(0).split()) if match else ""


def _opens_known_section(paragraph: Paragraph) -> bool:
    if paragraph.block is not None:
        return False
    if paragraph.heading is not None:
        return paragraph.heading == 1
    return len(paragraph.lines) >= 1 and rules.section_kind(paragraph.lines[0]) is not None


@dataclass
class _OpenSection:
    kind: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    contact: dict[str, str] = field(default_factory=dict)


class _IssueBuilder:
    def __init__(self, reference: date | None):
        self.reference = reference
        self.sections: list[_OpenSection] = []
        self.problems: list[ReportItem] = []
        self.notes: list[ReportItem] = []

    # The rules, in order.
    def add(self, p: Paragraph, ends_section: bool) -> None:
        if p.block is not None:
            return self._append(p.block)
        if p.heading is not None:
            return self._heading_from_source(p)
        single = p.lines[0] if len(p.lines) == 1 else None
        if single and (kind := rules.section_kind(single)):
            return self._open(kind, single)
        if ends_section and (signature := rules.signature_parts(list(p.lines))):
            return self._signature(signature)
        if single and (label := rules.button_label(single)):
            return self._append(ButtonBlock(label=label))
        if self._event(p):
            return None
        if single and rules.is_title_like(single):
            return self._unknown_heading(single)
        if p.markdown is None and len(p.lines) > 1 and _is_glued_heading(p.lines):
            self.add(Paragraph(p.lines[:1]), False)
            return self.add(Paragraph(p.lines[1:]), ends_section)
        if not p.is_list and (quote := rules.quote_parts(p.text)):
            self._collect_contact(p.text)
            return self._append(QuoteBlock(text=quote.text, attribution=quote.attribution))
        return self._text(p)

    def finish(self) -> tuple[Section, ...]:
        return tuple(
            Section(kind=s.kind, title=s.title, blocks=tuple(s.blocks) + _contact_block(s.contact)) for s in self.sections
        )

    # What each rule makes.
    def _open(self, kind: str, title: str) -> None:
        self.sections.append(_OpenSection(kind, " ".join(title.split())))

    def _heading_from_source(self, p: Paragraph) -> None:
        text = p.text
        if p.heading == 1:
            return self._open(rules.section_kind(text) or "custom", text)
        self._append(HeadingBlock(text=text, level=min(p.heading + 1, 4)))

    def _unknown_heading(self, line: str) -> None:
        """A heading the rules do not know: a heading in a section of items, else a section of its own."""
        current = self.sections[-1] if self.sections else None
        if current and (current.kind in SECTIONS_WITH_ITEMS or (current.kind == "custom" and not current.blocks)):
            return self._append(HeadingBlock(text=" ".join(line.split()), level=3))
        self._open("custom", line)

    def _signature(self, signature: rules.Signature) -> None:
        self._append(SignatureBlock(name=signature.name, role=signature.role))
        if signature.rest:
            self._text(Paragraph(signature.rest))

    def _event(self, p: Paragraph) -> bool:
        when = find_event_time(p.text, self.reference)
        if when is None:
            return False
        if isinstance(when, EventTimeProblem):
            block = self._text(p)
            self.problems.append(self._item(block, f"“{_short(p.text)}” looks like an event, but {when.reason}; "
                                                   "it was kept as text"))
            return True
        title, description_lines = self._event_title(p)
        description = p.markdown if p.markdown and len(description_lines) == len(p.lines) else lines_to_markdown(list(description_lines))
        block = EventBlock(title=title, start=when.start, end=when.end, description=description)
        self._append(block)
        self._collect_contact(p.text)
        year = " (the year was taken from the newsletter's date)" if when.year_inferred else ""
        self.notes.append(self._item(block, f"event read as {when.start:%a %d %b %Y, %H:%M}–{when.end:%H:%M}{year}; "
                                            "the original wording is kept in its description"))
        return True

    def _event_title(self, p: Paragraph) -> tuple[str, tuple[str, ...]]:
        """The event's name: its own first line, the line just before it, or the nearest heading."""
        first = p.lines[0]
        if len(p.lines) > 1 and find_event_time(first, self.reference) is None and _is_short_title(first):
            return " ".join(first.split()), p.lines[1:]
        blocks = self.sections[-1].blocks if self.sections else []
        if blocks and len(p.text.split()) <= 15:
            previous = blocks[-1]
            if isinstance(previous, HeadingBlock) or (
                isinstance(previous, TextBlock) and "\n" not in previous.markdown and _is_short_title(_plain(previous))
            ):
                blocks.pop()
                return (previous.text if isinstance(previous, HeadingBlock) else _plain(previous)), p.lines
        heading = next((b.text for b in reversed(blocks) if isinstance(b, HeadingBlock)), "")
        return heading or (self.sections[-1].title if self.sections else "") or "Event", p.lines

    def _text(self, p: Paragraph) -> TextBlock:
        self._collect_contact(p.text)
        markdown = p.markdown if p.markdown is not None else _markdown_with_bullets(p.lines)
        is_list = p.is_list or all(rules.bullet_text(line) is not None for line in p.lines)
        blocks = self.sections[-1].blocks if self.sections else []
        if is_list and blocks and isinstance(blocks[-1], TextBlock) and _plain(blocks[-1]).rstrip().endswith(":"):
            merged = blocks[-1].model_copy(update={"markdown": blocks[-1].markdown + "\n\n" + markdown})
            blocks[-1] = merged
            return merged
        block = TextBlock(markdown=markdown)
        self._append(block)
        return block

    def _collect_contact(self, text: str) -> None:
        found = rules.contact_values(text)
        if found and self.sections:
            contact = self.sections[-1].contact
            for name in ("phone", "email", "social"):
                if getattr(found, name) and name not in contact:
                    contact[name] = getattr(found, name)

    def _append(self, block: Block) -> None:
        if not self.sections:
            self._open("custom", "")
        self.sections[-1].blocks.append(block)

    def _item(self, block: Block, message: str) -> ReportItem:
        return ReportItem(block.id, (self.sections[-1].title if self.sections else "") or "(untitled section)", message)


def _contact_block(contact: dict[str, str]) -> tuple[Block, ...]:
    """One contact block closing a section that gave a phone number or an e-mail address."""
    if not (contact.get("phone") or contact.get("email")):
        return ()
    return (ContactBlock(**contact),)


def _markdown_with_bullets(lines: tuple[str, ...]) -> str:
    """Runs of "•" lines become Markdown lists; other runs stay lines of a paragraph."""
    runs: list[tuple[bool, list[str]]] = []
    for line in lines:
        item = rules.bullet_text(line)
        is_item = item is not None
        text = ("- " + line_to_markdown(item)) if is_item else line_to_markdown(line)
        if runs and runs[-1][0] == is_item:
            runs[-1][1].append(text)
        else:
            runs.append((is_item, [text]))
    return "\n\n".join("\n".join(texts) for _, texts in runs)


def _is_glued_heading(lines: tuple[str, ...]) -> bool:
    """A heading typed straight above its text, with no blank line between."""
    first, second = lines[0], lines[1]
    heading = rules.section_kind(first) or rules.is_title_like(first)
    return bool(heading) and len(second.split()) >= 8 and not rules.is_title_like(second)


def _is_short_title(line: str) -> bool:
    text = " ".join(line.split())
    return 0 < len(text) <= 120 and text[-1] not in ".,;:" and rules.bullet_text(text) is None


def _plain(block: TextBlock) -> str:
    return markdown_text(block.markdown)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
