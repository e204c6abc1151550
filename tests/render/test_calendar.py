"""Add to calendar: links and .ics files a reader's calendar accepts."""

from datetime import date, datetime
from urllib.parse import parse_qs, urlsplit

from icalendar import Calendar

from composer.model import EventBlock, Issue, Section, TextBlock
from composer.render.calendar import (
    calendar_files,
    event_ics,
    google_calendar_url,
    ics_filename,
    ics_url,
    outlook_calendar_url,
)

ISSUE = Issue(title="Spring", send_date=date(2024, 1, 10), hosted_base_url="https://files.charity.org.uk/spring/")
WEBINAR = EventBlock(
    id="a1b2c3d4e5f6", title="Safeguarding and grandparents", start=datetime(2024, 1, 22, 16),
    end=datetime(2024, 1, 22, 17, 15), description="Join **Nadia Rahman** for a conversation.",
    register_url="https://www.charity.org.uk/book", venue="",
)


def _query(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_ics_parses_back_with_the_event_in_its_own_zone():
    calendar = Calendar.from_ical(event_ics(WEBINAR, ISSUE))
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Safeguarding and grandparents"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.replace(tzinfo=None), end.replace(tzinfo=None)) == (WEBINAR.start, WEBINAR.end)
    assert str(start.tzinfo) == "Europe/London"
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert "Nadia Rahman" in str(event["DESCRIPTION"]) and "https://www.charity.org.uk/book" in str(event["DESCRIPTION"])
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar


def test_ics_uid_comes_from_the_block_id_and_survives_edits():
    def uid(event):
        return str(Calendar.from_ical(event_ics(event, ISSUE)).walk("VEVENT")[0]["UID"])

    moved = WEBINAR.model_copy(update={"title": "Grandparents webinar", "start": datetime(2024, 1, 29, 16)})
    other = WEBINAR.model_copy(update={"id": "ffffffffffff"})
    assert "a1b2c3d4e5f6" in uid(WEBINAR)
    assert uid(moved) == uid(WEBINAR) != uid(other)
    assert event_ics(WEBINAR, ISSUE) == event_ics(WEBINAR, ISSUE)  # same issue, same bytes


def test_event_without_end_is_booked_for_an_hour():
    calendar = Calendar.from_ical(event_ics(WEBINAR.model_copy(update={"end": None}), ISSUE))
    [event] = calendar.walk("VEVENT")
    assert (event.decoded("DTEND") - event.decoded("DTSTART")).total_seconds() == 3600


def test_ics_file_lives_under_the_hosted_address():
    assert ics_filename(WEBINAR) == "safeguarding-and-grandparents-2024-01-22-a1b2c3.ics"
    assert ics_url(WEBINAR, ISSUE) == "https://files.charity.org.uk/spring/calendar/" + ics_filename(WEBINAR)
    assert ics_url(WEBINAR, ISSUE.model_copy(update={"hosted_base_url": ""})) == ""


def test_google_link_carries_utc_times_the_venue_and_the_booking_address():
    event = WEBINAR.model_copy(update={"timezone": "America/New_York", "venue": "Town Hall, Leeds"})
    query = _query(google_calendar_url(event))
    assert query["action"] == "TEMPLATE"
    assert query["text"] == "Safeguarding and grandparents"
    assert query["dates"] == "20240122T210000Z/20240122T221500Z"
    assert query["location"] == "Town Hall, Leeds"
    assert query["details"] == "Register: https://www.charity.org.uk/book"


def test_outlook_link_opens_a_new_event_with_utc_times():
    url = outlook_calendar_url(WEBINAR)
    query = _query(url)
    assert url.startswith("https://outlook.live.com/calendar/0/action/compose?")
    assert query["rru"] == "addevent"
    assert (query["startdt"], query["enddt"]) == ("2024-01-22T16:00:00Z", "2024-01-22T17:15:00Z")
    assert query["subject"] == "Safeguarding and grandparents"
    assert "https://www.charity.org.uk/book" in query["body"]


def test_export_gets_one_ics_per_event_at_the_linked_path():
    other = WEBINAR.model_copy(update={"id": "0123456789ab", "title": "AGM"})
    issue = ISSUE.model_copy(update={"sections": (Section(blocks=(WEBINAR, TextBlock(markdown="Hi"))), Section(blocks=(other,)))})
    files = calendar_files(issue)
    assert sorted(files) == sorted(f"calendar/{ics_filename(event)}" for event in (WEBINAR, other))
    for path, content in files.items():
        assert ics_url(WEBINAR, issue).endswith(path) or ics_url(other, issue).endswith(path)
        assert Calendar.from_ical(content).walk("VEVENT")
