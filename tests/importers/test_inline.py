"""Plain text → Markdown that shows exactly what was typed, with addresses linked."""

import pytest

from composer.importers.inline import line_to_markdown
from composer.importers.visible_text import markdown_text


@pytest.mark.parametrize("line", [
    "- not a list", "3. not a list", "# not a heading", "> not a quote", "---", "===", "~~~ fence",
    "*stars*", "__under__", "[square] brackets", "a \\ backslash", "`ticks`", "<b>tags</b>", "&copy; entity",
])
def test_markdown_characters_show_as_typed(line):
    assert markdown_text(line_to_markdown(line)) == line


def test_web_addresses_become_links_without_their_full_stop():
    assert line_to_markdown("See www.example.org/a_b.") == "See [www.example.org/a\\_b](https://www.example.org/a_b)."


def test_email_addresses_become_mail_links():
    assert line_to_markdown("Write to jo@example.org today") == "Write to [jo@example.org](mailto:jo@example.org) today"


def test_full_web_addresses_keep_their_scheme():
    assert line_to_markdown("http://example.org/x") == "[http://example.org/x](http://example.org/x)"
