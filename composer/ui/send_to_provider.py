"""File → Send to Mailchimp… (or Brevo, or listmonk: the provider in the issue's settings).

The dialog picks the audience from the account's lists, sends the issue as a draft campaign
with its pictures uploaded (and a test, if she asks), shows the progress with Cancel, and
opens the campaign's page when done. The work runs on a worker thread; the draft's record
comes back to the window's document as it changes, so nothing is ever sent twice.

The sending code (the export package, premailer, requests) is imported when the dialog
first opens, and the menu item is named once the window is up or the File menu opens.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
    QWidget,
)

from .app import after_start_up
from .job_dialog import JobDialog
from .menus import letter_every_entry

if TYPE_CHECKING:
    from composer.export.mailing import PushRequest, PushResult

LISTMONK_ADDRESS_KEY = "send_to_provider/listmonk_address"
TEST_TO_KEY = "send_to_provider/test_to"


def install(window) -> None:
    window.send_to_provider = SendToProvider(window)


class SendToProvider:
    """The File menu's "Send to …" action, named after the issue's provider and kept up to date."""

    def __init__(self, window):
        self.window = window
        self.named = False
        self.action = QAction("Send to mailing provider…", window)
        self.action.setObjectName("send_to_provider")
        self.action.triggered.connect(self.open_dialog)
        window.place(self.action, "&File", "send")
        window.actions_by_name["send_to_provider"] = self.action
        window.document_replaced.connect(self._follow)
        window.menu("&File").aboutToShow.connect(self._name_now)
        self._follow(window.document)
        after_start_up(window, self._name_now)

    def open_dialog(self) -> SendToProviderDialog | None:
        from composer.export.mailing import PUSH_PROVIDERS

        provider = self.window.document.issue.provider
        if provider not in PUSH_PROVIDERS:
            return None
        dialog = SendToProviderDialog(self.window, provider)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _follow(self, document) -> None:
        document.changed.connect(lambda issue: self._name_action(issue.provider))
        if self.named:
            self._name_action(document.issue.provider)

    def _name_now(self) -> None:
        if not self.named:
            self._name_action(self.window.document.issue.provider)

    def _name_action(self, provider: str) -> None:
        from composer.export.mailing import PUSH_PROVIDERS

        self.named = True
        supported = provider in PUSH_PROVIDERS
        self.action.setText(f"Send to {PUSH_PROVIDERS[provider]}…" if supported else "Send to mailing provider…")
        letter_every_entry(self.window.menu("&File"))  # the new name gets a letter of its own
        self.action.setEnabled(supported)
        tip = (f"Make a draft campaign in {PUSH_PROVIDERS[provider]} with the pictures uploaded, and send a test"
               if supported else "Sending a draft works with Mailchimp, Brevo and listmonk: choose one in "
                                 "Issue settings → Mailing provider")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)


class SendToProviderDialog(JobDialog):
    """Key, audience, test address; then the draft, with progress and Cancel."""

    draft_changed = Signal(object)  # a ProviderDraft, from the worker thread to the document

    def __init__(self, window, provider: str):
        from composer.export.mailing import provider_title

        super().__init__(window, "Sending")
        self.main_window = window
        self.settings = window.settings
        self.provider = provider
        self.title = provider_title(provider)
        self.cancel_event = threading.Event()
        self.result: PushResult | None = None
        self._was_saved = False
        self._sending = False  # the progress bar is for sending; reading the audiences is quick
        self._can_remember = False
        self.setWindowTitle(f"Send to {self.title}")
        self.setMinimumWidth(560)
        self.draft_changed.connect(self._keep_draft)

        issue = window.document.issue
        remembered = next((draft for draft in issue.provider_drafts if draft.provider == provider), None)
        intro = QLabel(f"Makes a draft campaign in {self.title} from this issue, with its pictures uploaded to "
                       f"{self.title}. Nothing reaches your subscribers until you send it from {self.title}."
                       + (" Sending again updates the draft made before." if remembered and remembered.campaign_id
                          else ""))
        intro.setWordWrap(True)

        form = self._build_form(provider, remembered)
        self._build_buttons()

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)  # wrapped notes keep their lines
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._fill_key()

    # --- building the dialog (layout only) ---------------------------------------------------------

    def _build_form(self, provider: str, remembered) -> QFormLayout:
        """The account (key, and for listmonk its address and user), the audience and the test address."""
        self.address = QLineEdit(str(self.settings.value(LISTMONK_ADDRESS_KEY, "")))
        self.address.setAccessibleName("listmonk address")
        self.address.setPlaceholderText("https://lists.example.org")
        self.user = QLineEdit()
        self.user.setAccessibleName("API user")
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setAccessibleName("API token" if provider == "listmonk" else "API key")
        self.key.setPlaceholderText({"mailchimp": "32 letters and digits ending in -us6 (or similar)",
                                     "brevo": "xkeysib-…", "listmonk": "the API user's token"}[provider])
        self.remember_key = QCheckBox("Remember the key in the system keyring")
        self.key_note = QLabel()
        self.key_note.setWordWrap(True)
        self.key_note.setStyleSheet("color:#52606d;")
        self.audience = QComboBox()
        self.audience.setAccessibleName("Audience")
        self.audience.setMinimumWidth(280)
        self.load_button = QPushButton("&Load audiences")
        self.load_button.clicked.connect(self.load_audiences)
        self.test_to = QLineEdit(str(self.settings.value(TEST_TO_KEY, "")))
        self.test_to.setAccessibleName("Send a test to")
        self.test_to.setPlaceholderText("Optional: you@example.org, to get a test")
        self._remembered_list = remembered.list_id if remembered else ""

        form = QFormLayout()
        if provider == "listmonk":
            form.addRow("&Server address:", self.address)
            form.addRow("API &user:", self.user)
        form.addRow("API &token:" if provider == "listmonk" else "API &key:", self.key)
        form.addRow("", self.remember_key)
        form.addRow("", self.key_note)
        audience_row = QHBoxLayout()
        audience_row.addWidget(self.audience, 1)
        audience_row.addWidget(self.load_button)
        audience_label = QLabel("&Audience:")
        audience_label.setBuddy(self.audience)
        form.addRow(audience_label, audience_row)
        form.addRow("Send a &test to:", self.test_to)
        return form

    def _build_buttons(self) -> None:
        """Send draft (the default), Open in the provider once sent, Cancel while sending, Close."""
        self.send_button = QPushButton(f"&Send draft to {self.title}")
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)
        self.open_button = QPushButton(f"&Open in {self.title}")
        self.open_button.clicked.connect(self._open_page)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel sending")
        self.cancel_button.clicked.connect(self.cancel)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.open_button.hide()  # after joining the box, which shows what it is given
        self.cancel_button.hide()

    # --- what she does ---------------------------------------------------------------------

    def load_audiences(self) -> None:
        from composer.export.mailing import account_audiences

        request = self._request()
        if request is None:
            return
        self.cancel_event.clear()
        self._set_busy(True)
        self._say(f"Reading the audiences in {self.title}…")
        issue = self.main_window.document.issue
        job = self.start_job(lambda progress: account_audiences(issue, request, self.cancel_event))
        job.succeeded.connect(self._audiences_loaded)
        job.failed.connect(self._failed)

    def send(self) -> None:
        from composer.export.mailing import push_issue

        request = self._request()
        if request is None:
            return
        if self.audience.currentData() is None:
            self._say("Load the audiences and choose the one to address first.", error=True)
            return
        self.settings.setValue(TEST_TO_KEY, self.test_to.text().strip())
        self.cancel_event.clear()
        document = self.main_window.document
        self._was_saved = document.path is not None and not document.is_modified()
        issue = document.issue
        self._sending = True
        self._set_busy(True)
        job = self.start_job(lambda progress: push_issue(issue, request, remember=self.draft_changed.emit,
                                                         progress=progress, cancel=self.cancel_event))
        job.succeeded.connect(self._sent)
        job.failed.connect(self._failed)

    def cancel(self) -> None:
        if self.is_busy():
            self.cancel_event.set()
            self.cancel_button.setEnabled(False)
            self._say("Stopping after the step under way…")

    def reject(self) -> None:
        if self.is_busy():
            self.cancel()  # Escape while sending means Cancel, never "abandon the thread"
            return
        super().reject()

    # --- answers from the worker ---------------------------------------------------------------

    def _audiences_loaded(self, audiences) -> None:
        self._set_busy(False)
        self._save_key()
        self.audience.clear()
        for audience in audiences:
            self.audience.addItem(audience.label(), audience.id)
        wanted = self._remembered_list or (audiences[0].id if len(audiences) == 1 else "")
        index = self.audience.findData(wanted)
        self.audience.setCurrentIndex(index if index >= 0 else (0 if audiences else -1))
        self._say(f"{len(audiences)} audience{'s' * (len(audiences) != 1)} in {self.title}. Choose one and send."
                  if audiences else f"The {self.title} account has no audience yet: make one in {self.title} first.",
                  error=not audiences)

    def _keep_draft(self, draft) -> None:
        from composer.export.mailing import with_draft

        document = self.main_window.document
        document.edit_merging(f"Send to {self.title}", ("provider_draft", self.provider), with_draft, draft)

    def _sent(self, result: PushResult) -> None:
        self._set_busy(False)
        self._save_key()
        self.result = result
        if self._was_saved:
            self.main_window.save()  # the file already on disk keeps the draft's id too
        notes = "".join(f"\n{note}" for note in result.notes)
        saved = "" if self._was_saved else "\nSave the issue to keep the draft's id with it."
        self._say(f"{result.summary(self.title)}{notes}{saved}")
        if result.draft.page:
            self.open_button.show()
            self._open_page()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self._say(message, error=True)

    # --- helpers --------------------------------------------------------------------------

    def _request(self) -> PushRequest | None:
        from composer.export.mailing import Credentials, PushRequest

        credentials = Credentials(self.key.text().strip(), self.user.text().strip())
        if not credentials.is_complete(self.provider):
            self._say(f"Give the {self.key.accessibleName()}" + (" and the API user" if self.provider == "listmonk"
                                                                    else "") + " first.", error=True)
            return None
        address = self.address.text().strip() if self.provider == "listmonk" else ""
        if self.provider == "listmonk":
            if not address:
                self._say("Give the address of your listmonk server first.", error=True)
                return None
            self.settings.setValue(LISTMONK_ADDRESS_KEY, address)
        test_to = tuple(part for part in self.test_to.text().replace(";", ",").split(",") if part.strip())
        base = self.main_window.document.path.parent if self.main_window.document.path else None
        return PushRequest(self.provider, credentials, list_id=self.audience.currentData() or "", test_to=test_to,
                           api_url=address, base_dir=base)

    def _fill_key(self) -> None:
        from composer.export.mailing import credentials_from_environment, saved_credentials
        from composer.export.mailing.keys import ENVIRONMENT
        from composer.export.passwords import PasswordStoreError, keyring_problem

        from_environment = credentials_from_environment(self.provider)
        problem = keyring_problem()
        try:
            saved = None if problem else saved_credentials(self.provider)
        except PasswordStoreError as error:
            saved, problem = None, str(error)
        found = from_environment or saved
        if found is not None:
            self.key.setText(found.key)
            self.user.setText(found.user)
        self.remember_key.setChecked(saved is not None)
        self._can_remember = not problem
        self.remember_key.setEnabled(self._can_remember)
        if from_environment is not None:
            self.key_note.setText(f"Using {' and '.join(ENVIRONMENT[self.provider])} from the environment.")
        elif problem:
            self.key_note.setText(f"{problem.replace('password', 'key').replace('send a test', 'send')}.")
        elif saved is not None:
            self.key_note.setText("The key is kept in the system keyring.")
        else:
            self.key_note.setText(f"Find the key in {self.title}: " + {
                "mailchimp": "Profile → Extras → API keys.", "brevo": "SMTP & API → API keys.",
                "listmonk": "Admin → Users → API user."}[self.provider])
        if found is not None:
            self.load_audiences()
        else:
            self._say(f"Give the {self.key.accessibleName()}, then load the audiences.")

    def _save_key(self) -> None:
        from composer.export.mailing import Credentials, credentials_from_environment, save_credentials
        from composer.export.passwords import PasswordStoreError

        if not self.remember_key.isChecked() or not self._can_remember:
            return
        if credentials_from_environment(self.provider) is not None:
            return  # the environment's key stays there
        try:
            save_credentials(self.provider, Credentials(self.key.text().strip(), self.user.text().strip()))
        except PasswordStoreError as error:
            self.key_note.setText(str(error))

    def _open_page(self) -> None:
        if self.result is not None and self.result.draft.page:
            QDesktopServices.openUrl(QUrl(self.result.draft.page))

    def busy_widgets(self) -> list[QWidget]:
        return [self.address, self.user, self.key, self.remember_key, self.audience, self.load_button, self.test_to,
                self.send_button]

    def _say(self, text: str, error: bool = False) -> None:
        super()._say(text, error)
        self._fit()

    def _on_progress(self, fraction: float, message: str) -> None:
        super()._on_progress(fraction, message)
        self._fit()

    def _fit(self) -> None:
        """Grow to fit a longer status, so the wrapped notes above never get squashed."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else layout.totalSizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(self._sending)
        self.remember_key.setEnabled(not busy and self._can_remember)
        if not busy:
            self._sending = False
        self._fit()
