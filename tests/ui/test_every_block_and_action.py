"""Every block type typed into through its form, and every command in every menu and the toolbar tried once.

Issue 14: the tests of the first round called functions directly, so a slot that raised on
every keystroke went unnoticed. Here each block is added from the Add block menu, each of its
text fields gets real key presses, the issue is saved with Ctrl+S and read back, and every
action of the window is triggered with whatever dialog it opens answered or closed.
"""

import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication, QDialog, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QPlainTextEdit, QTextEdit,
)

from composer.model import BLOCK_TITLES, BLOCK_TYPES
from composer.model import edits
from composer.storage import load_issue
from composer.ui.editors.rich_text import RichTextEditor
from composer.ui.main_window import blank_issue


def _typeable(bound):
    editor = bound.editor
    if isinstance(editor, RichTextEditor):
        return editor.text
    if bound.spec.kind in ("line", "prose", "multiline") and isinstance(editor, (QLineEdit, QPlainTextEdit, QTextEdit)):
        return editor
    return None


@pytest.mark.parametrize("type_name", list(BLOCK_TYPES))
def test_coordinator_adds_each_block_types_words_and_finds_them_after_reopening(make_window, qtbot, tmp_path, type_name):
    window = make_window(blank_issue())
    menu_entry = next(a for a in window.add_block_menu.actions() if a.text().replace("&", "") == BLOCK_TITLES[type_name])
    menu_entry.trigger()
    kind, block_id = window.outline.current_item()
    assert kind == "block" and edits.find_block(window.document.issue, block_id).type == type_name

    typed = {}
    for name, bound in window.editor.form.fields.items():
        if bound.spec.kind in ("url", "image"):  # a button shows only with somewhere to go, a picture with a picture
            bound.editor.setFocus()
            QTest.keyClicks(bound.editor, f"https://www.example.org/{name}" + (".png" if bound.spec.kind == "image" else ""))
        widget = _typeable(bound)
        if widget is None:
            continue
        words = f"Words for {name.replace('_', ' ')} {len(typed) + 1}"
        widget.setFocus()
        QTest.keyClicks(widget, words)
        typed[name] = words
    block = edits.find_block(window.document.issue, block_id)
    for name, words in typed.items():
        assert words in str(getattr(block, name)), f"{type_name}.{name} lost what was typed"

    path = tmp_path / "issue.newsletter"
    window.document.set_path(path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    reopened = edits.find_block(load_issue(path), block_id)
    for name, words in typed.items():
        assert words in str(getattr(reopened, name))
    if typed:
        qtbot.waitUntil(lambda: window.preview.email is not None and all(
            words in window.preview.email.html for words in typed.values()), timeout=15000)


def _close_whatever_opens():
    """Close any dialog a command opens (after a moment to show itself), until stopped."""
    closed = []

    def sweep():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                closed.append(widget.windowTitle())
                widget.reject()
        timer.start()

    timer = QTimer()
    timer.setInterval(150)
    timer.setSingleShot(True)
    timer.timeout.connect(sweep)
    timer.start()
    return timer, closed


def test_every_command_in_every_menu_and_the_toolbar_runs_on_the_sample(make_window, sample_issue, qtbot, monkeypatch, tmp_path):
    # Static questions answer “no”/“cancel”; file choosers choose nothing.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    for name in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    window = make_window(sample_issue)
    window.document.set_path(tmp_path / "sample.newsletter")
    timer, closed = _close_whatever_opens()
    actions = []
    for menu_action in window.menuBar().actions():
        stack = [menu_action.menu()]
        while stack:
            menu = stack.pop()
            for action in menu.actions():
                if action.menu() is not None:
                    stack.append(action.menu())
                elif not action.isSeparator() and action.isEnabled():
                    actions.append(action)
    actions += [a for a in window.toolbar.actions() if not a.isSeparator() and isinstance(a, QAction)]
    skip = {"&Quit", "&New issue", "New from sa&mple"}  # these replace or close the issue: tried elsewhere
    tried = set()
    for action in actions:
        if action.text() in skip or id(action) in tried or not action.isEnabled():
            continue
        tried.add(id(action))
        window.outline.setFocus()
        action.trigger()
        qtbot.wait(20)
    timer.stop()
    assert len(tried) >= 25, [a.text() for a in actions]
    # pytest-qt fails the test if any of those slots raised
