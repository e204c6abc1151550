"""The coordinator's keyboard: from a new issue to an export without the mouse, and the outline's own keys and menu.

Every step goes in as key or mouse events into the focused widget (or the popup menu on
screen); menus opened by a shortcut are answered from a timer, since they run their own loop.
"""

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from composer.model import edits
from composer.storage import load_issue
from composer.ui.export_dialog import ExportDialog
from composer.ui.outline import BLOCK

from people import give_back_keyboard

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _focus():
    return QApplication.focusWidget()


def _words(action) -> str:
    return action.text().replace("&", "") if action is not None else ""


def _choose_in_next_popup(words: str, chosen: list) -> None:
    """Once a popup menu is up, press Down until *words* is highlighted, then Return."""
    def act():
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(20, act)
            return
        for _ in range(len(menu.actions()) + 1):
            QTest.keyClick(menu, Qt.Key.Key_Down)
            if _words(menu.activeAction()) == words:
                chosen.append(words)
                QTest.keyClick(menu, Qt.Key.Key_Return)
                return
        QTest.keyClick(menu, Qt.Key.Key_Escape)  # not there: close it so the test fails instead of hanging

    QTimer.singleShot(0, act)


def _shortcut_menu(window, qtbot, key, words: str) -> None:
    """Press Ctrl+Shift+*key* where the keyboard is, choose *words* in the menu it opens."""
    chosen = []
    _choose_in_next_popup(words, chosen)
    QTest.keyClick(_focus(), key, CTRL_SHIFT)
    qtbot.waitUntil(lambda: chosen == [words] and QApplication.activePopupWidget() is None, timeout=3000)
    give_back_keyboard(window, qtbot)  # offscreen Qt leaves the window inactive after a popup menu
    qtbot.wait(50)


def _right_click(window, widget, point):
    """A right-click as the platform delivers it: into the window, which turns it into a context menu event.

    QTest's widget overload hands the mouse event straight to the widget, so Qt never makes
    the context menu event a real right-click produces; the window overload goes the real way.
    """
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.RightButton, pos=widget.mapTo(window, point))


def test_keyboard_only_from_new_issue_to_export(make_window, qtbot, sample_issue, tmp_path, monkeypatch):
    window = make_window(sample_issue)
    window.outline.setFocus()

    QTest.keyClick(_focus(), Qt.Key.Key_N, CTRL)  # New issue: the sample is unchanged, so nothing to ask
    qtbot.waitUntil(lambda: window.document.issue is not sample_issue)
    assert all(section.kind != "webinars" for section in window.document.issue.sections)
    assert not list(window.document.issue.all_blocks())

    _shortcut_menu(window, qtbot, Qt.Key.Key_N, "Webinars")
    webinars = [section for section in window.document.issue.sections if section.kind == "webinars"]
    assert len(webinars) == 1

    _shortcut_menu(window, qtbot, Qt.Key.Key_B, "Event")
    kind, block_id = window.outline.current_item()
    assert kind == BLOCK
    event = edits.find_block(window.document.issue, block_id)
    assert event.type == "event"
    assert edits.locate_block(window.document.issue, block_id)[0] == \
        [s.id for s in window.document.issue.sections].index(webinars[0].id)  # in the section just added

    assert _focus().accessibleName() == "Title"  # the new block's first field has the keyboard
    QTest.keyClicks(_focus(), "Grant writing clinic")
    for _ in range(60):  # Tab on to the booking link (today Tab from Title detours through the preview first)
        if _focus().accessibleName() == "Booking link":
            break
        QTest.keyClick(_focus(), Qt.Key.Key_Tab)
        qtbot.wait(10)
    assert _focus().accessibleName() == "Booking link"
    QTest.keyClicks(_focus(), "https://example.org/book/grant-clinic")
    qtbot.waitUntil(lambda: edits.find_block(window.document.issue, block_id).register_url
                    == "https://example.org/book/grant-clinic", timeout=3000)
    assert edits.find_block(window.document.issue, block_id).title == "Grant writing clinic"

    saved = tmp_path / "grant-clinic.newsletter"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(saved), ""))
    QTest.keyClick(_focus(), Qt.Key.Key_S, CTRL)  # no file yet: Save asks where, as Save as does
    qtbot.waitUntil(saved.exists, timeout=5000)
    assert not window.document.is_modified()
    reopened = edits.find_block(load_issue(saved), block_id)
    assert reopened.title == "Grant writing clinic"
    assert reopened.register_url == "https://example.org/book/grant-clinic"

    QTest.keyClick(_focus(), Qt.Key.Key_E, CTRL_SHIFT)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ExportDialog)), timeout=5000)
    dialog = next(d for d in window.findChildren(ExportDialog) if d.isVisible())
    qtbot.waitUntil(lambda: _focus() is not None and dialog.isAncestorOf(_focus()), timeout=3000)
    out = tmp_path / "export"
    open_folder_after = dialog.open_when_done.isChecked()
    for _ in range(3):  # Alt+F is both "&Folder:" and "Open the &folder when done": it takes turns between them
        QTest.keyClick(_focus(), Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
        if _focus() is dialog.folder:
            break
    assert _focus() is dialog.folder
    assert dialog.open_when_done.isChecked() == open_folder_after  # an ambiguous Alt key only moves the keyboard
    QTest.keyClick(_focus(), Qt.Key.Key_A, CTRL)
    QTest.keyClicks(_focus(), str(out))
    # Alt+E presses "&Export". (Return would not: today "Choose…" is the dialog's default button, so
    # Return in the folder field opens the folder chooser instead of exporting.)
    QTest.keyClick(_focus(), Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
    assert dialog.result.out_dir == out
    written = [file.path for file in dialog.result.files]
    assert written and all(Path(path).is_file() for path in written)
    html = next(path for path in written if str(path).endswith(".html"))
    assert "Grant writing clinic" in Path(html).read_text(encoding="utf-8")
    assert "https://example.org/book/grant-clinic" in Path(html).read_text(encoding="utf-8")
    QTest.keyClick(_focus(), Qt.Key.Key_Escape)  # Close
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)


def test_right_click_on_an_outline_block_duplicates_it_from_its_menu(make_window, qtbot, sample_issue):
    window = make_window(sample_issue)
    section_index, block = next((i, s.blocks[0]) for i, s in enumerate(sample_issue.sections) if s.blocks)
    index = window.outline.model().index_of(BLOCK, block.id)
    window.outline.scrollTo(index)
    before = len(list(window.document.issue.all_blocks()))

    chosen = []
    _choose_in_next_popup("Duplicate", chosen)
    _right_click(window, window.outline.viewport(), window.outline.visualRect(index).center())
    qtbot.waitUntil(lambda: chosen == ["Duplicate"] and QApplication.activePopupWidget() is None, timeout=3000)
    give_back_keyboard(window, qtbot)

    blocks = window.document.issue.sections[section_index].blocks
    assert len(list(window.document.issue.all_blocks())) == before + 1
    assert blocks[0].id == block.id and blocks[1].id != block.id
    assert blocks[1].model_dump(exclude={"id"}) == blocks[0].model_dump(exclude={"id"})
    assert window.outline.current_item() == (BLOCK, blocks[1].id)  # the copy is selected


def test_delete_selects_the_next_block_and_undo_selects_the_restored_one(make_window, qtbot, sample_issue):
    window = make_window(sample_issue)
    section = next(s for s in sample_issue.sections if len(s.blocks) >= 3)
    gone, after = section.blocks[1], section.blocks[2]
    index = window.outline.model().index_of(BLOCK, gone.id)
    window.outline.scrollTo(index)
    QTest.mouseClick(window.outline.viewport(), Qt.MouseButton.LeftButton, pos=window.outline.visualRect(index).center())
    assert window.outline.current_item() == (BLOCK, gone.id)
    assert _focus() is window.outline

    QTest.keyClick(_focus(), Qt.Key.Key_Delete)
    assert gone.id not in {b.id for _, b in window.document.issue.all_blocks()}
    assert window.outline.current_item() == (BLOCK, after.id)

    assert _focus() is window.outline  # the keyboard stays in the outline
    QTest.keyClick(_focus(), Qt.Key.Key_Z, CTRL)
    restored = edits.find_block(window.document.issue, gone.id)
    assert restored == gone
    assert window.outline.current_item() == (BLOCK, gone.id)
    assert [b.id for b in edits.find_section(window.document.issue, section.id).blocks] == [b.id for b in section.blocks]
