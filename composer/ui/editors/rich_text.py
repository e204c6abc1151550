"""A rich-text editor whose content is Markdown: bold, italic, links and lists, nothing else."""

from __future__ import annotations

import threading

from PySide6.QtCore import QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction, QContextMenuEvent, QFocusEvent, QFont, QKeySequence, QTextCharFormat, QTextCursor, QTextDocument,
    QTextDocumentFragment, QTextListFormat,
)
from PySide6.QtWidgets import QTextEdit, QToolBar, QVBoxLayout, QWidget

from composer.limits import PASTED_HTML_CHARACTERS, TEXT_FIELD_CHARACTERS

from ..spelling_ui import SpellingHighlighter
from .link_dialog import LinkDialog
from .markdown_writer import document_to_markdown

# Up to this size every keystroke is written at once; a longer text is written after a short pause
# (and always before it loses focus or is saved), so typing in a very long block never waits.
_WRITE_AT_ONCE_CHARACTERS = 20_000
# Longer texts are read on a worker thread when shown: reading a 1 MB block froze the window for 2.7 s.
_SHOW_AT_ONCE_CHARACTERS = 50_000
_PAUSE_MS = 300
_MIN_HEIGHT, _MAX_HEIGHT = 120, 520


class MarkdownTextEdit(QTextEdit):
    """The text area of a text block: pastes keep only what an email allows, and misspellings are underlined.

    Text pasted from Word or a web page arrives with fonts, colours and spans;
    it is cleaned to Markdown first so only paragraphs, bold, italic, links and
    lists reach the block.
    """

    refused = Signal(str)   # a sentence saying why a paste or typing was not taken
    left = Signal()         # focus went elsewhere: pending text must be written now

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.spelling = SpellingHighlighter(self)

    def insertFromMimeData(self, source: QMimeData) -> None:
        too_long = (len(source.html()) > PASTED_HTML_CHARACTERS if source.hasHtml()
                    else self.document().characterCount() + len(source.text()) > TEXT_FIELD_CHARACTERS)
        if too_long:
            self.refused.emit(_TOO_LONG)
            return
        if source.hasHtml():
            from composer.importers import clean_pasted_html  # loaded on the first paste, not at start-up

            markdown = clean_pasted_html(source.html())
            if markdown.strip():
                self.textCursor().insertFragment(QTextDocumentFragment.fromMarkdown(markdown))
                self.ensureCursorVisible()
                return
        super().insertFromMimeData(source)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.left.emit()
        super().focusOutEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.spelling.context_menu(event.pos())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())


_TOO_LONG = (f"A text block holds at most {TEXT_FIELD_CHARACTERS:,} characters: "
             "split the text into several blocks.")


class RichTextEditor(QWidget):
    """Shows a block's Markdown as the email's own parser reads it, and writes back exactly what it shows."""

    markdown_edited = Signal(str)
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.text = MarkdownTextEdit()
        self.text.setAcceptRichText(True)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(_MIN_HEIGHT)
        self.text.setAccessibleName("Text")
        self.toolbar = QToolBar()
        self.toolbar.setAccessibleName("Formatting")
        self.toolbar.setStyleSheet("QToolBar{border:0;spacing:2px;}")
        self.actions_by_name: dict[str, QAction] = {}
        for name, label, shortcut, slot, tip in (
            ("bold", "B", QKeySequence.StandardKey.Bold, self.toggle_bold, "Bold"),
            ("italic", "I", QKeySequence.StandardKey.Italic, self.toggle_italic, "Italic"),
            ("link", "Link", QKeySequence("Ctrl+K"), lambda: self.edit_link(), "Link"),
            ("bullets", "• List", QKeySequence("Ctrl+Shift+8"), lambda: self.toggle_list(QTextListFormat.Style.ListDisc), "Bulleted list"),
            ("numbers", "1. List", QKeySequence("Ctrl+Shift+7"), lambda: self.toggle_list(QTextListFormat.Style.ListDecimal), "Numbered list"),
        ):
            action = QAction(label, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
            action.triggered.connect(slot)
            self.toolbar.addAction(action)
            self.addAction(action)
            self.actions_by_name[name] = action
            self.toolbar.widgetForAction(action).setAccessibleName(tip)  # “Bold”, not “B”
        bold_font = self.toolbar.widgetForAction(self.actions_by_name["bold"]).font()
        bold_font.setBold(True)
        self.toolbar.widgetForAction(self.actions_by_name["bold"]).setFont(bold_font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.text)
        self.setFocusProxy(self.text)
        self._source = ""   # the model's Markdown last shown or sent
        self._opening: str | None = None  # a long text being read on a worker thread to be shown
        _long_text_reader().opened.connect(self._opened_in_background)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(_PAUSE_MS)
        self._pause.timeout.connect(self._write_in_background)
        self._writer = _BackgroundWriter(self)
        self._writer.written.connect(self._written_in_background)
        self.text.textChanged.connect(self._on_text_changed)
        self.text.document().documentLayout().documentSizeChanged.connect(self._grow_with_text)
        self.text.left.connect(self.flush)
        self.text.refused.connect(self.refused)

    def markdown(self) -> str:
        return document_to_markdown(self.text.document())

    def _grow_with_text(self, size) -> None:
        """The box is as tall as its text, from a few lines up to most of a laptop screen; longer text scrolls."""
        margins = self.text.contentsMargins()
        wanted = int(size.height()) + margins.top() + margins.bottom() + 2 * self.text.frameWidth() + 8
        self.text.setFixedHeight(max(_MIN_HEIGHT, min(wanted, _MAX_HEIGHT)))

    def show_markdown(self, markdown: str) -> None:
        """Show the model's text unless it is what the editor already holds (keeps the cursor)."""
        if markdown == self._source or self.text.document().isModified():
            return  # already shown, or she is typing and her words are on their way to the model
        self._source = markdown
        if len(markdown) > _SHOW_AT_ONCE_CHARACTERS:
            # Shown once read on a worker thread; until then the box says so and takes no typing.
            self._opening = markdown
            self._show_html(f"<p><i>Opening a long text ({len(markdown):,} characters)…</i></p>")
            self.text.setEnabled(False)
            _long_text_reader().read(self, markdown)
            return
        from composer.render.markdown import markdown_to_html  # the email's own reading of the Markdown

        self._opening = None
        self._show_html(str(markdown_to_html(markdown)))
        self.text.setEnabled(True)  # a long text still being read for this box was overtaken

    def _show_html(self, html: str) -> None:
        self.text.blockSignals(True)
        self.text.setHtml(html)
        self.text.blockSignals(False)
        self.text.document().setModified(False)  # only her typing marks it; spelling's underlines do not

    def _opened_in_background(self, editor: object, markdown: str, html: str) -> None:
        if editor is not self or markdown != self._opening:
            return  # for another box, or overtaken by newer words
        self._opening = None
        self._show_html(html)
        self.text.setEnabled(True)

    def flush(self) -> None:
        """Write what the box shows now, if she changed it since it was last written."""
        self._pause.stop()
        self._writer.cancel()
        if self.text.document().isModified():
            self._send(self.markdown())

    def _send(self, markdown: str) -> None:
        self.text.document().setModified(False)
        if markdown != self._source:
            self._source = markdown
            self.markdown_edited.emit(markdown)

    def _on_text_changed(self) -> None:
        """Only her typing is an edit: re-highlighting or showing the text is not."""
        document = self.text.document()
        if not document.isModified():
            return
        if document.characterCount() > TEXT_FIELD_CHARACTERS:
            self.text.undo()  # the keystroke or paste that went over the limit
            self.refused.emit(_TOO_LONG)
            return
        if document.characterCount() > _WRITE_AT_ONCE_CHARACTERS:
            self._writer.cancel()
            self._pause.start()
        else:
            self.flush()

    def _write_in_background(self) -> None:
        """A long text is written on a worker thread from a copy, so typing never waits for it."""
        document = self.text.document()
        if document.isModified():
            self._writer.start(document.clone(), document.revision())

    def _written_in_background(self, markdown: str, revision: int) -> None:
        if revision == self.text.document().revision() and not self._pause.isActive():
            self._send(markdown)  # nothing was typed since the copy was taken

    # --- formatting ----------------------------------------------------------------------------

    def toggle_bold(self) -> None:
        bold = self.text.fontWeight() < QFont.Weight.Bold
        self._merge(lambda fmt: fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal))

    def toggle_italic(self) -> None:
        italic = not self.text.fontItalic()
        self._merge(lambda fmt: fmt.setFontItalic(italic))

    def toggle_list(self, style: QTextListFormat.Style) -> None:
        cursor = self.text.textCursor()
        current = cursor.currentList()
        if current and current.format().style() == style:
            block_format = cursor.blockFormat()
            current.remove(cursor.block())
            block_format.setIndent(0)
            cursor.setBlockFormat(block_format)
        else:
            list_format = QTextListFormat()
            list_format.setStyle(style)
            cursor.createList(list_format)

    def edit_link(self) -> None:
        """Add a link to the selected words, or change or remove the link the cursor is in."""
        cursor = self.text.textCursor()
        current = cursor.charFormat().anchorHref() if cursor.charFormat().isAnchor() else ""
        if current and not cursor.hasSelection():
            cursor = _select_link(cursor, current)
        dialog = LinkDialog(self, current, cursor.selectedText())
        result = dialog.exec()
        if result == LinkDialog.REMOVE:
            fmt = QTextCharFormat()
            fmt.setAnchor(False)
            fmt.setAnchorHref("")
            fmt.setFontUnderline(False)
            fmt.setForeground(self.palette().text())
            cursor.mergeCharFormat(fmt)
        elif result == LinkDialog.DialogCode.Accepted:
            url = dialog.url()
            fmt = QTextCharFormat()
            fmt.setAnchor(True)
            fmt.setAnchorHref(url)
            fmt.setFontUnderline(True)
            fmt.setForeground(self.palette().link())
            if cursor.hasSelection():
                cursor.mergeCharFormat(fmt)
            else:
                words = dialog.words.text().strip() or url.removeprefix("mailto:").removeprefix("tel:")
                cursor.insertText(words, fmt)
                cursor.setCharFormat(QTextCharFormat())  # typing on after the link is plain text
        self.text.setTextCursor(cursor)
        self.text.setFocus()

    def _merge(self, change) -> None:
        fmt = QTextCharFormat()
        change(fmt)
        cursor = self.text.textCursor()
        cursor.mergeCharFormat(fmt)
        self.text.mergeCurrentCharFormat(fmt)


def _select_link(cursor: QTextCursor, href: str) -> QTextCursor:
    """The cursor's whole link, for editing it without selecting it first."""
    block = cursor.block()
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        start, end = fragment.position(), fragment.position() + fragment.length()
        if start <= cursor.position() <= end and fragment.charFormat().anchorHref() == href:
            selection = QTextCursor(cursor)
            selection.setPosition(start)
            selection.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            return selection
        iterator += 1
    return cursor


class _LongTextReader(QObject):
    """Reads long Markdown into HTML on worker threads for every text box; it lives as long as the app,
    so a worker always has somewhere to report, even if the box it read for has closed."""

    opened = Signal(object, str, str)  # the box, the Markdown, its HTML; queued to the GUI thread

    def read(self, editor: QObject, markdown: str) -> None:
        from composer.render.markdown import markdown_to_html

        def work() -> None:
            self.opened.emit(editor, markdown, str(markdown_to_html(markdown)))

        threading.Thread(target=work, name="read-long-text", daemon=True).start()


_reader: _LongTextReader | None = None


def _long_text_reader() -> _LongTextReader:
    global _reader
    if _reader is None:  # made on the GUI thread, the first time a text box is
        _reader = _LongTextReader()
    return _reader


class _BackgroundWriter(QObject):
    """Writes a copy of a long text's document as Markdown on a worker thread; the newest copy wins.

    Each copy stays referenced here until its worker is done with it, so it is never deleted under it.
    """

    written = Signal(str, int)  # the Markdown and the document revision it was taken at
    _done = Signal(int, str, int)

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self._generation = 0
        self._copies: dict[int, QTextDocument] = {}
        self._done.connect(self._finish)  # queued back to the GUI thread

    def start(self, copy: QTextDocument, revision: int) -> None:
        self._generation += 1
        generation = self._generation
        self._copies[generation] = copy

        def work() -> None:
            self._done.emit(generation, document_to_markdown(copy), revision)

        threading.Thread(target=work, name="write-long-text", daemon=True).start()

    def cancel(self) -> None:
        self._generation += 1

    def _finish(self, generation: int, markdown: str, revision: int) -> None:
        self._copies.pop(generation, None)
        if generation == self._generation:
            self.written.emit(markdown, revision)
