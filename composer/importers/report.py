"""What an import produced and what the coordinator still has to look at.

The report is built from the finished Issue plus the problems the recogniser
met, so its counts always match what was imported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from composer.model import SECTION_KIND_TITLES, ComposerError, Issue
from composer.model.naming import WHOLE_ISSUE, counted_blocks, section_label, sentence


Progress = Callable[[float, str], None]  # (fraction done, what is being done) for a progress bar


class ImportFileError(ComposerError):
    """A file that cannot be imported: missing, unreadable or of an unknown kind."""


@dataclass(frozen=True)
class ReportItem:
    """One thing the coordinator should check, naming the block it concerns."""

    block_id: str
    section: str
    message: str
    from_checks: bool = False  # found by the pre-flight checks rather than by the import itself


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
            counts = counted_blocks(dict(sorted(section.block_counts.items())))
            kind = SECTION_KIND_TITLES.get(section.kind, section.kind)
            lines.append(f"  {section_label(section.title, section.kind)} [{kind}]: {counts or 'no blocks'}")
        totals = counted_blocks(dict(sorted(self.block_counts.items())))
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


def build_report(issue: Issue, problems: list[ReportItem] = (), notes: list[ReportItem] = (),
                 base_folder: Path | None = None, progress: Progress | None = None) -> ImportReport:
    """Count what the issue holds, then add what the import could not keep and what the pre-flight
    checks flag (run here exactly as the Checks panel runs them), so the report and Checks agree."""
    sections = tuple(
        SectionSummary(section.title, section.kind, dict(Counter(block.type for block in section.blocks)))
        for section in issue.sections
    )
    if progress:
        progress(0.6, "Running the checks on the imported issue")
    flagged, advice = check_findings(issue, base_folder)
    return ImportReport(sections, tuple([*problems, *flagged]), tuple([*notes, *advice]))


def check_findings(issue: Issue, base_folder: Path | None = None) -> tuple[list[ReportItem], list[ReportItem]]:
    """The pre-flight findings on a just-imported issue: (errors and warnings, advice)."""
    from composer.checks import Severity, run_checks  # the checks render the email: loaded when first needed

    try:
        findings = run_checks(issue, base_folder=base_folder)
    except ComposerError as error:
        return [ReportItem("", sentence(WHOLE_ISSUE), f"the email could not be made to check it: {error}")], []
    titles = {section.id: section_label(section.title, section.kind) for section in issue.sections}
    block_sections = {block.id: section_label(section.title, section.kind) for section, block in issue.all_blocks()}
    flagged: list[ReportItem] = []
    advice: list[ReportItem] = []
    for finding in findings:
        where = (block_sections.get(finding.block_id or "") or titles.get(finding.section_id or "")
                 or sentence(WHOLE_ISSUE))
        item = ReportItem(finding.block_id or "", where, f"Checks: {_lower_first(finding.message)}", from_checks=True)
        (advice if finding.severity == Severity.ADVICE else flagged).append(item)
    return flagged, advice


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
