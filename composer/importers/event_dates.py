"""Find the date and time range of an event in the words of a paragraph.

Old newsletters write dates many ways ("Wednesday, 10th January 2024 from
4:30pm to 5:30pm", "7th December 4-6pm", "22 January, 2024 from 4pm to
5:15pm"). A paragraph counts as an event when it has one date and one time
range; the result is trusted only when it is unambiguous, otherwise the
reason is returned so the import can leave the text as it is and say why.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

from composer.model.written_dates import MONTHS, infer_year, written_dates

__all__ = ["MONTHS", "EventTime", "EventTimeProblem", "find_event_time", "infer_year", "reference_date"]

_SEASON_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

# "1.30pm" and "16:00" look like times; "5 to 6 years" must not.
_CLOCK = r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?"
TIME_RANGE = re.compile(
    r"(?<![\d:.£$])" + _CLOCK + r"\s*(?:-|–|—|to|until|till)\s*" + _CLOCK + r"(?![\d%])", re.IGNORECASE
)


@dataclass(frozen=True)
class EventTime:
    start: datetime
    end: datetime
    year_inferred: bool = False


@dataclass(frozen=True)
class EventTimeProblem:
    reason: str


def find_event_time(text: str, reference: date | None) -> EventTime | EventTimeProblem | None:
    """The event's start and end in *text*, a reason it cannot be read, or None when *text* is no event.

    *reference* is when the newsletter was written; a date without a year
    takes the year that puts it within a few months before or after it.
    """
    ranges = list(TIME_RANGE.finditer(text))
    ranges = [m for m in ranges if _is_time_range(m)]
    dates = written_dates(text)
    if not ranges or not dates:
        return None
    if len(ranges) > 1:
        return EventTimeProblem("it gives more than one time range")
    if len({(d.day, d.month, d.year) for d in dates}) > 1:
        return EventTimeProblem("it mentions more than one date")
    when = dates[0]
    if when.ambiguous:
        return EventTimeProblem(f"{text[when.start:when.end]} could be day/month or month/day")
    times = _time_range(ranges[0])
    if isinstance(times, EventTimeProblem):
        return times
    year, inferred = when.year, False
    if year is None:
        if reference is None:
            return EventTimeProblem("the date has no year and the newsletter's date is not known")
        year, inferred = infer_year(when.month, when.day, reference), True
    try:
        day = date(year, when.month, when.day)
    except ValueError:
        return EventTimeProblem(f"{when.day}/{when.month}/{year} is not a real date")
    if when.weekday is not None and day.weekday() != when.weekday:
        return EventTimeProblem(f"{day:%d %B %Y} is not a {calendar.day_name[when.weekday]}")
    (start_h, start_m), (end_h, end_m) = times
    start = datetime(day.year, day.month, day.day, start_h, start_m)
    end = datetime(day.year, day.month, day.day, end_h, end_m)
    return EventTime(start, end, inferred)


def reference_date(title: str) -> date | None:
    """When the newsletter was written, read from a title like "Newsletter – Autumn 2023"."""
    year = re.search(r"\b((?:19|20)\d\d)\b", title)
    if not year:
        return None
    words = re.findall(r"[a-z]+", title.lower())
    month = next((MONTHS[w] for w in words if w in MONTHS and len(w) > 2), None)
    month = month or next((_SEASON_MONTH[w] for w in words if w in _SEASON_MONTH), 1)
    return date(int(year.group(1)), month, 1)


def _is_time_range(m: re.Match) -> bool:
    """Two numbers joined by "to" are a time range only with am/pm or a clock colon."""
    has_marker = any(m.group(i) for i in (2, 3, 5, 6))
    return has_marker and int(m.group(1)) <= 24 and int(m.group(4)) <= 24


def _time_range(m: re.Match) -> tuple[tuple[int, int], tuple[int, int]] | EventTimeProblem:
    start_h, start_m, start_half = int(m.group(1)), int(m.group(2) or 0), _half(m.group(3))
    end_h, end_m, end_half = int(m.group(4)), int(m.group(5) or 0), _half(m.group(6))
    if start_m > 59 or end_m > 59:
        return EventTimeProblem(f"{m.group(0)} is not a time range")
    if start_half is None and end_half is not None and start_h <= 12:
        # "4 to 5:30pm": the start shares the end's half of the day unless that puts it after the end.
        start_half = end_half if (start_h % 12, start_m) <= (end_h % 12, end_m) else "am"
    if end_half is None and start_half is not None and end_h <= 12:
        end_half = start_half if (end_h % 12, end_m) >= (start_h % 12, start_m) else "pm"
    if start_half is None and end_half is None and (_is_24_hour(m.group(1)) or _is_24_hour(m.group(4))):
        start, end = int(m.group(1)), int(m.group(4))
    elif start_half is None and end_half is None:
        # "10:30 to 12:00" can only be morning to noon; "4:30 to 5:30" could be either.
        readings = {
            (_to_24h(m.group(1), a), _to_24h(m.group(4), b)) for a in ("am", "pm") for b in ("am", "pm")
        }
        valid = [(a, b) for a, b in readings if a is not None and b is not None and (b, end_m) > (a, start_m)
                 and (b - a) < 12]
        start, end = valid[0] if len(valid) == 1 else (None, None)
    else:
        start, end = _to_24h(m.group(1), start_half), _to_24h(m.group(4), end_half)
    if start is None or end is None:
        return EventTimeProblem(f"{m.group(0).strip()} does not say am or pm")
    if start > 23 or end > 23:
        return EventTimeProblem(f"{m.group(0).strip()} is not a time range")
    if (end, end_m) <= (start, start_m):
        return EventTimeProblem(f"{m.group(0).strip()} ends before it starts")
    return (start, start_m), (end, end_m)


def _half(marker: str | None) -> str | None:
    return marker.lower().replace(".", "") if marker else None


def _is_24_hour(written: str) -> bool:
    """The 24-hour clock is clear from 13:00 on, or when written with a leading zero ("09:30")."""
    return 13 <= int(written) <= 23 or (written.startswith("0") and len(written) == 2)


def _to_24h(written: str, half: str | None) -> int | None:
    hour = int(written)
    if half is None:
        return hour if _is_24_hour(written) else None
    if hour < 1 or hour > 12:
        return None
    return hour % 12 + (12 if half == "pm" else 0)
