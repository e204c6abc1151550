"""Date rules: nothing in the email is over by the time readers get it."""

from datetime import date, datetime

from composer.checks.dates import (
    check_deadlines_before_send,
    check_event_end_before_start,
    check_events_before_send,
    check_issue_dates_in_past,
)
from composer.checks.findings import Severity
from composer.model import EventBlock, LinkItem, LinkListBlock, TextBlock

from check_helpers import TODAY, issue_with


def _event(start, end=None):
    return EventBlock(title="Webinar", start=start, end=end, register_url="https://www.charity.org.uk/book")


def test_event_over_before_the_send_date_is_an_error(run_rule):
    event = _event(datetime(2025, 3, 1, 16), datetime(2025, 3, 1, 17))
    [finding] = run_rule(check_events_before_send, issue_with(event))
    assert (finding.severity, finding.block_id, finding.field) == (Severity.ERROR, event.id, "start")


def test_event_on_the_send_date_gets_advice_and_a_running_one_a_warning(run_rule):
    on_the_day = _event(datetime(2025, 3, 4, 16))
    running = _event(datetime(2025, 3, 3, 9), datetime(2025, 3, 5, 17))
    findings = run_rule(check_events_before_send, issue_with(on_the_day, running))
    assert [(f.block_id, f.severity) for f in findings] == [(on_the_day.id, Severity.ADVICE), (running.id, Severity.WARNING)]


def test_events_after_the_send_date_pass(run_rule):
    assert run_rule(check_events_before_send, issue_with(_event(datetime(2025, 4, 2, 16)))) == []


def test_without_a_send_date_the_issue_date_is_used(run_rule):
    issue = issue_with(_event(datetime(2025, 3, 2, 16)), send_date=None)
    assert [f.severity for f in run_rule(check_events_before_send, issue)] == [Severity.ERROR]


def test_event_ending_before_it_starts_is_an_error_on_its_end(run_rule):
    event = _event(datetime(2025, 4, 2, 16), datetime(2025, 4, 2, 15))
    [finding] = run_rule(check_event_end_before_start, issue_with(event))
    assert (finding.severity, finding.field) == (Severity.ERROR, "end")
    assert run_rule(check_event_end_before_start, issue_with(_event(datetime(2025, 4, 2, 16), datetime(2025, 4, 2, 17)))) == []


def test_issue_and_send_dates_in_the_past_are_warnings(run_rule):
    issue = issue_with(issue_date=date(2025, 1, 6), send_date=date(2025, 1, 7))
    findings = run_rule(check_issue_dates_in_past, issue, today=TODAY)
    assert [(f.field, f.severity) for f in findings] == [("issue_date", Severity.WARNING), ("send_date", Severity.WARNING)]


def test_issue_dates_from_today_on_pass(run_rule):
    assert run_rule(check_issue_dates_in_past, issue_with(issue_date=TODAY, send_date=TODAY), today=TODAY) == []


def test_deadline_in_text_before_the_send_date_is_a_warning(run_rule):
    text = TextBlock(markdown="Applications close on Friday 28th February 2025, so apply soon.")
    links = LinkListBlock(items=(LinkItem(label="Survey", url="https://www.charity.org.uk/s", blurb="Reply by 1/3/2025"),))
    findings = run_rule(check_deadlines_before_send, issue_with(text, links))
    assert [(f.block_id, f.field) for f in findings] == [(text.id, "markdown"), (links.id, "items.0.blurb")]


def test_deadlines_after_sending_and_dates_that_are_not_deadlines_pass(run_rule):
    text = TextBlock(markdown="The report of 12 January 2025 is out. Book by 20 March 2025.")
    assert run_rule(check_deadlines_before_send, issue_with(text)) == []
