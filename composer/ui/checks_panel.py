"""The Checks panel: pre-flight findings beside the preview, so problems are fixed before anything is sent.

Findings are grouped by severity with counts and follow the preview; clicking
one selects its block and the field at fault. The checks and the live link
check run off the GUI thread, so typing never waits for them. The first check
runs once the window and its preview are up, and loads the checks' modules then.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDockWidget, QHBoxLayout, QHeaderView, QLabel, QProgressBar, QPushButton, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget,
)

from composer.checks.findings import Finding, Severity
from composer.checks.spelling import INSTALL_HINT, SpellingFinding
from composer.model import Issue

from .app import after_start_up
from .editors.rich_text import RichTextEditor
from .spelling_ui import open_dictionary, select_word

if TYPE_CHECKING:
    from composer.checks.size import SizeReport

GROUPS = ((Severity.ERROR, "Errors", "#dc2626"), (Severity.WARNING, "Warnings", "#d97706"),
          (Severity.ADVICE, "Advice", "#2563eb"))
FINDING_ROLE = Qt.ItemDataRole.UserRole
REFRESH_DELAY_MS = 500


def install(window) -> None:
    """Add the Checks dock (View menu toggles it) and keep it following the window's document."""
    panel = ChecksPanel(window)
    dock = QDockWidget("Checks", window)
    dock.setObjectName("checksDock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.resizeDocks([dock], [170], Qt.Orientation.Vertical)  # the preview keeps most of the height
    window.menu("&View").addAction(dock.toggleViewAction())
    window.checks_panel = panel
    window.closing.append(panel.shutdown)


class ChecksPanel(QWidget):
    """Findings grouped by severity, a size gauge, and the Check links button."""

    checked = Signal()           # the list was refreshed from a finished check
    links_checked = Signal()     # a live link check finished or was cancelled

    def __init__(self, window):
        super().__init__()
        self.setAccessibleName("Checks")
        self._window = window
        self._bridge = _Bridge(self)  # deleted with the panel, on the GUI thread where it lives
        self._closed = False
        self._bridge.checked.connect(self._on_checked)
        self._bridge.link_progress.connect(self._on_link_progress)
        self._bridge.links_done.connect(self._on_links_done)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="checks")
        self._generation = 0
        self._latest = 0
        self.findings: list[Finding] = []
        self._shown: list[Finding] | None = None  # what the tree lists now
        self.link_findings: list[Finding] = []
        self._cancel_links: threading.Event | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(REFRESH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self._build()
        self.spelling_note.hide()  # shown when the checks find no dictionary
        window.document_replaced.connect(self._follow)
        self._follow(window.document, first=True)

    # --- what the coordinator sees ---------------------------------------------------------------

    def _build(self) -> None:
        self._build_spelling_note()
        bar = self._build_bar()
        self._build_tree()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.spelling_note)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)

    def _build_spelling_note(self) -> None:
        """The note shown instead of spelling findings when this computer has no dictionary."""
        self.spelling_note = QLabel(f"Spelling is not being checked on this computer. To check it, {INSTALL_HINT}.")
        self.spelling_note.setWordWrap(True)
        self.spelling_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.spelling_note.setStyleSheet("background:#fffbeb;color:#92400e;border:1px solid #fde68a;padding:4px 8px;")
        self.spelling_note.setAccessibleName("Spelling unavailable")

    def _build_bar(self) -> QHBoxLayout:
        """The summary, the size gauge and the link check's button and progress, in one row."""
        self.gauge = QProgressBar()
        self.gauge.setAccessibleName("Email size")
        self.gauge.setTextVisible(True)
        self.gauge.setMinimumWidth(220)
        self.gauge.setFormat("Size not measured yet")
        self.summary = QLabel("Checking…")
        self.summary.setAccessibleName("Checks summary")
        self.check_links_button = QPushButton("Check links")
        self.check_links_button.setAccessibleName("Check links")
        self.check_links_button.setToolTip("Ask every web address in the issue whether it still answers")
        self.check_links_button.clicked.connect(self.check_links)
        self.link_progress = QProgressBar()
        self.link_progress.setAccessibleName("Link check progress")
        self.link_progress.setFormat("%v of %m addresses")
        self.link_progress.setMaximumWidth(200)
        self.link_progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel link check")
        self.cancel_button.clicked.connect(self.cancel_links)
        self.cancel_button.hide()

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.summary)
        bar.addStretch(1)
        bar.addWidget(QLabel("Size:"))
        bar.addWidget(self.gauge)
        bar.addSpacing(12)
        bar.addWidget(self.link_progress)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.check_links_button)
        return bar

    def _build_tree(self) -> None:
        """The findings, one group per severity."""
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Findings")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tree.itemActivated.connect(self._on_item_chosen)
        self.tree.itemClicked.connect(self._on_item_chosen)
        self.groups: dict[Severity, QTreeWidgetItem] = {}
        for severity, title, colour in GROUPS:
            item = QTreeWidgetItem(self.tree, [title])
            item.setIcon(0, _dot(colour))
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.groups[severity] = item

    def shown_findings(self) -> list[Finding]:
        """What the list shows: the pre-flight findings and the latest live link findings."""
        return [self.groups[severity].child(i).data(0, FINDING_ROLE)
                for severity, _, _ in GROUPS for i in range(self.groups[severity].childCount())]

    def count(self, severity: Severity) -> int:
        return self.groups[severity].childCount()

    # --- running the checks ----------------------------------------------------------------------

    def shutdown(self) -> None:
        """The window is closing: no new checks, and the workers report nothing more (a worker must never
        report to a deleted panel); a link check stops at its next address. Closing does not wait for a
        check still running: on a very long issue that could take seconds."""
        self._closed = True
        self._debounce.stop()
        self.cancel_links()
        self._executor.shutdown(wait=False, cancel_futures=True)

    def refresh(self) -> int:
        """Check the current issue again on the worker thread; returns the request's number."""
        self._generation += 1
        self._latest = self._generation
        if self._closed:
            return self._generation
        path = self._window.document.path  # local pictures are found beside the issue file
        self._executor.submit(self._run_checks, self._generation, self._window.document.issue,
                              path.parent if path else None)
        return self._generation

    def _follow(self, document, first: bool = False) -> None:
        # Follow edits the way the preview does: once typing pauses, on the worker thread.
        document.changed.connect(lambda _issue: self._debounce.start())
        self.link_findings = []
        if first:
            after_start_up(self._window, self._first_refresh)
        else:
            self.refresh()

    def _first_refresh(self) -> None:
        if not self._generation:  # no edit has asked for a check already
            self.refresh()

    def _run_checks(self, generation: int, issue: Issue, base_folder=None) -> None:
        from composer.checks.engine import run_checks
        from composer.checks.size import size_report
        from composer.export.providers import provider_merge_tags
        from composer.render import render_email

        if generation != self._latest:
            return  # overtaken by a newer edit
        open_dictionary()  # the one the spelling underlines use, not a second copy
        try:
            rendered = render_email(issue, merge_tags=provider_merge_tags(issue.provider))
            findings = run_checks(issue, rendered, base_folder=base_folder)
            report = size_report(rendered.html)
        except Exception as error:  # a rule must not kill the panel; show why instead
            findings = [Finding("checks", Severity.ERROR, f"The checks could not run: {error}")]
            report = None
        if not self._closed:
            self._bridge.checked.emit(generation, findings, report)

    def _on_checked(self, generation: int, findings: list, report: SizeReport | None) -> None:
        if generation != self._latest:
            return
        self.findings = [f for f in findings if not _says_spelling_unavailable(f)]
        self.spelling_note.setVisible(any(_says_spelling_unavailable(f) for f in findings))
        self._show_findings()
        if report is not None:
            self._show_size(report)
        self.checked.emit()

    def _show_findings(self) -> None:
        shown = self.findings + self.link_findings
        if shown != self._shown:  # most edits change no finding: keep the list as it is
            self._shown = shown
            scroll = self.tree.verticalScrollBar().value()
            self.tree.setUpdatesEnabled(False)
            for severity, title, _ in GROUPS:
                group = self.groups[severity]
                group.takeChildren()
                children = []
                for finding in shown:
                    if finding.severity == severity:
                        child = QTreeWidgetItem([finding.message])
                        child.setData(0, FINDING_ROLE, finding)
                        child.setToolTip(0, finding.message)
                        children.append(child)
                group.addChildren(children)  # one insertion, not one per finding
                group.setText(0, f"{title} ({len(children)})")
                group.setExpanded(True)
            self.tree.setUpdatesEnabled(True)
            self.tree.verticalScrollBar().setValue(scroll)
        errors, warnings = self.count(Severity.ERROR), self.count(Severity.WARNING)
        if not errors and not warnings:
            self.summary.setText("No errors or warnings: ready to send.")
        else:
            self.summary.setText(f"{_plural(errors, 'error')} and {_plural(warnings, 'warning')} to look at.")

    def _show_size(self, report: SizeReport) -> None:
        self.size = report
        self.gauge.setRange(0, report.limit)
        self.gauge.setValue(min(report.bytes, report.limit))
        self.gauge.setFormat(f"{report.bytes / 1024:.0f} KB of {report.limit // 1024} KB")
        colour = "#16a34a" if report.bytes <= report.warn_at else "#d97706" if report.bytes <= report.limit else "#dc2626"
        self.gauge.setStyleSheet("QProgressBar{border:1px solid #9aa5b1;border-radius:3px;text-align:center;}"
                                 f"QProgressBar::chunk{{background:{colour};}}")
        self.gauge.setToolTip(f"Gmail clips emails over {report.limit // 1024} KB and hides the rest; "
                              f"keep it under {report.warn_at // 1024} KB to be safe.")

    # --- going to the block at fault -------------------------------------------------------------

    def go_to(self, finding: Finding) -> None:
        """Select the finding's block (or section, or the issue settings) and focus the field at fault."""
        outline = self._window.outline
        if finding.block_id:
            outline.select_item("block", finding.block_id)
        elif finding.section_id:
            outline.select_item("section", finding.section_id)
        elif finding.field:
            outline.select_item("issue", None)
        # The form was just rebuilt: focus once it is on screen.
        QTimer.singleShot(0, lambda: self._focus_field(finding))

    def _focus_field(self, finding: Finding) -> None:
        form = self._window.editor.form
        bound = form.fields.get(finding.field) if form is not None and finding.field else None
        if bound is None:
            return
        editor = bound.editor.text if isinstance(bound.editor, RichTextEditor) else bound.editor
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self._window.editor.ensureWidgetVisible(bound.widget)
        if isinstance(finding, SpellingFinding) and finding.word:
            select_word(editor, finding.word)

    def _on_item_chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, FINDING_ROLE)
        if isinstance(finding, Finding):
            self.go_to(finding)

    # --- the live link check ---------------------------------------------------------------------

    def check_links(self) -> None:
        """Ask every web address in the issue on a worker thread, showing progress; Cancel stops it."""
        if self._cancel_links is not None:
            return
        self._cancel_links = cancel = threading.Event()
        self.check_links_button.setEnabled(False)
        self.link_progress.setRange(0, 0)
        self.link_progress.show()
        self.cancel_button.show()
        self.summary.setText("Checking links…")
        issue = self._window.document.issue
        threading.Thread(target=self._run_link_check, args=(issue, cancel), name="check-links", daemon=True).start()

    def cancel_links(self) -> None:
        if self._cancel_links is not None:
            self._cancel_links.set()

    def _run_link_check(self, issue: Issue, cancel: threading.Event) -> None:
        from composer.checks.online_links import check_links_online

        try:
            findings = check_links_online(issue, cancel=cancel,
                                          progress=lambda done, total: self._closed or self._bridge.link_progress.emit(done, total))
        except Exception as error:  # a network library surprise must not leave the button disabled
            findings = [Finding("links", Severity.ERROR, f"The links could not be checked: {error}")]
        if not self._closed:
            self._bridge.links_done.emit(findings, cancel.is_set())

    def _on_link_progress(self, done: int, total: int) -> None:
        self.link_progress.setRange(0, max(total, 1))
        self.link_progress.setValue(done)

    def _on_links_done(self, findings: list, cancelled: bool) -> None:
        self._cancel_links = None
        self.link_findings = list(findings)
        self.check_links_button.setEnabled(True)
        self.link_progress.hide()
        self.cancel_button.hide()
        self._show_findings()
        if cancelled:
            self.summary.setText(f"Link check cancelled; {_plural(len(findings), 'problem')} found so far.")
        elif not findings:
            self.summary.setText(self.summary.text() + " Every link answered.")
        self.links_checked.emit()


class _Bridge(QObject):
    """Carries results from worker threads back to the GUI thread (signals are queued across threads)."""

    checked = Signal(int, object, object)
    link_progress = Signal(int, int)
    links_done = Signal(object, bool)


def _says_spelling_unavailable(finding: Finding) -> bool:
    """The engine's one "no dictionary" finding: the panel says it once in its own note instead."""
    return finding.rule == "spelling" and not isinstance(finding, SpellingFinding)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _dot(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)
