"""What Word shows in a list that the email's lists cannot, and the notes that say so.

An email's list shows each item's own number in figures: a label holding an outer level's
number ("1.2"), words ("First"), "01" or a picture bullet is named once per list, next to
the words it was found at; a level Word shows no number on becomes ordinary paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html

from .html_nodes import remove_keeping_tail
from .word_labels import HTML_TYPES
from .word_numbering import NumberedParagraph


@dataclass(frozen=True)
class ListNote:
    """What the email shows differently from Word in one list, said next to the words it was found at."""

    words: str  # the words of the item the note is about, as the email shows them
    message: str


# What Word shows that the email's lists cannot.
def unnumbered_items_to_paragraphs(root, found: dict) -> list[ListNote]:
    """A list level Word shows no number on (numFmt "none") reads as ordinary paragraphs where the item
    stood: no number is added that Word did not show, and any words Word writes instead stay in front."""
    notes: list[ListNote] = []
    named = set()
    unnumbered = [(item, paragraph, list(item.iterancestors("ol", "ul"))[-1]) for item, paragraph in found.items()
                  if paragraph.format == "none" and item.getparent() is not None]
    for item, paragraph, outermost in unnumbered:  # the list each was in, found before any is taken out
        words = _first_words(_own_text(item))
        if outermost not in named:
            named.add(outermost)
            notes.append(ListNote(_own_text(item), f"lines near “{words}” have no number in Word (a list level "
                                  "showing none) and came in as ordinary paragraphs, without Word's indent; "
                                  "check they read well"))
        _item_to_paragraph(item, paragraph.label)
        del found[item]
    return notes


def _item_to_paragraph(item, label: str) -> None:
    """Put *item*'s words in a paragraph after its list (its sub-lists after them), the list's later
    items in a list of their own after that."""
    parent = item.getparent()
    following = [child for child in parent if parent.index(child) > parent.index(item)]
    paragraph = lxml.html.Element("p")
    paragraph.text = (label.strip() + " " if label.strip() else "") + (item.text or "")
    lists = []
    for child in list(item):
        if child.tag in ("ol", "ul"):
            lists.append(child)
        else:
            paragraph.append(child)
    parent.remove(item)
    after = parent
    for element in [paragraph, *lists]:
        after.addnext(element)
        after = element
    if following:
        rest = lxml.html.Element(parent.tag)
        for child in following:
            rest.append(child)
        after.addnext(rest)
        after = rest
    after.tail, parent.tail = parent.tail, None
    if not len(parent):
        remove_keeping_tail(parent)


def differences_from_word(root, found: dict) -> list[ListNote]:
    """One note per list (and kind of change) where the email shows other numbers than Word's labels:
    a label holding an outer level's number ("1.2"), words ("First", "Step 1"), "01", a picture bullet."""
    notes = []
    for top in [e for e in root.iter("ol", "ul") if next(e.iterancestors("li"), None) is None]:
        said = set()
        for item in top.iter("li"):
            paragraph = found.get(item)
            if paragraph is None:
                continue
            kind = "picture" if paragraph.picture else "counted" if _counted_otherwise(paragraph) else None
            if kind is None or kind in said:
                continue
            said.add(kind)
            words = _own_text(item)
            if kind == "picture":
                notes.append(ListNote(words, f"a list with picture bullets near “{_first_words(words)}” now shows "
                                             "plain bullets (•); check it still reads well"))
                continue
            run = []
            for sibling in [c for c in item.getparent() if c.tag == "li"][_siblings(item).index(item):]:
                if found.get(sibling) is None or not _counted_otherwise(found[sibling]):
                    break
                run.append(sibling)
            labels = [_bare(found[i].label) for i in run[:3]]
            figures = [str(_shown_number(i)) for i in run[:3] if _shown_number(i) is not None]
            more = "…" if len(run) > 3 else ""
            outer = next(item.getparent().iterancestors("li"), None)
            under = f" under {_shown_number(outer)}" if outer is not None and _shown_number(outer) is not None else ""
            shows = f"now shows {', '.join(figures)}{more}{under}" if figures else "is now a list with bullets"
            example = labels[1] if len(labels) > 1 else labels[0]
            notes.append(ListNote(words, f"a list numbered {', '.join(labels)}{more} near “{_first_words(words)}” "
                                         f"{shows}, as a list in an email shows only each item's own number, in "
                                         f"figures; check that nothing refers to an item as “{example}”"))
    return notes


def _counted_otherwise(paragraph: NumberedParagraph) -> bool:
    """Whether Word's label says more or other than the figure (or letter, named elsewhere) the email shows."""
    if not paragraph.ordered or paragraph.format == "none":
        return False
    return not (paragraph.own_number_only and paragraph.format in HTML_TYPES)


def _siblings(item) -> list:
    return [c for c in item.getparent() if c.tag == "li"]


def _shown_number(item) -> int | None:
    parent = item.getparent()
    if parent is None or parent.tag != "ol":
        return None
    try:
        start = int(parent.get("start") or 1)
    except ValueError:
        start = 1
    return start + _siblings(item).index(item)


def _own_text(item) -> str:
    """An item's words without those of its sub-lists."""
    parts = [item.text or ""]
    for child in item:
        if child.tag not in ("ol", "ul"):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _bare(label: str) -> str:
    return label.strip().rstrip(".):").strip() or label.strip()


def _first_words(text: str, count: int = 6) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")
