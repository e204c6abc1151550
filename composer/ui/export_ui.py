"""The export feature: File → Export…, Copy HTML, Send test…, and Edit → Preferences….

Each command opens its own dialog (window-modal, not blocking the event loop)
or, for Copy HTML, renders off the GUI thread and fills the clipboard.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence

from composer.export import generic_profile, provider_profile
from composer.export.merge import render_for_provider
from composer.model import ComposerError

from .export_dialog import ExportDialog
from .job_dialog import BackgroundJob
from .preferences import PreferencesDialog, generic_placeholders
from .send_test_dialog import SendTestDialog


def install(window) -> None:
    window.export_feature = Export(window)


class Export:
    """Adds the commands to the window and keeps the Copy HTML job alive while it runs."""

    def __init__(self, window):
        self.window = window
        self.copy_job: BackgroundJob | None = None
        file_menu = window.menu("&File")
        before = window.actions_by_name.get("quit")
        self._add(file_menu, before, "export", "&Export…", self.export, "Ctrl+Shift+E",
                  "Export HTML, text, pictures and a zip for the mailing provider")
        self._add(file_menu, before, "copy_html", "Copy &HTML", self.copy_html, None,
                  "Put the email's HTML on the clipboard, for a provider's \"paste in code\" editor")
        self._add(file_menu, before, "send_test", "Send &test…", self.send_test, None,
                  "Send the issue to your own inbox")
        file_menu.insertSeparator(before) if before else file_menu.addSeparator()
        edit_menu = window.menu("&Edit")
        edit_menu.addSeparator()
        preferences = self._add(edit_menu, None, "preferences", "Pre&ferences…", self.preferences,
                                QKeySequence.StandardKey.Preferences, "The mail server for test sends, and more")
        preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        window.destroyed.connect(self._wait)

    def export(self) -> ExportDialog:
        return _open(ExportDialog(self.window))

    def send_test(self) -> SendTestDialog:
        return _open(SendTestDialog(self.window))

    def preferences(self) -> PreferencesDialog:
        return _open(PreferencesDialog(self.window.settings, self.window))

    def copy_html(self) -> None:
        """Render with the provider's merge tags, exactly as the export writes ``<slug>.html``."""
        if self.copy_job is not None and self.copy_job.isRunning():
            return
        issue = self.window.document.issue
        try:
            profile = (generic_profile(generic_placeholders(self.window.settings))
                       if issue.provider.strip().lower() == "generic" else provider_profile(issue.provider))
        except ComposerError as error:
            self.window.statusBar().showMessage(f"The HTML was not copied: {error}", 8000)
            return
        self.window.statusBar().showMessage("Rendering the HTML to copy…")
        self.copy_job = BackgroundJob(lambda progress: render_for_provider(issue, profile).html)
        self.copy_job.succeeded.connect(lambda html: self._copied(html, profile.title))
        self.copy_job.failed.connect(
            lambda message: self.window.statusBar().showMessage(f"The HTML was not copied: {message}", 8000))
        self.copy_job.start()

    def _copied(self, html: str, provider: str) -> None:
        QGuiApplication.clipboard().setText(html)
        size = len(html.encode("utf-8")) / 1024
        self.window.statusBar().showMessage(f"Copied the HTML for {provider} ({size:.0f} KB)", 6000)

    def _add(self, menu, before, name, text, slot, shortcut, tip) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        if before is not None:
            menu.insertAction(before, action)
        else:
            menu.addAction(action)
        self.window.actions_by_name[name] = action
        return action

    def _wait(self) -> None:
        if self.copy_job is not None:
            self.copy_job.wait()


def _open(dialog):
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
