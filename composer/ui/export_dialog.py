"""File → Export…: choose a folder and a mailing provider, export off the GUI thread, see what was written.

Cancel stops the export between steps; nothing reaches the folder until every
file is written, so a cancelled export leaves the folder as it was.

The dialog also shows what the pre-flight checks still call errors, and how the
email's size compares with Gmail's clip limit, so the coordinator knows whether
the export is ready to upload.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from composer.checks import Severity, run_checks
from composer.export import GMAIL_CLIP_BYTES, PROVIDERS, ExportResult, GenericPlaceholders, export_issue
from composer.export import generic_profile, provider_profile
from composer.export.bundle import ExportCancelled
from composer.export.merge import render_for_provider
from composer.model import ComposerError, Issue

from .job_dialog import ERROR_STYLE, JobDialog
from .preferences import generic_placeholders, save_generic_placeholders

class ExportDialog(JobDialog):
    """Exports the window's current issue; stays open to show the result and open the folder."""

    exported = Signal(object)  # ExportResult

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window, "Export")
        self.main_window = window
        self.settings: QSettings = window.settings
        self.result: ExportResult | None = None
        self.errors: list[str] | None = None  # None while the checks run
        self._checks_generation = 0
        self._cancel: threading.Event | None = None  # set while an export runs
        self.setWindowTitle("Export for the mailing provider")
        self.setMinimumWidth(600)
        issue = window.document.issue

        form = self._build_choices(issue)
        self._build_generic_placeholders()
        checks = self._build_checks()
        self._build_results()
        self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.generic)
        layout.addWidget(checks)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        layout.addLayout(progress_row)
        layout.addWidget(self.status)
        layout.addWidget(self.results)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.provider.currentIndexChanged.connect(self._provider_changed)
        self.unsubscribe.editingFinished.connect(self._run_checks)
        self._provider_changed()

    # --- building the dialog (layout only) ------------------------------------------------------------

    def _build_choices(self, issue) -> QFormLayout:
        """Folder, provider, minify and open-when-done."""
        self.folder = QLineEdit(self._default_folder(issue))
        self.folder.setAccessibleName("Export folder")
        self.folder.setMinimumWidth(340)
        self.choose = QPushButton("&Choose…")
        self.choose.setAutoDefault(False)  # Enter exports; it never opens the folder chooser
        self.choose.setAccessibleName("Choose export folder")
        self.choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose)
        self.provider = QComboBox()
        self.provider.setAccessibleName("Mailing provider")
        for profile in PROVIDERS.values():
            self.provider.addItem(profile.title, profile.name)
        self.provider.setCurrentIndex(max(0, self.provider.findData(_provider_name(issue))))
        self.minify = QCheckBox("&Minify the HTML (smaller; Outlook's conditional comments are kept)")
        self.minify.setAccessibleName("Minify the HTML")
        self.minify.setChecked(self.settings.value("export/minify", False, type=bool))
        self.open_when_done = QCheckBox("Open the folder &when done")  # Alt+F is the Folder field's
        self.open_when_done.setAccessibleName("Open the folder when the export is done")
        self.open_when_done.setChecked(self.settings.value("export/open_folder", True, type=bool))
        form = QFormLayout()
        folder_label = QLabel("&Folder:")
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        form.addRow("&Provider:", self.provider)
        form.addRow("", self.minify)
        form.addRow("", self.open_when_done)
        return form

    def _build_generic_placeholders(self) -> None:
        """The unsubscribe and view-in-browser words a generic provider needs."""
        placeholders = generic_placeholders(self.settings)
        self.unsubscribe = QLineEdit(placeholders.unsubscribe)
        self.unsubscribe.setAccessibleName("Unsubscribe placeholder")
        self.view_in_browser = QLineEdit(placeholders.view_in_browser)
        self.view_in_browser.setAccessibleName("View-in-browser placeholder")
        self._generic_preheader = placeholders.preheader
        self.generic = QGroupBox("Generic provider's placeholders")
        generic_form = QFormLayout(self.generic)
        generic_form.addRow("&Unsubscribe link:", self.unsubscribe)
        generic_form.addRow("&View in browser link:", self.view_in_browser)

    def _build_checks(self) -> QGroupBox:
        """What the pre-flight checks say before exporting."""
        self.checks_label = QLabel("Checking the issue…")
        self.checks_label.setWordWrap(True)
        self.checks_label.setAccessibleName("Check result")
        self.error_list = QListWidget()
        self.error_list.setAccessibleName("Errors that remain")
        self.error_list.setMaximumHeight(90)
        self.error_list.hide()
        checks = QGroupBox("Before exporting")
        checks_layout = QVBoxLayout(checks)
        checks_layout.addWidget(self.checks_label)
        checks_layout.addWidget(self.error_list)
        return checks

    def _build_results(self) -> None:
        """The files written and the email's size against Gmail's clip limit, shown after an export."""
        self.files = QListWidget()
        self.files.setAccessibleName("Files written")
        self.files.setMaximumHeight(130)
        self.size_gauge = QProgressBar()
        self.size_gauge.setRange(0, GMAIL_CLIP_BYTES)
        self.size_gauge.setAccessibleName("Email size against Gmail's clip limit")
        self.size_note = QLabel()
        self.size_note.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName("Export warnings")
        self.results = QGroupBox("Written")
        results_layout = QVBoxLayout(self.results)
        results_layout.addWidget(self.files)
        results_layout.addWidget(QLabel("Email size (Gmail clips messages over 102 KB):"))
        results_layout.addWidget(self.size_gauge)
        results_layout.addWidget(self.size_note)
        results_layout.addWidget(self.warnings)
        self.results.hide()

    def _build_buttons(self) -> None:
        """Export (the default: Enter), Open folder, Cancel export while one runs, Close."""
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setAccessibleName("Export")
        self.export_button.setDefault(True)
        self.open_button = self.buttons.addButton("&Open folder", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setAccessibleName("Open folder")
        self.open_button.setEnabled(False)
        self.cancel_button = QPushButton("Cancel export")
        self.cancel_button.setAccessibleName("Cancel export")
        self.cancel_button.setToolTip("Stop the export; the folder is left as it was")
        self.cancel_button.hide()
        for button in (self.cancel_button, self.open_button, self.buttons.button(QDialogButtonBox.StandardButton.Close)):
            button.setAutoDefault(False)  # Enter means Export, and only that
        self.cancel_button.clicked.connect(self.cancel_export)
        self.export_button.clicked.connect(self.start_export)
        self.open_button.clicked.connect(self.open_folder)
        self.buttons.rejected.connect(self.reject)

    # --- what the coordinator does --------------------------------------------------------------

    def start_export(self) -> None:
        folder = self.folder.text().strip()
        if not folder:
            self._say("Choose a folder to export into.", error=True)
            return
        issue = self.main_window.document.issue
        profile = self.chosen_profile()
        minify = self.minify.isChecked()
        base_dir = self._base_dir()
        self.settings.setValue("export/parent_folder", str(Path(folder).parent))
        self.settings.setValue("export/minify", minify)
        self.settings.setValue("export/open_folder", self.open_when_done.isChecked())
        if profile.name == "generic":
            save_generic_placeholders(self.settings, self._placeholders())
        self._set_busy(True)
        self.results.hide()
        self._say("Exporting…")
        self._cancel = cancel = threading.Event()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()

        def export(progress) -> ExportResult | ExportCancelled:
            try:
                return export_issue(issue, folder, profile, minify, progress, base_dir, cancel)
            except ExportCancelled as stopped:
                return stopped  # her choice, not a failure

        job = self.start_job(export)
        job.succeeded.connect(self._on_exported)
        job.failed.connect(self._on_export_failed)

    def cancel_export(self) -> None:
        """Ask the running export to stop at its next step; the job then reports it was cancelled."""
        if self._cancel is None:
            return
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self._say("Cancelling the export…")

    def reject(self) -> None:
        """Escape or the window's close box during an export cancels it, as in a progress dialog."""
        if self._cancel is not None:
            self.cancel_export()
            return
        super().reject()

    def chosen_profile(self):
        name = self.provider.currentData()
        return generic_profile(self._placeholders()) if name == "generic" else provider_profile(name)

    def open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.out_dir)))

    def busy_widgets(self) -> list[QWidget]:
        return [self.export_button, self.folder, self.choose, self.provider, self.minify, self.open_when_done,
                self.generic]

    # --- results --------------------------------------------------------------------------------

    def _export_over(self) -> None:
        self._cancel = None
        self.cancel_button.hide()
        self._set_busy(False)

    def _on_exported(self, result: ExportResult | ExportCancelled) -> None:
        self._export_over()
        if isinstance(result, ExportCancelled):
            self.progress.hide()
            self._say(str(result))
            return
        self.result = result  # a Cancel pressed while the files were moved into place came too late
        self.progress.setValue(100)
        self._say(f"Exported for {result.provider.title} to {result.out_dir}")
        self.files.clear()
        for file in result.files:
            self.files.addItem(f"{file.path.relative_to(result.out_dir).as_posix()}  ({_kilobytes(file.size)})")
        self._show_size(result.html_size)
        self.warnings.setText("\n".join(f"⚠ {warning}" for warning in result.warnings))
        self.warnings.setVisible(bool(result.warnings))
        self.results.show()
        self.open_button.setEnabled(True)
        self.open_button.setFocus()
        self.exported.emit(result)
        if self.open_when_done.isChecked():
            self.open_folder()

    def _on_export_failed(self, message: str) -> None:
        self._export_over()
        self.progress.hide()
        self._say(message, error=True)

    def _show_size(self, size: int) -> None:
        share = size / GMAIL_CLIP_BYTES
        colour = "#2e7d32" if share < 0.8 else "#ef6c00" if share <= 1 else "#b00020"
        self.size_gauge.setValue(min(size, GMAIL_CLIP_BYTES))
        self.size_gauge.setFormat(f"{_kilobytes(size)} of {GMAIL_CLIP_BYTES // 1024} KB")
        self.size_gauge.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        if share > 1:
            self.size_note.setText("Gmail will clip this email and hide the rest, including the unsubscribe link: "
                                   "shorten it or move long articles to the website.")
        elif share >= 0.8:
            self.size_note.setText("Close to Gmail's limit: a little more content and Gmail will clip it.")
        else:
            self.size_note.setText("Well within Gmail's limit.")

    # --- checks ---------------------------------------------------------------------------------

    def _provider_changed(self) -> None:
        self.generic.setVisible(self.provider.currentData() == "generic")
        for stale in (self.progress, self.results):  # they describe the export for another provider
            stale.hide()
        self.status.clear()
        self.adjustSize()
        self._run_checks()

    def _run_checks(self) -> None:
        """The errors that remain for the chosen provider's email, found off the GUI thread."""
        self._checks_generation += 1
        generation = self._checks_generation
        issue, profile, base_dir = self.main_window.document.issue, self.chosen_profile(), self._base_dir()
        self.errors = None
        self.checks_label.setText("Checking the issue…")
        self.checks_label.setStyleSheet("")

        # The Checks panel's link check counts too, so the two never disagree about errors.
        link_findings = list(getattr(getattr(self.main_window, "checks_panel", None), "link_findings", []))

        def check(progress) -> list[str]:
            findings = run_checks(issue, render_for_provider(issue, profile), base_folder=base_dir) + link_findings
            return [finding.message for finding in findings if finding.severity == Severity.ERROR]

        job = self.start_job(check)
        job.succeeded.connect(lambda errors: self._show_errors(generation, errors))
        job.failed.connect(lambda message: self._show_errors(generation, [message]))

    def _show_errors(self, generation: int, errors: list[str]) -> None:
        if generation != self._checks_generation:
            return  # the provider changed again since
        self.errors = errors
        self.error_list.clear()
        self.error_list.addItems(errors)
        self.error_list.setVisible(bool(errors))
        if errors:
            count = "1 error remains" if len(errors) == 1 else f"{len(errors)} errors remain"
            self.checks_label.setText(f"⚠ {count}. You can still export, but fix them before the issue goes out.")
            self.checks_label.setStyleSheet(ERROR_STYLE)
        else:
            self.checks_label.setText("✓ No errors: ready to export.")
            self.checks_label.setStyleSheet("")

    # --- helpers --------------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.export_button.setDefault(True)  # the button box would otherwise pick another as it shows

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export into", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _placeholders(self) -> GenericPlaceholders:
        return GenericPlaceholders(self.unsubscribe.text().strip(), self.view_in_browser.text().strip(),
                                   self._generic_preheader)

    def _base_dir(self) -> Path | None:
        path = self.main_window.document.path
        return path.parent if path else None

    def _default_folder(self, issue: Issue) -> str:
        """A folder named after the issue, beside the last export (or the issue file)."""
        saved = self.settings.value("export/parent_folder", "")
        parent = Path(saved) if saved else self._base_dir() or Path.home() / "Newsletter exports"
        return str(parent / issue.slug())


def _provider_name(issue: Issue) -> str:
    try:
        return provider_profile(issue.provider).name
    except ComposerError:
        return "generic"


def _kilobytes(size: int) -> str:
    return f"{size / 1024:.1f} KB" if size < 10 * 1024 else f"{size / 1024:.0f} KB"
