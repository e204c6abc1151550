"""Word files with the kinds of numbering Word writes, and the numbers Word shows, written out by hand.

Each scenario is built at run time with python-docx and numbering definitions written the way Word
writes them (docx_helpers). Beside every item stands the number Word shows before it, worked out by
hand from Word's rules (not by the importer's code), and "|" marks where Word starts a new list
straight after another. measure() imports the file and reads what the email shows. Used by
test_docx_numbering.py (every figure must be right) and benchmarks/import_fidelity.py (figures).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import docx
import lxml.html

from docx_helpers import define_list, list_instance, list_paragraph, number_paragraph, number_style
from tally import Tally

# Steps: ("define", id, [(numFmt, start[, lvlText])…], levels that never restart[, define_list's other options]),
# ("num", numId, abstractNumId, {level: start}), ("item", text, numId, level, number the email should show
# or None for a bullet), ("style", text, style, number), ("para", text), ("|",) = the next item begins a new
# list right after the last; ("style numbering", style, numId, level or None) numbers a paragraph style;
# ("heading", text, heading level, label Word shows or "" [, numId, level of its own w:numPr]);
# ("unnumbered", text, numId, level): Word shows it without a number, so the email must not number it;
# ("named", words): Word's labels there differ from the email's, so "Needs attention" must name “words”.
SCENARIOS: dict[str, list[tuple]] = {
    "list starting at 3": [
        ("define", 1, [("decimal", 3)], ()), ("num", 1, 1, {}),
        ("para", "Carrying on from last month:"),
        ("item", "Paint the fence", 1, 0, 3), ("item", "Fix the gate", 1, 0, 4),
    ],
    "restart numbering straight after a list": [
        ("define", 1, [("decimal", 1)], ()), ("num", 1, 1, {}), ("num", 2, 1, {0: 1}),
        ("item", "Morning walk", 1, 0, 1), ("item", "Lunch", 1, 0, 2), ("|",),
        ("item", "Evening talk", 2, 0, 1), ("item", "Supper", 2, 0, 2),
    ],
    "two different lists one after the other": [
        ("define", 1, [("decimal", 1)], ()), ("define", 2, [("decimal", 1)], ()),
        ("define", 3, [("bullet", 1)], ()), ("define", 4, [("bullet", 1)], ()),
        ("num", 1, 1, {}), ("num", 2, 2, {}), ("num", 3, 3, {}), ("num", 4, 4, {}),
        ("item", "Kettle", 1, 0, 1), ("item", "Cups", 1, 0, 2), ("|",),
        ("item", "Milk", 2, 0, 1), ("item", "Sugar", 2, 0, 2), ("|",),
        ("item", "Chairs", 3, 0, None), ("|",), ("item", "Tables", 4, 0, None),
    ],
    "a list going on after a paragraph": [
        ("define", 1, [("decimal", 1)], ()), ("num", 1, 1, {}), ("num", 2, 1, {}),
        ("item", "Register", 1, 0, 1), ("item", "Pay the fee", 1, 0, 2),
        ("para", "The fee is waived for members this year."),
        ("item", "Collect your badge", 1, 0, 3), ("item", "Find your table", 2, 0, 4),
    ],
    "set numbering value": [
        ("define", 1, [("decimal", 1)], ()), ("num", 1, 1, {0: 7}),
        ("item", "Seventh point", 1, 0, 7), ("item", "Eighth point", 1, 0, 8),
    ],
    "sub-levels starting again, or never": [
        ("define", 1, [("decimal", 1), ("decimal", 1)], ()), ("define", 2, [("decimal", 1), ("decimal", 1)], (1,)),
        ("num", 1, 1, {}), ("num", 2, 2, {}),
        ("item", "A first", 1, 0, 1), ("item", "A first one", 1, 1, 1), ("item", "A first two", 1, 1, 2),
        ("item", "A second", 1, 0, 2), ("item", "A second one", 1, 1, 1), ("para", "End of the first list."),
        ("item", "B first", 2, 0, 1), ("item", "B first one", 2, 1, 1), ("item", "B first two", 2, 1, 2),
        ("item", "B second", 2, 0, 2), ("item", "B second one", 2, 1, 3),
    ],
    "Word's List Number style across a paragraph": [
        ("style", "Pack the boxes", "List Number", 1), ("style", "Label them", "List Number", 2),
        ("para", "Then take a break."), ("style", "Load the van", "List Number", 3),
    ],
    "an empty numbered line": [
        ("define", 1, [("decimal", 1)], ()), ("num", 1, 1, {}),
        ("item", "Open the hall", 1, 0, 1), ("item", "", 1, 0, 2), ("|",), ("item", "Set out chairs", 1, 0, 3),
    ],
    "letters and roman numerals": [
        ("define", 1, [("decimal", 1), ("lowerLetter", 1), ("lowerRoman", 1)], ()),
        ("define", 2, [("upperLetter", 3)], ()), ("num", 1, 1, {}), ("num", 2, 2, {}),
        ("item", "Before the fair", 1, 0, 1), ("item", "Book the field", 1, 1, 1),
        ("item", "Ask the farmer first", 1, 2, 1), ("item", "Hire the tent", 1, 1, 2),
        ("para", "Options for the raffle:"), ("item", "Hamper", 2, 0, 3), ("item", "Voucher", 2, 0, 4),
    ],
    "one-item lists each begun again": [
        ("define", 1, [("decimal", 1)], ()), ("num", 1, 1, {}), ("num", 2, 1, {0: 1}), ("num", 3, 1, {0: 1}),
        ("item", "Only item of the first", 1, 0, 1), ("|",), ("item", "Only item of the second", 2, 0, 1), ("|",),
        ("item", "Only item of the third", 3, 0, 1),
    ],
    "numbered headings": [
        ("define", 1, [("decimal", 1, "%1"), ("decimal", 1, "%1.%2")], (), {"styles": {0: "Heading1", 1: "Heading2"}}),
        ("num", 1, 1, {}), ("style numbering", "Heading 1", 1, None), ("style numbering", "Heading 2", 1, 1),
        # build()'s own first paragraph, "Volunteer update", is a Heading 1 too: Word numbers it 1.
        ("heading", "Introduction", 1, "2"), ("para", "A warm welcome to everyone who joined us this spring."),
        ("heading", "Who we are", 2, "2.1"), ("para", "We are a small charity run by volunteers from the village."),
        ("heading", "Our plans", 2, "2.2"), ("para", "We hope to open the community garden before the summer."),
        ("heading", "Next year", 1, "3"), ("heading", "Events", 2, "3.1"),
        ("para", "The autumn fair will be on the green as usual, weather permitting."),
    ],
    "headings numbered by their own paragraph": [
        ("define", 2, [("upperRoman", 1, "Part %1."), ("lowerLetter", 1, "%2)"), ("decimal", 1, "%1.%2.%3")], (),
         {"legal": (2,)}),
        ("num", 2, 2, {}),
        ("heading", "Welcome", 1, "Part I.", 2, 0), ("para", "Our chair writes about a busy first half of the year."),
        ("heading", "Thanks", 1, "Part II.", 2, 0), ("heading", "Donors", 2, "a)", 2, 1),
        ("heading", "Volunteers", 2, "b)", 2, 1), ("heading", "Drivers", 3, "2.2.1", 2, 2),
        ("para", "Every one of them gave up their weekends for the food bank."),
        ("heading", "Diary", 1, "", 0, 0), ("para", "Dates for the rest of the year are listed below."),
    ],
    "multi-level labels in a list": [
        ("define", 1, [("decimal", 1, "%1."), ("decimal", 1, "%1.%2."), ("decimal", 1, "%1.%2.%3.")], ()),
        ("num", 1, 1, {}), ("para", "How the open day will run:"),
        ("item", "Plan the day", 1, 0, 1), ("item", "Book the hall", 1, 1, 1), ("item", "Confirm the caterer", 1, 1, 2),
        ("item", "Tell the neighbours", 1, 2, 1), ("item", "Run the day", 1, 0, 2), ("item", "Set up the tables", 1, 1, 1),
        ("named", "Book the hall"),
    ],
    "ordinals, words, leading zeros and words around the number": [
        ("define", 1, [("ordinal", 1, "%1")], ()), ("define", 2, [("ordinalText", 1, "%1:")], ()),
        ("define", 3, [("decimalZero", 9, "%1.")], ()), ("define", 4, [("decimal", 1, "Step %1:")], ()),
        ("define", 5, [("cardinalText", 1, "%1.")], ()),
        *(("num", n, n, {}) for n in range(1, 6)),
        ("para", "Prizes:"), ("item", "The cup", 1, 0, 1), ("item", "The shield", 1, 0, 2), ("named", "The cup"),
        ("para", "The order of the evening:"), ("item", "Arrive", 2, 0, 1), ("item", "Listen", 2, 0, 2),
        ("named", "Arrive"),
        ("para", "Rooms:"), ("item", "Library", 3, 0, 9), ("item", "Kitchen", 3, 0, 10), ("named", "Library"),
        ("para", "Before you come:"), ("item", "Register online", 4, 0, 1), ("item", "Print your ticket", 4, 0, 2),
        ("named", "Register online"),
        ("para", "Teams:"), ("item", "Reds", 5, 0, 1), ("item", "Blues", 5, 0, 2), ("named", "Reds"),
    ],
    "levels without a number and picture bullets": [
        ("define", 1, [("none", 1, "")], ()), ("define", 2, [("decimal", 1, "%1."), ("none", 1, "")], ()),
        ("define", 3, [("bullet", 1, "\uf0b7")], (), {"pictures": (0,)}),
        *(("num", n, n, {}) for n in range(1, 4)),
        ("para", "Club notices:"), ("unnumbered", "Doors open at six", 1, 0), ("unnumbered", "Bring a plate", 1, 0),
        ("named", "Doors open at six"),
        ("para", "Weekly meetings:"), ("item", "Choir practice", 2, 0, 1), ("unnumbered", "Tuesdays in the hall", 2, 1),
        ("item", "Bake sale", 2, 0, 2), ("named", "Tuesdays in the hall"),
        ("para", "What to bring on the walk:"), ("item", "Stout boots", 3, 0, None), ("item", "A flask of tea", 3, 0, None),
        ("named", "Stout boots"),
    ],
    "a restart under the same outer item": [
        ("define", 1, [("decimal", 1), ("lowerLetter", 1)], ()), ("num", 1, 1, {}), ("num", 2, 1, {1: 1}),
        ("item", "Plan", 1, 0, 1), ("item", "Dates", 1, 1, 1), ("item", "Rooms", 1, 1, 2), ("|",),
        ("item", "Speakers", 2, 1, 1), ("item", "Deliver", 2, 0, 2),
    ],
}


@dataclass
class WordFigures(Tally):
    numbered: int = 0
    numbered_right: int = 0
    lists_apart: int = 0
    lists_apart_kept: int = 0
    words: int = 0
    words_lost: int = 0
    headings: int = 0  # headings Word numbers or could (a label "" says Word shows none)
    headings_right: int = 0
    differences: int = 0  # lists whose labels the email cannot show as Word does
    differences_named: int = 0
    wrong: list[str] = field(default_factory=list)


def build(steps: list[tuple], path: Path) -> None:
    document = docx.Document()
    document.add_heading("Volunteer update", level=1)
    for step in steps:
        if step[0] == "define":
            define_list(document, step[1], step[2], step[3], **(step[4] if len(step) > 4 else {}))
        elif step[0] == "num":
            list_instance(document, step[1], step[2], step[3])
        elif step[0] in ("item", "unnumbered"):
            list_paragraph(document, step[1], step[2], step[3])
        elif step[0] == "style numbering":
            number_style(document, step[1], step[2], step[3])
        elif step[0] == "heading":
            heading = document.add_heading(step[1], step[2])
            if len(step) > 4:
                number_paragraph(heading, step[4], step[5])
        elif step[0] == "style":
            document.add_paragraph(step[1], style=step[2])
        elif step[0] == "para":
            document.add_paragraph(step[1])
    document.save(path)


def measure(name: str, folder: Path, import_docx, visible_text, markdown_to_html) -> WordFigures:
    """Build scenario *name* in *folder*, import it with *import_docx* and count what the email gets right."""
    steps = SCENARIOS[name]
    path = folder / (re.sub(r"\W+", "-", name) + ".docx")
    build(steps, path)
    result = import_docx(path, folder / "images")
    html = "".join(str(markdown_to_html(b.markdown)) for s in result.issue.sections for b in s.blocks
                   if hasattr(b, "markdown"))
    items = _shown(lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div"))
    figures = WordFigures()
    words_shown = _words(visible_text(result.issue))
    source = [step[1] for step in steps if step[0] in ("item", "style", "para", "heading", "unnumbered")]
    for text in source:
        for word in _words(text):
            figures.words += 1
            if word in words_shown:
                words_shown.remove(word)
            else:
                figures.words_lost += 1
    titles = [t for s in result.issue.sections for t in [s.title, *(getattr(b, "text", "") for b in s.blocks
                                                                   if getattr(b, "type", "") == "heading")]]
    attention = " ".join(i.message for i in result.report.attention if not i.from_checks)
    for step in steps:
        if step[0] == "heading":
            figures.headings += 1
            wanted = f"{step[3]} {step[1]}".strip()
            if wanted in titles:
                figures.headings_right += 1
            else:
                near = next((t for t in titles if step[1] in t), "nothing")
                figures.wrong.append(f"{name}: heading “{wanted}” shows as “{near}”")
        elif step[0] == "named":
            figures.differences += 1
            if f"“{step[1]}" in attention:
                figures.differences_named += 1
            else:
                figures.wrong.append(f"{name}: the labels near “{step[1]}” differ from Word's and are not named")
        elif step[0] == "unnumbered":
            figures.numbered += 1
            if step[1] in items and items[step[1]][1] is not None:
                figures.wrong.append(f"{name}: “{step[1]}” shows {items[step[1]][1]}, Word no number")
            else:
                figures.numbered_right += 1
    previous, new_list = None, False
    for step in steps:
        if step[0] == "|":
            new_list = True
            continue
        if step[0] not in ("item", "style") or not step[1]:
            new_list = new_list if step[0] not in ("para",) else False
            continue
        text, number = step[1], step[-1]
        shown = items.get(text)
        if number is not None:
            figures.numbered += 1
            if shown is not None and shown[1] == number:
                figures.numbered_right += 1
            else:
                figures.wrong.append(f"{name}: “{text}” shows {shown[1] if shown else 'nothing'}, Word {number}")
        if new_list and previous is not None:
            figures.lists_apart += 1
            if shown is not None and items.get(previous) is not None and items[previous][0] is not shown[0]:
                figures.lists_apart_kept += 1
            else:
                figures.wrong.append(f"{name}: “{previous}” and “{text}” run together as one list")
        previous, new_list = text, False
    return figures


def _shown(root) -> dict[str, tuple[object, int | None]]:
    """Item text → (the list it is in, the number shown before it; None for a bullet)."""
    found = {}
    for element in root.iter("ol", "ul"):
        start = int(element.get("start") or 1)
        for offset, item in enumerate(child for child in element if child.tag == "li"):
            found[_item_text(item)] = (element, start + offset if element.tag == "ol" else None)
    return found


def _item_text(item) -> str:
    """The words beside an item's number: not its sub-lists', nor those of a paragraph continuing it."""
    paragraphs = [c for c in item if c.tag == "p"]
    if paragraphs:
        return " ".join(((item.text or "") + paragraphs[0].text_content()).split())
    own = [item.text or ""] + [(c.text_content() if c.tag not in ("ol", "ul") else "") + (c.tail or "") for c in item]
    return " ".join("".join(own).split())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


# Real Word files (pandoc's docx tests, GPL): read from a folder outside the repository, never committed.
ENVIRONMENT = "NEWSLETTER_WORD_LIST_FILES"


def real_files() -> tuple[Path | None, list[dict], str]:
    """(folder, its index.json entries, "") or (None, [], why not) for the Word files named by the environment."""
    import json
    import os

    named = os.environ.get(ENVIRONMENT, "").strip()
    if not named:
        return None, [], (f"real Word files with lists not found: set {ENVIRONMENT} to their folder "
                          "(pandoc's test files, GPL, so not kept in this repository)")
    folder = Path(named).expanduser()
    if not (folder / "index.json").is_file():
        return None, [], f"{ENVIRONMENT} names {folder}, which has no index.json of Word files"
    return folder, json.loads((folder / "index.json").read_text(encoding="utf-8")), ""


def measure_real_file(entry: dict, folder: Path, images: Path, import_docx, visible_text,
                      markdown_to_html) -> WordFigures:
    """Import one real Word file and compare the numbers the email shows with Word's (from index.json)."""
    path = folder / entry["file"]
    result = import_docx(path, images)
    html = "".join(str(markdown_to_html(b.markdown)) for s in result.issue.sections for b in s.blocks
                   if hasattr(b, "markdown"))
    root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    shown = [(text, found) for text, found in _shown_in_order(root)]
    figures = WordFigures()
    words_shown = _words(visible_text(result.issue))
    for paragraph in docx.Document(path).paragraphs:
        for word in _words(paragraph.text):
            figures.words += 1
            if word in words_shown:
                words_shown.remove(word)
            else:
                figures.words_lost += 1
    position = 0
    for text, number in entry["numbers"]:
        figures.numbered += 1
        index = next((i for i in range(position, len(shown)) if shown[i][0] == text), None)
        if index is not None and shown[index][1][1] == number:
            figures.numbered_right += 1
        else:
            got = shown[index][1][1] if index is not None else "nothing"
            figures.wrong.append(f"{entry['file']}: “{text}” shows {got}, Word {number}")
        position = index + 1 if index is not None else position
    items = dict(shown)
    for before, after in entry["apart"]:
        figures.lists_apart += 1
        if before in items and after in items and items[before][0] is not items[after][0]:
            figures.lists_apart_kept += 1
        else:
            figures.wrong.append(f"{entry['file']}: “{before}” and “{after}” run together as one list")
    return figures


def _shown_in_order(root) -> list[tuple[str, tuple[object, int | None]]]:
    found = []
    for item in root.iter("li"):
        element = item.getparent()
        siblings = [child for child in element if child.tag == "li"]
        start = int(element.get("start") or 1)
        own = [item.text or ""] + [(c.text_content() if c.tag not in ("ol", "ul") else "") + (c.tail or "") for c in item]
        number = start + siblings.index(item) if element.tag == "ol" else None
        found.append((" ".join("".join(own).split()), (element, number)))
    return found
