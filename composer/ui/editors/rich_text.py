"""A rich-text editor whose content is Markdown: bold, italic, links and lists, nothing else."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QAction, QContextMenuEvent, QFont, QKeySequence, QTextCharFormat, QTextDocumentFragment, QTextListFormat,
)
from PySide6.QtWidgets import QInputDialog, QMessageBox, QTextEdit, QToolBar, QVBoxLayout, QWidget

from composer.model.values import url_problem

from ..spelling_ui import SpellingHighlighter


class MarkdownTextEdit(QTextEdit):
    """The text area of a text block: pastes keep only what an email allows, and misspellings are underlined.

    Text pasted from Word or a web page arrives with fonts, colours and spans;
    it is cleaned to Markdown first so only paragraphs, bold, italic, links and
    lists reach the block.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.spelling = SpellingHighlighter(self)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasHtml():
            from composer.importers import clean_pasted_html  # loaded on the first paste, not at start-up

            markdown = clean_pasted_html(source.html())
            if markdown.strip():
                self.textCursor().insertFragment(QTextDocumentFragment.fromMarkdown(markdown))
                self.ensureCursorVisible()
                return
        super().insertFromMimeData(source)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.spelling.context_menu(event.pos())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())


class RichTextEditor(QWidget):
    markdown_edited = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.text = MarkdownTextEdit()
        self.text.setAcceptRichText(True)
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(160)
        self.text.setAccessibleName("Text")
        self.toolbar = QToolBar()
        self.toolbar.setAccessibleName("Formatting")
        self.toolbar.setStyleSheet("QToolBar{border:0;spacing:2px;}")
        self.actions_by_name: dict[str, QAction] = {}
        for name, label, shortcut, slot, tip in (
            ("bold", "B", QKeySequence.StandardKey.Bold, self.toggle_bold, "Bold"),
            ("italic", "I", QKeySequence.StandardKey.Italic, self.toggle_italic, "Italic"),
            ("link", "Link", QKeySequence("Ctrl+K"), self.insert_link, "Link"),
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
        self._emitted = ""  # the same text as this editor writes it (Qt rewraps and re-escapes)
        self.text.textChanged.connect(self._on_text_changed)

    def markdown(self) -> str:
        return self.text.toMarkdown().strip()

    def show_markdown(self, markdown: str) -> None:
        """Show the model's text unless it is what the editor already holds (keeps the cursor)."""
        if markdown in (self._source, self._emitted):
            return
        self.text.blockSignals(True)
        self.text.setMarkdown(markdown)
        self.text.blockSignals(False)
        self._source = markdown
        self._emitted = self.markdown()

    def _on_text_changed(self) -> None:
        """Only a real change of the text is an edit: re-highlighting or showing it is not."""
        markdown = self.markdown()
        if markdown != self._emitted:
            self._emitted = self._source = markdown
            self.markdown_edited.emit(markdown)

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

    def insert_link(self, url: str | None = None) -> None:
        cursor = self.text.textCursor()
        if url is None:
            url, ok = QInputDialog.getText(self, "Insert link", "Web or e-mail address:", text="https://")
            if not ok:
                return
        url = url.strip()
        problem = url_problem(url)
        if problem or not url:
            QMessageBox.warning(self, "Insert link", (problem or "The address is empty").capitalize() + ".")
            return
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(url)
        fmt.setFontUnderline(True)
        fmt.setForeground(self.palette().link())
        if cursor.hasSelection():
            cursor.mergeCharFormat(fmt)
        else:
            cursor.insertText(url.removeprefix("mailto:"), fmt)
        self.text.setTextCursor(cursor)

    def _merge(self, change) -> None:
        fmt = QTextCharFormat()
        change(fmt)
        cursor = self.text.textCursor()
        cursor.mergeCharFormat(fmt)
        self.text.mergeCurrentCharFormat(fmt)
