"""Library entries, linked blocks and detaching, as plain data."""

import pytest
from pydantic import ValidationError

from composer.model import ContactBlock, Issue, Section, TextBlock
from composer.model import edits
from composer.model.library import (
    LibraryEntry, detach, entry_from_blocks, entry_from_section, resolve_linked, update_entry_from_block,
)


def _contact_entry(phone="01632 960 111"):
    return LibraryEntry(id="contact", name="Contact footer", tags=("footer",), kind="blocks",
                        blocks=(ContactBlock(phone=phone, email="hello@example.org"),))


def test_saving_a_section_makes_a_template_whose_copies_get_new_ids(small_issue):
    section = small_issue.sections[1]
    entry = entry_from_section("Webinars", section, ("events",))
    copy = entry.copy_section()
    assert entry.kind == "section" and entry.summary() == "Webinars section · 2 blocks"
    assert copy.id != section.id and [b.id for b in copy.blocks] != [b.id for b in section.blocks]
    assert [b.model_dump(exclude={"id"}) for b in copy.blocks] == [b.model_dump(exclude={"id"}) for b in section.blocks]


def test_saving_a_linked_block_stores_plain_content():
    linked = ContactBlock(phone="1", library_entry="elsewhere")
    entry = entry_from_blocks("Mine", [linked])
    assert entry.blocks[0].library_entry is None


def test_an_entry_must_hold_what_its_kind_says():
    with pytest.raises(ValidationError):
        LibraryEntry(name="Empty", kind="blocks")
    with pytest.raises(ValidationError):
        LibraryEntry(name="No section", kind="section", blocks=(TextBlock(markdown="x"),))


def test_search_matches_name_tags_and_content():
    entry = _contact_entry()
    assert entry.matches("footer") and entry.matches("CONTACT 01632") and entry.matches("")
    assert not entry.matches("webinar")


def test_a_linked_block_shows_the_entry_as_it_is_now(small_issue):
    entry = _contact_entry()
    block = entry.linked_block()
    issue = edits.insert_block(small_issue, small_issue.sections[0].id, 1, block)
    library = {"contact": update_entry_from_block(entry, block.model_copy(update={"phone": "0800 000 000"}))}

    resolved, unresolved = resolve_linked(issue, library)

    shown = edits.find_block(resolved, block.id)
    assert unresolved == ()
    assert shown.phone == "0800 000 000" and shown.library_entry == "contact" and shown.id == block.id
    assert edits.find_block(issue, block.id).phone == "01632 960 111"  # the issue keeps its snapshot


def test_a_link_to_a_missing_entry_keeps_the_snapshot_and_is_reported(small_issue):
    block = _contact_entry().linked_block()
    issue = edits.insert_block(small_issue, small_issue.sections[0].id, 0, block)
    resolved, unresolved = resolve_linked(issue, {})
    assert resolved == issue and unresolved == ("contact",)


def test_detaching_keeps_what_the_block_showed_and_drops_the_link():
    entry = _contact_entry()
    block = entry.linked_block()
    issue = Issue(sections=(Section(blocks=(block,)),))
    library = {"contact": entry.model_copy(update={"blocks": (entry.blocks[0].model_copy(update={"phone": "999"}),)})}
    detached = edits.find_block(detach(issue, block.id, library), block.id)
    assert detached.library_entry is None and detached.phone == "999"


def test_only_single_block_entries_can_be_linked():
    entry = entry_from_blocks("Two", [TextBlock(markdown="a"), TextBlock(markdown="b")])
    assert not entry.can_link()
    with pytest.raises(ValueError):
        entry.linked_block()
