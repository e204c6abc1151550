"""Dates written inside prose, read with one grammar by the checks, New from previous and the importers.

Old newsletters and coordinators write dates many ways: "5 Jan 2024", "Friday 5th
January", "the 5th of January, 2024", "January 5th", "5/1/2024". Each is found with
its day, month, year (when written), weekday (when written) and place in the text; a
date without a year takes the one that puts it near a given day, leaning to the future,
since newsletters announce what is coming.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS: dict[str, int] = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = {name.lower(): number for number, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name.lower(): number for number, name in enumerate(calendar.day_abbr)})
WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})


@dataclass(frozen=True)
class WrittenDate:
    """One date as written: ``year`` and ``weekday`` only when the text gives them.

    ``ambiguous`` marks numbers that read as day/month or month/day ("3/4/2024"); they are
    read the British way, day first.
    """

    day: int
    month: int
    year: int | None
    weekday: int | None
    start: int
    end: int
    ambiguous: bool = False

    def on(self, around: date | None = None) -> date | None:
        """The date meant, a missing year taken near *around*; None when it is no real date or cannot be placed."""
        year = self.year
        if year is None:
            if around is None:
                return None
            year = infer_year(self.month, self.day, around)
        try:
            return date(year, self.month, self.day)
        except ValueError:  # "31 February", "25/13/2023"
            return None


def written_dates(text: str) -> list[WrittenDate]:
    """Every date written in *text*, in reading order, none overlapping another."""
    found: list[WrittenDate] = []
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for match in pattern.finditer(text):
            if not match["month"][0].isupper() or _overlaps(found, match):
                continue  # "you may 2 to 3 times": a month is written with a capital
            weekday = match["weekday"]
            found.append(WrittenDate(
                int(match["day"]), MONTHS[match["month"].lower()], int(match["year"]) if match["year"] else None,
                WEEKDAYS[weekday.lower()] if weekday else None, match.start(), match.end()))
    for match in _NUMERIC.finditer(text):
        if _overlaps(found, match):
            continue
        first, second, year = int(match["first"]), int(match["second"]), int(match["year"])
        found.append(WrittenDate(first, second, year + 2000 if year < 100 else year, None, match.start(), match.end(),
                                 ambiguous=first <= 12 and second <= 12 and first != second))
    return sorted(found, key=lambda written: written.start)


def dates_in_text(text: str, around: date | None = None) -> list[date]:
    """The real dates written in *text*, in reading order.

    Without *around*, dates written without a year are left out: they cannot be told
    apart from next year's. With it, they take the year that puts them near that day.
    """
    return [when for written in written_dates(text) if (when := written.on(around)) is not None]


def infer_year(month: int, day: int, around: date) -> int:
    """The year that puts day/month closest to *around*, leaning to the future (past days count three times)."""
    candidates = []
    for year in (around.year - 1, around.year, around.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # 29 February
            continue
    if not candidates:
        return around.year
    best = min(candidates, key=lambda when: (when - around).days if when >= around else 3 * (around - when).days)
    return best.year


def _overlaps(found: list[WrittenDate], match: re.Match) -> bool:
    return any(written.start < match.end() and match.start() < written.end for written in found)


_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+(?:the\s+)?)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s*(?P<year>(?:19|20)\d\d)(?!\d))?"
_DAY_MONTH = re.compile(
    r"\b" + _WEEKDAY + r"(?<![\d/.:])(?P<day>\d{1,2})" + _ORDINAL + r"(?:\s*of)?\s*" + _MONTH + r"(?![a-z])" + _YEAR,
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    r"\b" + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})" + _ORDINAL + r"(?![\d:]|\s*[ap]\.?m)" + _YEAR,
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"(?<![\d/])(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>(?:19|20)?\d\d)(?![\d/])")
