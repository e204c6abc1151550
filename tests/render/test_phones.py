"""Phone numbers in the email's HTML keep their groups together; tags and addresses never change."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from composer.render.phones import NBSP, keep_phone_together, keep_phones_in_html


def _text_between_tags_only(html: str) -> str:
    """What keep_phones_in_html means: each text between tags on its own, every tag as it was."""
    parts = re.split(r"(<[^>]*>)", html)
    parts[::2] = [keep_phone_together(part) for part in parts[::2]]
    return "".join(parts)


def test_a_phone_number_in_a_paragraph_is_joined_and_one_in_a_link_address_is_not():
    html = '<p>Call 01632 960 123 or <a href="tel:01632 960 123" title="+44 20 7946 0000">+44 (0)20 7946 0000</a>.</p>'
    assert keep_phones_in_html(html) == (
        f'<p>Call 01632{NBSP}960{NBSP}123 or <a href="tel:01632 960 123" title="+44 20 7946 0000">'
        f'+44{NBSP}(0)20{NBSP}7946{NBSP}0000</a>.</p>')


def test_dates_prices_and_short_figures_stay_as_they_are():
    html = "<p>On 12 10 2023 at 18 30, £12 500 for 3 4 people, ref 07700-900 123.</p>"
    assert keep_phones_in_html(html) == html


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", '<a href="tel:01632 960 123">', "</a>", "<br>", "<", ">", " ", "  ",
                                 "0", "01632", "960", "123", "+44", "(0)20", "7946", "-", "/", ".", ",", "£", "x",
                                 "é", "\n", "07700 900 123"]), max_size=30))
def test_only_the_text_between_tags_changes(pieces):
    html = "".join(pieces)
    assert keep_phones_in_html(html) == _text_between_tags_only(html)
