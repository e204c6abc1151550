"""Date rules: events already over when the email lands, impossible times, an issue dated in the past."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from composer.model import EventBlock, HeadingBlock, LinkListBlock, TextBlock
from composer.render.dates import dates_in_text, long_date

from .context import CheckContext, name_block
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
    sent = reference_date(context)
    if sent is None:
        return
    for section, block in context.blocks(EventBlock):
        last_day = max(block.start, block.end or block.start).date()
        if last_day < sent:
            yield Finding(RULE, Severity.ERROR,
                          f"{name_block(block)} is over before the email is sent ({long_date(sent)}).",
                          block.id, section.id, "start")
        elif block.start.date() < sent:
            yield Finding(RULE, Severity.WARNING,
                          f"{name_block(block)} has already started when the email is sent ({long_date(sent)}).",
                          block.id, section.id, "start")
        elif block.start.date() == sent:
            yield Finding(RULE, Severity.ADVICE,
                          f"{name_block(block)} is on the send date; some readers will open the email too late.",
                          block.id, section.id, "start")


def check_event_end_before_start(context: CheckContext) -> Iterator[Finding]:
    for section, block in context.blocks(EventBlock):
        if block.end is not None and block.end < block.start:
            yield Finding(RULE, Severity.ERROR, f"{name_block(block)} ends before it starts.", block.id, section.id, "end")


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

    A heuristic, so a warning: only full dates with a year, just after deadline words.
    """
    sent = reference_date(context)
    if sent is None:
        return
    for section, block in context.blocks():
        for field, text in _prose(block):
            for deadline in _deadlines(text):
                if deadline < sent:
                    yield Finding(RULE, Severity.WARNING,
                                  f"{name_block(block)} mentions a deadline, {long_date(deadline)}, "
                                  f"before the email is sent ({long_date(sent)}).",
                                  block.id, section.id, field)
                    break


RULES = [check_events_before_send, check_event_end_before_start, check_issue_dates_in_past, check_deadlines_before_send]


def _prose(block) -> list[tuple[str, str]]:
    if isinstance(block, TextBlock):
        return [("markdown", block.markdown)]
    if isinstance(block, EventBlock):
        return [("description", block.description)]
    if isinstance(block, HeadingBlock):
        return [("text", block.text)]
    if isinstance(block, LinkListBlock):
        return [(f"items.{index}.blurb", item.blurb) for index, item in enumerate(block.items)]
    return []


def _deadlines(text: str) -> list[date]:
    found = []
    for match in _DEADLINE_WORDS.finditer(text):
        window = text[match.end(): match.end() + _DEADLINE_REACH + 20]
        dates = dates_in_text(window)
        if dates and _starts_within(window, _DEADLINE_REACH):
            found.append(dates[0])
    return found


def _starts_within(window: str, reach: int) -> bool:
    first_digit = re.search(r"\d", window)
    return first_digit is not None and first_digit.start() <= reach
