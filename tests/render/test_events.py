"""Events readers can act on: British dates, calendar links, webinars by month, "In this issue"."""

from datetime import date, datetime

import lxml.html
import pytest

from composer.model import EventBlock, HeadingBlock, Issue, Section, TextBlock
from composer.render import render_email
from composer.render.dates import dates_in_text, event_when
from composer.render.grouping import shown_blocks

HOSTED = "https://files.charity.org.uk/spring"


def _webinar(title, start, **fields):
    return EventBlock(title=title, start=start, end=start.replace(hour=start.hour + 1),
                      register_url="https://www.charity.org.uk/book", **fields)


def _issue(*sections, **fields):
    settings = dict(title="Spring newsletter", send_date=date(2024, 1, 2), hosted_base_url=HOSTED, sections=sections)
    return Issue(**{**settings, **fields})


@pytest.mark.parametrize("start, end, zone, expected", [
    (datetime(2024, 1, 22, 16), datetime(2024, 1, 22, 17, 15), "Europe/London", "Monday 22 January 2024, 4pm–5:15pm"),
    (datetime(2024, 3, 7, 9, 30), datetime(2024, 3, 8, 16), "Europe/London",
     "Thursday 7 March 2024, 9:30am to Friday 8 March 2024, 4pm"),
    (datetime(2024, 6, 5, 12), None, "Europe/London", "Wednesday 5 June 2024, 12 noon"),
    (datetime(2024, 1, 22, 16), datetime(2024, 1, 22, 17), "America/New_York",
     "Monday 22 January 2024, 4pm–5pm EST (9pm–10pm UK time)"),
    (datetime(2024, 1, 22, 16), None, "Asia/Dubai", "Monday 22 January 2024, 4pm Dubai time, UTC+04 (12 noon UK time)"),
])
def test_event_dates_read_the_british_way(start, end, zone, expected):
    assert event_when(EventBlock(title="Event", start=start, end=end, timezone=zone)) == expected


def test_full_dates_are_found_in_prose_but_dates_without_a_year_are_not():
    text = "Closing date Fri 5th Jan 2024; replies by 15/01/2024; the AGM on 7 December."
    assert dates_in_text(text) == [date(2024, 1, 5), date(2024, 1, 15)]


def test_each_event_has_google_outlook_and_ics_links_in_html_and_text():
    webinar = _webinar("Grandparents", datetime(2024, 1, 22, 16))
    email = render_email(_issue(Section(title="Webinars", blocks=(webinar,))))
    doc = lxml.html.fromstring(email.html)
    [line] = doc.xpath("//p[contains(@class, 'nc-calendar')]")
    hrefs = [a.get("href") for a in line.xpath(".//a")]
    assert hrefs[0].startswith("https://calendar.google.com/calendar/render?")
    assert hrefs[1].startswith("https://outlook.live.com/calendar/0/action/compose?")
    assert hrefs[2].startswith(HOSTED + "/calendar/") and hrefs[2].endswith(".ics")
    assert doc.xpath("//a[@href='https://www.charity.org.uk/book' and normalize-space()='Register']")
    assert "Add to calendar:" in email.text and hrefs[2] in email.text


def test_without_a_hosted_address_the_ics_link_is_left_out():
    webinar = _webinar("Grandparents", datetime(2024, 1, 22, 16))
    email = render_email(_issue(Section(title="Webinars", blocks=(webinar,)), hosted_base_url=""))
    doc = lxml.html.fromstring(email.html)
    assert len(doc.xpath("//p[contains(@class, 'nc-calendar')]//a")) == 2
    assert ".ics" not in email.text


def test_event_without_booking_address_shows_no_dead_button():
    event = EventBlock(title="AGM", start=datetime(2024, 2, 1, 16))
    doc = lxml.html.fromstring(render_email(_issue(Section(title="News", blocks=(event,)))).html)
    assert not doc.xpath("//a[@href='#']")


def test_webinars_section_lists_events_by_month_in_date_order():
    intro = TextBlock(markdown="Our webinars this spring.")
    march = _webinar("March webinar", datetime(2024, 3, 5, 16))
    march_note = TextBlock(markdown="Slides will be shared afterwards.")
    january = _webinar("January webinar", datetime(2024, 1, 22, 16))
    early_march = _webinar("Early March webinar", datetime(2024, 3, 1, 10))
    closing = TextBlock(markdown="Recordings of past webinars are online.")
    section = Section(kind="webinars", title="Webinars", group_events_by_month=True,
                      blocks=(intro, march, march_note, january, early_march, closing))

    shown = [block.text if isinstance(block, HeadingBlock) else block.id for block in shown_blocks(section)]
    assert shown == [intro.id, "January 2024", january.id, "March 2024", early_march.id, march.id, march_note.id, closing.id]

    email = render_email(_issue(section))
    doc = lxml.html.fromstring(email.html)
    order = [element.text_content().strip() for element in doc.xpath("//h3 | //p[strong]") if element.text_content().strip()
             in ("January 2024", "March 2024", "January webinar", "March webinar", "Early March webinar")]
    assert order == ["January 2024", "January webinar", "March 2024", "Early March webinar", "March webinar"]
    assert email.text.index("January 2024") < email.text.index("January webinar") < email.text.index("March 2024")


def test_sections_not_set_to_group_keep_the_coordinators_order():
    later, earlier = _webinar("Later", datetime(2024, 3, 5, 16)), _webinar("Earlier", datetime(2024, 1, 22, 16))
    section = Section(kind="webinars", title="Webinars", blocks=(later, earlier))
    assert shown_blocks(section) == [later, earlier]


def test_in_this_issue_links_to_each_section_title():
    sections = (Section(title="News", blocks=(TextBlock(markdown="Hello"),)),
                Section(title="Webinars", anchor="events", blocks=(TextBlock(markdown="Soon"),)),
                Section(title="", blocks=(TextBlock(markdown="Untitled"),)))
    email = render_email(_issue(*sections, show_contents=True))
    doc = lxml.html.fromstring(email.html)
    [heading] = doc.xpath("//p[contains(@class, 'nc-contents')]")
    links = heading.getnext().xpath(".//a")
    assert [(a.text_content(), a.get("href")) for a in links] == [("News", "#news"), ("Webinars", "#events")]
    for a in links:
        assert doc.xpath(f"//h2[@id='{a.get('href')[1:]}']")
    assert "In this issue:\n• News\n• Webinars" in email.text


def test_in_this_issue_is_off_unless_chosen():
    email = render_email(_issue(Section(title="News", blocks=(TextBlock(markdown="Hello"),))))
    assert "In this issue" not in email.html and "In this issue" not in email.text
