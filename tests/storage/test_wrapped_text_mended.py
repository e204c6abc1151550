"""Files saved before format 3 carry the line wrapping of the old text box; they are mended as they open."""

import json
from datetime import datetime

from composer.model import EventBlock, Issue, QuoteBlock, Section, TextBlock
from composer.model.wrapped_markdown import mend_wrapped
from composer.render.markdown import markdown_to_html, markdown_to_text
from composer.storage import dumps_issue, loads_issue


def test_a_full_stop_wrapped_after_a_link_joins_it_again():
    wrapped = "Please read the [guidance](https://www.example.org/guidance)\n. Thank you."
    assert mend_wrapped(wrapped) == "Please read the [guidance](https://www.example.org/guidance). Thank you."
    assert "guidance</a>." in markdown_to_html(mend_wrapped(wrapped))


def test_bold_and_italic_split_from_their_words_are_whole_again():
    assert mend_wrapped("held online on **\nThursday 7 December**. The") == "held online on **Thursday 7 December**. The"
    assert mend_wrapped("our new *\nCommunications and Membership* officer") == \
        "our new *Communications and Membership* officer"
    assert mend_wrapped("held on **Thursday 7\nDecember\n** at noon") == "held on **Thursday 7\nDecember** at noon"
    assert mend_wrapped("A first line\n**\nBold start** of the second") == "A first line\n**Bold start** of the second"
    assert "<strong>Thursday 7 December</strong>" in markdown_to_html(mend_wrapped("on **\nThursday 7 December**"))


def test_ordinary_line_ends_lists_and_hard_breaks_are_left_alone():
    for text in ("A line\nthat wrapped at a space", "Intro:\n* one\n* two", "Steps:\n1. one\n2. two",
                 "Line one\\\n. Dotted line", "Line one  \n(aside)", "5 *\n 3", "**Bold**\n*Italic*"):
        assert mend_wrapped(text) == text, text


def _format_2(issue: Issue) -> str:
    data = json.loads(dumps_issue(issue))
    data["format_version"] = 2
    return json.dumps(data)


def test_a_format_2_file_opens_mended_and_saves_as_format_3():
    damaged = Issue(title="Autumn", sections=(Section(kind="news", title="News", blocks=(
        TextBlock(markdown="online on **\nThursday 7 December**. Read the [guidance](https://example.org/g)\n."),
        EventBlock(title="AGM", start=datetime(2023, 12, 7, 14), description="See the [agenda](https://example.org/a)\n, then book."),
        QuoteBlock(text="Plain words\n. kept as typed", attribution="A member"),
    )),))
    issue = loads_issue(_format_2(damaged))
    text, event, quote = issue.sections[0].blocks
    assert text.markdown == "online on **Thursday 7 December**. Read the [guidance](https://example.org/g)."
    assert event.description == "See the [agenda](https://example.org/a), then book."
    assert quote.text == "Plain words\n. kept as typed"  # one-line words were never written by the wrapping writer
    assert markdown_to_text(text.markdown).startswith("online on Thursday 7 December. Read the guidance")
    assert json.loads(dumps_issue(issue))["format_version"] == 3
    again = loads_issue(dumps_issue(issue))
    assert again == issue


def test_a_format_3_file_is_read_exactly_as_written():
    exact = Issue(title="Winter", sections=(Section(kind="news", title="News", blocks=(
        TextBlock(markdown="A sentence that ends a line\n. and a dot that was typed there"),
    )),))
    assert loads_issue(dumps_issue(exact)) == exact
