"""Spelling as you type: red wavy underlines in prose fields and a right-click menu to put a word right.

Past issues went out with "relavant" in a paragraph and "PARTICPATE HERE" on a
button; underlining as the coordinator types catches them before the pre-flight
check does. The shared checker caches its answers per word, so repainting a
paragraph costs a dictionary lookup only for words never seen before.

Opening the dictionary takes a fifth of a second that nothing else can use, so
it is not opened while the window starts: fields filled or shown before then are
underlined once it has been opened in the background, after the preview is up.
A field she types in, or a spelling menu, opens it at once if need be.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import (
    QColor, QContextMenuEvent, QInputMethodEvent, QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument,
)
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QWidget

from composer.checks.spelling import SpellChecker, SpellingUnavailable, shared_checker
from composer.model import edits

MAX_SUGGESTIONS = 5
_unavailable = False
_opening = threading.Lock()


def install(window) -> None:
    """Keep underlines in step with the issue's ignore list, including when "Ignore" is undone.

    The dictionary is opened in the background once the window and its preview are up.
    """
    from .app import after_start_up

    after_start_up(window, open_dictionary_in_background)
    state = {"ignored": window.document.issue.spelling_ignored}

    def follow(issue) -> None:
        if issue.spelling_ignored != state["ignored"]:
            state["ignored"] = issue.spelling_ignored
            refresh_underlines(window)

    def attach(document) -> None:
        state["ignored"] = document.issue.spelling_ignored
        document.changed.connect(follow)

    attach(window.document)
    window.document_replaced.connect(attach)


def spell_checker(wait: bool = True) -> SpellChecker | None:
    """The app's checker, or None when this machine has no British dictionary (asked only once).

    With *wait* False the dictionary is not opened here: None until it is open, and the
    underlines are redrawn when it has been.
    """
    global _unavailable
    if _unavailable:
        return None
    if not wait and not dictionary_open():
        _Opened.instance()  # so that the fields hear when it is
        return None
    checker = open_dictionary()
    if checker is None:
        _unavailable = True
    return checker


def dictionary_open() -> bool:
    return shared_checker.cache_info().currsize > 0


def open_dictionary() -> SpellChecker | None:
    """The shared checker, opened now if need be; from any thread (a second caller waits for the first)."""
    with _opening:
        opened_now = not dictionary_open()
        try:
            checker = shared_checker()
        except SpellingUnavailable:
            return None
    if opened_now and _Opened.created is not None:
        _Opened.created.opened.emit()  # on the GUI thread: draw the underlines that waited for it
    return checker


def open_dictionary_in_background() -> None:
    if not dictionary_open() and not _unavailable:
        _Opened.instance()
        threading.Thread(target=open_dictionary, name="spelling-dictionary", daemon=True).start()


def ignored_words(widget: QWidget) -> Collection[str]:
    """The words the coordinator chose to ignore in the issue this widget belongs to."""
    document = getattr(widget.window(), "document", None)
    return getattr(getattr(document, "issue", None), "spelling_ignored", ())


def refresh_underlines(root: QWidget | None = None) -> None:
    """Repaint underlines after the dictionary or the ignore list changed (every window when *root* is None)."""
    roots = [root] if root is not None else QApplication.topLevelWidgets()
    for widget in roots:
        for highlighter in widget.findChildren(SpellingHighlighter):
            highlighter.rehighlight()
        for line in widget.findChildren(ProseLineEdit):
            line.underline_misspellings()


def misspelling_at(widget: QWidget, text: str, position: int) -> tuple[int, int, str] | None:
    """The misspelt word (start, end, word) at *position* in *text*, if there is one."""
    checker = spell_checker()
    if checker is None:
        return None
    for start, end, word in checker.misspellings(text, ignored_words(widget)):
        if start <= position <= end:
            return start, end, word
    return None


def add_spelling_actions(menu: QMenu, widget: QWidget, word: str, replace: Callable[[str], None]) -> None:
    """Put suggestions, "Add to dictionary" and "Ignore in this issue" at the top of a context menu."""
    checker = spell_checker()
    if checker is None:
        return
    first = menu.actions()[0] if menu.actions() else None
    suggestions = checker.suggest(word, MAX_SUGGESTIONS)
    for suggestion in suggestions:
        action = menu.addAction(suggestion)
        action.setObjectName("spellingSuggestion")
        action.triggered.connect(lambda _=False, s=suggestion: replace(s))
        menu.insertAction(first, action)
    if not suggestions:
        none = menu.addAction("No suggestions")
        none.setEnabled(False)
        menu.insertAction(first, none)
    add = menu.addAction(f"Add “{word}” to dictionary")
    add.setObjectName("addToDictionary")
    add.triggered.connect(lambda: _add_to_dictionary(checker, word))
    menu.insertAction(first, add)
    ignore = menu.addAction("Ignore in this issue")
    ignore.setObjectName("ignoreInIssue")
    ignore.triggered.connect(lambda: _ignore_in_issue(widget, word))
    menu.insertAction(first, ignore)
    if first is not None:
        menu.insertSeparator(first)


def select_word(editor: QWidget, word: str) -> bool:
    """Select the first whole-word occurrence of *word* in a text field, so a finding points at it."""
    if isinstance(editor, (QTextEdit, QPlainTextEdit)):
        pattern = QRegularExpression(rf"\b{QRegularExpression.escape(word)}\b")
        cursor = editor.document().find(pattern, 0, QTextDocument.FindFlag.FindCaseSensitively)
        if cursor.isNull():
            return False
        editor.setTextCursor(cursor)
        editor.ensureCursorVisible()
        return True
    if isinstance(editor, QLineEdit):
        match = QRegularExpression(rf"\b{QRegularExpression.escape(word)}\b").match(editor.text())
        if not match.hasMatch():
            return False
        editor.setSelection(match.capturedStart(), len(word))
        return True
    return False


class SpellingHighlighter(QSyntaxHighlighter):
    """Underlines misspelt words in a QTextEdit or QPlainTextEdit; cheap enough to run on every keystroke."""

    def __init__(self, editor: QTextEdit | QPlainTextEdit):
        super().__init__(editor.document())
        self._editor = editor
        # The form fills its fields before it joins the window, so look again once the field is shown.
        self._show_watcher = _ShowWatcher(editor, self._shown)

    def highlightBlock(self, text: str) -> None:
        checker = spell_checker(wait=self._editor.isVisible())  # filled out of sight: underlined when shown
        if checker is None or not text.strip():
            return
        for start, end, _ in checker.misspellings(text, ignored_words(self._editor)):
            self.setFormat(start, end - start, misspelt_format())

    def context_menu(self, position) -> QMenu:
        """The editor's usual menu, with spelling actions first when *position* is on a misspelt word."""
        editor = self._editor
        menu = editor.createStandardContextMenu(position)
        cursor = editor.cursorForPosition(position)
        block = cursor.block()
        found = misspelling_at(editor, block.text(), cursor.positionInBlock())
        if found:
            start, end, word = found

            def replace(new_word: str) -> None:
                edit = QTextCursor(block)
                edit.setPosition(block.position() + start)
                edit.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
                edit.insertText(new_word)

            add_spelling_actions(menu, editor, word, replace)
        return menu

    def _shown(self) -> None:
        if dictionary_open():  # else the underlines come when it is open (see open_dictionary)
            self.rehighlight()


class ProseLineEdit(QLineEdit):
    """A one-line field for words readers read (titles, headings, button text), underlined as you type."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.misspelt: list[tuple[int, int, str]] = []
        self.textChanged.connect(self._text_changed)

    def _text_changed(self, _text: str) -> None:
        self.underline_misspellings(wait=self.isVisible())  # filled out of sight: underlined when shown

    def underline_misspellings(self, wait: bool = True) -> None:
        checker = spell_checker(wait)
        text = self.text()
        self.misspelt = checker.misspellings(text, ignored_words(self)) if checker and text.strip() else []
        cursor = self.cursorPosition()
        attributes = [
            QInputMethodEvent.Attribute(QInputMethodEvent.AttributeType.TextFormat, start - cursor, end - start,
                                        misspelt_format())
            for start, end, _ in self.misspelt
        ]
        # An input-method event with no text is Qt's way to style part of a QLineEdit's text.
        QCoreApplication.sendEvent(self, QInputMethodEvent("", attributes))

    def spelling_menu(self, position) -> QMenu:
        """The usual menu, with spelling actions first when *position* is on a misspelt word."""
        menu = self.createStandardContextMenu()
        found = misspelling_at(self, self.text(), self.cursorPositionAt(position))
        if found:
            start, end, word = found

            def replace(new_word: str) -> None:
                self.setSelection(start, end - start)
                self.insert(new_word)

            add_spelling_actions(menu, self, word, replace)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.spelling_menu(event.pos())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.underline_misspellings(wait=False)


class ProsePlainTextEdit(QPlainTextEdit):
    """A few lines of plain prose (a quote), underlined as you type."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.spelling = SpellingHighlighter(self)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.spelling.context_menu(event.pos())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())


def misspelt_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    fmt.setUnderlineColor(QColor("#dc2626"))
    return fmt


class _Opened(QObject):
    """Tells the GUI thread that the dictionary has been opened, so that every field underlines again."""

    opened = Signal()
    created: _Opened | None = None

    @classmethod
    def instance(cls) -> _Opened:
        if cls.created is None:  # made on the GUI thread, where the signal is then delivered
            cls.created = cls()
            # Queued even when opened on the GUI thread: never redraw from inside a highlighter.
            cls.created.opened.connect(cls.created._refresh, Qt.ConnectionType.QueuedConnection)
        return cls.created

    def _refresh(self) -> None:
        refresh_underlines()


class _ShowWatcher(QObject):
    def __init__(self, widget: QWidget, on_show: Callable[[], None]):
        super().__init__(widget)
        self._on_show = on_show
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Show:
            self._on_show()
        return False


def _add_to_dictionary(checker: SpellChecker, word: str) -> None:
    checker.add_to_dictionary(word)
    refresh_underlines()


def _ignore_in_issue(widget: QWidget, word: str) -> None:
    window = widget.window()
    document = getattr(window, "document", None)
    if document is None:
        return
    ignored = SpellChecker.ignore(word, document.issue.spelling_ignored)
    document.edit(f"Ignore “{word}” in this issue", edits.update_issue, spelling_ignored=ignored)
    refresh_underlines(window)
