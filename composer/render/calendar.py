"""Add-to-calendar links and .ics files, so a reader can put an event in their diary in one click.

Google and Outlook.com take the event in the link itself; every other calendar
(Apple, desktop Outlook, Thunderbird) opens an RFC 5545 .ics file that the export
writes to ``calendar/<file>.ics`` and the email links to under the issue's hosted
files base URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from functools import lru_cache
from urllib.parse import urlencode

from composer.model import Issue, roles, slugify
from composer.model.values import is_web_address

from .dates import CalendarItem, event_bounds
from .markdown import markdown_to_text

CALENDAR_FOLDER = "calendar"
PRODID = "-//Newsletter Composer//Newsletter events//EN"
UID_DOMAIN = "newsletter-composer.invalid"


@dataclass(frozen=True)
class CalendarLinks:
    google: str
    outlook: str
    ics: str  # empty when the issue has no hosted files base URL


def calendar_links(event: CalendarItem, issue: Issue) -> CalendarLinks:
    """The three "Add to calendar" addresses shown under an event."""
    return _links(event, issue.hosted_base_url)


@lru_cache(maxsize=512)
def _links(event: CalendarItem, hosted_base_url: str) -> CalendarLinks:
    """Made once for the email and its plain text (URL-encoding is not free)."""
    return CalendarLinks(google_calendar_url(event), outlook_calendar_url(event), _ics_url(event, hosted_base_url))


def google_calendar_url(event: CalendarItem) -> str:
    start, end = _utc_bounds(event)
    query = {
        "action": "TEMPLATE",
        "text": event.title or "Event",
        "dates": f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}",
        "details": _link_details(event),
        "location": event.venue,
    }
    return "https://calendar.google.com/calendar/render?" + _query(query)


def outlook_calendar_url(event: CalendarItem) -> str:
    start, end = _utc_bounds(event)
    query = {
        "rru": "addevent",
        "subject": event.title or "Event",
        "startdt": f"{start:%Y-%m-%dT%H:%M:%SZ}",
        "enddt": f"{end:%Y-%m-%dT%H:%M:%SZ}",
        "body": _link_details(event),
        "location": event.venue,
    }
    return "https://outlook.live.com/calendar/0/action/compose?" + _query(query)


def calendar_files(issue: Issue) -> dict[str, bytes]:
    """Every event's .ics by its path in the export bundle ("calendar/<file>.ics")."""
    return {
        f"{CALENDAR_FOLDER}/{ics_filename(block)}": event_ics(block, issue)
        for _, block in issue.all_blocks()
        if roles.starts(block) is not None  # a block that declares a start date is a dated item
    }


def ics_url(event: CalendarItem, issue: Issue) -> str:
    """Where the export hosts the event's .ics; empty without a hosted files base URL."""
    return _ics_url(event, issue.hosted_base_url)


def _ics_url(event: CalendarItem, hosted_base_url: str) -> str:
    if not hosted_base_url:
        return ""
    return f"{hosted_base_url.rstrip('/')}/{CALENDAR_FOLDER}/{ics_filename(event)}"


def ics_filename(event: CalendarItem) -> str:
    """A readable, unique name: "annual-conference-2024-01-22-3f9a1c.ics"."""
    name = slugify(event.title)[:40].strip("-") or "event"
    return f"{name}-{event.start:%Y-%m-%d}-{event.id[:6]}.ics"


def event_ics(event: CalendarItem, issue: Issue) -> bytes:
    """One event as an RFC 5545 calendar file.

    The UID comes from the block id alone, so re-sending a corrected issue updates
    the entry readers already imported instead of adding a second one.
    """
    from icalendar import Calendar, Event, vCalAddress  # only the export writes .ics files; slow to load

    start, end = event_bounds(event)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    entry = Event()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", _stamp(issue))
    entry.add("dtstart", start)
    entry.add("dtend", end)
    entry.add("summary", event.title or "Event")
    if details := _details(event):
        entry.add("description", details)
    if location := _location(event):
        entry.add("location", location)
    if is_web_address(event.register_url):
        entry.add("url", event.register_url)
    if issue.brand.email:
        organiser = vCalAddress(f"mailto:{issue.brand.email}")
        if issue.brand.organisation:
            organiser.params["CN"] = issue.brand.organisation
        entry.add("organizer", organiser)
    calendar.add_component(entry)
    # Only the zone rules around the event: a reader's calendar needs no history.
    calendar.add_missing_timezones(start.date() - timedelta(days=366), end.date() + timedelta(days=366))
    return calendar.to_ical()


def event_uid(event: CalendarItem) -> str:
    return f"event-{event.id}@{UID_DOMAIN}"


def _utc_bounds(event: CalendarItem) -> tuple[datetime, datetime]:
    start, end = event_bounds(event)
    return start.astimezone(UTC), end.astimezone(UTC)


def _details(event: CalendarItem) -> str:
    text = markdown_to_text(event.description, width=10_000) if event.description else ""
    if event.register_url:
        text += ("\n\n" if text else "") + f"{event.register_label or 'Register'}: {event.register_url}"
    return text


def _location(event: CalendarItem) -> str:
    if event.venue:
        return event.venue
    return "Online" if event.online else ""


def _stamp(issue: Issue) -> datetime:
    """When the entry was published: the send (or issue) date, so the same issue gives the same file."""
    day = issue.send_date or issue.issue_date
    if day is None:
        return datetime.now(UTC).replace(microsecond=0)
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def _link_details(event: CalendarItem) -> str:
    """Links carry only the booking address: every byte is repeated per event, and Gmail
    clips long emails. The .ics file carries the full description."""
    return f"{event.register_label or 'Register'}: {event.register_url}" if event.register_url else ""


def _query(query: dict[str, str]) -> str:
    """The query string, leaving ":" and "/" readable (they are allowed in a query)."""
    return urlencode({key: value for key, value in query.items() if value}, safe=":/")
