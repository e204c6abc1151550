"""What an import produced and what the coordinator still has to look at.

The report is built from the finished Issue plus the problems the recogniser
met, so its counts always match what was imported.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from composer.model import BLOCK_TITLES, SECTION_KIND_TITLES, ButtonBlock, ComposerError, ImageBlock, Issue


class ImportFileError(ComposerError):
    """A file that cannot be imported: missing, unreadable or of an unknown kind."""


@dataclass(frozen=True)
class ReportItem:
    """One thing the coordinator should check, naming the block it concerns."""

    block_id: str
    section: str
    message: str


@dataclass(frozen=True)
class SectionSummary:
    title: str
    kind: str
    block_counts: dict[str, int]


@dataclass(frozen=True)
class ImportReport:
    sections: tuple[SectionSummary, ...]
    attention: tuple[ReportItem, ...] = ()
    notes: tuple[ReportItem, ...] = ()

    @property
    def block_counts(self) -> dict[str, int]:
        """Blocks of each type across the whole issue."""
        total: Counter[str] = Counter()
        for section in self.sections:
            total.update(section.block_counts)
        return dict(total)

    def as_text(self) -> str:
        """The report as the CLI prints it and the import dialog shows it."""
        lines = [f"Recognised {len(self.sections)} sections:"]
        for section in self.sections:
            counts = ", ".join(f"{n} {BLOCK_TITLES.get(t, t).lower()}" for t, n in sorted(section.block_counts.items()))
            kind = SECTION_KIND_TITLES.get(section.kind, section.kind)
            lines.append(f"  {section.title or '(untitled)'} [{kind}]: {counts or 'no blocks'}")
        totals = ", ".join(f"{n} {BLOCK_TITLES.get(t, t).lower()}" for t, n in sorted(self.block_counts.items()))
        lines.append(f"Blocks in all: {totals or 'none'}")
        if self.attention:
            lines.append(f"Needs attention ({len(self.attention)}):")
            lines.extend(_line(item) for item in self.attention)
        else:
            lines.append("Nothing needs attention.")
        if self.notes:
            lines.append("Notes:")
            lines.extend(_line(item) for item in self.notes)
        return "\n".join(lines)


def _line(item: ReportItem) -> str:
    where = f" [block {item.block_id}]" if item.block_id else ""
    return f"  - {item.section}: {item.message}{where}"


@dataclass(frozen=True)
class ImportResult:
    issue: Issue
    report: ImportReport


def build_report(issue: Issue, problems: list[ReportItem] = (), notes: list[ReportItem] = ()) -> ImportReport:
    """Count what the issue holds and add the checks every import needs (links, alt text)."""
    sections = tuple(
        SectionSummary(section.title, section.kind, dict(Counter(block.type for block in section.blocks)))
        for section in issue.sections
    )
    attention = list(problems)
    for section, block in issue.all_blocks():
        where = section.title or "(untitled section)"
        if isinstance(block, ButtonBlock) and not block.url:
            attention.append(ReportItem(block.id, where, f"the button “{block.label}” has no link; add its web address"))
        elif isinstance(block, ImageBlock) and not block.alt and not block.decorative:
            attention.append(ReportItem(block.id, where, f"the image {block.src} has no alt text; describe it"))
    return ImportReport(sections, tuple(attention), tuple(notes))
