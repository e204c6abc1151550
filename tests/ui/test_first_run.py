"""First run and Help, through the real window: the welcome screen, the organisation's
details on every new issue, Help → Getting started and Help → About."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

import composer
from composer.model import Brand
from composer.resources import SAMPLE_ISSUE
from composer.storage import load_issue, save_issue
from composer.ui.help_ui import AboutDialog, GuideDialog
from composer.ui.organisation import OrganisationDetails, load_details, save_details
from composer.ui.welcome import USE_DETAILS, OrganisationDialog, WelcomeDialog, offer_first_run


@pytest.fixture(autouse=True)
def own_home(tmp_path, monkeypatch):
    """Settings (and so the organisation's details) in a folder of the test's own."""
    monkeypatch.setenv("NEWSLETTER_COMPOSER_HOME", str(tmp_path / "home"))


@pytest.fixture
def window(make_window):
    return make_window(load_issue(SAMPLE_ISSUE))


def _type(widget, text):
    widget.setFocus()
    widget.clear()
    QTest.keyClicks(widget, text)


def _welcome(qtbot, window) -> WelcomeDialog:
    dialog = offer_first_run(window)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    return dialog


def test_first_run_asks_for_the_organisation_once_and_starts_a_blank_issue_with_it(qtbot, window):
    dialog = _welcome(qtbot, window)
    _type(dialog.form.name, "Riverside Community Trust")
    _type(dialog.form.address, "1 River Street, Leeds LS1 1AA")
    _type(dialog.form.charity_number, "1234567")
    _type(dialog.form.primary_colour, "#0F766E")
    _type(dialog.form.logo_url, "https://www.riverside.example.org/logo.png")
    QTest.mouseClick(dialog.buttons["startBlank"], Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: [s.title for s in window.document.issue.sections] == ["Introduction"], timeout=3000)
    brand = window.document.issue.brand
    assert brand.organisation == "Riverside Community Trust"
    assert brand.footer_address == "1 River Street, Leeds LS1 1AA"
    assert brand.charity_number == "1234567" and brand.registered_charity
    assert brand.primary_colour == "#0f766e" and brand.accent_colour == Brand().accent_colour
    assert brand.logo_url == "https://www.riverside.example.org/logo.png"
    assert window.findChild(WelcomeDialog) is None  # closed
    assert offer_first_run(window) is None  # asked once: not at the next start


def test_starting_from_the_sample_gives_it_the_organisations_details(qtbot, window):
    dialog = _welcome(qtbot, window)
    _type(dialog.form.name, "Riverside Community Trust")
    QTest.mouseClick(dialog.buttons["startFromSample"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.document.issue.brand.organisation == "Riverside Community Trust", timeout=3000)
    assert len(window.document.issue.sections) == len(load_issue(SAMPLE_ISSUE).sections)


def test_bringing_in_an_old_newsletter_runs_the_import(qtbot, window, tmp_path, monkeypatch):
    old = tmp_path / "old-newsletter.txt"
    old.write_text("Spring news\n\nWelcome\n\nOur volunteers planted forty trees this spring.\n", encoding="utf-8")
    asked = []

    def choose_file(*args, **kwargs):
        asked.append(args[1])
        return str(old), "Old newsletters (*.txt *.docx)"

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose_file)
    dialog = _welcome(qtbot, window)
    _type(dialog.form.name, "Riverside Community Trust")
    QTest.mouseClick(dialog.buttons["importOldNewsletter"], Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "forty trees" in window.document.issue.model_dump_json(), timeout=5000)
    assert asked == ["Import an old newsletter"]
    assert window.document.issue.brand.organisation == "Riverside Community Trust"
    for widget in QApplication.topLevelWidgets():  # the import report the import opened beside the window
        if widget is not window and widget.isVisible():
            widget.close()


def test_a_wrong_colour_is_explained_and_nothing_is_lost(qtbot, window):
    dialog = _welcome(qtbot, window)
    _type(dialog.form.name, "Riverside Community Trust")
    _type(dialog.form.primary_colour, "teal")
    QTest.mouseClick(dialog.buttons["startBlank"], Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.problem.isVisible()
    assert "Main colour" in dialog.problem.text() and "#1f4e79" in dialog.problem.text()
    assert dialog.form.name.text() == "Riverside Community Trust"
    assert load_details() is None and window.document.issue.title == load_issue(SAMPLE_ISSUE).title
    _type(dialog.form.primary_colour, "#008080")
    QTest.mouseClick(dialog.buttons["startBlank"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.document.issue.brand.primary_colour == "#008080", timeout=3000)


def test_closing_the_welcome_screen_keeps_what_was_typed(qtbot, window):
    dialog = _welcome(qtbot, window)
    _type(dialog.form.name, "Riverside Community Trust")
    _type(dialog.form.accent_colour, "orange")
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.findChild(WelcomeDialog) is None, timeout=3000)
    assert load_details() == OrganisationDetails(name="Riverside Community Trust")
    assert offer_first_run(window) is None


def test_every_new_issue_gets_the_details_as_one_undoable_step(qtbot, window):
    save_details(OrganisationDetails(name="Riverside Community Trust", accent_colour="#b45309"))
    window.actions_by_name["new"].trigger()
    brand = window.document.issue.brand
    assert brand.organisation == "Riverside Community Trust" and brand.accent_colour == "#b45309"
    assert window.document.undo_stack.undoText() == USE_DETAILS

    window.activateWindow()
    window.outline.setFocus()
    QTest.keyClick(window.outline, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.issue.brand == Brand()


def test_an_opened_file_keeps_its_own_details(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "spring.newsletter"
    issue = load_issue(SAMPLE_ISSUE)
    save_issue(issue, path)
    save_details(OrganisationDetails(name="Riverside Community Trust"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.actions_by_name["open"].trigger()
    qtbot.waitUntil(lambda: window.document.path == path, timeout=3000)
    assert window.document.issue.brand == issue.brand


def test_organisation_details_can_be_changed_from_the_file_menu(qtbot, window):
    save_details(OrganisationDetails(name="Riverside Trust"))
    file_menu = window.menu("&File")
    action = window.actions_by_name["organisation_details"]
    assert action in file_menu.actions()
    action.trigger()
    dialog = window.findChild(OrganisationDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.form.name.text() == "Riverside Trust"
    _type(dialog.form.name, "Riverside Community Trust")
    QTest.keyClick(dialog.form.name, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: window.findChild(OrganisationDialog) is None, timeout=3000)
    assert load_details().name == "Riverside Community Trust"
    assert window.document.issue.brand.organisation == "Riverside Community Trust"
    saved = json.loads((composer.user_folders.config_dir() / "organisation.json").read_text(encoding="utf-8"))
    assert saved["asked"] is True


def test_f1_opens_the_getting_started_guide_shipped_with_the_app(qtbot, window):
    help_menu = window.menu("&Help")
    titles = [action.text() for action in help_menu.actions()]
    ours = ["&Getting started", "&Welcome screen…", "&About Newsletter Composer"]  # About comes last
    assert [title for title in titles if title in ours] == ours
    window.activateWindow()
    window.outline.setFocus()
    QTest.keyClick(window.outline, Qt.Key.Key_F1)
    guide = window.findChild(GuideDialog)
    qtbot.waitUntil(lambda: guide is not None and guide.isVisible(), timeout=3000)
    text = guide.browser.toPlainText()
    assert text.startswith("Getting started")
    assert "Bring in an old newsletter" in text and "Organisation details" in text
    guide.close()


def test_about_shows_the_version(qtbot, window):
    window.actions_by_name["about"].trigger()
    about = window.findChild(AboutDialog)
    qtbot.waitUntil(about.isVisible, timeout=3000)
    assert f"Version {composer.__version__}" in about.text.text()
    QTest.keyClick(about, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is None, timeout=3000)
