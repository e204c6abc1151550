"""Starting the next issue from the last one, choosing a theme, and being warned about hard-to-read colours."""

import re
from datetime import date

from PySide6.QtWidgets import QDialog, QFileDialog

from composer.model import EventBlock
from composer.resources import SAMPLE_ISSUE
from composer.ui import new_from_previous as feature
from composer.ui.main_window import blank_issue


def test_coordinator_starts_winter_from_the_autumn_issue_and_sees_what_was_left_out(make_window, qtbot, monkeypatch):
    window = make_window(blank_issue())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(SAMPLE_ISSUE), ""))
    shown = {}

    def answer(dialog):
        shown["text"] = dialog.details.toPlainText()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(feature.CarryForwardDialog, "exec", answer)
    assert feature.new_from_previous(window, today=date(2023, 12, 1))

    issue = window.document.issue
    assert issue.edition == "Winter 2023/24" and issue.send_date == date(2024, 2, 21)
    assert window.document.path is None
    events = [block.title for _, block in issue.all_blocks() if isinstance(block, EventBlock)]
    assert events == ["National Vulnerability and Exploitation Conference 2024"]
    assert "Left out (4)" in shown["text"] and "Annual General Meeting 2023" in shown["text"]
    assert "closes 30 November" in shown["text"]


def test_the_file_menu_offers_new_from_previous_and_cancelling_keeps_the_open_issue(make_window, monkeypatch, small_issue):
    window = make_window(small_issue)
    titles = [action.text() for action in window.menu("&File").actions()]
    assert "New from &previous…" in titles
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(SAMPLE_ISSUE), ""))
    monkeypatch.setattr(feature.CarryForwardDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)

    window.new_from_previous_action.trigger()
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
