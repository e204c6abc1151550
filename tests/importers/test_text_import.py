"""A coordinator imports an old plain-text newsletter and finds it in blocks."""

from datetime import datetime

import pytest
from hypothesis import given, settings, strategies as st

from composer.importers import import_text, lost_lines, visible_text
from composer.model import ButtonBlock, ContactBlock, EventBlock, HeadingBlock, QuoteBlock, SignatureBlock, TextBlock

MADE_UP_NEWSLETTER = """\
Bulletin – Spring 2024

Introduction

Hello to all our members. This spring we have lots to share.

Priya Shah
Chair

Association News

Garden Project Opens

The new garden opened in March and *everyone* is welcome. Read more at www.example.org/garden.

SIGN UP TODAY

Things you can do:

• Plant a tree
• Water the beds

Webinars

Caring for Carers: what helps?

Thursday, 18th April 2024 from 2pm to 3:30pm

Talking Together
A coffee morning on 9th May from 10:30 to 12:00 at the hall.

Afterword

Kindness is never wasted. (Aesop Fabulist)

Contact Us

Call 01632 960 555 or write to office@example.org with any questions.
"""


def imported():
    return import_text(MADE_UP_NEWSLETTER)


def blocks_of(result, title):
    return next(s for s in result.issue.sections if s.title == title).blocks


def test_coordinator_sees_title_and_sections_from_the_old_newsletter():
    result = imported()
    assert result.issue.title == "Bulletin – Spring 2024"
    assert result.issue.edition == "Spring 2024"
    assert [(s.kind, s.title) for s in result.issue.sections] == [
        ("introduction", "Introduction"), ("news", "Association News"), ("webinars", "Webinars"),
        ("afterword", "Afterword"), ("your_views", "Contact Us"),
    ]


def test_headings_buttons_and_bullets_become_their_blocks():
    news = blocks_of(imported(), "Association News")
    assert [b.type for b in news] == ["heading", "text", "button", "text"]
    assert news[0] == HeadingBlock(id=news[0].id, text="Garden Project Opens", level=3)
    assert "[www.example.org/garden](https://www.example.org/garden)" in news[1].markdown
    assert r"\*everyone\*" in news[1].markdown
    assert isinstance(news[2], ButtonBlock) and news[2].label == "SIGN UP TODAY" and news[2].url == ""
    assert news[3].markdown == "Things you can do:\n\n- Plant a tree\n- Water the beds"


def test_signature_closes_the_introduction():
    intro = blocks_of(imported(), "Introduction")
    assert isinstance(intro[-1], SignatureBlock) and (intro[-1].name, intro[-1].role) == ("Priya Shah", "Chair")


def test_event_lines_become_events_with_their_times():
    webinars = blocks_of(imported(), "Webinars")
    events = [b for b in webinars if isinstance(b, EventBlock)]
    assert [(e.title, e.start, e.end) for e in events] == [
        ("Caring for Carers: what helps?", datetime(2024, 4, 18, 14), datetime(2024, 4, 18, 15, 30)),
        ("Talking Together", datetime(2024, 5, 9, 10, 30), datetime(2024, 5, 9, 12)),
    ]


def test_quote_and_contact_details_are_recognised():
    result = imported()
    quote = blocks_of(result, "Afterword")[0]
    assert isinstance(quote, QuoteBlock) and quote.attribution == "Aesop Fabulist"
    contact = blocks_of(result, "Contact Us")[-1]
    assert isinstance(contact, ContactBlock) and (contact.phone, contact.email) == ("01632 960 555", "office@example.org")


def test_report_lists_counts_and_the_button_needing_a_link():
    result = imported()
    report = result.report
    assert report.block_counts["event"] == 2 and report.block_counts["button"] == 1
    button = blocks_of(result, "Association News")[2]
    assert [item.block_id for item in report.attention if not item.from_checks] == []
    flagged = [item for item in report.attention if item.block_id == button.id]
    assert len(flagged) == 1 and flagged[0].from_checks and "has no address" in flagged[0].message
    text = report.as_text()
    assert "SIGN UP TODAY" in text and "Association News [News]" in text and f"Needs attention ({len(report.attention)})" in text


def test_an_unclear_event_date_stays_text_and_is_reported():
    result = import_text("News\n\nQuiz Night\n\nFriday 4th January 2024 from 7pm to 9pm at the hall\n")
    block = result.issue.sections[0].blocks[-1]
    assert isinstance(block, TextBlock)
    own = [i for i in result.report.attention if not i.from_checks]
    assert [(i.block_id, "not a Friday" in i.message) for i in own] == [(block.id, True)]


def test_text_before_any_heading_gets_a_section_of_its_own():
    result = import_text("A newsletter without headings starts straight with a long sentence.\n")
    assert [s.kind for s in result.issue.sections] == ["custom"]
    assert result.issue.title == "Newsletter"
    assert lost_lines("A newsletter without headings starts straight with a long sentence.", result.issue) == []


def test_markdown_characters_in_the_old_text_show_as_typed():
    source = "News\n\n1. not a list\n# not a heading\n*stars* and _underscores_ and [brackets] &amp;\n"
    result = import_text(source)
    assert "1. not a list\n# not a heading\n*stars* and _underscores_ and [brackets] &amp;" in visible_text(result.issue)


def test_nothing_is_lost_from_the_made_up_newsletter():
    assert lost_lines(MADE_UP_NEWSLETTER, imported().issue) == []


_FRAGMENTS = st.sampled_from([
    "Introduction", "Stakeholder News", "Networks", "Afterword", "Contact us", "REGISTER HERE", "BOOK NOW",
    "• a bullet", "- dash item", "1. numbered", "# hash", "> angle", "---", "===", "*", "_", "[x]", "&amp;",
    "Jo Bloggs", "Chair", "Tea Party Success", "(Ann Other)", "“Quoted words here.”", "Monday, 4th March 2024",
    "from 4pm to 5pm", "7th December 10:30 to 12:00", "www.example.org/a_b", "help@example.org",
    "01632 960 123", "@handle", "Read more here.", "Questions?", ":", "…", "\\", "`code`", "<b>",
])
_LINE = st.lists(
    st.one_of(_FRAGMENTS, st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)),
    min_size=1, max_size=5,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_LINE, st.just("")), min_size=1, max_size=25))
def test_no_line_is_ever_lost_from_any_text(lines):
    source = "\n".join(lines)
    result = import_text(source)
    assert lost_lines(source, result.issue) == []


def test_a_sign_off_with_a_name_and_role_below_it_is_a_signature():
    result = import_text("Introduction\n\nThank you all for a busy year of work together.\n\n"
                         "With best wishes,\nJo Bloggs\nChair of Trustees\n")
    closing, signature = result.issue.sections[0].blocks[-2:]
    assert isinstance(closing, TextBlock) and closing.markdown == "With best wishes,"
    assert isinstance(signature, SignatureBlock) and (signature.name, signature.role) == ("Jo Bloggs", "Chair of Trustees")


def test_contact_details_from_different_paragraphs_are_never_combined():
    source = ("Stakeholder News\n\nThe review team asks for evidence: write to review.team@example.gov.uk by May.\n\n"
              + "A paragraph of news in between.\n\n" * 20
              + "Call the association on 0161 496 0000 with any question.\n")
    result = import_text(source)
    contacts = [b for _, b in result.issue.all_blocks() if isinstance(b, ContactBlock)]
    assert len(contacts) == 1 and (contacts[0].phone, contacts[0].email) in (("0161 496 0000", ""), ("", "review.team@example.gov.uk"))


def test_contact_details_given_together_stay_together():
    result = import_text("Your Views\n\nPhone 0161 496 0000 or email hello@example.org.\n\nWe read every message.\n")
    contact = next(b for _, b in result.issue.all_blocks() if isinstance(b, ContactBlock))
    assert (contact.phone, contact.email) == ("0161 496 0000", "hello@example.org")


@pytest.mark.parametrize("heading", ["Coming Up Next...", "And Finally..", "Watch This Space…"])
def test_a_heading_ending_in_dots_that_stands_alone_is_a_heading(heading):
    result = import_text(f"Association News\n\n{heading}\n\nThe committee meets again in the spring to plan the year.\n")
    blocks = result.issue.sections[0].blocks
    assert isinstance(blocks[0], HeadingBlock) and blocks[0].text == heading
