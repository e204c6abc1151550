from composer.render.markdown import markdown_to_html, markdown_to_text


def test_only_the_email_allow_list_survives():
    html = markdown_to_html("# Big\n\n**b** *i* `code` <span style='color:red'>x</span>\n\n> quote\n\n![pic](https://x.org/a.png)")
    for tag in ("<h1", "<span", "<code", "<blockquote", "<img"):
        assert tag not in html
    assert "<strong>b</strong>" in html and "<em>i</em>" in html


def test_lists_and_links():
    html = markdown_to_html("- one\n- [two](https://example.org)\n\n1. first")
    assert "<ul>" in html and "<ol>" in html and '<a href="https://example.org">two</a>' in html


def test_unsafe_links_are_not_links():
    html = markdown_to_html("[x](javascript:alert(1)) [y](data:text/html,hi)")
    assert "href" not in html


def test_plain_text_keeps_bullets_numbers_and_link_addresses():
    text = markdown_to_text("Intro with [a link](https://example.org).\n\n- one\n- two\n\n3. three\n4. four")
    assert text == "Intro with a link (https://example.org).\n\n• one\n• two\n\n3. three\n4. four"


def test_plain_text_wraps_long_paragraphs_without_breaking_addresses():
    long = "word " * 40 + "https://www.example.org/a/very/long/address/that/must/not/break"
    lines = markdown_to_text(long).splitlines()
    assert all(len(line) <= 76 for line in lines[:-1])
    assert lines[-1].endswith("must/not/break")
