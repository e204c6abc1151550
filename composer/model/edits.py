"""Pure edits of an issue: each takes an Issue and returns a new one.

The UI records the issue before and after each edit as an undo step, so every
function here must validate what it builds and leave its input untouched.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from .blocks import Block
from .errors import InvalidValue
from .issue import Issue, Section
from .naming import block_name, describe_invalid, section_name, sentence


class NotFound(KeyError):
    """An edit named a block or section id that is not in the issue (a programming error)."""


def locate_block(issue: Issue, block_id: str) -> tuple[int, int]:
    """(section index, block index) of a block."""
    for s_index, section in enumerate(issue.sections):
        for b_index, block in enumerate(section.blocks):
            if block.id == block_id:
                return s_index, b_index
    raise NotFound(block_id)


def locate_section(issue: Issue, section_id: str) -> int:
    for index, section in enumerate(issue.sections):
        if section.id == section_id:
            return index
    raise NotFound(section_id)


def find_block(issue: Issue, block_id: str) -> Block:
    s_index, b_index = locate_block(issue, block_id)
    return issue.sections[s_index].blocks[b_index]


def find_section(issue: Issue, section_id: str) -> Section:
    return issue.sections[locate_section(issue, section_id)]


def section_of_block(issue: Issue, block_id: str) -> Section:
    return issue.sections[locate_block(issue, block_id)[0]]


def update_issue(issue: Issue, /, **changes: Any) -> Issue:
    """Change issue-level settings (title, dates, brand…), validating the result."""
    return with_changes(issue, changes)


def update_section(issue: Issue, section_id: str, /, **changes: Any) -> Issue:
    index = locate_section(issue, section_id)
    section = with_changes(issue.sections[index], changes)
    return _with_section(issue, index, section)


def update_block(issue: Issue, block_id: str, /, **changes: Any) -> Issue:
    """Change fields of one block; raises InvalidValue with the model's message."""
    s_index, b_index = locate_block(issue, block_id)
    section = issue.sections[s_index]
    block = section.blocks[b_index]
    block = with_changes(block, block.follow_changes(changes))
    return replace_block(issue, block_id, block)


def replace_block(issue: Issue, block_id: str, block: Block) -> Issue:
    s_index, b_index = locate_block(issue, block_id)
    section = issue.sections[s_index]
    blocks = section.blocks[:b_index] + (block,) + section.blocks[b_index + 1:]
    return _with_section(issue, s_index, section.model_copy(update={"blocks": blocks}))


def insert_blocks(issue: Issue, section_id: str, index: int, blocks: list[Block]) -> Issue:
    s_index = locate_section(issue, section_id)
    section = issue.sections[s_index]
    index = max(0, min(index, len(section.blocks)))
    new_blocks = section.blocks[:index] + tuple(blocks) + section.blocks[index:]
    return _with_section(issue, s_index, section.model_copy(update={"blocks": new_blocks}))


def insert_block(issue: Issue, section_id: str, index: int, block: Block) -> Issue:
    return insert_blocks(issue, section_id, index, [block])


def remove_block(issue: Issue, block_id: str) -> Issue:
    s_index, b_index = locate_block(issue, block_id)
    section = issue.sections[s_index]
    blocks = section.blocks[:b_index] + section.blocks[b_index + 1:]
    return _with_section(issue, s_index, section.model_copy(update={"blocks": blocks}))


def move_block(issue: Issue, block_id: str, section_id: str, index: int) -> Issue:
    """Move a block to *index* in a section, the index counted before the move."""
    s_from, b_from = locate_block(issue, block_id)
    block = issue.sections[s_from].blocks[b_from]
    if issue.sections[s_from].id == section_id and index > b_from:
        index -= 1
    return insert_block(remove_block(issue, block_id), section_id, index, block)


def insert_section(issue: Issue, index: int, section: Section) -> Issue:
    index = max(0, min(index, len(issue.sections)))
    sections = issue.sections[:index] + (section,) + issue.sections[index:]
    return issue.model_copy(update={"sections": sections})


def remove_section(issue: Issue, section_id: str) -> Issue:
    index = locate_section(issue, section_id)
    return issue.model_copy(update={"sections": issue.sections[:index] + issue.sections[index + 1:]})


def move_section(issue: Issue, section_id: str, index: int) -> Issue:
    """Move a section to *index*, counted before the move."""
    old = locate_section(issue, section_id)
    section = issue.sections[old]
    if index > old:
        index -= 1
    return insert_section(remove_section(issue, section_id), index, section)


def copy_with_new_ids(block: Block) -> Block:
    """A copy of a block for duplicate/paste: same content, a new id."""
    data = block.model_dump()
    data.pop("id")
    return type(block).model_validate(data)


def copy_section_with_new_ids(section: Section) -> Section:
    data = section.model_dump()
    data.pop("id")
    for block in data["blocks"]:
        block.pop("id")
    return Section.model_validate(data)


def _with_section(issue: Issue, index: int, section: Section) -> Issue:
    sections = issue.sections[:index] + (section,) + issue.sections[index + 1:]
    return issue.model_copy(update={"sections": sections})


def with_changes(model, changes: dict[str, Any]):
    """A validated copy of *model* (block, section, brand or issue) with *changes* applied."""
    unknown = set(changes) - set(type(model).model_fields)
    if unknown:
        raise TypeError(f"{type(model).__name__} has no field(s) {sorted(unknown)}")
    data = {name: getattr(model, name) for name in type(model).model_fields}
    data.update(changes)
    try:
        return type(model).model_validate(data)
    except ValidationError as error:
        raise InvalidValue(describe_invalid(error, what=_describe(model))) from None


def _describe(model) -> str:
    if isinstance(model, Block):
        return sentence(block_name(model))
    if isinstance(model, Section):
        return sentence(section_name(model))
    return "The issue settings"
