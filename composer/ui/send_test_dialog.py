"""File → Send test…: send the issue to the coordinator's own inbox through the server in Preferences.

The message is built and sent on a worker thread; whatever goes wrong (a refused
connection, a time-out, a wrong password) is shown in the dialog in plain words.
"""

from __future__ import annotations

import re
from email.utils import parseaddr

from PySide6.QtWidgets import (
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from composer.export import (
    PasswordStoreError, build_test_message, keyring_problem, load_password, provider_profile, send_test,
)
from composer.model import ComposerError, InvalidValue
from composer.model.values import email_problem

from .job_dialog import ERROR_STYLE, JobDialog
from .preferences import SECURITY_TITLES, PreferencesDialog, sender_address, smtp_settings

_SEPARATORS = re.compile(r"[,;]")


def parse_recipients(text: str) -> list[str]:
    """The addresses typed into "To", each checked; raises InvalidValue naming the first bad one."""
    recipients = [item.strip() for item in _SEPARATORS.split(text) if item.strip()]
    if not recipients:
        raise InvalidValue("Type at least one address to send the test to")
    for item in recipients:
        _check_address(item)
    return recipients


class SendTestDialog(JobDialog):
    """Sends the window's current issue as a test; stays open to show what happened."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window, "Sending")
        self.main_window = window
        self.settings = window.settings
        self.setWindowTitle("Send a test email")
        self.setMinimumWidth(520)

        self.recipients = QLineEdit(str(self.settings.value("send_test/recipients", "")))
        self.recipients.setAccessibleName("Send the test to")
        self.recipients.setPlaceholderText("me@example.org, chair@example.org")
        self.sender = QLineEdit(sender_address(self.settings))
        self.sender.setAccessibleName("Send from")
        self.sender.setPlaceholderText("Your Name <you@example.org>")
        self.server = QLabel()
        self.server.setAccessibleName("Mail server")
        self.server.setWordWrap(True)
        self.preferences_button = QPushButton("P&references…")
        self.preferences_button.setAccessibleName("Change the mail server in Preferences")
        self.preferences_button.setAutoDefault(False)  # Enter sends; it never opens Preferences
        self.preferences_button.clicked.connect(self._edit_preferences)
        server_row = QHBoxLayout()
        server_row.addWidget(self.server, 1)
        server_row.addWidget(self.preferences_button)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.password_note = QLabel()
        self.password_note.setWordWrap(True)

        form = QFormLayout()
        form.addRow("&To:", self.recipients)
        form.addRow("&From:", self.sender)
        form.addRow("Server:", server_row)
        form.addRow("Pass&word:", self.password)
        form.addRow("", self.password_note)
        self.form = form

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.send_button = self.buttons.addButton("&Send", QDialogButtonBox.ButtonRole.ActionRole)
        self.send_button.setAccessibleName("Send the test")
        self.send_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)  # Enter sends, never closes
        self.send_button.clicked.connect(self.send)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._show_server()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.send_button.setDefault(True)  # the button box would otherwise pick Close as it shows
        (self.recipients if not self.recipients.text() else self.send_button).setFocus()

    def send(self) -> None:
        """Check the fields, then build and send the message on a worker thread."""
        try:
            recipients = parse_recipients(self.recipients.text())
            sender = self.sender.text().strip()
            if not sender:
                raise InvalidValue("Type the address the test comes from")
            _check_address(sender)
            server = self._server()
            password = self._password(server)
        except ComposerError as error:
            self._say(str(error), error=True)
            return
        self.settings.setValue("send_test/recipients", ", ".join(recipients))
        if not sender_address(self.settings):
            self.settings.setValue("smtp/sender", sender)
        issue = self.main_window.document.issue
        document_path = self.main_window.document.path
        base_dir = document_path.parent if document_path else None

        def work(progress):
            progress(0.1, "Building the message")
            message = build_test_message(issue, sender, recipients, base_dir=base_dir, provider=_profile(issue))
            progress(0.4, f"Sending through {server.server}")
            return send_test(message, server, password)

        self._set_busy(True)
        job = self.start_job(work)
        job.succeeded.connect(lambda refused: self._on_sent(recipients, refused))
        job.failed.connect(self._on_failed)

    def busy_widgets(self) -> list[QWidget]:
        return [self.send_button, self.recipients, self.sender, self.password, self.preferences_button]

    # --- results --------------------------------------------------------------------------------

    def _on_sent(self, recipients: list[str], refused: dict[str, str]) -> None:
        self._set_busy(False)
        self.progress.setValue(100)
        accepted = [item for item in recipients if parseaddr(item)[1] not in refused]
        text = f"Sent to {', '.join(accepted)}. Check your inbox."
        if refused:
            text += " The server refused " + "; ".join(f"{address} ({reply})" for address, reply in refused.items())
        self._say(text, error=bool(refused))

    def _on_failed(self, message: str) -> None:
        self._set_busy(False)
        self.progress.hide()
        self._say(message, error=True)

    # --- helpers --------------------------------------------------------------------------------

    def _server(self):
        try:
            return smtp_settings(self.settings)
        except InvalidValue as error:
            raise InvalidValue(f"{error} in Edit → Preferences…") from None

    def _password(self, server) -> str | None:
        if not server.user:
            return None
        if self.password.text():
            return self.password.text()
        try:
            saved = load_password(server)
        except PasswordStoreError:
            saved = None
        if saved is None:
            raise InvalidValue(f"Type the password for {server.user} on {server.host}")
        return saved

    def _show_server(self) -> None:
        """Describe the server from Preferences, and ask for a password only when none is saved."""
        try:
            server = smtp_settings(self.settings)
        except InvalidValue:
            self.server.setText("No mail server yet: set one in Preferences.")
            self.server.setStyleSheet(ERROR_STYLE)
            self._show_password_row(False)
            return
        self.server.setStyleSheet("")
        login = f" as {server.user}" if server.user else ""
        self.server.setText(f"{server.server} ({SECURITY_TITLES[server.security]}){login}")
        try:
            saved = load_password(server) if server.user else None
        except PasswordStoreError as error:
            saved = None
            self.password_note.setText(str(error))
        else:
            problem = keyring_problem()
            self.password_note.setText(f"{problem}." if problem else "Not saved: type it, or save it in Preferences.")
        self._show_password_row(bool(server.user) and saved is None)

    def _show_password_row(self, visible: bool) -> None:
        self.form.setRowVisible(self.password, visible)
        self.form.setRowVisible(self.password_note, visible)

    def _edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self)
        dialog.finished.connect(lambda _: self._after_preferences())
        dialog.open()

    def _after_preferences(self) -> None:
        """A From address just saved in Preferences fills an empty From field."""
        self._show_server()
        if not self.sender.text().strip():
            self.sender.setText(sender_address(self.settings))


def _check_address(text: str) -> None:
    address = parseaddr(text)[1]
    if not address or "@" not in address or email_problem(address):
        raise InvalidValue(f"“{text}” is not a valid e-mail address")


def _profile(issue):
    try:
        return provider_profile(issue.provider)
    except ComposerError:
        return None
