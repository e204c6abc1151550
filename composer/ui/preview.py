"""The live preview: the exact email, at desktop and phone widths, light or dark — and editable.

Every change re-renders at once off the GUI thread and only the blocks that changed
are swapped into the pages (preview_sync); words typed in a page come back as edits
through the document (preview_edits); each page is an EmailView (preview_views).
This panel holds them: the Desktop / Mobile / Side by side and Dark switches, the
plain-text tab, and the word when something went wrong.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSplitter, QTabWidget,
    QVBoxLayout, QWidget,
)

from . import preview_scheme
from .document import IssueDocument
from .preview_edits import PreviewEdits
from .preview_sync import PreviewSync
from .preview_views import EmailView
from .render_worker import PreviewRender, RenderWorker

__all__ = ["DESKTOP", "MOBILE", "MOBILE_WIDTH", "SIDE_BY_SIDE", "PreviewPanel"]

MOBILE_WIDTH = 375
DESKTOP, MOBILE, SIDE_BY_SIDE = "desktop", "mobile", "side"


class PreviewPanel(QWidget):
    """Follows the document: every change re-renders off the GUI thread and patches the views."""

    block_clicked = Signal(str)
    block_action = Signal(str, str)     # block id, up/down/duplicate/delete/library (from the page's controls)
    block_add_requested = Signal(str, str)  # after this block id, block type (from the page's "+")
    updated = Signal(float)  # seconds from the render request until every visible view shows it

    def __init__(self, document: IssueDocument):
        super().__init__()
        self._worker = RenderWorker(self)
        self._sync = PreviewSync(document, self._worker, self)
        self._sync.rendered.connect(self._on_rendered)
        self._sync.render_failed.connect(self._on_render_failed)
        self._sync.page_failed.connect(self._on_page_failed)
        self._sync.updated.connect(self._on_updated)
        self._edits = PreviewEdits(document, self._sync, self)
        self._edits.problem.connect(self._show_problem)
        self._chosen_in_page: str | None = None
        self.email = None
        self.mode = DESKTOP
        self.dark = False
        self.desktop: EmailView | None = None
        self.mobile: EmailView | None = None

        views = self._build_views()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Preview problem")
        self.error.setStyleSheet("background:#fef2f2;color:#991b1b;border:1px solid #fecaca;padding:6px 8px;")
        self.error.hide()
        self.plain_text = QPlainTextEdit()
        self.plain_text.setReadOnly(True)
        self.plain_text.setAccessibleName("Plain-text version")
        font = self.plain_text.font()
        font.setFamily("DejaVu Sans Mono")
        self.plain_text.setFont(font)
        bar = self._build_bar()
        email_tab = QWidget()
        email_layout = QVBoxLayout(email_tab)
        email_layout.setContentsMargins(0, 0, 0, 0)
        email_layout.setSpacing(0)
        email_layout.addLayout(bar)
        email_layout.addWidget(self.error)
        email_layout.addWidget(views, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(email_tab, "Email")
        self.tabs.addTab(self.plain_text, "Plain text")
        self.tabs.currentChanged.connect(lambda _: self._show_plain_text())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.set_mode(DESKTOP)
        self.render_now()

    def _build_bar(self) -> QHBoxLayout:
        """Desktop / Mobile / Side by side, Dark, and how big the email is and how long it took."""
        self.mode_buttons = QButtonGroup(self)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 4)
        for mode, label in ((DESKTOP, "Desktop"), (MOBILE, "Mobile"), (SIDE_BY_SIDE, "Side by side")):
            button = QPushButton(label)
            button.setCheckable(True)
            button.setChecked(mode == DESKTOP)
            button.setAccessibleName(f"{label} preview")
            button.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
            self.mode_buttons.addButton(button)
            button.setProperty("mode", mode)
            bar.addWidget(button)
        bar.addStretch(1)
        self.dark_toggle = QCheckBox("Dark")
        self.dark_toggle.setAccessibleName("Dark mode preview")
        self.dark_toggle.toggled.connect(self.set_dark)
        bar.addWidget(self.dark_toggle)
        self.status = QLabel()
        self.status.setStyleSheet("color:#52606d;")
        bar.addWidget(self.status)
        return bar

    def _build_views(self) -> QSplitter:
        """The desktop pane beside the phone on its grey desk; the pages come once the window has painted."""
        self.desktop_frame = QFrame()
        self.desktop_frame.setMinimumWidth(240)
        desktop_layout = QVBoxLayout(self.desktop_frame)
        desktop_layout.setContentsMargins(0, 0, 0, 0)
        self._starting = _StartingLabel(self._start_engine)
        desktop_layout.addWidget(self._starting)
        self.mobile_frame = QFrame()
        self.mobile_frame.setObjectName("phoneFrame")
        self.mobile_frame.setStyleSheet("#phoneFrame{background:#d5dae0;}")
        self._phone_layout = QHBoxLayout(self.mobile_frame)
        self._phone_layout.setContentsMargins(12, 12, 12, 12)
        self._phone_layout.addStretch(1)
        self._phone_layout.addStretch(1)
        self.views = QSplitter(Qt.Orientation.Horizontal)
        self.views.setObjectName("emailViews")  # ringed while the keyboard is in the email (look.py)
        self.views.addWidget(self.desktop_frame)
        self.views.addWidget(self.mobile_frame)
        self.views.setChildrenCollapsible(False)
        self.views.setStretchFactor(0, 1)
        self.views.setStretchFactor(1, 0)
        return self.views

    # --- the web engine comes up behind the window ------------------------------------------------

    @property
    def engine_started(self) -> bool:
        return self.desktop is not None

    def _start_engine(self) -> None:
        """Build the two web views once the window has painted: starting Chromium takes a second."""
        if self.desktop is not None:
            return
        preview_scheme.serve(self._sync.token, self)  # the first touch of the web engine's profile
        self.desktop = EmailView("Desktop preview", fit_desktop=True)
        self.mobile = EmailView("Mobile preview")
        self.mobile.setFixedWidth(MOBILE_WIDTH)
        self._starting.hide()
        self.desktop_frame.layout().addWidget(self.desktop)
        self._phone_layout.insertWidget(1, self.mobile)
        for view in (self.desktop, self.mobile):
            self._sync.add_view(view)
            self._edits.add_view(view)
            view.bridge.block_chosen.connect(self._on_block_chosen)
            view.bridge.block_action.connect(self.block_action)
            view.bridge.block_added.connect(self.block_add_requested)
        self.set_mode(self.mode)

    # --- modes ---------------------------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.desktop_frame.setVisible(mode in (DESKTOP, SIDE_BY_SIDE))
        self.mobile_frame.setVisible(mode in (MOBILE, SIDE_BY_SIDE))
        # Beside the desktop view the phone takes only its own width; alone it sits on a grey desk.
        self.mobile_frame.setMaximumWidth(MOBILE_WIDTH + 24 if mode == SIDE_BY_SIDE else 16777215)
        for button in self.mode_buttons.buttons():
            button.setChecked(button.property("mode") == mode)
        self._sync.show_in(self._visible_views(), self.dark)

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        if self.dark_toggle.isChecked() != dark:
            self.dark_toggle.setChecked(dark)
        self._sync.show_in(self._visible_views(), self.dark)

    def _visible_views(self) -> list[EmailView]:
        wanted = {DESKTOP: (self.desktop,), MOBILE: (self.mobile,), SIDE_BY_SIDE: (self.desktop, self.mobile)}[self.mode]
        return [view for view in wanted if view is not None]

    # --- following the document ------------------------------------------------------------------

    def set_document(self, document: IssueDocument) -> None:
        """Follow another document (New, Open) with the same views: no new browser pages to start."""
        self._edits.document = document
        self.error.hide()
        self.status.setText("")
        self.email = None  # nothing of the previous issue stays on screen while the new one renders
        self._sync.set_document(document)

    def render_now(self) -> int:
        """Render the current issue at once."""
        return self._sync.render_now()

    def bring_in_typing(self) -> None:
        """Words just typed in the email, still on their way from the page, come into the document."""
        self._edits.bring_in_typing([view for view in (self.desktop, self.mobile) if view is not None])

    def highlight_block(self, block_id: str) -> None:
        if self._chosen_in_page == block_id:
            self._chosen_in_page = None  # chosen in the page itself: it is in view already
            return
        for view in self._visible_views():
            view.page().runJavaScript(f"window.ncHighlight && window.ncHighlight({json.dumps(block_id)})")

    def shutdown(self) -> None:
        self._worker.stop()

    # What the preview's URL scheme serves (preview_scheme.PageSource).
    def page_bytes(self, number: int) -> bytes | None:
        return self._sync.page_bytes(number)

    def picture_path(self, source: str) -> Path | None:
        return self._sync.picture_path(source)

    def _on_rendered(self, render: PreviewRender) -> None:
        self.email = render.email
        self.error.hide()
        self._show_plain_text()

    def _on_render_failed(self, message: str) -> None:
        self._show_problem(f"The preview was not updated — {message}. It shows your last good version.")

    def _on_page_failed(self) -> None:
        self._show_problem("The preview cannot show this issue: its page did not load. "
                           "Your issue is unchanged; the checks and the export still work.")
        self.status.setText("")

    def _show_problem(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _on_updated(self, seconds: float) -> None:
        self.status.setText(f"{self._sync.latest.size / 1024:.0f} KB · rendered in "
                            f"{self._sync.render_seconds * 1000:.0f} ms")
        self.updated.emit(seconds)

    def _show_plain_text(self) -> None:
        """The plain text is set only while its tab is open: a long issue's text costs the GUI thread."""
        if self.email is None or self.tabs.currentWidget() is not self.plain_text:
            return
        if self.plain_text.toPlainText() != self.email.text:
            position = self.plain_text.verticalScrollBar().value()
            self.plain_text.setPlainText(self.email.text)
            self.plain_text.verticalScrollBar().setValue(position)

    def _on_block_chosen(self, block_id: str) -> None:
        self._chosen_in_page = block_id
        self.block_clicked.emit(block_id)

    # What the tests' drivers and the benchmarks wait on.
    _awaiting = property(lambda self: self._sync.awaiting)
    _pending_loads = property(lambda self: self._sync.pending_loads)
    _shown_generation = property(lambda self: self._sync.shown_generation)
    _render_seconds = property(lambda self: self._sync.render_seconds)


class _StartingLabel(QLabel):
    """Stands in for the preview until the window has painted, then starts the web engine."""

    def __init__(self, start):
        super().__init__("Preparing the preview…")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("color:#52606d;background:#eef1f4;")
        self._start = start
        self._asked = False

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._asked:
            self._asked = True
            QTimer.singleShot(0, self._start)
