"""Whatever the text box shows is saved exactly: typing at the start moves every wrap point and changes nothing else.

Issue 21: Qt's Markdown writer wrapped lines at 80 columns, splitting ``**`` from its word and
putting a line break between a link and its full stop. These tests type a prefix at the very
start of every text field, save with Ctrl+S, reopen the file and compare the email's HTML.
"""

import re

import lxml.html
import pytest
from hypothesis import given, settings, strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from composer.model import edits
from composer.render.markdown import markdown_to_html
from composer.storage import load_issue
from composer.ui.editors.markdown_writer import document_to_markdown
from composer.ui.editors.rich_text import RichTextEditor
from composer.ui.outline import BLOCK

PREFIXES = ("A ", "EDIT-FROM-A ", "Several more words typed at the very start, ")


def _html(markdown: str) -> tuple:
    """What a reader of the email gets from a text: each character with its marks (bold, italic, link),
    inside its paragraphs and list items at their depth and number. Spaces are folded as HTML folds
    them, and a space carries no marks (an italic space looks like any other)."""
    root = lxml.html.fragment_fromstring(str(markdown_to_html(markdown)) or "<p></p>", create_parent="div")
    out: list = []

    def walk(element, marks, depth):
        tag = element.tag
        loose_item = tag == "p" and element.getparent().tag == "li" and element.getprevious() is None
        if tag in ("p", "li") and not loose_item:
            out.append((tag, depth))
        elif tag in ("ul", "ol"):
            out.append((tag, depth, element.get("start", "1")))
            depth += 1
        elif tag == "br":
            out.append(("br",))
        marks = marks | {"strong": {"b"}, "em": {"i"}}.get(tag, set()) | ({"a:" + element.get("href")} if tag == "a" else set())
        _characters(element.text, marks)
        for child in element:
            walk(child, marks, depth)
            _characters(child.tail, marks)

    def _characters(text, marks):
        for character in re.sub(r"\s+", " ", text or ""):
            if character == " ":
                if out and out[-1] != " " and isinstance(out[-1], tuple) and len(out[-1]) == 2 and isinstance(out[-1][1], frozenset):
                    out.append(" ")
            else:
                out.append((character, frozenset(marks)))

    for child in root:
        walk(child, set(), 0)
    while " " in out[-1:]:
        out.pop()
    return tuple(token for index, token in enumerate(out)
                 if not (token == " " and (index + 1 == len(out) or not (isinstance(out[index + 1], tuple) and len(out[index + 1]) == 2 and isinstance(out[index + 1][1], frozenset)))))


def _without_prefix(reading: tuple, prefix: str) -> tuple:
    """The reading with the typed prefix's characters taken out where they were typed (the first text)."""
    tokens = list(reading)
    wanted = [c for c in re.sub(r"\s+", " ", prefix)]
    first = next(i for i, token in enumerate(tokens) if token == " " or (len(token) == 2 and isinstance(token[1], frozenset)))
    for character in wanted:
        token = tokens[first]
        if (token == " " and character == " ") or (token != " " and token[0] == character):
            del tokens[first]
        else:
            break
    return tuple(tokens)


def _text_fields(form):
    """(name, widget to type into) for every field a coordinator types words into."""
    for name, bound in form.fields.items():
        editor = bound.editor
        if isinstance(editor, RichTextEditor):
            yield name, editor.text, True
        elif isinstance(editor, (QLineEdit, QPlainTextEdit)) and bound.spec.kind in ("line", "prose", "multiline"):
            yield name, editor, False


def _type_prefix_everywhere(window, prefix):
    typed = {}
    for section in window.document.issue.sections:
        for block in section.blocks:
            window.outline.setFocus()
            window.outline.select_item(BLOCK, block.id)
            for name, widget, rich in _text_fields(window.editor.form):
                widget.setFocus()
                start = Qt.KeyboardModifier.NoModifier if isinstance(widget, QLineEdit) else Qt.KeyboardModifier.ControlModifier
                QTest.keyClick(widget, Qt.Key.Key_Home, start)
                QTest.keyClicks(widget, prefix)
                typed[(block.id, name)] = rich
    return typed


def _assert_exact(before, after, typed, prefix):
    assert typed, "no text fields were found to type into"
    for (block_id, name), rich in typed.items():
        old = getattr(edits.find_block(before, block_id), name)
        new = getattr(edits.find_block(after, block_id), name)
        if rich:
            if not old.strip():
                assert _html(new) == _html(prefix), (block_id, name)
                continue
            assert _without_prefix(_html(new), prefix) == _html(old), f"{name} of {block_id}:\n{old!r}\n{new!r}"
        else:
            assert new == prefix + old or (not old and new == prefix.rstrip() or new == prefix), (name, old, new)


def _round_trip(make_window, issue, tmp_path, prefix):
    window = make_window(issue)
    path = tmp_path / "issue.newsletter"
    window.document.set_path(path)
    typed = _type_prefix_everywhere(window, prefix)
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.document.is_modified()
    _assert_exact(issue, load_issue(path), typed, prefix)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_typing_at_the_start_of_every_field_of_the_sample_keeps_every_mark(make_window, sample_issue, tmp_path, prefix):
    _round_trip(make_window, sample_issue, tmp_path, prefix)


def test_typing_in_the_imports_of_the_real_past_newsletters_keeps_every_mark(make_window, shared_samples, tmp_path):
    from composer.importers.files import import_file

    for source in sorted(shared_samples.glob("*.txt")):
        issue = import_file(source).issue
        _round_trip(make_window, issue, tmp_path, "EDIT-FROM-A ")


# --- generated paragraphs: bold, italic, links, lists and long words, at every width -----------------

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789", min_size=1, max_size=12) | st.sampled_from(
    ["Supercalifragilisticexpialidocious-and-then-some-more-words-without-a-break", "7", "1.", "-", "*star*", "[x]",
     "a_b", "&amp;", "#1", "end.", "“quoted”", "(PDF)", "e-mail"])
_RUN = st.tuples(st.lists(_WORD, min_size=1, max_size=6), st.booleans(), st.booleans(),
                 st.sampled_from(["", "", "https://www.example.org/a", "mailto:hello@example.org"]),
                 st.sampled_from(["", ".", ",", ":"]))


def _escape(word: str) -> str:
    return re.sub(r"([\\`*_\[\]<>&!#|~])", r"\\\1", word)


def _paragraph(runs) -> str:
    parts = []
    for words, bold, italic, href, after in runs:
        text = " ".join(_escape(word) for word in words)
        if italic:
            text = f"*{text}*"
        if bold:
            text = f"**{text}**"
        if href:
            text = f"[{text}]({href})"
        parts.append(text + after)
    text = " ".join(parts)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", re.sub(r"^([-+])", r"\\\1", text))


_PARAGRAPH = st.lists(_RUN, min_size=1, max_size=5).map(_paragraph)


@st.composite
def _documents(draw):
    blocks = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["paragraph", "bullets", "numbers", "nested"]))
        if kind == "paragraph":
            blocks.append(draw(_PARAGRAPH))
        elif kind == "bullets":
            blocks.append("\n".join("- " + draw(_PARAGRAPH) for _ in range(draw(st.integers(1, 3)))))
        elif kind == "numbers":
            start = draw(st.integers(1, 12))
            blocks.append("\n".join(f"{start + n}. " + draw(_PARAGRAPH) for n in range(draw(st.integers(1, 3)))))
        else:
            blocks.append("- " + draw(_PARAGRAPH) + "\n  1. " + draw(_PARAGRAPH) + "\n  2. " + draw(_PARAGRAPH)
                          + "\n- " + draw(_PARAGRAPH))
    return "\n\n".join(blocks)


@settings(max_examples=150, deadline=None)
@given(markdown=_documents(), width=st.sampled_from([40, 120, 333, 640, 2000]), prefix=st.sampled_from(PREFIXES))
def test_generated_text_survives_a_prefix_at_every_width(qapp, markdown, width, prefix):
    document = QTextDocument()
    document.setTextWidth(width)
    document.setHtml(str(markdown_to_html(markdown)))
    assert _html(document_to_markdown(document)) == _html(markdown), "shown and written back unchanged"
    cursor = QTextCursor(document)
    cursor.setPosition(0)
    cursor.insertText(prefix)
    written = document_to_markdown(document)
    assert "\n\n\n" not in written
    expected = _html(markdown)
    assert _without_prefix(_html(written), prefix) == expected, (markdown, written)


def test_two_sub_lists_under_one_item_stay_two(qapp):
    """Word restarts a sub-list under the same item; written back, the second must not continue the first."""
    markdown = "1. Prepare\n   1. Read\n   2. Note\n\n   1) Ask\n   2) Agree\n2. Meet"
    shown = _html(markdown)
    assert str(markdown_to_html(markdown)).count("<ol") == 3
    document = QTextDocument()
    document.setHtml(str(markdown_to_html(markdown)))
    written = document_to_markdown(document)
    assert _html(written) == shown, written
