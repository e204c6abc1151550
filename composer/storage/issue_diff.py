"""What differs between two versions of an issue, in words, block by block.

Shown when a save finds that someone else changed the file: the coordinator
reads which blocks each version changed before choosing whose to keep. Blocks
and sections are matched by id, so a moved block is "moved", not "removed and
added", and a long text shows only the words that differ.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Callable

from composer.model import BLOCK_TITLES, SECTION_KIND_TITLES, Issue, Section

Label = Callable[[str, str], str]  # (block type or "issue"/"section", field name) -> a form label

SHORT = 70         # values up to this length are shown whole
CONTEXT_WORDS = 5  # words shown either side of a change in a long text
_SKIP = {"id", "type", "blocks", "sections"}


@dataclass(frozen=True)
class Difference:
    place: str   # e.g. "Webinars › Event “Early help in practice”"
    change: str  # e.g. "Title: theirs “A” · yours “B”", "only in their version"

    def __str__(self) -> str:
        return f"{self.place}: {self.change}"


def differences(theirs: Issue, mine: Issue, label: Label | None = None) -> list[Difference]:
    """Every difference from *theirs* (on disk) to *mine* (in the window), in reading order."""
    label = label or _plain_label
    found: list[Difference] = []
    found += _field_changes("Issue settings", "issue", _flat(theirs), _flat(mine), label)
    their_sections = {section.id: section for section in theirs.sections}
    my_sections = {section.id: section for section in mine.sections}
    their_blocks = {block.id: (section, block) for section, block in theirs.all_blocks()}
    my_blocks = {block.id: (section, block) for section, block in mine.all_blocks()}

    for number, section in enumerate(mine.sections):
        place = _section_name(section)
        theirs_too = their_sections.get(section.id)
        if theirs_too is None:
            found.append(Difference(place, f"only in your version ({_count(section.blocks, 'block')})"))
        else:
            found += _field_changes(place, "section", _flat(theirs_too), _flat(section), label)
            if theirs.sections.index(theirs_too) != number and _order(theirs) != _order(mine):
                found.append(Difference(place, "in a different place in the issue"))
        for block in section.blocks:
            where = f"{_section_name(section)} › {_block_name(block)}"
            if block.id not in their_blocks:
                if theirs_too is not None:  # a new section's own blocks are counted with it
                    found.append(Difference(where, "only in your version"))
                continue
            their_section, their_block = their_blocks[block.id]
            if their_section.id != section.id:
                found.append(Difference(where, f"moved here from {_section_name(their_section)} in their version"))
            found += _field_changes(where, block.type, _flat(their_block), _flat(block), label)
    for section in theirs.sections:
        if section.id not in my_sections:
            found.append(Difference(_section_name(section), f"only in their version ({_count(section.blocks, 'block')})"))
    for block_id, (section, block) in their_blocks.items():
        if block_id not in my_blocks and section.id in my_sections:
            found.append(Difference(f"{_section_name(section)} › {_block_name(block)}", "only in their version"))
    return found


def describe(found: list[Difference], limit: int = 200) -> str:
    """The differences as plain lines for a dialog; a very long list is cut with a count."""
    if not found:
        return "The two versions hold the same content."
    lines = [f"• {difference}" for difference in found[:limit]]
    if len(found) > limit:
        lines.append(f"… and {len(found) - limit} more differences.")
    return "\n".join(lines)


def _field_changes(place: str, kind: str, theirs: dict[str, Any], mine: dict[str, Any], label: Label) -> list[Difference]:
    changes = []
    for name in (*mine, *(key for key in theirs if key not in mine)):
        old, new = theirs.get(name), mine.get(name)
        if old != new:
            changes.append(Difference(place, f"{label(kind, name)}: {_compare(old, new)}"))
    return changes


def _compare(theirs: Any, mine: Any) -> str:
    old, new = _text(theirs), _text(mine)
    if len(old) <= SHORT and len(new) <= SHORT:
        return f"theirs “{old}” · yours “{new}”"
    old_words, new_words = old.split(), new.split()
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    edits = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not edits:  # only spacing or line breaks differ
        return "the same words, spaced or broken into lines differently"
    _, i1, i2, j1, j2 = edits[0]
    theirs_part = _excerpt(old_words, i1, i2)
    mine_part = _excerpt(new_words, j1, j2)
    more = f" (and {len(edits) - 1} more change{'s' if len(edits) > 2 else ''} in this text)" if len(edits) > 1 else ""
    return f"theirs “{theirs_part}” · yours “{mine_part}”{more}"


def _excerpt(words: list[str], start: int, end: int) -> str:
    before = words[max(0, start - CONTEXT_WORDS):start]
    changed = words[start:end]
    if len(changed) > 3 * CONTEXT_WORDS:
        changed = changed[:CONTEXT_WORDS] + ["…"] + changed[-CONTEXT_WORDS:]
    after = words[end:end + CONTEXT_WORDS]
    text = " ".join([*before, "[" + " ".join(changed) + "]" if changed else "[—]", *after])
    return ("… " if start > CONTEXT_WORDS else "") + text + (" …" if end + CONTEXT_WORDS < len(words) else "")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(_text(item) for item in value.values() if item not in (None, "", [], ()))
    return " ".join(str(value).split()) if len(str(value)) > SHORT else str(value)


def _flat(model) -> dict[str, Any]:
    """A model's own fields as JSON values; nested settings (the brand) become "brand.x"."""
    flat: dict[str, Any] = {}
    for name, value in model.model_dump(mode="json").items():
        if name in _SKIP:
            continue
        if isinstance(value, dict):
            flat.update({f"{name}.{key}": item for key, item in value.items()})
        else:
            flat[name] = value
    return flat


def _order(issue: Issue) -> list[str]:
    return [section.id for section in issue.sections]


def _section_name(section: Section) -> str:
    return f"{section.title or SECTION_KIND_TITLES.get(section.kind, 'Section')} section"


def _block_name(block) -> str:
    summary = block.summary()
    if len(summary) > 40:
        summary = summary[:40].rsplit(" ", 1)[0].rstrip(" ,.;:…") + "…"
    return f"{BLOCK_TITLES.get(block.type, block.type)} “{summary}”"


def _count(items, noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def _plain_label(kind: str, name: str) -> str:
    return name.replace(".", " ").replace("_", " ").capitalize()
