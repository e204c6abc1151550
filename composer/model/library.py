"""The reusable-block library: saved blocks and section templates, and linked (synced) blocks.

A library entry holds either a run of blocks or a whole section. Inserting an
entry makes a copy with new ids; inserting it *linked* marks the copy with the
entry's id, so the preview shows the entry's current content while the issue
keeps a snapshot that still renders where the library is missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .blocks import AnyBlock, Block, new_id
from .edits import copy_section_with_new_ids, copy_with_new_ids, find_block, replace_block
from .issue import SECTION_KIND_TITLES, Issue, Section

EntryKind = Literal["blocks", "section"]
ENTRY_KIND_TITLES: dict[str, str] = {"blocks": "Blocks", "section": "Section template"}

Library = Mapping[str, "LibraryEntry"]


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


class LibraryEntry(BaseModel):
    """One saved thing: a run of blocks or a section, with a name and tags to find it by."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(default_factory=new_id, min_length=1)
    name: str = Field(min_length=1)
    tags: tuple[str, ...] = ()
    kind: EntryKind
    blocks: tuple[AnyBlock, ...] = ()
    section: Section | None = None
    updated: datetime = Field(default_factory=_now)

    @model_validator(mode="after")
    def _content_matches_kind(self) -> LibraryEntry:
        if self.kind == "blocks" and (not self.blocks or self.section is not None):
            raise ValueError("a blocks entry needs at least one block and no section")
        if self.kind == "section" and (self.section is None or self.blocks):
            raise ValueError("a section entry needs a section and no loose blocks")
        return self

    def summary(self) -> str:
        """One line for the library list: what it is and what it starts with."""
        if self.kind == "section":
            section = self.section
            title = section.title or SECTION_KIND_TITLES[section.kind]
            return f"{title} section · {len(section.blocks)} blocks"
        first = self.blocks[0].summary()
        more = f" +{len(self.blocks) - 1} more" if len(self.blocks) > 1 else ""
        return first + more

    def matches(self, text: str) -> bool:
        """True when every word of a search appears in the name, tags or summary."""
        haystack = " ".join((self.name, *self.tags, self.summary())).lower()
        return all(word in haystack for word in text.lower().split())

    def can_link(self) -> bool:
        """Only a single-block entry can be linked: one block in the issue follows one entry."""
        return self.kind == "blocks" and len(self.blocks) == 1

    def copy_blocks(self) -> list[Block]:
        """The entry's blocks as fresh, unlinked copies for an issue."""
        return [copy_with_new_ids(block) for block in self._own_blocks()]

    def copy_section(self) -> Section:
        """The section template as a fresh, unlinked copy for an issue."""
        return copy_section_with_new_ids(self.section)

    def linked_block(self) -> Block:
        """A new block in an issue that follows this entry (its content is today's snapshot)."""
        if not self.can_link():
            raise ValueError(f"the library entry {self.name!r} holds more than one block and cannot be linked")
        return copy_with_new_ids(self.blocks[0]).model_copy(update={"library_entry": self.id})

    def _own_blocks(self) -> tuple[Block, ...]:
        return self.section.blocks if self.kind == "section" else self.blocks


def entry_from_blocks(name: str, blocks: list[Block], tags: tuple[str, ...] = ()) -> LibraryEntry:
    """A new entry holding copies of *blocks*; links are dropped so the entry stands alone."""
    return LibraryEntry(name=name, tags=tags, kind="blocks", blocks=tuple(_unlinked(block) for block in blocks))


def entry_from_section(name: str, section: Section, tags: tuple[str, ...] = ()) -> LibraryEntry:
    """A new entry holding a copy of a whole section as a template."""
    copy = copy_section_with_new_ids(section)
    copy = copy.model_copy(update={"blocks": tuple(_unlinked(block) for block in copy.blocks)})
    return LibraryEntry(name=name, tags=tags, kind="section", section=copy)


def update_entry_from_block(entry: LibraryEntry, block: Block) -> LibraryEntry:
    """The entry with its one block replaced by *block*'s content (the coordinator's edit)."""
    if not entry.can_link():
        raise ValueError(f"the library entry {entry.name!r} holds more than one block")
    content = block.model_copy(update={"id": entry.blocks[0].id, "library_entry": None})
    return entry.model_copy(update={"blocks": (content,), "updated": _now()})


def resolve_linked(issue: Issue, library: Library) -> tuple[Issue, tuple[str, ...]]:
    """The issue with each linked block showing its entry's current content.

    Each block keeps its own id and link so the preview can still select it.
    Returns the ids of entries that could not be found; those blocks keep the
    snapshot saved in the issue.
    """
    unresolved: list[str] = []
    resolved = issue
    for _, block in issue.all_blocks():
        if not block.library_entry:
            continue
        entry = library.get(block.library_entry)
        if entry is None or not entry.can_link():
            if block.library_entry not in unresolved:
                unresolved.append(block.library_entry)
            continue
        current = entry.blocks[0].model_copy(update={"id": block.id, "library_entry": block.library_entry})
        if current != block:
            resolved = replace_block(resolved, block.id, current)
    return resolved, tuple(unresolved)


def detach(issue: Issue, block_id: str, library: Library) -> Issue:
    """The issue with one linked block turned into a normal copy of what it currently shows."""
    block = find_block(issue, block_id)
    shown, _ = resolve_linked(Issue(sections=(Section(blocks=(block,)),)), library)
    return replace_block(issue, block_id, _unlinked(shown.sections[0].blocks[0]))


def _unlinked(block: Block) -> Block:
    return block.model_copy(update={"library_entry": None}) if block.library_entry else block


def merge_entries(base: LibraryEntry, mine: LibraryEntry, theirs: LibraryEntry) -> LibraryEntry | None:
    """Combine an edit of *base* (mine) with another window's edit of it (theirs), field by field.

    Each window changed only some things — a tag here, the text there — so
    both edits are kept when they touch different fields. None when both
    changed the same field differently: the coordinator must choose.
    """
    merged = _merge_values(base.model_dump(mode="json", exclude={"updated"}),
                           mine.model_dump(mode="json", exclude={"updated"}),
                           theirs.model_dump(mode="json", exclude={"updated"}))
    if merged is _CONFLICT:
        return None
    return LibraryEntry.model_validate({**merged, "updated": _now()})


_CONFLICT = object()


def _merge_values(base, mine, theirs):
    if mine == theirs:
        return mine
    if mine == base:
        return theirs
    if theirs == base:
        return mine
    if isinstance(base, dict) and isinstance(mine, dict) and isinstance(theirs, dict) \
            and base.keys() == mine.keys() == theirs.keys():
        merged = {}
        for key in base:
            value = _merge_values(base[key], mine[key], theirs[key])
            if value is _CONFLICT:
                return _CONFLICT
            merged[key] = value
        return merged
    if isinstance(base, list) and isinstance(mine, list) and isinstance(theirs, list) \
            and len(base) == len(mine) == len(theirs) and all(isinstance(item, dict) for item in base + mine + theirs) \
            and [item.get("id") for item in base] == [item.get("id") for item in mine] == [item.get("id") for item in theirs]:
        merged = [_merge_values(*items) for items in zip(base, mine, theirs)]  # the same blocks, each merged
        return _CONFLICT if any(item is _CONFLICT for item in merged) else merged
    return _CONFLICT
