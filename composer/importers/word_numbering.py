"""Word's own numbering of its list paragraphs, read from the .docx, for what mammoth leaves out.

mammoth knows only whether a paragraph is numbered and at what level, so every list
would start at 1 and two lists one after the other would run together. Word numbers a
paragraph from its numbering instance (w:num) and the definition behind it (w:abstractNum):
instances sharing a definition share its counters unless one restarts a level
(w:startOverride), a level starts at its w:start and begins again after any item of an
outer level. This module counts the same way, finds each numbered paragraph again in
mammoth's HTML (by a mark slipped in front of it, then by its words) and gives the lists
their real start numbers, how they count (<ol type>) and the splits between separate lists.
"""

from __future__ import annotations

import difflib
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

import lxml.etree
import lxml.html
from mammoth import documents, transforms

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_MAIN = "word/document.xml"
_MARK = re.compile("\ue000(\\d+)\ue001")
# numFmt → <ol type>; the email shows figures whatever this says, and the import names the list.
HTML_TYPES = {"decimal": "1", "lowerLetter": "a", "upperLetter": "A", "lowerRoman": "i", "upperRoman": "I"}
_PARSER = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass(frozen=True)
class NumberedParagraph:
    """One paragraph Word numbers (or bullets), with the number Word shows before it."""

    words: str  # its letters and digits only, to find it again in mammoth's reading
    list_id: str  # the numbering definition whose counters it shares
    level: int
    number: int
    format: str  # Word's numFmt: "decimal", "lowerLetter", "bullet"…
    label: str = ""  # all Word shows before the words: "2.1", "b)", "First", "•" ("" when nothing)
    own_number_only: bool = True  # the label is this level's counter with punctuation ("3.", "(c)"), nothing more
    style: str | None = None  # the paragraph style it is numbered through, when not by a w:numPr of its own
    picture: bool = False  # a picture bullet (w:lvlPicBulletId)

    @property
    def ordered(self) -> bool:
        return self.format != "bullet"


@dataclass(frozen=True)
class _Level:
    start: int
    format: str
    restart_after: int | None  # w:lvlRestart: begin again only after this outer level (0: never); None: any
    text: str | None = None  # w:lvlText: "%1.%2." puts the outer level's counter before this one's
    legal: bool = False  # w:isLgl: every counter in the label shown in figures
    picture: bool = False


@dataclass
class _Definitions:
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId → ilvl → level
    style_links: dict[str, str] = field(default_factory=dict)  # abstractNumId → numbering style it borrows
    nums: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, tuple[int | None, _Level | None]]] = field(default_factory=dict)
    style_numbering: dict[str, tuple[str | None, int | None, str | None]] = field(default_factory=dict)
    style_levels: dict[tuple[str, str], int] = field(default_factory=dict)  # (abstractNumId, style) → ilvl


def numbered_paragraphs(archive: zipfile.ZipFile) -> list[NumberedParagraph]:
    """Every numbered or bulleted paragraph of the document's body, in order, with Word's number.

    A part that is missing or cannot be read gives no paragraphs: the import then keeps mammoth's lists.
    """
    try:
        document_name = _main_document(archive)
        parts = _related_parts(archive, document_name)
        definitions = _Definitions()
        if "numbering" in parts:
            _read_numbering(_xml(archive, parts["numbering"]), definitions)
        if "styles" in parts:
            _read_styles(_xml(archive, parts["styles"]), definitions)
        body = _xml(archive, document_name).find(_w("body"))
    except (KeyError, lxml.etree.XMLSyntaxError, ValueError, zipfile.BadZipFile, EOFError, OSError):
        return []
    if body is None or not definitions.nums:
        return []
    return list(_count(body, definitions))


# Marking the paragraphs mammoth numbers, and finding them again in its HTML.
class ListMarks:
    """A mammoth transform that puts a mark before each paragraph it will number, remembering its words.

    *styles* are paragraph styles Word numbers through (a numbered Heading 1): mammoth sees that numbering
    only when the list names the style back, so those paragraphs are marked by their style too.
    """

    def __init__(self, styles: set[str] | frozenset[str] = frozenset()):
        self.words: list[str] = []
        self.styles = set(styles)
        self.transform = transforms.paragraph(self._mark)

    def _mark(self, paragraph):
        if paragraph.numbering is None and paragraph.style_id not in self.styles:
            return paragraph
        self.words.append(_squeeze(_mammoth_text(paragraph)))
        mark = documents.run([documents.text(f"\ue000{len(self.words) - 1}\ue001")])
        return paragraph.copy(children=[mark, *paragraph.children])


@dataclass(frozen=True)
class ListNote:
    """What the email shows differently from Word in one list, said next to the words it was found at."""

    words: str  # the words of the item the note is about, as the email shows them
    message: str


_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def renumber(html: str, marks: ListMarks, numbered: list[NumberedParagraph]) -> tuple[str, list[ListNote]]:
    """mammoth's HTML with the marks taken out, numbered headings given Word's label ("2.1 Our plans"),
    each list given Word's start, counting and splits, and notes on what the email cannot show as Word does."""
    if "\ue000" not in html:
        return html, []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    found = _paragraph_of_each_item(root, marks, numbered)
    for item in list(root.iter("li")):  # an empty numbered paragraph, kept by mammoth only for its mark
        if not item.text_content().strip() and item.find(".//img") is None and item.find(".//li") is None:
            item.getparent().remove(item)  # its number is still skipped: the next item shows Word's
    notes = _unnumbered_items_to_paragraphs(root, found)
    for element in list(root.iter("ol", "ul")):
        if len(element):
            _split_and_number(element, found)
        else:
            element.getparent().remove(element)
    notes += _differences(root, found)
    html = (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    return html, notes


def _paragraph_of_each_item(root, marks: ListMarks, numbered: list[NumberedParagraph]) -> dict:
    """{<li>: its NumberedParagraph}, every mark removed from the text; a numbered heading's mark gives way
    to the label Word shows before it."""
    by_mark = {mark: numbered[index] for mark, index in _aligned([p.words for p in numbered], marks.words).items()}
    found = {}
    for node in list(root.iter()):
        if not isinstance(node.tag, str):
            continue
        for attribute, owner in (("text", node), ("tail", node.getparent())):
            value = getattr(node, attribute)
            if not value or "\ue000" not in value:
                continue

            def replace(mark: re.Match) -> str:
                paragraph = by_mark.get(int(mark.group(1)))
                if owner is None or paragraph is None:
                    return ""
                heading = owner if owner.tag in _HEADING_TAGS else next(owner.iterancestors(*_HEADING_TAGS), None)
                item = owner if owner.tag == "li" else next(owner.iterancestors("li"), None)
                if heading is not None or item is None:  # a heading, or a paragraph mammoth did not see numbered
                    return heading_label(paragraph)
                if item not in found:
                    found[item] = paragraph
                return ""

            setattr(node, attribute, _MARK.sub(replace, value))
    return found


def heading_label(paragraph: NumberedParagraph) -> str:
    """What goes before a numbered heading's words: Word's label and a space ("2.1 "), or nothing for a
    bullet or a level Word shows no number on."""
    if paragraph.format in ("bullet", "none") or not paragraph.label.strip():
        return ""
    return paragraph.label.strip() + " "


def _aligned(ours: list[str], theirs: list[str]) -> dict[int, int]:
    """{index in *theirs*: index in *ours*} pairing the same paragraphs read twice, in order.

    Usually both readings agree and pairing is by position; where they differ (a text box, a field
    read another way) a diff pairs what it can, on the differing middle only, so a hostile file of
    thousands of identical items costs no more than reading it.
    """
    head = 0
    while head < min(len(ours), len(theirs)) and ours[head] == theirs[head]:
        head += 1
    tail = 0
    while tail < min(len(ours), len(theirs)) - head and ours[-1 - tail] == theirs[-1 - tail]:
        tail += 1
    pairs = {k: k for k in range(head)}
    pairs.update((len(theirs) - 1 - k, len(ours) - 1 - k) for k in range(tail))
    middle, their_middle = ours[head:len(ours) - tail], theirs[head:len(theirs) - tail]
    if len(middle) * len(their_middle) > 1_000_000:
        if len(middle) == len(their_middle):
            pairs.update((head + k, head + k) for k in range(len(middle)))
        return pairs
    matcher = difflib.SequenceMatcher(None, middle, their_middle, autojunk=False)
    for kind, first, last, their_first, their_last in matcher.get_opcodes():
        if kind == "equal" or (kind == "replace" and last - first == their_last - their_first):
            pairs.update((head + their_first + k, head + first + k) for k in range(last - first))
    return pairs


def _split_and_number(element, found: dict) -> None:
    """Split a list where Word starts another (another definition, or numbers that do not follow on) and
    give each part its tag, start number and way of counting."""
    parts: list[list] = [[]]
    previous: NumberedParagraph | None = None
    for item in [child for child in element if child.tag == "li"]:
        paragraph = found.get(item)
        if paragraph is not None and previous is not None and (
            paragraph.list_id != previous.list_id or paragraph.ordered != previous.ordered
            or (paragraph.ordered and paragraph.number != previous.number + 1)
        ):
            parts.append([])
        parts[-1].append(item)
        if paragraph is not None:
            previous = paragraph
        elif previous is not None:  # an item Word did not number still takes a number in the email
            previous = NumberedParagraph("", previous.list_id, previous.level, previous.number + 1, previous.format)
    anchor = element
    for index, items in enumerate(parts):
        target = element
        if index:
            target = lxml.html.Element(element.tag)
            target.tail, anchor.tail = anchor.tail, None
            anchor.addnext(target)
            anchor = target
            for item in items:
                target.append(item)
        first = found.get(items[0]) if items else None
        if first is not None:
            _number_list(target, first)


def _number_list(element, first: NumberedParagraph) -> None:
    for name in ("start", "type"):
        element.attrib.pop(name, None)
    element.tag = "ol" if first.ordered else "ul"
    if not first.ordered:
        return
    if first.number != 1:
        element.set("start", str(first.number))
    if first.own_number_only and HTML_TYPES.get(first.format, "1") != "1":
        element.set("type", HTML_TYPES[first.format])  # named by the import as letters or roman numerals


# What Word shows that the email's lists cannot.
def _unnumbered_items_to_paragraphs(root, found: dict) -> list[ListNote]:
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
        _remove_keeping_tail(parent)


def _differences(root, found: dict) -> list[ListNote]:
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


def _remove_keeping_tail(node) -> None:
    parent = node.getparent()
    tail = node.tail or ""
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(node)


# Counting as Word does.
def _count(body, definitions: _Definitions):
    counters: dict[str, dict[int, int | None]] = {}
    seen_nums: set[str] = set()
    for paragraph in body.iter(_w("p")):
        if _hidden_from_mammoth(paragraph):
            continue
        numbering = _numbering_of(paragraph, definitions)
        if numbering is None:
            continue
        num_id, level_index, _ = numbering
        list_id = _definition(definitions.nums[num_id], definitions)
        start_override, level = definitions.overrides.get(num_id, {}).get(level_index, (None, None))
        level = level or definitions.levels.get(list_id, {}).get(level_index)
        if level is None:
            continue  # a level the list does not define shows no number (mammoth does not number it either)
        counts = counters.setdefault(list_id, {})
        if num_id not in seen_nums:
            seen_nums.add(num_id)
            for overridden, (start, _) in definitions.overrides.get(num_id, {}).items():
                if start is not None:
                    counts[overridden] = None  # "restart numbering": this instance begins the level again
        previous = counts.get(level_index)
        start = start_override if start_override is not None else level.start
        number = start if previous is None else previous + 1
        counts[level_index] = number
        for deeper in [d for d in counts if d > level_index]:
            rule = _level_rule(definitions, num_id, list_id, deeper)
            if rule is None or rule.restart_after is None or (rule.restart_after and level_index < rule.restart_after):
                counts[deeper] = None
        label, own_only = _label(level, level_index, counts, lambda index: _level_rule(definitions, num_id, list_id, index))
        yield NumberedParagraph(_squeeze(_paragraph_text(paragraph)), list_id, level_index, number, level.format,
                                label, own_only, numbering[2], level.picture)


_PLACEHOLDER = re.compile("%([1-9])")
_PUNCTUATION_ONLY = re.compile(r"[\s.)(]*")


def _label(level: _Level, level_index: int, counts: dict[int, int | None], rule_of) -> tuple[str, bool]:
    """(what Word shows before the paragraph, whether that is only its own counter with punctuation).

    Each %n of w:lvlText is level n's counter written in level n's format (figures for a legal level);
    a level not reached yet shows the number before its start, as Word's "0.1" under no heading 1 does.
    """
    if level.format == "bullet":
        return (level.text or ""), True
    text = f"%{level_index + 1}." if level.text is None else level.text

    def counter(match: re.Match) -> str:
        index = int(match.group(1)) - 1
        rule = level if index == level_index else rule_of(index)
        value = counts.get(index)
        if value is None:
            value = max(0, (rule.start if rule is not None else 1) - 1)
        number_format = rule.format if rule is not None else "decimal"
        if level.legal and number_format not in ("none", "bullet"):
            number_format = "decimal"
        return format_number(value, number_format)

    placeholders = _PLACEHOLDER.findall(text)
    own_only = (placeholders == [str(level_index + 1)]
                and _PUNCTUATION_ONLY.fullmatch(_PLACEHOLDER.sub("", text)) is not None)
    return " ".join(_PLACEHOLDER.sub(counter, text).split()), own_only


_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                  "nine": "ninth", "twelve": "twelfth"}


def format_number(number: int, number_format: str) -> str:
    """*number* as Word writes it in a list format ("lowerRoman": "iv", "ordinalText": "Fourth")."""
    if number_format in ("none", "bullet"):
        return ""
    if number_format in ("lowerLetter", "upperLetter") and number > 0:
        letters = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letters.upper() if number_format == "upperLetter" else letters
    if number_format in ("lowerRoman", "upperRoman") and 0 < number < 4000:
        roman = _roman(number)
        return roman.upper() if number_format == "upperRoman" else roman
    if number_format == "decimalZero":
        return f"{number:02d}"
    if number_format == "ordinal":
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"
    if number_format in ("cardinalText", "ordinalText") and 0 <= number < 1000:
        words = _in_words(number)
        if number_format == "ordinalText":
            head, _, last = words.rpartition("-" if "-" in words.split(" ")[-1] else " ")
            last = _ORDINAL_WORDS.get(last, last[:-1] + "ieth" if last.endswith("y") else last + "th")
            words = f"{head}{'-' if head and words[len(head)] == '-' else ' ' if head else ''}{last}"
        return words[0].upper() + words[1:]
    return str(number)


def _in_words(number: int) -> str:
    if number < 20:
        return _ONES[number]
    if number < 100:
        return _TENS[number // 10] + (f"-{_ONES[number % 10]}" if number % 10 else "")
    rest = number % 100
    return f"{_ONES[number // 100]} hundred" + (f" and {_in_words(rest)}" if rest else "")


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out += letters
            number -= value
    return out


def _level_rule(definitions: _Definitions, num_id: str, list_id: str, level_index: int) -> _Level | None:
    overridden = definitions.overrides.get(num_id, {}).get(level_index, (None, None))[1]
    return overridden or definitions.levels.get(list_id, {}).get(level_index)


def _numbering_of(paragraph, definitions: _Definitions) -> tuple[str, int, str | None] | None:
    """(numId, level, style) Word numbers the paragraph by: its own w:numPr, else its style's (through
    basedOn); the style is given only when the numbering comes from it."""
    properties = paragraph.find(_w("pPr"))
    if properties is None:
        properties = lxml.etree.Element(_w("pPr"))
    if properties.find(f"{_w('rPr')}/{_w('del')}") is not None:
        return None  # a deleted paragraph mark: mammoth joins it to the next paragraph
    style = _val(properties.find(_w("pStyle")))
    own = properties.find(_w("numPr"))
    num_id = _val(own.find(_w("numId"))) if own is not None else None
    level = _int(_val(own.find(_w("ilvl")))) if own is not None else None
    style_num, style_level, _ = _style_numbering(style, definitions)
    through_style = None
    if num_id is None:
        num_id = style_num
        level = level if level is not None else style_level
        through_style = style
    if num_id is None or num_id == "0" or num_id not in definitions.nums:
        return None
    if level is None:
        list_id = _definition(definitions.nums[num_id], definitions)
        level = definitions.style_levels.get((list_id, style or ""), 0)
    return num_id, level, through_style


def _style_numbering(style: str | None, definitions: _Definitions) -> tuple[str | None, int | None, str | None]:
    seen = set()
    while style and style not in seen:
        seen.add(style)
        num_id, level, based_on = definitions.style_numbering.get(style, (None, None, None))
        if num_id is not None:
            return num_id, level, style
        style = based_on
    return None, None, None


def _definition(abstract_id: str, definitions: _Definitions) -> str:
    """The definition that holds the levels: one that only borrows a numbering style's leads to that style's."""
    seen = set()
    while abstract_id in definitions.style_links and abstract_id not in seen:
        seen.add(abstract_id)
        num_id, _, _ = _style_numbering(definitions.style_links[abstract_id], definitions)
        if num_id is None or num_id not in definitions.nums:
            break
        abstract_id = definitions.nums[num_id]
    return abstract_id


# Reading the parts.
def _read_numbering(root, definitions: _Definitions) -> None:
    for abstract in root.iter(_w("abstractNum")):
        abstract_id = abstract.get(_w("abstractNumId")) or ""
        levels = {}
        for level in abstract.findall(_w("lvl")):
            index = _int(level.get(_w("ilvl")))
            index = 0 if index is None else index
            levels.setdefault(index, _level(level))
            style = _val(level.find(_w("pStyle")))
            if style:
                definitions.style_levels[(abstract_id, style)] = index
        definitions.levels[abstract_id] = levels
        link = _val(abstract.find(_w("numStyleLink")))
        if link:
            definitions.style_links[abstract_id] = link
    for num in root.iter(_w("num")):
        num_id, abstract_id = num.get(_w("numId")), _val(num.find(_w("abstractNumId")))
        if num_id is None or abstract_id is None:
            continue
        definitions.nums[num_id] = abstract_id
        overrides = {}
        for override in num.findall(_w("lvlOverride")):
            index = _int(override.get(_w("ilvl")))
            if index is None:
                continue
            start = _int(_val(override.find(_w("startOverride"))))
            level = override.find(_w("lvl"))
            overrides[index] = (start, _level(level) if level is not None else None)
        definitions.overrides[num_id] = overrides


def _level(element) -> _Level:
    start = _int(_val(element.find(_w("start"))))
    restart = element.find(_w("lvlRestart"))
    text = element.find(_w("lvlText"))
    legal = element.find(_w("isLgl"))
    return _Level(start=0 if start is None else max(0, start),  # ECMA-376: no w:start means 0
                  format=_val(element.find(_w("numFmt"))) or "decimal",
                  restart_after=_int(_val(restart)) if restart is not None else None,
                  text=(_val(text) or "") if text is not None else None,
                  legal=legal is not None and _val(legal) not in ("0", "false", "off"),
                  picture=element.find(_w("lvlPicBulletId")) is not None)


def _read_styles(root, definitions: _Definitions) -> None:
    for style in root.iter(_w("style")):
        style_id = style.get(_w("styleId"))
        if not style_id:
            continue
        numbering = style.find(f"{_w('pPr')}/{_w('numPr')}")
        num_id = _val(numbering.find(_w("numId"))) if numbering is not None else None
        level = _int(_val(numbering.find(_w("ilvl")))) if numbering is not None else None
        definitions.style_numbering[style_id] = (num_id, level, _val(style.find(_w("basedOn"))))


def _main_document(archive: zipfile.ZipFile) -> str:
    try:
        rels = _xml(archive, "_rels/.rels")
    except KeyError:
        return _MAIN
    for rel in rels.iter(f"{{{_RELS}}}Relationship"):
        if (rel.get("Type") or "").endswith("/officeDocument"):
            return (rel.get("Target") or _MAIN).lstrip("/")
    return _MAIN


def _related_parts(archive: zipfile.ZipFile, document_name: str) -> dict[str, str]:
    """{"numbering": part name, "styles": part name} as the document's relationships name them."""
    folder, name = posixpath.split(document_name)
    parts = {}
    try:
        rels = _xml(archive, posixpath.join(folder, "_rels", name + ".rels"))
    except KeyError:
        return {kind: posixpath.join(folder, f"{kind}.xml") for kind in ("numbering", "styles")
                if posixpath.join(folder, f"{kind}.xml") in archive.namelist()}
    for rel in rels.iter(f"{{{_RELS}}}Relationship"):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if kind in ("numbering", "styles") and rel.get("TargetMode") != "External":
            parts[kind] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
    return parts


def _xml(archive: zipfile.ZipFile, name: str):
    return lxml.etree.fromstring(archive.read(name), _PARSER)


def _hidden_from_mammoth(paragraph) -> bool:
    """mammoth reads the fallback of alternate content only, so a paragraph in a w:Choice is not its."""
    return any(ancestor.tag == f"{{{_MC}}}Choice" for ancestor in paragraph.iterancestors())


def _paragraph_text(paragraph) -> str:
    """The paragraph's own words (not those of a paragraph inside it, such as a text box's), deletions left out."""
    parts = []
    for text in paragraph.iter(_w("t")):
        ancestors = list(text.iterancestors())
        owner = next((a for a in ancestors if a.tag == _w("p")), None)
        if owner is paragraph and not any(a.tag in (_w("del"), _w("moveFrom"), f"{{{_MC}}}Choice") for a in ancestors):
            parts.append(text.text or "")
    return "".join(parts)


def _mammoth_text(element) -> str:
    """The words mammoth read for a paragraph, without those of a paragraph inside it."""
    if isinstance(element, documents.Text):
        return element.value
    return "".join(_mammoth_text(child) for child in getattr(element, "children", []) or []
                   if not isinstance(child, documents.Paragraph))


def _squeeze(text: str) -> str:
    return "".join(re.findall(r"\w+", text.casefold()))


def _val(element) -> str | None:
    return element.get(_w("val")) if element is not None else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
