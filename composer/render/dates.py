"""Dates and times the British way: "Monday 22 January 2024, 4pm–5:15pm"."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from composer.model import DEFAULT_TIMEZONE
from composer.model.written_dates import dates_in_text  # one grammar for dates in prose, kept in the model

__all__ = ["DEFAULT_EVENT_LENGTH", "clock", "dates_in_text", "event_bounds", "event_when", "long_date",
           "month_heading", "zone_label"]

# An event saved without an end is shown as a point in time but booked for this long.
DEFAULT_EVENT_LENGTH = timedelta(hours=1)


class Timed(Protocol):
    """Anything with wall-clock start and end in a zone (an event block)."""

    start: datetime
    end: datetime | None
    timezone: str


class CalendarItem(Timed, Protocol):
    """What a reader can put in a diary: a dated block (it declares a start date, see model/roles.py)
    with what a diary entry shows."""

    id: str
    title: str
    description: str
    venue: str
    online: bool
    register_url: str
    register_label: str


# What readers in the home zone call their own time.
_HOME_NAMES = {"Europe/London": "UK time"}


def long_date(day: date) -> str:
    """"Monday 22 January 2024"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def month_heading(day: date) -> str:
    """"January 2024": the heading over a month of events."""
    return f"{day:%B %Y}"


def clock(moment: datetime) -> str:
    """"4pm", "5:15pm", "12 noon"."""
    if moment.hour == 12 and moment.minute == 0:
        return "12 noon"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"


def event_when(event: Timed, default_timezone: str = DEFAULT_TIMEZONE) -> str:
    """When an event happens, with its zone named when it differs from the issue's.

    An event abroad also says when that is at home, since most readers are there:
    "Monday 22 January 2024, 4pm–5pm EST (9pm–10pm UK time)".
    """
    start, end = event.start, event.end
    text = _span(start, end)
    if event.timezone != default_timezone:
        text += f" {zone_label(event.timezone, start)} ({_at_home(event, default_timezone)})"
    return text


def event_bounds(event: Timed) -> tuple[datetime, datetime]:
    """Start and end as zone-aware datetimes; an event with no (or a bad) end lasts an hour."""
    zone = ZoneInfo(event.timezone)
    start = event.start.replace(tzinfo=zone)
    end = event.end.replace(tzinfo=zone) if event.end is not None and event.end > event.start else None
    return start, end or start + DEFAULT_EVENT_LENGTH


def zone_label(timezone: str, moment: datetime) -> str:
    """"EST", "CET"; for zones without a letter abbreviation, "Dubai time, UTC+04"."""
    name = moment.replace(tzinfo=ZoneInfo(timezone)).tzname() or ""
    if name and name[0].isalpha():
        return name
    city = timezone.rsplit("/", 1)[-1].replace("_", " ")
    return f"{city} time, UTC{name}" if name else f"{city} time"


def _span(start: datetime, end: datetime | None) -> str:
    text = f"{long_date(start.date())}, {clock(start)}"
    if end is not None and end > start:
        if end.date() == start.date():
            text += f"–{clock(end)}"
        else:
            text += f" to {long_date(end.date())}, {clock(end)}"
    return text


def _at_home(event: Timed, home_timezone: str) -> str:
    home = ZoneInfo(home_timezone)
    start, end = (moment.astimezone(home) for moment in event_bounds(event))
    shown_end = end if event.end is not None and event.end > event.start else None
    name = _HOME_NAMES.get(home_timezone, home_timezone.rsplit("/", 1)[-1].replace("_", " ") + " time")
    if start.date() == event.start.date():
        when = clock(start) + (f"–{clock(shown_end)}" if shown_end and shown_end.date() == start.date() else "")
    else:
        when = _span(start.replace(tzinfo=None), shown_end.replace(tzinfo=None) if shown_end else None)
    return f"{when} {name}"
