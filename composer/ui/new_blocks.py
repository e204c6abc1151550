"""What a freshly added block contains: helpful defaults, never empty forms."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from composer.model import BLOCK_TYPES, Block


def new_block(type_name: str, send_date: date | None = None) -> Block:
    """A new block; an event starts two weeks after the issue goes out (never before it), for an hour."""
    if type_name == "event":
        day = max(send_date or date.today(), date.today()) + timedelta(days=14)
        start = datetime.combine(day, time(10, 0))
        return BLOCK_TYPES["event"](start=start, end=start + timedelta(hours=1))
    defaults = {
        "text": {"markdown": ""},
        "heading": {"text": "New heading"},
        "button": {"label": ""},  # the form's placeholder suggests words; a vague default would be flagged
    }
    return BLOCK_TYPES[type_name](**defaults.get(type_name, {}))
