"""Starting the next issue from the last one, choosing a theme, and being warned about hard-to-read colours."""

import re
from datetime import date

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from composer.model import EventBlock
from composer.resources import SAMPLE_ISSUE
from composer.ui import new_from_previous as feature
from composer.ui.main_window import blank_issue

from people import answer_next_dialog, click, give_back_keyboard, press, then


def _trigger_new_from_previous(window, qtbot, *chooser_steps, carry_forward_steps=(), today=date(2023, 12, 1)):
    """File → New from previous…, answering the chooser and then the report as a person would."""
    from PySide6.QtCore import Qt
    import composer.ui.new_from_previous as module

    real = module.date
    module.date = type("FixedDate", (date,), {"today": classmethod(lambda cls: today)})
    try:
        answer_next_dialog(*chooser_steps, then(carry_forward_steps or (press(Qt.Key.Key_Return),)))
        window.new_from_previous_action.trigger()
    finally:
        module.date = real


def test_coordinator_starts_winter_from_the_autumn_issue_she_has_open(make_window, qtbot, sample_issue):
    from PySide6.QtCore import Qt

    window = make_window(sample_issue)
    shown = {}

    def read_report(dialog):
        shown["text"] = dialog.details.toPlainText()

    _trigger_new_from_previous(window, qtbot, press(Qt.Key.Key_Return),
                               carry_forward_steps=(read_report, press(Qt.Key.Key_Return)))
    issue = window.document.issue
    assert issue.edition == "Winter 2023/24" and issue.send_date == date(2024, 2, 21)
    assert window.document.path is None
    events = [block.title for _, block in issue.all_blocks() if isinstance(block, EventBlock)]
    assert events == ["National Vulnerability and Exploitation Conference 2024"]
    assert "Left out (4)" in shown["text"] and "Annual General Meeting 2023" in shown["text"]
    assert "closes 30 November" in shown["text"]
    # the new issue is in no file yet: it is marked unsaved and New asks before throwing it away
    assert window.document.is_modified() and "•" in window.windowTitle()
    give_back_keyboard(window, qtbot)
    asked = answer_next_dialog(press(Qt.Key.Key_Escape))
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked and "Save the changes" in asked[0].text()
    assert window.document.issue.edition == "Winter 2023/24"


def test_a_recent_issue_or_another_file_can_be_the_previous_one(make_window, qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import Qt
    import shutil

    window = make_window(blank_issue())
    recent = tmp_path / "autumn.newsletter"
    shutil.copy(SAMPLE_ISSUE, recent)
    window.settings.setValue("files/recent", [str(recent)])
    _trigger_new_from_previous(window, qtbot, press(Qt.Key.Key_Return))  # the blank issue is not offered: the recent one is first
    assert window.document.issue.edition == "Winter 2023/24"

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(SAMPLE_ISSUE), ""))
    window.document.mark_saved()
    first = window.document
    give_back_keyboard(window, qtbot)
    _trigger_new_from_previous(window, qtbot, click("Choose another file…"))
    assert window.document is not first and window.document.issue.edition == "Winter 2023/24"


def test_the_file_menu_offers_new_from_previous_and_cancelling_keeps_the_open_issue(make_window, qtbot, small_issue):
    from PySide6.QtCore import Qt

    window = make_window(small_issue)
    titles = [action.text() for action in window.menu("&File").actions()]
    assert "New from &previous…" in titles
    _trigger_new_from_previous(window, qtbot, press(Qt.Key.Key_Return), carry_forward_steps=(press(Qt.Key.Key_Escape),))
    assert window.document.issue == small_issue


def test_report_dialog_lists_dropped_flagged_and_notes(qtbot, sample_issue, tmp_path):
    from composer.model.carry_forward import new_issue_from

    issue, report = new_issue_from(sample_issue, date(2023, 12, 1))
    dialog = feature.CarryForwardDialog(report, issue.edition)
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.details.toPlainText()
    assert "Check before sending" in text and "Issue settings" in text
    dialog.grab().save(str(tmp_path / "dialog.png"))


def test_choosing_the_bulletin_theme_re_renders_the_preview_with_it(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    qtbot.waitUntil(lambda: window.preview.email is not None, timeout=10000)
    assert "text-transform:uppercase" not in window.preview.email.html.replace(" ", "")
    theme = window.editor.form.fields["theme"].editor
    theme.setCurrentIndex(theme.findData("bulletin"))

    assert window.document.issue.theme == "bulletin"
    # The bulletin's section titles are white on a band of the primary colour.
    band = re.compile(rf"<h2[^>]*background:{small_issue.brand.primary_colour}")
    qtbot.waitUntil(lambda: band.search(window.preview.email.html.replace(" ", "")) is not None, timeout=10000)
    assert "text-transform:uppercase" in window.preview.email.html.replace(" ", "")


def test_a_pale_accent_colour_is_flagged_under_its_field_but_kept(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    accent = window.editor.form.fields["brand.accent_colour"]
    assert not accent.error.isVisible()
    accent.editor.selectAll()
    qtbot.keyClicks(accent.editor, "#fde047")

    assert window.document.issue.brand.accent_colour == "#fde047"
    assert accent.error.isVisible()
    assert "Button text (#ffffff on #fde047)" in accent.error.text() and "needs 4.5:1" in accent.error.text()

    window.document.undo_stack.undo()
    assert window.document.issue.brand.accent_colour == small_issue.brand.accent_colour
    assert not accent.error.isVisible()
