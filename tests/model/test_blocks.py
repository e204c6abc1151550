from datetime import datetime

import pytest

from composer.model import BLOCK_TYPES, ButtonBlock, ContactBlock, EventBlock, ImageBlock, InvalidValue, LinkItem, TextBlock
from composer.model import edits
from composer.model.values import url_problem


@pytest.mark.parametrize("url", ["https://www.example.org/a?b=c", "http://example.org", "mailto:a@example.org",
                                 "tel:+441632960000", ""])
def test_links_a_mail_client_can_follow_are_accepted(url):
    assert url_problem(url) is None
    assert ButtonBlock(label="Go", url=url).url == url.strip()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "www", "example", "ftp://example.org",
                                 "https://", "mailto:not-an-address", "https://exa mple.org"])
def test_other_links_are_refused_with_a_message_that_names_the_block(url, small_issue):
    button = small_issue.sections[1].blocks[1]
    with pytest.raises(InvalidValue) as caught:
        edits.update_block(small_issue, button.id, url=url)
    message = str(caught.value)
    assert message.startswith("The button “See all webinars”: url: ")
    assert "url" in message


def test_every_block_type_has_a_stable_id_and_a_summary():
    for name, cls in BLOCK_TYPES.items():
        fields = {"start": datetime(2025, 1, 1, 10)} if name == "event" else {}
        block = cls(**fields)
        assert block.type == name and len(block.id) == 12
        assert block.summary()
        assert cls.model_validate(block.model_dump()).id == block.id


def test_event_times_must_be_real_dates_in_a_known_zone():
    with pytest.raises(ValueError):
        EventBlock(title="x", start="2025-02-30T10:00")
    with pytest.raises(ValueError):
        EventBlock(title="x", start=datetime(2025, 1, 1, 10), timezone="Mars/Olympus")


def test_contact_email_and_image_source_are_checked():
    with pytest.raises(ValueError):
        ContactBlock(email="not an address")
    with pytest.raises(ValueError):
        ImageBlock(src="javascript:alert(1)")
    assert ImageBlock(src="images/photo.jpg").src == "images/photo.jpg"
    with pytest.raises(ValueError):
        LinkItem(label="x", url="javascript:alert(1)")


def test_blocks_are_immutable():
    block = TextBlock(markdown="hello")
    with pytest.raises(Exception):
        block.markdown = "changed"


def test_a_blocks_first_words_read_only_its_beginning_yet_say_the_same():
    """Naming a block reads its start only (the checks name a block once per link: a long text took minutes)."""
    from hypothesis import given, settings, strategies as st

    from composer.model.blocks import _first_words, _visible_words

    def full_reading(text, limit=60):
        words = _visible_words(text)
        return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"

    pieces = st.sampled_from(["word", " ", "  ", "\n", "**", "_", "#", "\\*", "\\", "[link](https://e.org)", "é", "x" * 70])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(pieces, max_size=600))
    def check(parts):
        text = "".join(parts)
        assert _first_words(text) == full_reading(text)

    check()


@pytest.mark.parametrize("typed, whole", [
    ("www.example.org/agm", "https://www.example.org/agm"),
    ("example.org", "https://example.org"),
    ("  example.org/a?b=c  ", "https://example.org/a?b=c"),
    ("//cdn.example.org/x", "https://cdn.example.org/x"),
    ("www.example.org:8080/x", "https://www.example.org:8080/x"),
    ("hello@example.org", "mailto:hello@example.org"),
    ("https://www.example.org", "https://www.example.org"),
    ("HTTP://example.org", "HTTP://example.org"),
    ("tel:01632960123", "tel:01632960123"),
    ("javascript:alert(1)", "javascript:alert(1)"),  # left for url_problem to refuse
    ("agm", "agm"),
    ("a b.org", "a b.org"),
    ("", ""),
])
def test_a_link_typed_as_people_type_it_is_made_whole(typed, whole):
    from composer.model.values import completed_address

    assert completed_address(typed) == whole
