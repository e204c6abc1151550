"""One grammar for dates written in prose: the checks, New from previous and the importers find the same dates."""

from datetime import date, datetime

import pytest

from composer.checks.context import CheckContext
from composer.checks.dates import check_deadlines_before_send
from composer.importers.event_dates import EventTime, find_event_time
from composer.model import Issue, Section, TextBlock
from composer.model.carry_forward import passed_dates
from composer.model.written_dates import dates_in_text, written_dates
from composer.render import RenderedEmail

SENT = date(2024, 2, 1)


@pytest.mark.parametrize("written, meant", [
    ("5 Jan 2024", date(2024, 1, 5)),          # once found by the checks only
    ("5th January", date(2024, 1, 5)),         # once found by New from previous only
    ("Friday 5th January 2024", date(2024, 1, 5)),
    ("the 5th of January, 2024", date(2024, 1, 5)),
    ("January 5th", date(2024, 1, 5)),
    ("25/1/2024", date(2024, 1, 25)),          # day first; "5/1/2024" could be May, and the importer says so
    ("Fri. 5 Jan.", date(2024, 1, 5)),
])
def test_every_way_of_writing_a_date_is_found_by_every_reader(written, meant):
    text = f"Applications close by {written}, so do not wait."
    assert dates_in_text(text, around=SENT) == [meant]
    assert passed_dates(text, before=SENT, around=SENT) == [meant]          # New from previous
    assert [finding.field for finding in _deadline_findings(text)] == ["markdown"]  # the pre-flight checks
    event = find_event_time(f"The briefing is on {written} from 4pm to 5pm.", SENT)  # the importers
    four, five = datetime(meant.year, meant.month, meant.day, 16), datetime(meant.year, meant.month, meant.day, 17)
    assert event == EventTime(four, five, year_inferred="2024" not in written)


def test_words_that_only_look_like_dates_are_not_dates():
    assert written_dates("You may 2 to 3 times a year ask; in March 2024 and May 2025 we met.") == []
    assert dates_in_text("You may 2 to 3 times a year ask for help; March 2024 was busy.", around=SENT) == []
    assert dates_in_text("Not a date: 31 February, nor 30/02/2024.", around=SENT) == []


def test_a_date_without_a_year_is_left_out_unless_a_day_to_place_it_near_is_given():
    assert dates_in_text("The AGM is on 7 December.") == []
    assert dates_in_text("The AGM is on 7 December.", around=date(2024, 11, 1)) == [date(2024, 12, 7)]
    assert dates_in_text("The AGM is on 7 December.", around=date(2025, 1, 10)) == [date(2024, 12, 7)]


def _deadline_findings(markdown: str):
    issue = Issue(send_date=date(2024, 2, 1), sections=(Section(title="News", blocks=(TextBlock(markdown=markdown),)),))
    return list(check_deadlines_before_send(CheckContext(issue, RenderedEmail(html="", text="", mjml=""), date(2024, 1, 1))))
