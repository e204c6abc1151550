"""The order a section's blocks are shown in: as written, or events grouped by month.

A section with ``group_events_by_month`` (a Webinars section) lists its events in
date order under a heading per month, so the coordinator can add events in any
order. Other blocks keep a sensible place:

- blocks before the first event stay at the top (an introduction);
- blocks after the last event stay at the bottom (a "see past recordings" link);
- a block between two events travels with the event above it (its picture or note).
"""

from __future__ import annotations

from itertools import groupby

from composer.model import Block, HeadingBlock, Section, roles

from .dates import CalendarItem, event_bounds, month_heading

MONTH_HEADING_LEVEL = 3


def shown_blocks(section: Section) -> list[Block]:
    """The blocks to render for *section*, month headings included when it groups events."""
    if not section.group_events_by_month:
        return list(section.blocks)
    event_positions = [index for index, block in enumerate(section.blocks) if _dated(block)]
    if not event_positions:
        return list(section.blocks)
    first, last = event_positions[0], event_positions[-1]
    runs = _event_runs(section.blocks[first:last + 1])
    runs.sort(key=lambda run: (run[0].start.year, run[0].start.month, event_bounds(run[0])[0]))
    arranged: list[Block] = list(section.blocks[:first])
    for (year, month), month_runs in groupby(runs, key=lambda run: (run[0].start.year, run[0].start.month)):
        month_runs = list(month_runs)
        arranged.append(month_heading_block(month_runs[0][0]))
        for run in month_runs:
            arranged.extend(run)
    arranged.extend(section.blocks[last + 1:])
    return arranged


def month_heading_block(event: CalendarItem) -> HeadingBlock:
    """A heading over a month's events; it shares the first event's id so clicking it in
    the preview selects that event rather than a block the issue does not hold."""
    return HeadingBlock(id=event.id, text=month_heading(event.start.date()), level=MONTH_HEADING_LEVEL)


def _event_runs(blocks) -> list[list[Block]]:
    """Each event followed by the non-event blocks up to the next event."""
    runs: list[list[Block]] = []
    for block in blocks:
        if _dated(block):
            runs.append([block])
        else:
            runs[-1].append(block)
    return runs


def _dated(block: Block) -> bool:
    """Whether a block is dated (it declares a start date), so it goes under its month's heading."""
    return roles.starts(block) is not None
