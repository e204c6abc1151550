"""Preferences: the outgoing mail server for test sends and the Generic provider's tags.

Everything is kept in the window's QSettings except the SMTP password, which
goes to the system keyring when there is one and is never written to settings.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget,
)

from composer.export import (
    GenericPlaceholders, PasswordStoreError, SmtpSettings, keyring_problem, load_password, save_password,
)
from composer.model import ComposerError

SECURITY_TITLES = {"none": "None (plain)", "starttls": "STARTTLS", "ssl": "SSL/TLS"}
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}


def smtp_settings(settings: QSettings) -> SmtpSettings:
    """The server saved in Preferences; raises InvalidValue (a ComposerError) when none is set."""
    return SmtpSettings(
        host=str(settings.value("smtp/host", "")),
        port=int(settings.value("smtp/port", 587)),
        security=str(settings.value("smtp/security", "starttls")),
        user=str(settings.value("smtp/user", "")),
    )


def sender_address(settings: QSettings) -> str:
    return str(settings.value("smtp/sender", ""))


def generic_placeholders(settings: QSettings) -> GenericPlaceholders:
    defaults = GenericPlaceholders()
    return GenericPlaceholders(
        unsubscribe=str(settings.value("generic/unsubscribe", defaults.unsubscribe)),
        view_in_browser=str(settings.value("generic/view_in_browser", defaults.view_in_browser)),
        preheader=str(settings.value("generic/preheader", defaults.preheader)),
    )


def save_generic_placeholders(settings: QSettings, placeholders: GenericPlaceholders) -> None:
    settings.setValue("generic/unsubscribe", placeholders.unsubscribe)
    settings.setValue("generic/view_in_browser", placeholders.view_in_browser)
    settings.setValue("generic/preheader", placeholders.preheader)


class PreferencesDialog(QDialog):
    """Edit → Preferences…: the SMTP server, the sender, and the Generic provider's tags."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Preferences")
        self.setMinimumWidth(520)

        self.host = _line("Mail server (SMTP)", "smtp.example.org")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setAccessibleName("Port")
        self.security = QComboBox()
        self.security.setAccessibleName("Security")
        for key, title in SECURITY_TITLES.items():
            self.security.addItem(title, key)
        self.user = _line("User name", "usually your e-mail address")
        self.password = _line("Password", "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sender = _line("Send tests from", "Your Name <you@example.org>")
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setAccessibleName("Password storage")

        server = QGroupBox("Test sends")
        form = QFormLayout(server)
        form.addRow("&Mail server:", self.host)
        form.addRow("P&ort:", self.port)
        form.addRow("&Security:", self.security)
        form.addRow("&User name:", self.user)
        form.addRow("Pass&word:", self.password)
        form.addRow("", self.keyring_note)
        form.addRow("Send &from:", self.sender)

        self.unsubscribe = _line("Generic unsubscribe tag", "")
        self.view_in_browser = _line("Generic view-in-browser tag", "")
        self.preheader = _line("Generic preheader tag", "leave empty to use the issue's preheader")
        generic = QGroupBox("Generic mailing provider")
        generic_form = QFormLayout(generic)
        generic_form.addRow("U&nsubscribe tag:", self.unsubscribe)
        generic_form.addRow("&View-in-browser tag:", self.view_in_browser)
        generic_form.addRow("&Preheader tag:", self.preheader)

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setAccessibleName("Problem")
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(server)
        layout.addWidget(generic)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._load()
        self.security.currentIndexChanged.connect(self._suggest_port)

    def accept(self) -> None:
        """Save the fields; a bad server or a keyring refusal keeps the dialog open and says why."""
        host = self.host.text().strip()
        security = self.security.currentData()
        try:
            if host:
                server = SmtpSettings(host, self.port.value(), security, self.user.text().strip())
                if self.password.text() and not keyring_problem():
                    save_password(server, self.password.text())
        except (ComposerError, PasswordStoreError) as error:
            self._show_problem(str(error))
            return
        values = {
            "smtp/host": host, "smtp/port": self.port.value(), "smtp/security": security,
            "smtp/user": self.user.text().strip(), "smtp/sender": self.sender.text().strip(),
        }
        for key, value in values.items():
            self.settings.setValue(key, value)
        save_generic_placeholders(self.settings, GenericPlaceholders(
            self.unsubscribe.text().strip(), self.view_in_browser.text().strip(), self.preheader.text().strip()))
        self.settings.sync()
        super().accept()

    # --- helpers -------------------------------------------------------------------------------

    def _load(self) -> None:
        self.host.setText(str(self.settings.value("smtp/host", "")))
        self.port.setValue(int(self.settings.value("smtp/port", 587)))
        self.security.setCurrentIndex(max(0, self.security.findData(self.settings.value("smtp/security", "starttls"))))
        self.user.setText(str(self.settings.value("smtp/user", "")))
        self.sender.setText(sender_address(self.settings))
        placeholders = generic_placeholders(self.settings)
        self.unsubscribe.setText(placeholders.unsubscribe)
        self.view_in_browser.setText(placeholders.view_in_browser)
        self.preheader.setText(placeholders.preheader)
        problem = keyring_problem()
        if problem:
            self.password.setEnabled(False)
            self.password.setPlaceholderText("asked for when you send")
            self.keyring_note.setText(problem + ".")
        else:
            self.keyring_note.setText("Kept in the system keyring, never in the settings file.")
            if self._saved_password():
                self.password.setPlaceholderText("saved in the keyring; type to replace it")

    def _saved_password(self) -> bool:
        try:
            return bool(load_password(smtp_settings(self.settings)))
        except ComposerError:
            return False

    def _suggest_port(self) -> None:
        if self.port.value() in DEFAULT_PORTS.values():
            self.port.setValue(DEFAULT_PORTS[self.security.currentData()])

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()


def _line(name: str, placeholder: str) -> QLineEdit:
    line = QLineEdit()
    line.setAccessibleName(name)
    line.setPlaceholderText(placeholder)
    line.setMinimumWidth(280)
    return line
