"""Reading an event's date and time range, and refusing when it is not clear."""

from datetime import date, datetime

import pytest

from composer.importers.event_dates import EventTime, EventTimeProblem, find_event_time, infer_year, reference_date

AUTUMN_2023 = date(2023, 9, 1)


@pytest.mark.parametrize("text, start, end", [
    ("Tuesday, 14th November 2023 from 10:30am to 12pm", datetime(2023, 11, 14, 10, 30), datetime(2023, 11, 14, 12, 0)),
    ("3 October, 2023 from 4pm to 5:15pm.", datetime(2023, 10, 3, 16, 0), datetime(2023, 10, 3, 17, 15)),
    ("Join us on October 3rd 2023, 2-3.30pm", datetime(2023, 10, 3, 14, 0), datetime(2023, 10, 3, 15, 30)),
    ("Meeting on 5 Dec 2023 14:00–15:30 online", datetime(2023, 12, 5, 14, 0), datetime(2023, 12, 5, 15, 30)),
    ("On 12/12/2023 from 09:00 to 10:30", datetime(2023, 12, 12, 9, 0), datetime(2023, 12, 12, 10, 30)),
])
def test_event_times_are_read_from_common_ways_of_writing_them(text, start, end):
    assert find_event_time(text, AUTUMN_2023) == EventTime(start, end)


def test_a_date_without_year_takes_the_year_near_the_newsletter():
    when = find_event_time("The quiz is on 6th December from 7pm to 9pm.", AUTUMN_2023)
    assert when == EventTime(datetime(2023, 12, 6, 19), datetime(2023, 12, 6, 21), year_inferred=True)


def test_january_in_an_autumn_newsletter_is_next_year():
    assert infer_year(1, 20, AUTUMN_2023) == 2024


def test_a_month_just_gone_stays_in_the_same_year():
    assert infer_year(8, 20, AUTUMN_2023) == 2023


@pytest.mark.parametrize("text, reason", [
    ("Friday 4th January 2024 from 4pm to 5pm", "not a Friday"),
    ("On 3/4/2024 from 1pm to 2pm", "day/month or month/day"),
    ("10th March 2024 from 4:30 to 5:30", "am or pm"),
    ("2nd May 2024 or 9th May 2024, 1pm to 2pm", "more than one date"),
    ("30th February 2024 from 1pm to 2pm", "not a real date"),
])
def test_unclear_event_times_give_a_reason(text, reason):
    result = find_event_time(text, AUTUMN_2023)
    assert isinstance(result, EventTimeProblem) and reason in result.reason


def test_a_date_without_year_needs_the_newsletters_date():
    assert isinstance(find_event_time("6th December from 7pm to 9pm", None), EventTimeProblem)


@pytest.mark.parametrize("text", [
    "The deadline is 30th November.",
    "Children aged 5 to 7 may attend.",
    "Sessions run from 4pm to 5pm every week.",
    "You may 2 to 3 times a year ask for help.",
])
def test_text_without_both_a_date_and_a_time_range_is_no_event(text):
    assert find_event_time(text, AUTUMN_2023) is None


@pytest.mark.parametrize("title, expected", [
    ("Newsletter – Autumn 2023", date(2023, 9, 1)),
    ("Members' Bulletin March 2021", date(2021, 3, 1)),
    ("Newsletter", None),
])
def test_the_newsletter_date_comes_from_its_title(title, expected):
    assert reference_date(title) == expected
