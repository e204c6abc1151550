"""First run: the welcome screen, and the organisation's details put on every new issue.

The first time the app starts (no organisation details kept yet) the welcome screen
asks for the organisation's details once and offers three ways in: the sample
issue, an old newsletter (the window's File → Import…) or a blank issue. Each
choice is the window's own command, so it behaves exactly as the menu does.
Afterwards every new, never-saved issue (New, New from sample, Import, New from
previous) gets those details in its brand, as one undoable step.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from composer.model import edits

from .organisation import OrganisationDetails, OrganisationForm, load_details, save_details

USE_DETAILS = "Use your organisation's details"
CHOICES = (
    # (object name, title, description, the window's action it triggers)
    ("startFromSample", "Start from the sample issue",
     "A complete example newsletter to change into your own.", "new_from_sample"),
    ("importOldNewsletter", "Bring in an old newsletter…",
     "Read a past issue from a Word (.docx) or plain-text file into sections and blocks.", "import"),
    ("startBlank", "Start a blank issue", "An empty issue with an introduction section.", "new"),
)


def install(window) -> None:
    """Add File → Organisation details… and Help → Welcome screen…, and brand every new issue."""
    WelcomeFeature(window)


def offer_first_run(window) -> QDialog | None:
    """At start-up (composer/ui/app.py): the welcome screen when the organisation's details were never asked."""
    if load_details() is not None:
        return None
    window.actions_by_name["welcome"].trigger()
    dialog = window.findChild(WelcomeDialog)
    # The preview's web view re-creates the window's native surface once it starts, which can
    # bring the window up over the dialog: raise the dialog again once the event loop runs.
    QTimer.singleShot(0, dialog, dialog.raise_)  # cancelled if the dialog is gone first
    return dialog


class WelcomeFeature(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("welcomeFeature")
        self._window = window
        details = QAction("Organisation &details…", window)
        details.setObjectName("organisation_details")
        details.setToolTip("Your organisation's name, address, charity number, colours and logo, used on every new issue")
        details.triggered.connect(self.edit_details)
        window.place(details, "&File", "organisation")
        window.actions_by_name["organisation_details"] = details
        welcome = QAction("&Welcome screen…", window)
        welcome.setObjectName("welcome")
        welcome.triggered.connect(self.show_welcome)
        window.place(welcome, "&Help", "help")
        window.actions_by_name["welcome"] = welcome
        window.document_replaced.connect(self._brand_new_issue)

    def show_welcome(self) -> None:
        dialog = self._window.findChild(WelcomeDialog)
        if dialog is None:
            dialog = WelcomeDialog(self._window, load_details() or OrganisationDetails())
            dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        dialog.raise_()

    def edit_details(self) -> None:
        dialog = OrganisationDialog(self._window, load_details() or OrganisationDetails())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _brand_new_issue(self, document) -> None:
        """A new, never-saved issue (not a file, not recovered work) starts with the organisation's details."""
        if document.path is not None or document.is_modified():
            return
        apply_details(document, load_details())


def apply_details(document, details: OrganisationDetails | None) -> bool:
    """Put *details* in the open issue's brand as one undoable step; False when there was nothing to change."""
    if details is None or details.is_empty() or details.problems():
        return False
    brand = details.brand_for(document.issue.brand)
    if brand == document.issue.brand:
        return False
    document.edit(USE_DETAILS, edits.update_issue, brand=brand)
    return True


class WelcomeDialog(QDialog):
    """Asks for the organisation's details once and offers three ways to start."""

    def __init__(self, window, details: OrganisationDetails):
        super().__init__(window)
        self._window = window
        self.setObjectName("welcomeDialog")
        self.setWindowTitle("Welcome to Newsletter Composer")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(580)
        layout = QVBoxLayout(self)
        title = QLabel("<h2>Welcome to Newsletter Composer</h2>"
                       "<p>Put together your member newsletter, see it as readers will, check it and "
                       "save it ready for your mailing provider.</p>")
        title.setWordWrap(True)
        layout.addWidget(title)
        box = QGroupBox("Your organisation")
        box_layout = QVBoxLayout(box)
        self.form = OrganisationForm(details)
        box_layout.addWidget(self.form)
        note = QLabel("These go on every new issue. You can change them any time: File → Organisation details.")
        note.setWordWrap(True)
        box_layout.addWidget(note)
        layout.addWidget(box)
        self.problem = QLabel()
        self.problem.setObjectName("welcomeProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b91c1c;")
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addWidget(QLabel("<b>How would you like to start?</b>"))
        self.buttons: dict[str, QCommandLinkButton] = {}
        for name, text, description, action in CHOICES:
            button = QCommandLinkButton(text, description)
            button.setObjectName(name)
            button.clicked.connect(lambda _=False, a=action: self.choose(a))
            layout.addWidget(button)
            self.buttons[name] = button
        guide = QLabel('<a href="#guide">Read the Getting started guide</a> (Help → Getting started, F1)')
        guide.setObjectName("welcomeGuideLink")
        guide.linkActivated.connect(lambda _: self._trigger("getting_started"))
        layout.addWidget(guide)
        self.buttons["startFromSample"].setFocus()

    def choose(self, action_name: str) -> bool:
        """Keep the details and run the chosen command of the window; a detail in error keeps the screen open."""
        details = self.form.details()
        problems = details.problems()
        if problems:
            self.problem.setText("Please check: " + " ".join(problems))
            self.problem.show()
            return False
        save_details(details)
        self.accept()
        QTimer.singleShot(0, lambda: self._trigger(action_name))
        return True

    def reject(self) -> None:
        """Closing without a choice still keeps what was typed correctly, so the screen is asked once."""
        details = self.form.details()
        problems = details.problems()
        if problems:
            details = OrganisationDetails(**{**details.__dict__, **_without_bad_fields(details)})
        save_details(details)
        super().reject()

    def _trigger(self, action_name: str) -> None:
        action = self._window.actions_by_name.get(action_name)
        if action is not None:
            action.trigger()


def _without_bad_fields(details: OrganisationDetails) -> dict[str, str]:
    bad = {}
    for name in ("primary_colour", "accent_colour", "logo_url"):
        if OrganisationDetails(**{name: getattr(details, name)}).problems():
            bad[name] = ""
    return bad


class OrganisationDialog(QDialog):
    """File → Organisation details…: change the kept details, and optionally the open issue too."""

    def __init__(self, window, details: OrganisationDetails):
        super().__init__(window)
        self._window = window
        self.setObjectName("organisationDialog")
        self.setWindowTitle("Organisation details")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        self.setMinimumWidth(540)
        intro = QLabel("Every new issue starts with these details.")
        layout.addWidget(intro)
        self.form = OrganisationForm(details)
        layout.addWidget(self.form)
        self.apply_now = QCheckBox("Also use them in the issue that is open now")
        self.apply_now.setObjectName("applyToOpenIssue")
        self.apply_now.setChecked(True)
        layout.addWidget(self.apply_now)
        self.problem = QLabel()
        self.problem.setObjectName("organisationProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b91c1c;")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.button_box: QWidget = buttons

    def accept(self) -> None:
        details = self.form.details()
        problems = details.problems()
        if problems:
            self.problem.setText("Please check: " + " ".join(problems))
            self.problem.show()
            return
        save_details(details)
        if self.apply_now.isChecked():
            apply_details(self._window.document, details)
        super().accept()
