"""The export feature: File → Export…, Copy HTML, Send test…, and Edit → Preferences….

Each command opens its own dialog (window-modal, not blocking the event loop)
or, for Copy HTML, renders off the GUI thread and fills the clipboard.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence

from composer.model import ComposerError

from .actions import ActionSpec, Icon
from .job_dialog import BackgroundJob

if TYPE_CHECKING:  # the export package (premailer, requests, smtplib…) loads when a command is first used
    from .export_dialog import ExportDialog
    from .preferences import PreferencesDialog
    from .send_test_dialog import SendTestDialog


def install(window) -> None:
    window.export_feature = Export(window)


class Export:
    """Adds the commands to the window and keeps the Copy HTML job alive while it runs."""

    def __init__(self, window):
        self.window = window
        self.copy_job: BackgroundJob | None = None
        for spec in (
            ActionSpec("export", "&Export…", "&File", "send", self.export, "Ctrl+Shift+E", True,
                       "Export HTML, text, pictures and a zip for the mailing provider", Icon.SP_DialogApplyButton),
            ActionSpec("copy_html", "Cop&y HTML", "&File", "send", self.copy_html, None, False,
                       "Put the email's HTML on the clipboard, for a provider's \"paste in code\" editor"),
            ActionSpec("send_test", "Send &test…", "&File", "send", self.send_test, "Ctrl+Shift+T", False,
                       "Send the issue to your own inbox"),
            ActionSpec("preferences", "Pre&ferences…", "&Edit", "settings", self.preferences,
                       QKeySequence.StandardKey.Preferences, False, "The mail server for test sends, and more"),
        ):
            window.add_action(spec)
        window.actions_by_name["preferences"].setMenuRole(QAction.MenuRole.PreferencesRole)
        window.destroyed.connect(self._wait)

    def export(self) -> ExportDialog:
        from .export_dialog import ExportDialog

        return _open(ExportDialog(self.window))

    def send_test(self) -> SendTestDialog:
        from .send_test_dialog import SendTestDialog

        return _open(SendTestDialog(self.window))

    def preferences(self) -> PreferencesDialog:
        from .preferences import PreferencesDialog

        return _open(PreferencesDialog(self.window.settings, self.window))

    def copy_html(self) -> None:
        """Render with the provider's merge tags, exactly as the export writes ``<slug>.html``."""
        from composer.export import generic_profile, provider_profile
        from composer.export.merge import render_for_provider

        from .preferences import generic_placeholders

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

    def _wait(self) -> None:
        if self.copy_job is not None:
            self.copy_job.wait()


def _open(dialog):
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
