"""A new issue made from the last one: the recurring shape kept, dated items dropped or flagged.

The rule for moving on: an edition the coordinator names by season ("Autumn 2023")
comes quarterly, one named by month ("June 2017") monthly, anything else is taken
as quarterly. The edition label, the title and both dates move on by that period,
as many times as needed for the new send date (or issue date) to be today or later,
so an issue made from a long-forgotten one lands on the next upcoming edition.
Events that start before the new send date are dropped; text that mentions a date
before it (a closing date, "Thursday 7 December") is kept and flagged for review.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .blocks import Block
from .edits import copy_with_new_ids
from .issue import Issue, Section
from .naming import block_name, section_label, sentence
from .roles import heading, is_call_to_action, prose, starts
from .written_dates import dates_in_text, infer_year

SEASONS = ("Spring", "Summer", "Autumn", "Winter")
MONTHS = tuple(calendar.month_name)[1:]
QUARTER, MONTH = 3, 1


@dataclass(frozen=True)
class ReportLine:
    """One item of the report: where it is, what happened, and the block in the new issue (if kept)."""

    section: str
    what: str
    block_id: str | None = None


@dataclass(frozen=True)
class CarryForwardReport:
    dropped: tuple[ReportLine, ...]
    flagged: tuple[ReportLine, ...]
    notes: tuple[str, ...]


def new_issue_from(previous: Issue, today: date) -> tuple[Issue, CarryForwardReport]:
    """The next issue after *previous*, as it would be prepared on *today*, and what changed."""
    notes: list[str] = []
    period = _period(previous.edition or previous.title)
    steps = _steps(previous, period, today)
    issue_date = _add_months(previous.issue_date, period * steps)
    send_date = _add_months(previous.send_date, period * steps)
    cutoff = send_date or issue_date or today
    base = previous.issue_date or previous.send_date or today

    edition = next_edition(previous.edition, steps, base)
    if previous.edition and edition is None:
        notes.append(f"The edition “{previous.edition}” was not recognised and is unchanged: update it in the issue settings.")
    title = next_edition(previous.title, steps, base) or previous.title
    if title == previous.title:
        notes.append(f"The title “{previous.title}” is unchanged: check it in the issue settings.")
    if issue_date or send_date:
        what = "one season" if period == QUARTER else "one month"
        notes.append(f"Dates moved on {what}{f' ({steps} times)' if steps > 1 else ''}: "
                     + ", ".join(f"{name} {when:%-d %B %Y}" for name, when in
                                 (("issue date", issue_date), ("send date", send_date)) if when) + ".")
    else:
        notes.append("The last issue had no dates: set the issue and send dates in the issue settings.")
    if previous.preheader:
        notes.append("The preheader still describes the last issue: rewrite it for this one.")

    dropped: list[ReportLine] = []
    flagged: list[ReportLine] = []
    sections = []
    for section in previous.sections:
        blocks = _carry_blocks(section, cutoff, base, dropped, flagged)
        if section.blocks and not blocks:
            notes.append(f"The section “{section_label(section.title, section.kind)}” is now empty.")
        sections.append(section.model_copy(update={"id": Section().id, "blocks": tuple(blocks)}))

    issue = previous.model_copy(update={
        "edition": edition or previous.edition,
        "title": title,
        "issue_date": issue_date,
        "send_date": send_date,
        "sections": tuple(sections),
        "provider_drafts": (),  # the next edition is a campaign of its own
    })
    return issue, CarryForwardReport(tuple(dropped), tuple(flagged), tuple(notes))


def next_edition(label: str, steps: int = 1, around: date | None = None) -> str | None:
    """"Autumn 2023" → "Winter 2023/24", "June 2017" → "July 2017", "Issue 41" → "Issue 42";
    None when the label names no season, month or number."""
    for pattern, step in ((_SEASON, _next_season), (_MONTH_YEAR, _next_month)):
        found = pattern.search(label)
        if found:
            replacement = found.group(0)
            for _ in range(steps):
                replacement = step(pattern.fullmatch(replacement), around)
                around = None
            return label[:found.start()] + replacement + label[found.end():]
    found = _NUMBERED.search(label)
    if found:
        return label[:found.start(2)] + str(int(found.group(2)) + steps) + label[found.end(2):]
    return None


def passed_dates(text: str, before: date, around: date) -> list[date]:
    """Dates written in *text* (a year taken near *around* when missing) that fall before *before*."""
    return sorted({when for when in dates_in_text(text, around) if when < before})


# --- editions ------------------------------------------------------------------------------------

_SEASON = re.compile(r"\b(Spring|Summer|Autumn|Winter)\s+(\d{4})(?:\s*([/–-])\s*(\d{2}|\d{4}))?\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({'|'.join(MONTHS)})\s+(\d{{4}})\b", re.I)
_NUMBERED = re.compile(r"\b(Issue|No\.?|Number)\s*(\d+)\b", re.I)


def _period(label: str) -> int:
    return MONTH if _MONTH_YEAR.search(label) and not _SEASON.search(label) else QUARTER


def _next_season(found: re.Match, around: date | None) -> str:
    season = found.group(1).title()
    year = int(found.group(2))
    if season == "Winter":
        # "Winter 2023/24" is followed by Spring 2024. A bare "Winter 2026" is followed by the
        # spring after the issue's own date: dated January 2027, that is Spring 2027.
        if found.group(4) is None and around is not None:
            return f"Spring {around.year if around.month <= 6 else around.year + 1}"
        return f"Spring {year + 1}"
    following = SEASONS[SEASONS.index(season) + 1]
    if following == "Winter":
        return f"Winter {year}/{(year + 1) % 100:02d}"
    return f"{following} {year}"


def _next_month(found: re.Match, around: date | None) -> str:
    month = MONTHS.index(found.group(1).title())
    year = int(found.group(2)) + (month == 11)
    return f"{MONTHS[(month + 1) % 12]} {year}"


def _steps(previous: Issue, period: int, today: date) -> int:
    anchor = previous.send_date or previous.issue_date
    steps = 1
    while anchor and _add_months(anchor, period * steps) < today and steps < 400:
        steps += 1
    return steps


def _add_months(when: date | None, months: int) -> date | None:
    """The same day *months* later, or the month's last day when it is shorter (31 Jan → 28 Feb)."""
    if when is None:
        return None
    index = when.month - 1 + months
    year, month = when.year + index // 12, index % 12 + 1
    return date(year, month, min(when.day, calendar.monthrange(year, month)[1]))


# --- blocks --------------------------------------------------------------------------------------

_MONTH_NAMES = "|".join(MONTHS)
_MONTHS_ONLY = re.compile(rf"(?:{_MONTH_NAMES})(?:\s*(?:,|and|&|–|-|to)\s*(?:{_MONTH_NAMES}))*", re.I)


def _carry_blocks(section: Section, cutoff: date, around: date, dropped: list, flagged: list) -> list[Block]:
    """Each heading with the blocks under it; a heading whose blocks were all dropped events goes too."""
    where = section_label(section.title, section.kind)
    kept: list[Block] = []
    for group in _under_headings(section.blocks):
        title = group[0] if heading(group[0]) else None
        body = group[1:] if title else group
        heading_flags: list[ReportLine] = []
        carried_heading = _carry_group([title], cutoff, around, where, dropped, heading_flags) if title else []
        first_flag = len(flagged)
        carried = _carry_group(body, cutoff, around, where, dropped, flagged)
        if title and body and not carried:
            dropped.append(ReportLine(where, f"{sentence(block_name(title))}, left with nothing under it"))
            continue
        flagged[first_flag:first_flag] = heading_flags
        kept += carried_heading + carried
    return kept


def _carry_group(blocks, cutoff: date, around: date, where: str, dropped: list, flagged: list) -> list[Block]:
    kept: list[Block] = []
    after_dropped_event = False
    for block in blocks:
        start = starts(block)
        if start is not None and start.date() < cutoff:
            dropped.append(ReportLine(where, f"{sentence(block_name(block))}, before the send date"))
            after_dropped_event = True
            continue
        copy = copy_with_new_ids(block)
        reason = _review_reason(block, cutoff, around, after_dropped_event)
        if reason:
            flagged.append(ReportLine(where, f"{sentence(block_name(block))} {reason}", copy.id))
        kept.append(copy)
        after_dropped_event = False
    return kept


def _under_headings(blocks: tuple[Block, ...]) -> list[list[Block]]:
    groups: list[list[Block]] = []
    for block in blocks:
        if heading(block) or not groups:
            groups.append([block])
        else:
            groups[-1].append(block)
    return groups


def _review_reason(block: Block, cutoff: date, around: date, after_dropped_event: bool) -> str:
    title = heading(block)
    words = title.value.strip() if title else ""
    if words and _MONTHS_ONLY.fullmatch(words):
        month = MONTHS.index(re.findall(_MONTH_NAMES, words, re.I)[-1].title()) + 1
        year = infer_year(month, 1, around)
        if date(year, month, calendar.monthrange(year, month)[1]) < cutoff:
            return "is a month that will have passed"
    passed = passed_dates("\n".join(part.value for part in prose(block)), cutoff, around)
    if passed:
        return "mentions " + ", ".join(f"{when:%-d %B %Y}" for when in passed) + ", before the send date"
    if after_dropped_event and is_call_to_action(block):
        return "followed an event that was dropped"
    return ""
