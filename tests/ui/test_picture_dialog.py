"""Issue 19 and 23 in the window: choosing a picture offers a crop, makes an email-ready copy, refuses hostile files.

Driven through the real window: the outline selects the image block, the form's
"Choose file…" button is clicked, the crop dialog is answered with keys and clicks.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from hostile_pictures import bomb_png, photo_jpeg

from composer.limits import PICTURE_EMAIL_BYTES
from composer.model import Brand, ImageBlock, Issue, Section
from composer.storage import load_issue, save_issue
from composer.ui.outline import BLOCK
from composer.ui.picture_dialog import PictureDialog


@pytest.fixture
def issue_file(tmp_path):
    folder = tmp_path / "spring"
    (folder / "pictures").mkdir(parents=True)
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(folder / "pictures" / "old.jpg")  # a 3:2 slot
    issue = Issue(title="Spring news", issue_date=date(2099, 3, 3), provider="mailchimp",
                  brand=Brand(organisation="Café Club", email="hello@example.org"),
                  sections=(Section(kind="news", title="News", blocks=(
                      ImageBlock(src="pictures/old.jpg", alt="The hall", width=300),)),))
    path = folder / "spring.newsletter"
    save_issue(issue, path)
    return path


def select_image_block(window, qtbot):
    block = window.document.issue.sections[0].blocks[0]
    window.outline.select_item(BLOCK, block.id)
    qtbot.waitUntil(lambda: "src" in (window.editor.form.fields if window.editor.form else {}))
    return block, window.editor.form.fields["src"]


def click_choose(field):
    browse = next(button for button in field.widget.findChildren(QPushButton)
                  if button.accessibleName() == "Choose image file")
    QTest.mouseClick(browse, Qt.MouseButton.LeftButton)


def showing(window) -> bool:
    return any(item.isVisible() for item in window.findChildren(PictureDialog))


def shown_dialog(window) -> PictureDialog:
    return next(item for item in window.findChildren(PictureDialog) if item.isVisible())


def test_a_big_photo_is_cropped_square_and_saved_as_an_email_ready_copy(make_window, qtbot, tmp_path, issue_file,
                                                                        monkeypatch):
    (tmp_path / "camera").mkdir()
    photo = photo_jpeg(tmp_path / "camera" / "IMG_2041.jpg", (4000, 3000))
    original = hashlib.sha256(photo.read_bytes()).hexdigest()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(photo), ""))
    window = make_window(load_issue(issue_file), issue_file)
    block, field = select_image_block(window, qtbot)
    qtbot.waitUntil(lambda: not field.thumbnail.pixmap().isNull())

    click_choose(field)
    dialog = shown_dialog(window)
    assert dialog.shape.itemText(0) == "Same shape as the picture it replaces"
    assert dialog.crop_view.crop_box() is not None  # a 3:2 frame on a 4:3 photo
    dialog.shape.setCurrentIndex(dialog.shape.findText("Square"))
    dialog.crop_view.setFocus()
    for _ in range(5):
        QTest.keyClick(dialog.crop_view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    left, top, right, bottom = dialog.crop_view.crop_box()
    assert abs((right - left) - (bottom - top)) <= 8 and left > 0
    assert "copy is 600 px wide" in dialog.about.text()

    QTest.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not showing(window), timeout=20_000)
    src = window.document.issue.sections[0].blocks[0].src
    assert src == "pictures/IMG_2041-600w.jpg"
    copy = issue_file.parent / src
    with Image.open(copy) as result:
        assert result.format == "JPEG" and abs(result.width - 600) <= 1 and abs(result.height - 600) <= 8
    assert copy.stat().st_size <= PICTURE_EMAIL_BYTES
    assert hashlib.sha256(photo.read_bytes()).hexdigest() == original
    qtbot.waitUntil(lambda: field.thumbnail.pixmap() is not None and not field.thumbnail.pixmap().isNull())

    window.document.undo_stack.undo()  # one step, as any edit
    assert window.document.issue.sections[0].blocks[0].src == "pictures/old.jpg"


def test_a_decompression_bomb_is_refused_with_one_sentence_and_nothing_changes(make_window, qtbot, tmp_path,
                                                                               issue_file, monkeypatch):
    bomb = bomb_png(tmp_path / "poster.png")
    warnings = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(bomb), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append((title, text)))
    window = make_window(load_issue(issue_file), issue_file)
    _, field = select_image_block(window, qtbot)
    click_choose(field)
    assert warnings == [("This picture cannot be used",
                         "poster.png is 30,000 × 30,000 pixels (900 megapixels), more than the 40 megapixels a "
                         "newsletter picture can be; save a smaller copy and choose that.")]
    assert window.document.issue.sections[0].blocks[0].src == "pictures/old.jpg" and not window.document.is_modified()
    assert not showing(window)


def test_the_thumbnail_of_an_unusable_picture_says_why_instead_of_decoding_it(make_window, qtbot, issue_file):
    bomb_png(issue_file.parent / "pictures" / "huge.png")
    issue = load_issue(issue_file)
    block = issue.sections[0].blocks[0].model_copy(update={"src": "pictures/huge.png"})
    issue = issue.model_copy(update={"sections": (issue.sections[0].model_copy(update={"blocks": (block,)}),)})
    window = make_window(issue, issue_file)
    _, field = select_image_block(window, qtbot)
    qtbot.waitUntil(lambda: "30,000 × 30,000 pixels" in field.thumbnail.text())


def test_cancel_leaves_the_picture_as_it_was(make_window, qtbot, tmp_path, issue_file, monkeypatch):
    photo = photo_jpeg(tmp_path / "hall.jpg", (1600, 1200))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(photo), ""))
    window = make_window(load_issue(issue_file), issue_file)
    _, field = select_image_block(window, qtbot)
    click_choose(field)
    dialog = shown_dialog(window)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not showing(window))
    assert window.document.issue.sections[0].blocks[0].src == "pictures/old.jpg"
    assert sorted(path.name for path in (issue_file.parent / "pictures").iterdir()) == ["old.jpg"]


def test_the_checks_panel_flags_an_unusable_picture_on_its_block_before_any_export(make_window, qtbot, issue_file):
    bomb_png(issue_file.parent / "pictures" / "huge.png")
    issue = load_issue(issue_file)
    block = issue.sections[0].blocks[0].model_copy(update={"src": "pictures/huge.png"})
    issue = issue.model_copy(update={"sections": (issue.sections[0].model_copy(update={"blocks": (block,)}),)})
    window = make_window(issue, issue_file)
    panel = window.checks_panel
    qtbot.waitUntil(lambda: any("megapixels" in f.message for f in panel.findings), timeout=20_000)
    [finding] = [f for f in panel.findings if "megapixels" in f.message]
    assert finding.rule == "images" and finding.block_id == block.id
    assert finding.severity.value == "error" and "40 megapixels" in finding.message and finding.field == "src"


def test_the_picture_chooser_opens_in_her_pictures_folder_then_where_she_last_chose(make_window, qtbot, tmp_path,
                                                                                 issue_file, monkeypatch):
    from PySide6.QtCore import QStandardPaths

    (tmp_path / "camera").mkdir()
    photo = photo_jpeg(tmp_path / "camera" / "IMG_2042.jpg", (800, 600))
    opened_in = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda parent, title, start, *args, **kwargs: opened_in.append(start) or (str(photo), ""))
    window = make_window(load_issue(issue_file), issue_file)
    block, field = select_image_block(window, qtbot)
    click_choose(field)
    shown_dialog(window).reject()
    click_choose(field)
    pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    assert opened_in == [pictures or str(Path.home()), str(tmp_path / "camera")]
