"""Reading and writing a block's prose fields by path, from the blocks' own declaration (roles.py).

A path names one field: ``"markdown"``, or ``"items.2.label"`` for a field of a
list entry. Everything that edits words in place (the preview) goes through
these, so it can only ever touch what a block type declares as prose typed in place.
"""

from __future__ import annotations

from typing import Iterator

from .blocks import Block
from .edits import with_changes
from .roles import Prose, prose


def prose_paths(block: Block) -> Iterator[tuple[str, Prose]]:
    """Every prose field of *block* typed in place, as (path, declaration), in the block's order."""
    for part in prose(block):
        if part.role.in_place:
            yield part.path, part.role


def prose_at(block: Block, path: str) -> Prose | None:
    """The declaration of the prose field at *path*, or None when the path is not prose."""
    parts = path.split(".")
    declared = type(block).prose_fields.get(parts[0])
    if declared is None:
        return None
    if not declared.entries:
        return declared if len(parts) == 1 else None
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    entries = getattr(block, parts[0])
    number = int(parts[1])
    if number >= len(entries):
        return None
    return type(entries[number]).prose_fields.get(parts[2])


def prose_value(block: Block, path: str) -> str:
    parts = path.split(".")
    if len(parts) == 1:
        return getattr(block, path)
    return getattr(getattr(block, parts[0])[int(parts[1])], parts[2])


def with_prose(block: Block, path: str, value: str) -> Block:
    """A validated copy of *block* with the prose field at *path* set; KeyError when it is not prose."""
    if prose_at(block, path) is None:
        raise KeyError(f"{block.type} block has no prose field {path!r}")
    parts = path.split(".")
    if len(parts) == 1:
        return with_changes(block, {path: value})
    entries = list(getattr(block, parts[0]))
    number = int(parts[1])
    entries[number] = with_changes(entries[number], {parts[2]: value})
    return with_changes(block, {parts[0]: tuple(entries)})
