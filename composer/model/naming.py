"""How every message names a block, a section or a field, and words a validation error: one vocabulary.

Checks, spelling, the export, New from previous, the importers' report, edits and the
file loader all say "the button “Book now” in the section “Webinars”" the same way,
from the block types' own titles (blocks.py) and roles (roles.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .blocks import BLOCK_TYPES, Block
from .issue import SECTION_KIND_TITLES, Section
from .roles import parts

WHOLE_ISSUE = "the whole issue"


def block_title(kind: str | Block) -> str:
    """A type's title as menus show it ("List of links"), for a block or a type name."""
    name = kind if isinstance(kind, str) else kind.type
    declared = BLOCK_TYPES.get(name)
    return declared.block_title if declared else name.replace("_", " ").capitalize()


def block_name(block: Block) -> str:
    """How a sentence names a block: 'the button “Book now”'."""
    return f"the {block_title(block).lower()} “{block.summary()}”"


def section_label(title: str, kind: str) -> str:
    """A section as a list shows it: its title, or "Untitled news section"."""
    return title or f"Untitled {_kind(kind)} section"


def section_name(section: Section) -> str:
    """How a sentence names a section: 'the section “Webinars”', or 'the untitled news section'."""
    return f"the section “{section.title}”" if section.title else f"the untitled {_kind(section.kind)} section"


def place(section: Section | None, block: Block | None = None) -> str:
    """Where something is: 'the button “Book now” in the section “Webinars”'."""
    if block is None:
        return section_name(section) if section is not None else WHOLE_ISSUE
    return f"{block_name(block)} in {section_name(section)}" if section is not None else block_name(block)


def field_name(block: Block, path: str) -> str:
    """The coordinator's word for a block's field ("button text"), from its role; else the field's own name."""
    for part in parts(block):
        if part.path == path and part.role.title:
            return part.role.title
    return path.rsplit(".", 1)[-1].replace("_", " ")


def sentence(text: str) -> str:
    """*text* starting with a capital, for a name that opens a message."""
    return text[:1].upper() + text[1:]


def counted_blocks(counts: Mapping[str, int]) -> str:
    """'2 text, 1 list of links': how many blocks of each type, by the types' titles."""
    return ", ".join(f"{number} {block_title(kind).lower()}" for kind, number in counts.items())


def describe_invalid(error: Any, what: str = "", data: Any = None) -> str:
    """One readable sentence for the first problem pydantic found (a ValidationError).

    *what* names the thing being changed ("the button “Book now”"); *data* is the raw
    issue being loaded, so sections and blocks can be named by their place in it.
    """
    first = error.errors(include_url=False)[0]
    loc = list(first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    where: list[str] = []
    node: Any = data
    index = 0
    while index < len(loc):
        key = loc[index]
        number = loc[index + 1] if index + 1 < len(loc) else None
        if key == "sections" and isinstance(number, int):
            section = _item(node.get("sections") if isinstance(node, dict) else None, number)
            title = section.get("title") if isinstance(section, dict) else None
            where.append(f"section {number + 1}" + (f" (“{title}”)" if title else ""))
            node, index = section, index + 2
        elif key == "blocks" and isinstance(number, int):
            block = _item(node.get("blocks") if isinstance(node, dict) else None, number)
            kind = block.get("type") if isinstance(block, dict) else None
            where.append(f"block {number + 1}" + (f" ({block_title(kind)})" if isinstance(kind, str) and kind else ""))
            node, index = block, index + 2
            if index < len(loc) and loc[index] == kind:
                index += 1  # the union's tag repeats the type name
        else:
            where.append(" ".join(str(part).replace("_", " ") for part in loc[index:]))
            break
    if first["type"] == "union_tag_invalid":
        found = first.get("input")
        message = "unknown block type " + repr(found.get("type") if isinstance(found, dict) else "")
    elif first["type"] == "union_tag_not_found":
        message = "a block has no type"
    shown = ": ".join(part for part in (what, ", ".join(part for part in where if part)) if part)
    return f"{shown}: {message}" if shown else message


def _kind(kind: str) -> str:
    return SECTION_KIND_TITLES.get(kind, kind.replace("_", " ")).removesuffix(" section").lower()


def _item(sequence: Any, number: int) -> Any:
    if isinstance(sequence, list) and 0 <= number < len(sequence):
        return sequence[number]
    return None
