"""Each block type declares what its fields hold, once; a type that forgets a field is refused."""

from datetime import date, datetime
from typing import Literal

import pytest

from composer.model import BLOCK_TITLES, BLOCK_TYPES, ButtonBlock, EventBlock, ImageBlock, LinkItem, LinkListBlock
from composer.model.blocks import Block, BlockIcon
from composer.model.roles import SHARED_FIELDS, Declared, Entries, Link, Picture, Prose, parts


def _declared_models():
    """Every block type and every kind of list entry they hold."""
    for cls in BLOCK_TYPES.values():
        yield cls
        for role in cls.roles.values():
            if isinstance(role, Entries):
                yield role.of


@pytest.mark.parametrize("cls", list(_declared_models()), ids=lambda cls: cls.__name__)
def test_every_field_of_every_block_type_declares_its_role(cls):
    assert set(cls.model_fields) - SHARED_FIELDS == set(cls.roles)
    for name, role in cls.roles.items():
        for sibling in (getattr(role, "words", None), getattr(role, "alt", None), getattr(role, "decorative", None),
                        getattr(role, "width_field", None), getattr(role, "level_field", None)):
            assert sibling is None or sibling in cls.model_fields, f"{cls.__name__}.{name} names {sibling}"


def test_a_block_type_with_a_field_but_no_role_is_refused_when_it_is_made():
    with pytest.raises(TypeError, match="caption"):
        class VideoBlock(Block):
            type: Literal["video"] = "video"
            roles = {"url": Link()}
            url: str = ""
            caption: str = ""

    with pytest.raises(TypeError, match="caption"):
        class Chapter(Declared):
            roles = {"title": Prose()}
            title: str = ""
            caption: str = ""


@pytest.mark.parametrize("name, cls", list(BLOCK_TYPES.items()))
def test_every_block_type_has_a_title_an_icon_and_starts_valid(name, cls):
    assert cls.block_title and cls.block_title != Block.block_title and BLOCK_TITLES[name] == cls.block_title
    assert isinstance(cls.icon, BlockIcon) and cls.icon != Block.icon
    fresh = cls.new(date(2025, 3, 4))
    assert fresh.type == name and type(fresh).model_validate(fresh.model_dump()) == fresh


def test_a_new_event_starts_two_weeks_after_the_send_date_for_an_hour():
    event = EventBlock.new(date(2099, 3, 4))
    assert event.start == datetime(2099, 3, 18, 10) and event.end == datetime(2099, 3, 18, 11)


def test_parts_walk_entries_with_paths_and_read_siblings_from_the_same_entry():
    links = LinkListBlock(items=(LinkItem(label="A", url="https://a.org"), LinkItem(label="B", blurb="b")))
    found = [(part.path, type(part.role).__name__) for part in parts(links)]
    assert found == [("items.0.label", "Prose"), ("items.0.url", "Link"), ("items.0.blurb", "Prose"),
                     ("items.1.label", "Prose"), ("items.1.url", "Link"), ("items.1.blurb", "Prose")]
    second_url = [part for part in parts(links) if part.path == "items.1.url"][0]
    assert second_url.sibling(second_url.role.words) == "B"


def test_prose_fields_stay_the_preview_view_of_the_roles():
    """The preview types in prose shown as text; alt text is prose (spelt, checked) but never typed in the page."""
    assert set(ButtonBlock.prose_fields) == {"label"}
    assert set(EventBlock.prose_fields) == {"title", "description", "register_label"}
    assert ImageBlock.prose_fields == {} and isinstance(ImageBlock.roles["alt"], Prose)
    assert LinkListBlock.prose_fields["items"].entries and set(LinkItem.prose_fields) == {"label", "blurb"}
    assert isinstance(ImageBlock.roles["src"], Picture) and ImageBlock.roles["src"].alt == "alt"
