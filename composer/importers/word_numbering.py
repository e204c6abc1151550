"""Word's own numbering of its list paragraphs, read from the .docx, for what mammoth leaves out.

mammoth knows only whether a paragraph is numbered and at what level, so every list
would start at 1 and two lists one after the other would run together. Word numbers a
paragraph from its numbering instance (w:num) and the definition behind it (w:abstractNum):
instances sharing a definition share its counters unless one restarts a level
(w:startOverride), a level starts at its w:start and begins again after any item of an
outer level. This module reads the numbering and styles parts and counts the same way;
word_labels writes the label Word shows from those counters, and word_renumber puts the
numbers back on mammoth's lists.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field

import lxml.etree

from .word_labels import word_label


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_MAIN = "word/document.xml"
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
class Level:
    start: int
    format: str
    restart_after: int | None  # w:lvlRestart: begin again only after this outer level (0: never); None: any
    text: str | None = None  # w:lvlText: "%1.%2." puts the outer level's counter before this one's
    legal: bool = False  # w:isLgl: every counter in the label shown in figures
    picture: bool = False


@dataclass
class _Definitions:
    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId → ilvl → level
    style_links: dict[str, str] = field(default_factory=dict)  # abstractNumId → numbering style it borrows
    nums: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, tuple[int | None, Level | None]]] = field(default_factory=dict)
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
        label, own_only = word_label(level, level_index, counts, lambda index: _level_rule(definitions, num_id, list_id, index))
        yield NumberedParagraph(letters_and_digits(_paragraph_text(paragraph)), list_id, level_index, number, level.format,
                                label, own_only, numbering[2], level.picture)


def _level_rule(definitions: _Definitions, num_id: str, list_id: str, level_index: int) -> Level | None:
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


def _level(element) -> Level:
    start = _int(_val(element.find(_w("start"))))
    restart = element.find(_w("lvlRestart"))
    text = element.find(_w("lvlText"))
    legal = element.find(_w("isLgl"))
    return Level(start=0 if start is None else max(0, start),  # ECMA-376: no w:start means 0
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

def letters_and_digits(text: str) -> str:
    return "".join(re.findall(r"\w+", text.casefold()))


def _val(element) -> str | None:
    return element.get(_w("val")) if element is not None else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
