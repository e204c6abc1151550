"""A new issue from the last one: the same shape, dates moved on, past events gone, deadlines flagged."""

from datetime import date, datetime

import pytest

from composer.model import ButtonBlock, EventBlock, HeadingBlock, Issue, Section, TextBlock
from composer.model.carry_forward import new_issue_from, next_edition, passed_dates


def _events(issue):
    return [block for _, block in issue.all_blocks() if isinstance(block, EventBlock)]


def test_coordinator_starts_winter_from_the_autumn_sample_and_past_events_are_dropped(sample_issue):
    new, report = new_issue_from(sample_issue, today=date(2023, 12, 1))

    assert (new.edition, new.title) == ("Winter 2023/24", "Newsletter – Winter 2023/24")
    assert (new.issue_date, new.send_date) == (date(2024, 2, 20), date(2024, 2, 21))
    # Only the March conference starts after the new send date.
    assert [event.title for event in _events(new)] == ["National Vulnerability and Exploitation Conference 2024"]
    dropped = " ".join(line.what for line in report.dropped)
    for title in ("Annual General Meeting 2023", "Safeguarding and grandparents", "Independent Scrutiny Network",
                  "Business Managers Network meeting"):
        assert title in dropped
    assert len(report.dropped) == 4


def test_same_sections_and_recurring_blocks_with_new_ids(sample_issue):
    new, _ = new_issue_from(sample_issue, today=date(2023, 12, 1))

    assert [(s.kind, s.title) for s in new.sections] == [(s.kind, s.title) for s in sample_issue.sections]
    old_ids = {s.id for s in sample_issue.sections} | {b.id for _, b in sample_issue.all_blocks()}
    new_ids = {s.id for s in new.sections} | {b.id for _, b in new.all_blocks()}
    assert not old_ids & new_ids
    assert new.sections[-1].blocks[1].type == "contact"   # Your Views keeps its contact block
    assert new.brand == sample_issue.brand and new.theme == sample_issue.theme


def test_passed_deadlines_and_month_headings_are_flagged_with_the_new_block(sample_issue):
    new, report = new_issue_from(sample_issue, today=date(2023, 12, 1))

    flagged = {line.what.split("” ")[0].split("“", 1)[1]: line for line in report.flagged}
    closing = flagged["Evaluating the multi-agency reforms – closes 30 November"]
    assert "30 November 2023" in closing.what and closing.section == "Research"
    assert any(block.id == closing.block_id for _, block in new.all_blocks())
    assert "a month that will have passed" in flagged["November"].what
    assert "followed an event that was dropped" in flagged["Register for the AGM"].what
    assert "February and March" not in flagged


def test_an_issue_made_long_after_moves_on_to_the_next_upcoming_edition(sample_issue):
    new, report = new_issue_from(sample_issue, today=date(2024, 6, 1))

    assert new.edition == "Summer 2024" and new.send_date == date(2024, 8, 21)
    assert _events(new) == []
    assert "(3 times)" in report.notes[0]


@pytest.mark.parametrize("label, expected", [
    ("Autumn 2023", "Winter 2023/24"),
    ("Winter 2023/24", "Spring 2024"),
    ("Spring 2024", "Summer 2024"),
    ("June 2017", "July 2017"),
    ("December 2017", "January 2018"),
    ("Newsletter – Issue 41", "Newsletter – Issue 42"),
    ("Our special edition", None),
])
def test_edition_labels_move_on(label, expected):
    assert next_edition(label) == expected


def test_monthly_edition_moves_dates_one_month_and_clamps_the_day():
    previous = Issue(edition="January 2025", title="Members' bulletin", issue_date=date(2025, 1, 31),
                     send_date=date(2025, 1, 31))
    new, report = new_issue_from(previous, today=date(2025, 2, 1))

    assert new.edition == "February 2025" and new.issue_date == date(2025, 2, 28)
    assert any("title “Members' bulletin” is unchanged" in note for note in report.notes)


def test_unrecognised_edition_is_left_alone_with_a_note():
    new, report = new_issue_from(Issue(edition="Special", issue_date=date(2025, 1, 1)), today=date(2025, 1, 2))

    assert new.edition == "Special" and new.issue_date == date(2025, 4, 1)
    assert any("“Special” was not recognised" in note for note in report.notes)


def test_heading_whose_only_event_passed_goes_with_it():
    section = Section(title="Events", blocks=(
        HeadingBlock(text="Coffee morning"),
        EventBlock(title="Coffee morning", start=datetime(2025, 1, 10, 10)),
        HeadingBlock(text="Spring fair"),
        EventBlock(title="Spring fair", start=datetime(2025, 4, 12, 10)),
        ButtonBlock(label="Book a stall", url="https://example.org/fair"),
        TextBlock(markdown="Stall bookings close on 1 March."),
    ))
    previous = Issue(edition="Winter 2024/25", issue_date=date(2025, 1, 5), send_date=date(2025, 1, 6),
                     sections=(section,))
    new, report = new_issue_from(previous, today=date(2025, 1, 20))

    assert [block.summary() for block in new.sections[0].blocks][0] == "Spring fair"
    assert [line.what for line in report.dropped][1] == "The heading “Coffee morning”, left with nothing under it"
    assert [line.what for line in report.flagged] == [
        "The text “Stall bookings close on 1 March.” mentions 1 March 2025, before the send date"]

def test_dates_in_prose_are_read_the_british_and_american_way():
    text = "Book by 3rd March, or March 20, 2025; forms due 05/02/2025. Not a date: 31 February."
    assert passed_dates(text, before=date(2025, 12, 1), around=date(2025, 1, 1)) == [
        date(2025, 2, 5), date(2025, 3, 3), date(2025, 3, 20)]


def test_a_winter_edition_dated_in_january_is_followed_by_that_years_spring():
    from composer.model.carry_forward import next_edition

    assert next_edition("Winter 2026", around=date(2027, 1, 12)) == "Spring 2027"
    assert next_edition("Winter 2026", around=date(2026, 12, 5)) == "Spring 2027"
    assert next_edition("Winter 2025", around=date(2026, 2, 1)) == "Spring 2026"
    assert next_edition("Winter 2026/27") == "Spring 2027"
