"""Link rules: a coordinator sees links that would fail or puzzle readers before sending."""

from datetime import datetime

import pytest

from composer.checks.findings import Severity
from composer.checks.links import (
    block_links,
    check_link_targets,
    check_link_text,
    check_mailto_addresses,
    check_same_label_different_places,
)
from composer.model import ButtonBlock, EventBlock, LinkItem, LinkListBlock, TextBlock

from check_helpers import issue_with


def test_button_without_address_is_an_error_pointing_at_its_url_field(run_rule):
    button = ButtonBlock(label="Book now")
    [finding] = run_rule(check_link_targets, issue_with(button))
    assert finding.severity is Severity.ERROR
    assert (finding.block_id, finding.field) == (button.id, "url")
    assert "Book now" in finding.message


@pytest.mark.parametrize("markdown", [
    "Read [the report](#) today.",
    "Read [the report]() today.",
    "Read [the report](www.charity.org.uk/report) today.",
    "Read [the report](https://charity.org.uk/TODO) today.",
    "Read [the report](https://localhost/report) today.",
])
def test_unfinished_links_in_text_are_errors(run_rule, markdown):
    text = TextBlock(markdown=markdown)
    [finding] = run_rule(check_link_targets, issue_with(text))
    assert finding.severity is Severity.ERROR
    assert (finding.block_id, finding.field) == (text.id, "markdown")


def test_example_sites_are_a_warning_not_an_error(run_rule):
    [finding] = run_rule(check_link_targets, issue_with(ButtonBlock(label="Book", url="https://www.example.org/book")))
    assert finding.severity is Severity.WARNING


def test_good_links_pass(run_rule):
    issue = issue_with(
        TextBlock(markdown="Read [the annual report](https://www.charity.org.uk/report) or <https://charity.org.uk>."),
        ButtonBlock(label="Book your place", url="https://www.charity.org.uk/book"),
        LinkListBlock(items=(LinkItem(label="Guidance", url="https://www.gov.uk/guidance"),)),
    )
    assert run_rule(check_link_targets, issue) == []


def test_event_without_booking_link_gets_advice(run_rule):
    event = EventBlock(title="AGM", start=datetime(2025, 4, 1, 16))
    [finding] = run_rule(check_link_targets, issue_with(event))
    assert (finding.severity, finding.field) == (Severity.ADVICE, "register_url")
    booked = event.model_copy(update={"register_url": "https://www.charity.org.uk/agm"})
    assert run_rule(check_link_targets, issue_with(booked)) == []


@pytest.mark.parametrize("label", ["click here", "Here", "Read more…", "CLICK HERE!"])
def test_link_text_that_only_says_click_here_is_a_warning(run_rule, label):
    text = TextBlock(markdown=f"The report is out: [{label}](https://www.charity.org.uk/report)")
    [finding] = run_rule(check_link_text, issue_with(text))
    assert finding.severity is Severity.WARNING and finding.block_id == text.id


def test_link_text_that_says_where_it_goes_passes(run_rule):
    text = TextBlock(markdown="[Read the annual report](https://www.charity.org.uk/report)")
    assert run_rule(check_link_text, issue_with(text)) == []


def test_same_label_to_two_places_is_reported_at_the_second(run_rule):
    first = ButtonBlock(label="Book now", url="https://www.charity.org.uk/agm")
    second = ButtonBlock(label="Book now", url="https://www.charity.org.uk/webinar")
    [finding] = run_rule(check_same_label_different_places, issue_with(first, second))
    assert finding.block_id == second.id and finding.severity is Severity.WARNING


def test_same_label_to_the_same_place_passes(run_rule):
    first = ButtonBlock(label="Book now", url="https://www.charity.org.uk/agm")
    second = TextBlock(markdown="[Book now](https://www.charity.org.uk/agm/)")
    assert run_rule(check_same_label_different_places, issue_with(first, second)) == []


def test_mailto_with_a_broken_address_is_an_error(run_rule):
    text = TextBlock(markdown="Write to [our team](mailto:team@charity) or [Sam](mailto:sam@charity.org.uk).")
    [finding] = run_rule(check_mailto_addresses, issue_with(text))
    assert "team@charity" in finding.message and finding.severity is Severity.ERROR
    assert run_rule(check_link_targets, issue_with(text)) == []  # reported once, by the mailto rule


def test_valid_mailto_passes(run_rule):
    text = TextBlock(markdown="Write to [our team](mailto:team@charity.org.uk?subject=Hello).")
    assert run_rule(check_mailto_addresses, issue_with(text)) == []


def test_block_links_name_the_field_of_each_list_item():
    block = LinkListBlock(items=(LinkItem(label="A", url="https://a.org"), LinkItem(label="B", url="")))
    assert [link.field for link in block_links(block)] == ["items.0.url", "items.1.url"]
