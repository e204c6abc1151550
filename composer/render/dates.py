"""Dates and times the British way: "Monday 22 January 2024, 4pm–5:15pm"."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from composer.model import DEFAULT_TIMEZONE, EventBlock


def long_date(day: date) -> str:
    """"Monday 22 January 2024"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def clock(moment: datetime) -> str:
    """"4pm", "5:15pm", "12 noon"."""
    if moment.hour == 12 and moment.minute == 0:
        return "12 noon"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"


def event_when(event: EventBlock, default_timezone: str = DEFAULT_TIMEZONE) -> str:
    """When an event happens, with its zone named when it differs from the issue's."""
    start, end = event.start, event.end
    text = f"{long_date(start.date())}, {clock(start)}"
    if end is not None and end > start:
        if end.date() == start.date():
            text += f"–{clock(end)}"
        else:
            text += f" to {long_date(end.date())}, {clock(end)}"
    if event.timezone != default_timezone:
        zone_name = start.replace(tzinfo=ZoneInfo(event.timezone)).tzname() or event.timezone
        text += f" ({zone_name})"
    return text
