"""How much of a real clipboard capture survives clean paste, judged against what other editors expect.

The captures are other projects' test data (CKEditor 4 and 5, GPL/LGPL/MPL), so they are not in
this repository: they are read from the folder named by NEWSLETTER_CLIPBOARD_CAPTURES, else from
../shared/clipboard-captures beside the repository (see that folder's README and index.json).
Each capture comes with an oracle written by the project
that published it: CKEditor 5's expected editor model or CKEditor 4's expected HTML. The words
and links are read from the capture itself; bold, italic and list structure from the oracle;
Word's numbers from the markers Word wrote into the capture ("1.", "b)", "iii."), and where Word
starts a new list straight after another from its list ids ("mso-list: l1 level1 lfo2"). What we
produced is read from the email HTML that composer.render makes of the pasted Markdown.
Used by test_clipboard_captures.py (which holds the targets), benchmarks/import_fidelity.py (which
prints figures) and test_own_clipboard_fixtures.py (the same measuring on our own fixtures/own).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import lxml.etree
import lxml.html

from tally import Tally

ENVIRONMENT = "NEWSLETTER_CLIPBOARD_CAPTURES"
BESIDE_REPOSITORY = Path(__file__).resolve().parents[3] / "shared" / "clipboard-captures"
_WORD = re.compile(r"\w+")
_MARKER = re.compile(r"^\s*(?:\(?([0-9]+|[a-z]+|[ivxlcdm]+)[.)]?)\s*$", re.I)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def find_captures() -> tuple[Path | None, str]:
    """(folder, "") where the third-party captures are, or (None, why not) naming both places looked at."""
    named = os.environ.get(ENVIRONMENT, "").strip()
    if named:
        folder = Path(named).expanduser()
        if (folder / "index.json").is_file():
            return folder, ""
        return None, (f"{ENVIRONMENT} names {folder}, which has no index.json of clipboard captures "
                      f"(the folder {BESIDE_REPOSITORY} is only used when {ENVIRONMENT} is not set)")
    if (BESIDE_REPOSITORY / "index.json").is_file():
        return BESIDE_REPOSITORY, ""
    return None, (f"third-party clipboard captures not found: set {ENVIRONMENT} to their folder, "
                  f"or put them in {BESIDE_REPOSITORY} (they are not kept in this repository)")


FIXTURES, MISSING = find_captures()


def _folder(folder: Path | None = None) -> Path:
    """*folder* when given (our own fixtures), else the third-party captures' folder."""
    if folder is not None:
        return folder
    if FIXTURES is None:
        raise FileNotFoundError(MISSING)
    return FIXTURES


def captures(folder: Path | None = None) -> list[dict]:
    return json.loads((_folder(folder) / "index.json").read_text(encoding="utf-8"))


def capture_html(capture: dict, folder: Path | None = None) -> str:
    """The bytes the application put on the clipboard, as text."""
    return (_folder(folder) / capture["input"]).read_text(encoding="utf-8", errors="replace")


@dataclass
class Item:
    text: str
    depth: int
    ordered: bool
    number: int | None = None  # the number a reader sees, where known


@dataclass
class Figures(Tally):
    words: int = 0
    words_lost: int = 0
    words_added: list[str] = field(default_factory=list)  # run-together words and the like
    links: int = 0
    links_lost: list[str] = field(default_factory=list)
    bold: int = 0
    bold_kept: int = 0
    italic: int = 0
    italic_kept: int = 0
    items: int = 0
    items_kept: int = 0
    nested: int = 0
    nested_right: int = 0
    numbered: int = 0
    numbered_right: int = 0
    lists_apart: int = 0  # two Word lists one straight after the other (a different list, or numbering restarted)
    lists_apart_kept: int = 0  # ... that the email still shows as two lists
    paragraphs_made_bullets: list[str] = field(default_factory=list)


def measure(capture: dict, markdown: str, folder: Path | None = None) -> Figures:
    """Figures for one capture and the Markdown clean paste made of it (*folder*: where the capture is,
    when not the third-party captures' folder)."""
    from composer.render.markdown import markdown_to_html

    source = capture_html(capture, folder)
    ours = lxml.html.fragment_fromstring(str(markdown_to_html(markdown)) or "<p></p>", create_parent="div")
    oracle = _oracle(capture, folder)
    figures = Figures()

    source_words = Counter(w.casefold() for w in _WORD.findall(source_text(source)))
    our_words = Counter(w.casefold() for w in _WORD.findall(ours.text_content()))
    figures.words = sum(source_words.values())
    figures.words_lost = sum((source_words - our_words).values())
    figures.words_added = sorted((our_words - source_words).elements())

    our_links = Counter((_norm(a.text_content()), (a.get("href") or "").rstrip("/")) for a in ours.iter("a"))
    for label, href in source_links(source):
        figures.links += 1
        if our_links[(label, href)] > 0:
            our_links[(label, href)] -= 1
        else:
            figures.links_lost.append(f"{label} → {href}")

    for kind, tags in (("bold", ("strong", "b")), ("italic", ("em", "i"))):
        wanted = oracle_marked(oracle, capture, kind)
        have = Counter(w for el in ours.iter(*tags) for w in _words(el.text_content()))
        total = sum(len(w) * n for w, n in wanted.items())
        kept = sum(len(w) * min(n, have[w]) for w, n in wanted.items())
        setattr(figures, kind, total)
        setattr(figures, f"{kind}_kept", kept)

    expected = oracle_items(oracle, capture)
    numbers = word_markers(source) if capture["kind"] == "word" else source_numbers(source)
    got = html_items(ours)
    used = 0
    for index, item in enumerate(expected):
        figures.items += 1
        match = next((j for j in range(used, len(got)) if got[j].text == item.text), None)
        if item.depth > 0:
            figures.nested += 1
        number = numbers.get(item.text, [None]).pop(0) if numbers.get(item.text) else None
        if item.ordered and number is not None:
            figures.numbered += 1
        if match is None:
            continue
        used = match + 1
        figures.items_kept += 1
        if item.depth > 0 and got[match].depth == item.depth:
            figures.nested_right += 1
        if item.ordered and number is not None and got[match].ordered and got[match].number == number:
            figures.numbered_right += 1
    if capture["kind"] == "word":
        for before, after in word_list_breaks(source):
            figures.lists_apart += 1
            first = next((li for li in ours.iter("li") if _item_text(li) == before), None)
            second = next((li for li in ours.iter("li") if _item_text(li) == after), None)
            if first is not None and second is not None and first.getparent() is not second.getparent():
                figures.lists_apart_kept += 1
    item_texts = Counter(item.text for item in expected)
    for paragraph in oracle_paragraphs(oracle, capture):
        if paragraph and item_texts[paragraph] == 0 and any(g.text == paragraph for g in got):
            figures.paragraphs_made_bullets.append(paragraph)
    return figures


# What the capture itself holds.
def source_text(html: str) -> str:
    """The words a reader of the original saw: no styles, comments, hidden text or Word's list markers."""
    root = _parse(html)
    for node in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        _drop(node)
    for node in list(root.iter()):
        if not isinstance(node.tag, str):
            continue
        style = "".join((node.get("style") or "").lower().split())
        if node.tag in ("style", "script", "head", "title", "xml") or "mso-list:ignore" in style \
                or "display:none" in style or "mso-hide:all" in style:
            _drop(node)
    for paragraph in root.iter("p"):  # a marker Word typed before an item (Edge loses "mso-list")
        if re.search(r"text-indent\s*:\s*-", paragraph.get("style") or ""):
            match = _TYPED.match(paragraph.text_content())
            if match:
                _drop_text(paragraph, match.end())
    for br in root.iter("br", "p", "li", "td", "div", "h1", "h2", "h3", "h4", "h5", "h6"):
        br.tail = " " + (br.tail or "")
        br.text = " " + (br.text or "") if br.tag != "br" else br.text
    return root.text_content()


def source_links(html: str) -> list[tuple[str, str]]:
    """(label, address) of each web or e-mail link in the capture."""
    root = _parse(html)
    links = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        label = _norm(a.text_content())
        if label and re.match(r"(?:https?://|mailto:)", href, re.I):
            links.append((label, href.rstrip("/")))
    return links


def word_markers(html: str) -> dict[str, list[int]]:
    """Item text → the numbers Word showed before it (from mso-list:Ignore), numbered items only."""
    root = _parse(html)
    found: dict[str, list[int]] = {}
    for node in root.iter():
        if not isinstance(node.tag, str) or "mso-list" not in (node.get("style") or "").lower():
            continue
        if _is_marker(node):
            continue
        marker = "".join(
            m.text_content() for m in node.iter("span") if _is_marker(m)
        )
        value = marker_value(marker)
        if value is None:
            continue
        copy = lxml.html.fromstring(lxml.html.tostring(node))
        for m in list(copy.iter("span")):
            if _is_marker(m):
                _drop(m)
        for n in list(copy.iter(lxml.etree.Comment)):
            _drop(n)
        found.setdefault(_norm(copy.text_content()), []).append(value)
    return found


def word_list_breaks(html: str) -> list[tuple[str, str]]:
    """(last item, first item) texts where Word starts a new list straight after another at the same level:
    another list or override ("mso-list: l1 … lfo2" after "l0 … lfo1") or numbering that starts again, with
    only blank paragraphs between. Items whose text appears twice are left out (they cannot be told apart)."""
    root = _parse(html)
    body = root.find("body") if root.find("body") is not None else root
    for node in list(body.iter(lxml.etree.Comment)):
        _drop(node)
    seen: dict[int, tuple] = {}  # level → (text, key, value) of the last item at that level since an outer one
    breaks, texts = [], Counter()
    for node in body.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "table"):
        if node.tag == "table" or any(a.tag in ("table", "li") for a in node.iterancestors()):
            seen.clear()
            continue
        style = "".join((node.get("style") or "").lower().split())
        found = re.search(r"mso-list:l(\d+)level(\d+)(?:lfo(\d+))?", style)
        if not found:
            if _norm(node.text_content()):
                seen.clear()  # a paragraph between two lists keeps them apart by itself
            continue
        level, key = int(found.group(2)), (found.group(1), found.group(3))
        marker = "".join(m.text_content() for m in node.iter("span") if _is_marker(m)).replace("\xa0", " ").strip()
        value = marker_value(marker) if re.search(r"\d|[.)]$", marker) else None  # "o" is a bullet, not 15
        copy = lxml.html.fromstring(lxml.html.tostring(node))
        for m in list(copy.iter("span")):
            if _is_marker(m):
                _drop(m)
        text = _norm(copy.text_content())
        texts[text] += 1
        last = seen.get(level)
        if last is not None and text and last[0] and (
                last[1] != key or (value is not None and last[2] is not None and value != last[2] + 1)):
            breaks.append((last[0], text))
        for deeper in [lvl for lvl in seen if lvl > level]:
            del seen[deeper]
        seen[level] = (text, key, value)
    return [(a, b) for a, b in breaks if texts[a] == 1 and texts[b] == 1]


def source_numbers(html: str) -> dict[str, list[int]]:
    """Item text → its number, for <ol> lists as a browser numbers them."""
    root = _parse(html)
    found: dict[str, list[int]] = {}
    for item in html_items(root):  # in reading order
        if item.ordered:
            found.setdefault(item.text, []).append(item.number)
    return found


def marker_value(marker: str) -> int | None:
    """"3." → 3, "c)" → 3, "iv." → 4; bullets and symbols → None."""
    match = _MARKER.match(marker.replace("\xa0", " "))
    if not match:
        return None
    token = match.group(1).lower()
    if token.isdigit():
        return int(token)
    if re.fullmatch(r"[ivxlcdm]+", token) and (len(token) > 1 or token in "iv"):
        total = 0
        for a, b in zip(token, token[1:] + " "):
            value = _ROMAN[a]
            total += -value if b != " " and _ROMAN[b] > value else value
        return total
    if len(token) == 1:
        return ord(token) - ord("a") + 1
    return None


# The oracle.
def _oracle(capture: dict, folder: Path | None = None):
    text = (_folder(folder) / capture["oracle"]).read_text(encoding="utf-8", errors="replace")
    if capture["oracle"].endswith(".model.html"):
        text = text.replace("<$text", "<text").replace("</$text>", "</text>")
        parser = lxml.etree.XMLParser(recover=True)
        return lxml.etree.fromstring(f"<root>{text}</root>".encode(), parser)
    return _parse(text)


def _is_model(capture: dict) -> bool:
    return capture["oracle"].endswith(".model.html")


def oracle_items(oracle, capture: dict) -> list[Item]:
    if _is_model(capture):
        items, seen = [], set()
        for el in oracle:
            if el.get("listIndent") is None:
                continue
            key = el.get("listItemId")
            if key in seen:
                continue  # a second paragraph of the same item
            seen.add(key)
            items.append(Item(_norm("".join(el.itertext())), int(el.get("listIndent")), el.get("listType") == "numbered"))
        return [i for i in items if i.text]
    return [i for i in html_items(oracle) if i.text]


def oracle_paragraphs(oracle, capture: dict) -> list[str]:
    """Texts of paragraphs that are not the first paragraph of a list item."""
    if _is_model(capture):
        return [_norm("".join(el.itertext())) for el in oracle if el.get("listIndent") is None]
    return [_norm(p.text_content()) for p in oracle.iter("p", "h1", "h2", "h3", "h4", "h5", "h6")
            if not any(a.tag == "li" for a in p.iterancestors())]


def oracle_marked(oracle, capture: dict, kind: str) -> Counter:
    if _is_model(capture):
        found: Counter = Counter()
        for block in oracle.iter():
            run = ""
            for child in block:
                if child.tag == "text" and child.get(kind) == "true":
                    run += "".join(child.itertext())
                elif child.tag == "text" or child.tag not in ("softBreak",):
                    found.update(_words(run))
                    run = ""
                tail = child.tail or ""
                if tail.strip() or (tail and "\n" not in tail):  # a tail of real text ends the run
                    found.update(_words(run))
                    run = ""
            found.update(_words(run))
        return found
    tags = ("strong", "b") if kind == "bold" else ("em", "i")
    return Counter(w for el in oracle.iter(*tags) for w in _words(el.text_content()))


def html_items(root) -> list[Item]:
    """List items of an HTML tree: own text, depth (0 = outermost), and the number shown."""
    items = []
    for li in root.iter("li"):
        lists = [a for a in li.iterancestors() if a.tag in ("ol", "ul")]
        if not lists:
            continue
        parent = lists[0]
        number = None
        if parent.tag == "ol":
            try:
                start = int(parent.get("start") or 1)
            except ValueError:
                start = 1
            number = start + [c for c in parent if c.tag == "li"].index(li)
        items.append(Item(_item_text(li), len(lists) - 1, parent.tag == "ol", number))
    return items


# Small helpers.
_TYPED = re.compile(r"^\s*(\(?[0-9a-z]{1,4}[.)]|[^\w\s]|o)[\s\xa0]*\xa0", re.I)


def _drop_text(element, count: int) -> None:
    for node in element.iter():
        for attribute in ("text", "tail") if node is not element else ("text",):
            value = getattr(node, attribute) if isinstance(node.tag, str) else None
            if value and count > 0:
                taken = min(count, len(value))
                setattr(node, attribute, value[taken:])
                count -= taken


def _is_marker(node) -> bool:
    return "mso-list:ignore" in "".join((node.get("style") or "").lower().split())


def _item_text(li) -> str:
    parts = [li.text or ""]
    for child in li:
        if child.tag in ("ol", "ul"):
            parts.append(child.tail or "")
            continue
        if isinstance(child.tag, str) and child.tag == "p" and len(parts) > 1 and "".join(parts).strip():
            break  # a second paragraph in the item is continuation text
        parts.append(child.text_content() if isinstance(child.tag, str) else "")
        parts.append(child.tail or "")
    return _norm("".join(parts))


def _parse(html: str):
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return lxml.html.fragment_fromstring("<p></p>", create_parent="div")


def _drop(node) -> None:
    parent = node.getparent()
    if parent is None:
        return
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + (node.tail or "")
    else:
        parent.text = (parent.text or "") + (node.tail or "")
    parent.remove(node)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _norm(text: str) -> str:
    return " ".join(_words(text))
