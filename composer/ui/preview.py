"""The live preview: the exact email, at desktop and phone widths, light or dark, and as plain text."""

from __future__ import annotations

import json
import time

from PySide6.QtCore import QTimer, QUrl, Qt, Signal
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSplitter, QTabWidget,
    QVBoxLayout, QWidget,
)


from .document import IssueDocument
from .render_worker import RenderWorker

DEBOUNCE_MS = 200
MOBILE_WIDTH = 375
DESKTOP, MOBILE, SIDE_BY_SIDE = "desktop", "mobile", "side"

# Added to the preview only: click-to-select, Ctrl+click to open links, highlight on request.
_PREVIEW_SCRIPT = """<script>(function(){
window.scrollTo(%(x)d, %(y)d);
document.addEventListener('click', function(e){
  var a = e.target.closest('a');
  if (a) { e.preventDefault(); if (e.ctrlKey || e.metaKey) { console.log('nc:open:' + a.href); return; } }
  var b = e.target.closest('[data-block-id]');
  if (b) console.log('nc:select:' + b.getAttribute('data-block-id'));
}, true);
window.ncHighlight = function(id){
  var el = document.querySelector('[data-block-id="' + id + '"]');
  if (!el) return false;
  el.scrollIntoView({block: 'center'});
  el.style.outline = '3px solid #f59e0b'; el.style.outlineOffset = '3px';
  setTimeout(function(){ el.style.outline = ''; el.style.outlineOffset = ''; }, 1400);
  return true;
};
})();</script>"""


class PreviewPage(QWebEnginePage):
    block_clicked = Signal(str)

    def javaScriptConsoleMessage(self, level, message: str, line: int, source: str) -> None:
        if message.startswith("nc:select:"):
            self.block_clicked.emit(message.removeprefix("nc:select:"))
        elif message.startswith("nc:open:"):
            QDesktopServices.openUrl(QUrl(message.removeprefix("nc:open:")))

    def acceptNavigationRequest(self, url: QUrl, navigation_type, is_main_frame: bool) -> bool:
        # Only our own setHtml loads; links open in the browser on Ctrl+click (see the script).
        return navigation_type != QWebEnginePage.NavigationType.NavigationTypeLinkClicked


class EmailView(QWebEngineView):
    def __init__(self, name: str):
        super().__init__()
        self.setPage(PreviewPage(self))
        self.setAccessibleName(name)
        settings = self.page().settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, True)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
        self.page().setBackgroundColor(QColor("#eef1f4"))
        self.html = ""
        self.source_html = ""

    def show_html(self, html: str, base_url: QUrl) -> None:
        position = self.page().scrollPosition()
        script = _PREVIEW_SCRIPT % {"x": int(position.x()), "y": int(position.y())}
        self.html = html.replace("</body>", script + "</body>", 1)
        self.setHtml(self.html, base_url)


class PreviewPanel(QWidget):
    """Follows the document: every change re-renders (debounced) off the GUI thread."""

    block_clicked = Signal(str)
    updated = Signal(float)  # seconds from the render request to the page having loaded

    def __init__(self, document: IssueDocument):
        super().__init__()
        self._document = document
        self._worker = RenderWorker(self)
        self._worker.rendered.connect(self._on_rendered)
        self._worker.failed.connect(self._on_failed)
        self._shown_generation = 0
        self._requested_at: dict[int, float] = {}
        self._pending_loads = 0
        self._wanted_html = ""
        self._load_generation = 0
        self.email = None
        self.mode = DESKTOP
        self.dark = False

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.render_now)
        document.changed.connect(self._schedule)

        self.desktop = EmailView("Desktop preview")
        self.mobile = EmailView("Mobile preview")
        self.mobile.setFixedWidth(MOBILE_WIDTH)
        self.desktop.setMinimumWidth(320)
        for view in (self.desktop, self.mobile):
            view.page().block_clicked.connect(self.block_clicked)
            view.loadFinished.connect(self._on_load_finished)
        mobile_frame = QFrame()
        mobile_frame.setObjectName("phoneFrame")
        mobile_frame.setStyleSheet("#phoneFrame{background:#d5dae0;}")
        phone_layout = QHBoxLayout(mobile_frame)
        phone_layout.setContentsMargins(12, 12, 12, 12)
        phone_layout.addStretch(1)
        phone_layout.addWidget(self.mobile)
        phone_layout.addStretch(1)
        self.mobile_frame = mobile_frame

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

        self.views = QSplitter(Qt.Orientation.Horizontal)
        self.views.addWidget(self.desktop)
        self.views.addWidget(mobile_frame)
        self.views.setChildrenCollapsible(False)
        self.views.setStretchFactor(0, 1)
        self.views.setStretchFactor(1, 0)
        email_tab = QWidget()
        email_layout = QVBoxLayout(email_tab)
        email_layout.setContentsMargins(0, 0, 0, 0)
        email_layout.setSpacing(0)
        email_layout.addLayout(bar)
        email_layout.addWidget(self.error)
        email_layout.addWidget(self.views, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(email_tab, "Email")
        self.tabs.addTab(self.plain_text, "Plain text")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.set_mode(DESKTOP)
        self.render_now()

    # --- modes ---------------------------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.desktop.setVisible(mode in (DESKTOP, SIDE_BY_SIDE))
        self.mobile_frame.setVisible(mode in (MOBILE, SIDE_BY_SIDE))
        # Beside the desktop view the phone takes only its own width; alone it sits on a grey desk.
        self.mobile_frame.setMaximumWidth(MOBILE_WIDTH + 24 if mode == SIDE_BY_SIDE else 16777215)
        for button in self.mode_buttons.buttons():
            button.setChecked(button.property("mode") == mode)
        if self.email is not None:
            self._load_stale_views()

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        if self.dark_toggle.isChecked() != dark:
            self.dark_toggle.setChecked(dark)
        if self.email is not None:
            self._show(self.email)

    # --- rendering -----------------------------------------------------------------------------

    def set_document(self, document: IssueDocument) -> None:
        """Follow another document (New, Open) with the same views: no new browser pages to start."""
        self._document.changed.disconnect(self._schedule)
        self._document = document
        document.changed.connect(self._schedule)
        self.error.hide()
        self.render_now()

    def _schedule(self, _issue=None) -> None:
        self._timer.start()

    def render_now(self) -> int:
        """Render the current issue at once (the debounce timer calls this)."""
        self._timer.stop()
        generation = self._worker.request(self._document.issue)
        self._requested_at[generation] = time.perf_counter()
        return generation

    def highlight_block(self, block_id: str) -> None:
        for view in (self.desktop, self.mobile):
            view.page().runJavaScript(f"window.ncHighlight && window.ncHighlight({json.dumps(block_id)})")

    def shutdown(self) -> None:
        self._timer.stop()
        self._worker.stop()

    def _on_rendered(self, generation: int, email, seconds: float) -> None:
        if generation < self._shown_generation:
            return
        self._shown_generation = generation
        self.email = email
        self.error.hide()
        self._show(email)
        self.status.setText(f"{len(email.html.encode()) / 1024:.0f} KB · rendered in {seconds * 1000:.0f} ms")

    def _on_failed(self, generation: int, message: str) -> None:
        self.error.setText(f"The preview was not updated — {message}. It shows your last good version.")
        self.error.show()

    def _show(self, email) -> None:
        html = email.html
        if self.dark:
            html = html.replace("@media (prefers-color-scheme: dark)", "@media all")
        self._wanted_html = html
        self._load_generation = self._shown_generation
        self._load_stale_views()
        if self.plain_text.toPlainText() != email.text:
            position = self.plain_text.verticalScrollBar().value()
            self.plain_text.setPlainText(email.text)
            self.plain_text.verticalScrollBar().setValue(position)

    def _visible_views(self) -> list[EmailView]:
        return [view for view, modes in ((self.desktop, (DESKTOP, SIDE_BY_SIDE)), (self.mobile, (MOBILE, SIDE_BY_SIDE)))
                if self.mode in modes]

    def _load_stale_views(self) -> None:
        """Load the email into the views on show; a hidden view catches up when it is shown."""
        stale = [view for view in self._visible_views() if view.source_html != self._wanted_html]
        self._pending_loads = len(stale)
        base = self._base_url()
        for view in stale:
            view.source_html = self._wanted_html
            view.show_html(self._wanted_html, base)

    def _base_url(self) -> QUrl:
        path = self._document.path
        folder = path.parent if path else None
        return QUrl.fromLocalFile(str(folder) + "/") if folder else QUrl("about:blank")

    def _on_load_finished(self, ok: bool) -> None:
        self._pending_loads -= 1
        if self._pending_loads == 0:
            started = self._requested_at.pop(self._load_generation, None)
            for stale in [g for g in self._requested_at if g < self._load_generation]:
                del self._requested_at[stale]
            if started is not None:
                self.updated.emit(time.perf_counter() - started)
