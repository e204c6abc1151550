"""Date rules: events already over when the email lands, impossible times, an issue dated in the past."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from composer.model import Block
from composer.model.naming import block_name, sentence
from composer.model.roles import Date, ends, parts_of, prose, starts
from composer.render.dates import dates_in_text, long_date

from .context import CheckContext
from .findings import Finding, Severity

RULE = "dates"

# Words that put a deadline before the date that follows them: "closing date: 5 January 2024".
_DEADLINE_WORDS = re.compile(
    r"\b(?:deadline|closing date|closes?|close on|apply by|book by|register by|submit by|by|before|until|no later than)\b",
    re.IGNORECASE,
)
_DEADLINE_REACH = 35  # characters after the words in which the date must start


def reference_date(context: CheckContext) -> date | None:
    """The day readers get the email: the planned send date, else the issue date."""
    return context.issue.send_date or context.issue.issue_date


def check_events_before_send(context: CheckContext) -> Iterator[Finding]:
    """Dated items (any block declaring a start) that are over, or under way, when readers get the email."""
    sent = reference_date(context)
    if sent is None:
        return
    for section, block in context.blocks():
        start = starts(block)
        if start is None:
            continue
        field = _date_field(block, "start")
        last_day = max(start, ends(block) or start).date()
        if last_day < sent:
            yield Finding(RULE, Severity.ERROR,
                          f"{_name(block)} is over before the email is sent ({long_date(sent)}).",
                          block.id, section.id, field)
        elif start.date() < sent:
            yield Finding(RULE, Severity.WARNING,
                          f"{_name(block)} has already started when the email is sent ({long_date(sent)}).",
                          block.id, section.id, field)
        elif start.date() == sent:
            yield Finding(RULE, Severity.ADVICE,
                          f"{_name(block)} is on the send date; some readers will open the email too late.",
                          block.id, section.id, field)


def check_event_end_before_start(context: CheckContext) -> Iterator[Finding]:
    for section, block in context.blocks():
        start, end = starts(block), ends(block)
        if start is not None and end is not None and end < start:
            yield Finding(RULE, Severity.ERROR, f"{_name(block)} ends before it starts.",
                          block.id, section.id, _date_field(block, "end"))


def check_issue_dates_in_past(context: CheckContext) -> Iterator[Finding]:
    issue = context.issue
    if issue.issue_date is not None and issue.issue_date < context.today:
        yield Finding(RULE, Severity.WARNING, f"The issue date, {long_date(issue.issue_date)}, is in the past.",
                      field="issue_date")
    if issue.send_date is not None and issue.send_date < context.today:
        yield Finding(RULE, Severity.WARNING, f"The planned send date, {long_date(issue.send_date)}, is in the past.",
                      field="send_date")


def check_deadlines_before_send(context: CheckContext) -> Iterator[Finding]:
    """Deadlines written in the text ("apply by 5 January 2024") that pass before readers see them.

    A heuristic, so a warning: only dates just after deadline words; one written without a year
    ("apply by 5th January") is taken in the year that puts it nearest the send date, leaning ahead.
    """
    sent = reference_date(context)
    if sent is None:
        return
    for section, block in context.blocks():
        for part in prose(block):
            for deadline in _deadlines(part.value, sent):
                if deadline < sent:
                    yield Finding(RULE, Severity.WARNING,
                                  f"{_name(block)} mentions a deadline, {long_date(deadline)}, "
                                  f"before the email is sent ({long_date(sent)}).",
                                  block.id, section.id, part.path)
                    break


RULES = [check_events_before_send, check_event_end_before_start, check_issue_dates_in_past, check_deadlines_before_send]


def _date_field(block: Block, which: str) -> str | None:
    return next((part.path for part in parts_of(block, Date) if part.role.part == which), None)


def _name(block: Block) -> str:
    return sentence(block_name(block))


def _deadlines(text: str, sent: date) -> list[date]:
    """Dates just after deadline words; a date without a year takes the one nearest the send date."""
    found = []
    for match in _DEADLINE_WORDS.finditer(text):
        window = text[match.end(): match.end() + _DEADLINE_REACH + 20]
        dates = dates_in_text(window, around=sent)
        if dates and _starts_within(window, _DEADLINE_REACH):
            found.append(dates[0])
    return found


def _starts_within(window: str, reach: int) -> bool:
    first_digit = re.search(r"\d", window)
    return first_digit is not None and first_digit.start() <= reach
