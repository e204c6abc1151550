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
from composer.model.naming import section_label

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
_MARKDOWN_LINK = re.compile(r"(?<!\\)\]\((?P<url>[^)\s]+)\)")
_ONLY_A_LINK = re.compile(r"^(?:\*\*|\*)?\[(?P<label>[^\]]*)\]\((?P<url>[^)\s]+)\)(?:\*\*|\*)?$")


@dataclass
class Recognised:
    issue: Issue
    problems: list[ReportItem]
    notes: list[ReportItem]


def recognise(paragraphs: list[Paragraph], title: str = "", reference: date | None = None) -> Recognised:
    """Build an issue from *paragraphs*; *reference* (when it was written) completes dates without a year."""
    builder = _IssueBuilder(reference)
    paragraphs = _join_sign_offs(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        ends_section = index + 1 == len(paragraphs) or _opens_known_section(paragraphs[index + 1])
        builder.add(paragraph, ends_section)
    issue = Issue(title=title or "Newsletter", edition=edition_from_title(title), sections=builder.finish())
    return Recognised(issue, builder.problems, builder.notes)


def edition_from_title(title: str) -> str:
    """ "Newsletter – Autumn 2023" → "Autumn 2023": the season or month and year the title names."""
    match = EDITION.search(title)
    return " ".join(match.group(0).split()) if match else ""


def _join_sign_offs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Word puts "With best wishes,", the name and the role in paragraphs of their own; read them as one."""
    out: list[Paragraph] = []
    index = 0
    while index < len(paragraphs):
        p = paragraphs[index]
        if p.markdown is not None and _is_plain_line(p) and rules.is_sign_off(p.lines[0]):
            following = []
            for q in paragraphs[index + 1:index + 4]:
                if not _is_plain_line(q):
                    break
                following.append(q)
            for count in range(len(following), 0, -1):
                lines = [p.lines[0], *(q.lines[0] for q in following[:count])]
                if rules.signature_parts(lines):
                    out.append(Paragraph(tuple(lines), notes=sum((q.notes for q in [p, *following[:count]]), ())))
                    index += count + 1
                    break
            else:
                out.append(p)
                index += 1
            continue
        out.append(p)
        index += 1
    return out


def _is_plain_line(p: Paragraph) -> bool:
    return p.block is None and p.heading is None and not p.is_list and len(p.lines) == 1 and not _has_link(p)


def _has_link(p: Paragraph) -> bool:
    return p.markdown is not None and _MARKDOWN_LINK.search(p.markdown) is not None


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
    contacts: list[rules.ContactValues] = field(default_factory=list)  # one entry per paragraph


class _IssueBuilder:
    def __init__(self, reference: date | None):
        self.reference = reference
        self.sections: list[_OpenSection] = []
        self.problems: list[ReportItem] = []
        self.notes: list[ReportItem] = []
        self._pending: list[str] = []  # notes of the paragraph being read, for the first block it makes

    # The rules, in order.
    def add(self, p: Paragraph, ends_section: bool) -> None:
        """Make blocks of *p*; what the source could not give whole is named against the first of them."""
        self._pending = [*self._pending, *p.notes]
        self._add(p, ends_section)
        if self._pending:  # a paragraph that made no block of its own (a section title)
            self._attach_notes(None)

    def _add(self, p: Paragraph, ends_section: bool) -> None:
        if p.block is not None:
            return self._append(p.block)
        if p.heading is not None:
            return self._heading_from_source(p)
        # A list of one item (Word's "1." on its own) stays a list: never a section title, heading or button.
        single = p.lines[0] if len(p.lines) == 1 and not p.is_list else None
        # A line that is or holds a link (even one that cannot work) is never a title: the link would be lost.
        linked = _has_link(p) or bool(p.notes)
        if single and not linked and (kind := rules.section_kind(single)):
            return self._open(kind, single)
        signature = None if linked else rules.signature_parts(list(p.lines))
        if signature and (ends_section or signature.closing):
            return self._signature(signature)
        if single and (label := rules.button_label(single)):
            only = _ONLY_A_LINK.match(p.markdown or "")
            if not linked or only:
                return self._append(ButtonBlock(label=label, url=only.group("url") if only else ""))
        if self._event(p):
            return None
        if single and not linked and rules.is_title_like(single):
            return self._unknown_heading(single)
        if p.markdown is None and len(p.lines) > 1 and _is_glued_heading(p.lines):
            self._add(Paragraph(p.lines[:1]), False)
            return self._add(Paragraph(p.lines[1:]), ends_section)
        if not p.is_list and not linked and (quote := rules.quote_parts(p.text)):
            self._collect_contact(p.text)
            return self._append(QuoteBlock(text=quote.text, attribution=quote.attribution))
        return self._text(p)

    def finish(self) -> tuple[Section, ...]:
        return tuple(
            Section(kind=s.kind, title=s.title, blocks=tuple(s.blocks) + _contact_block(s.contacts)) for s in self.sections
        )

    # What each rule makes.
    def _open(self, kind: str, title: str) -> None:
        self.sections.append(_OpenSection(kind, " ".join(title.split())))

    def _heading_from_source(self, p: Paragraph) -> None:
        """Word's headings open sections (level 1) or become headings; a heading that is a link keeps it."""
        text = p.text
        links = [m.group("url") for m in _MARKDOWN_LINK.finditer(p.markdown or "")]
        if p.heading == 1:
            self._open(rules.section_kind(text) or "custom", text)
            for url in links:
                self._pending.append(f"the heading “{_short(text)}” linked to {url}; a section title cannot hold a "
                                     "link, so add it to a block of this section (a button, or a link in the text)")
            return None
        if links:
            self._pending.append(f"the heading “{_short(text)}” is a link, so it was kept as bold text with its link")
            return self._append(TextBlock(markdown=f"**{p.markdown}**"))
        self._append(HeadingBlock(text=text, level=min(p.heading + 1, 4)))

    def _unknown_heading(self, line: str) -> None:
        """A heading the rules do not know: a heading in a section of items, else a section of its own."""
        current = self.sections[-1] if self.sections else None
        if current and (current.kind in SECTIONS_WITH_ITEMS or (current.kind == "custom" and not current.blocks)):
            return self._append(HeadingBlock(text=" ".join(line.split()), level=3))
        self._open("custom", line)

    def _signature(self, signature: rules.Signature) -> None:
        if signature.closing:
            self._append(TextBlock(markdown=line_to_markdown(signature.closing)))
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
        if not p.is_list:  # a list or table of numbers is not the section's contact details
            self._collect_contact(p.text)
        markdown = p.markdown if p.markdown is not None else _markdown_with_bullets(p.lines)
        is_list = p.is_list or all(rules.bullet_text(line) is not None for line in p.lines)
        blocks = self.sections[-1].blocks if self.sections else []
        if is_list and blocks and isinstance(blocks[-1], TextBlock) and _plain(blocks[-1]).rstrip().endswith(":"):
            merged = blocks[-1].model_copy(update={"markdown": blocks[-1].markdown + "\n\n" + markdown})
            blocks[-1] = merged
            if self._pending:  # what the list's source could not keep is named against the block now holding it
                self._attach_notes(merged)
            return merged
        block = TextBlock(markdown=markdown)
        self._append(block)
        return block

    def _collect_contact(self, text: str) -> None:
        """Remember the contact details one paragraph gives; a section's contact block never mixes paragraphs."""
        found = rules.contact_values(text)
        if found and self.sections:
            self.sections[-1].contacts.append(found)

    def _append(self, block: Block) -> None:
        if not self.sections:
            self._open("custom", "")
        self.sections[-1].blocks.append(block)
        if self._pending:
            self._attach_notes(block)

    def _attach_notes(self, block: Block | None) -> None:
        notes, self._pending = self._pending, []
        self.problems.extend(ReportItem(block.id if block else "", self._where(), note) for note in notes)

    def _item(self, block: Block, message: str) -> ReportItem:
        return ReportItem(block.id, self._where(), message)

    def _where(self) -> str:
        current = self.sections[-1] if self.sections else None
        return section_label(current.title, current.kind) if current else section_label("", "custom")


def _contact_block(contacts: list[rules.ContactValues]) -> tuple[Block, ...]:
    """One contact block closing a section that gave a phone number or an e-mail address.

    Its details all come from one paragraph — the one giving the most, the later one on a tie —
    since a phone number and an address from different paragraphs may belong to different people.
    """
    usable = [c for c in contacts if c.phone or c.email]
    if not usable:
        return ()
    best = max(reversed(usable), key=lambda c: sum(bool(v) for v in (c.phone, c.email, c.social)))
    return (ContactBlock(phone=best.phone, email=best.email, social=best.social),)


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
