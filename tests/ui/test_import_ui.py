"""A coordinator brings old newsletters in through File → Import… and pastes a Word document into the outline."""

import sys
import threading
from pathlib import Path

import docx
import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPushButton

from composer.model import ButtonBlock, HeadingBlock, ImageBlock, TextBlock
from composer.model import edits
from composer.ui import import_ui
from composer.ui.import_report_dialog import ImportReportDialog
from composer.ui.outline import BLOCK

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "importers"))
import hostile_files as hostile  # noqa: E402  (generated hostile files, shared with the importer tests)

WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta name=Generator content="Microsoft Word 15"><style><!-- p.MsoNormal {font-family:"Calibri"} --></style></head>
<body lang=EN-GB><!--StartFragment-->
<h1><span style='font-size:16.0pt;color:#2F5496'>Summer Fair<o:p></o:p></span></h1>
<p class=MsoNormal><span style='font-size:11.0pt;color:#C00000'>Stalls open at <b>ten</b> on the green.<o:p></o:p>
</span></p>
<p class=MsoNormal><span style='font-family:"Calibri"'>Bring a <i>friend</i>; see
<a href="https://example.org/fair"><span style='color:#0563C1'>the map</span></a>.<o:p></o:p></span></p>
<h2><span style='font-size:13.0pt'>Volunteers wanted<o:p></o:p></span></h2>
<p class=MsoNormal><span style='mso-bidi-font-family:Arial'>Two hours on the cake stall.<o:p></o:p></span></p>
<!--EndFragment--></body></html>"""


def import_feature(window) -> import_ui.ImportFeature:
    return window.findChildren(import_ui.ImportFeature)[0]


def import_through_the_menu(window, qtbot) -> None:
    """File → Import…; the import runs on its own thread, so wait until it has ended."""
    with qtbot.waitSignal(import_feature(window).finished, timeout=60_000):
        window.actions_by_name["import"].trigger()


def choose_file(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), "Old newsletters"))


def report_dialog(window) -> ImportReportDialog:
    dialogs = [d for d in window.findChildren(ImportReportDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def outline_rows(window) -> list[str]:
    model = window.outline.model()
    return [model.index(row, 0).data() for row in range(1, model.rowCount())]


def put_html_on_clipboard(html: str) -> None:
    data = QMimeData()
    data.setHtml(html)
    data.setText("Summer Fair")
    QGuiApplication.clipboard().setMimeData(data)


def select_in_outline(window, block_id: str) -> None:
    window.outline.setFocus()
    window.outline.select_item(BLOCK, block_id)
    assert window.outline.hasFocus() and window.outline.current_item() == (BLOCK, block_id)


@pytest.fixture
def word_file(tmp_path) -> Path:
    picture = tmp_path / "fair.png"
    Image.new("RGB", (40, 20), (200, 80, 40)).save(picture)
    document = docx.Document()
    document.add_paragraph("Village Bulletin – July 2024", style="Title")
    document.add_heading("Introduction", level=1)
    document.add_paragraph("Welcome to the summer bulletin.")
    document.add_heading("Association News", level=1)
    document.add_paragraph("The committee agreed:")
    document.add_paragraph("A new bench by the pond", style="List Bullet")
    document.add_paragraph("Longer library hours", style="List Bullet")
    document.add_picture(str(picture))
    document.inline_shapes[0]._inline.docPr.set("descr", "The new bench by the pond")
    path = tmp_path / "bulletin.docx"
    document.save(path)
    return path


def test_coordinator_imports_the_autumn_newsletter_and_goes_to_a_button_needing_its_link(
        make_window, small_issue, shared_samples, monkeypatch, qtbot):
    window = make_window(small_issue)
    source = shared_samples / "newsletter-2023-autumn.txt"
    choose_file(monkeypatch, source)

    import_through_the_menu(window, qtbot)

    issue = window.document.issue
    assert issue is not small_issue and window.document.path is None
    assert outline_rows(window) == [section.title for section in issue.sections]
    assert "Webinars" in outline_rows(window) and "Stakeholder News" in outline_rows(window)
    assert window.document.is_modified() and "Untitled.newsletter •" in window.windowTitle()

    dialog = report_dialog(window)
    qtbot.waitExposed(dialog)
    assert dialog.sections.topLevelItemCount() == len(issue.sections)
    assert "6 button" in dialog.totals.text()
    messages = [dialog.attention.item(row).text() for row in range(dialog.attention.count())]
    buttons = [message for message in messages if "has no address" in message]
    assert len(buttons) == 6 and any("BOOK WEBINAR" in message for message in buttons)
    assert all(message.split(": ", 1)[1].startswith("Checks: ") for message in messages)  # what Checks will say

    row = next(row for row, message in enumerate(messages) if "BOOK WEBINAR" in message and "has no address" in message)
    item = dialog.attention.item(row)
    dialog.attention.scrollToItem(item)
    centre = dialog.attention.visualItemRect(item).center()
    qtbot.mouseClick(dialog.attention.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a double-click's
    qtbot.mouseDClick(dialog.attention.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # first press, then

    kind, block_id = window.outline.current_item()
    chosen = edits.find_block(window.document.issue, block_id)
    assert kind == BLOCK and isinstance(chosen, ButtonBlock)
    assert chosen.label == "BOOK WEBINAR" and chosen.url == ""
    assert edits.section_of_block(window.document.issue, block_id).title == "Webinars"


def test_a_word_newsletter_imports_with_its_sections_list_and_picture(make_window, small_issue, word_file,
                                                                      monkeypatch, qtbot):
    window = make_window(small_issue)
    choose_file(monkeypatch, word_file)

    import_through_the_menu(window, qtbot)

    issue = window.document.issue
    assert issue.title == "Village Bulletin – July 2024"
    assert outline_rows(window) == ["Introduction", "Association News"]
    news_blocks = issue.sections[1].blocks
    assert any(isinstance(b, TextBlock) and "- A new bench by the pond\n- Longer library hours" in b.markdown
               for b in news_blocks)
    picture = next(b for b in news_blocks if isinstance(b, ImageBlock))
    assert picture.alt == "The new bench by the pond"
    assert (word_file.parent / picture.src).is_file()  # "images/…" beside the Word file
    dialog = report_dialog(window)
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"saved in {word_file.parent / 'images'}" in labels


def test_a_corrupt_word_file_shows_why_and_keeps_the_current_issue(make_window, small_issue, tmp_path, monkeypatch,
                                                                    qtbot):
    window = make_window(small_issue)
    document = window.document
    broken = tmp_path / "minutes.docx"
    broken.write_bytes(b"PK\x03\x04 this is not really a Word document")
    choose_file(monkeypatch, broken)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *rest: shown.append((title, text)))

    import_through_the_menu(window, qtbot)

    assert len(shown) == 1
    title, text = shown[0]
    assert title == "Cannot import the newsletter"
    assert "minutes.docx" in text and "not a Word document" in text
    assert window.document is document and window.document.issue == small_issue
    assert not [d for d in window.findChildren(ImportReportDialog) if d.isVisible()]


def test_pasting_a_word_document_into_the_outline_splits_it_into_blocks_in_one_undo_step(
        make_window, small_issue, monkeypatch):
    window = make_window(small_issue)
    quote = small_issue.sections[2].blocks[0]
    select_in_outline(window, quote.id)
    asked = []
    monkeypatch.setattr(import_ui, "ask_how_to_paste", lambda parent, count: asked.append(count) or import_ui.SPLIT)
    put_html_on_clipboard(WORD_HTML)
    steps = window.document.undo_stack.count()

    window.actions_by_name["paste"].trigger()

    assert asked == [4]
    blocks = window.document.issue.sections[2].blocks
    assert blocks[0] == quote
    heading, text, second_heading, second_text = blocks[1:5]
    assert isinstance(heading, HeadingBlock) and heading.text == "Summer Fair"
    assert text.markdown == ("Stalls open at **ten** on the green.\n\n"
                             "Bring a *friend*; see [the map](https://example.org/fair).")
    assert isinstance(second_heading, HeadingBlock) and second_heading.text == "Volunteers wanted"
    assert second_text.markdown == "Two hours on the cake stall."
    assert blocks[5:] == small_issue.sections[2].blocks[1:]
    assert window.outline.current_item() == (BLOCK, second_text.id)

    assert window.document.undo_stack.count() == steps + 1
    window.actions_by_name["undo"].trigger()
    assert window.document.issue == small_issue


def test_pasting_a_word_document_as_one_text_block_keeps_only_clean_markdown(make_window, small_issue, monkeypatch):
    window = make_window(small_issue)
    intro = small_issue.sections[0]
    select_in_outline(window, intro.blocks[0].id)
    monkeypatch.setattr(import_ui, "ask_how_to_paste", lambda parent, count: import_ui.ONE_BLOCK)
    put_html_on_clipboard(WORD_HTML)

    window.actions_by_name["paste"].trigger()

    pasted = window.document.issue.sections[0].blocks[1]
    assert isinstance(pasted, TextBlock)
    assert pasted.markdown.startswith("**Summer Fair**\n\nStalls open at **ten** on the green.")
    for trace in ("mso", "o:p", "Calibri", "C00000", "<span"):
        assert trace not in pasted.markdown


def test_cancelling_the_paste_question_changes_nothing_and_plain_paragraphs_are_left_alone(
        make_window, small_issue, monkeypatch):
    window = make_window(small_issue)
    select_in_outline(window, small_issue.sections[2].blocks[0].id)
    monkeypatch.setattr(import_ui, "ask_how_to_paste", lambda parent, count: None)
    put_html_on_clipboard(WORD_HTML)
    window.actions_by_name["paste"].trigger()
    assert window.document.issue == small_issue and not window.document.is_modified()

    asked = []
    monkeypatch.setattr(import_ui, "ask_how_to_paste", lambda parent, count: asked.append(count))
    put_html_on_clipboard("<p>Just one <b>paragraph</b>.</p><p>And another.</p>")
    window.actions_by_name["paste"].trigger()
    assert asked == [] and window.document.issue == small_issue


def test_the_paste_question_names_both_choices_and_returns_the_one_clicked(make_window, small_issue, qtbot):
    window = make_window(small_issue)
    box = import_ui.paste_question(window, 4)
    texts = [button.text() for button in box.buttons()]
    assert "Split into 4 blocks" in texts and "Paste as one text block" in texts and box.escapeButton() is not None
    box.deleteLater()

    def click(label):
        def find_and_click():
            modal = QApplication.activeModalWidget()
            if modal is None:
                QTimer.singleShot(20, find_and_click)
                return
            next(b for b in modal.buttons() if b.text() == label).click()
        QTimer.singleShot(0, find_and_click)

    click("Paste as one text block")
    assert import_ui.ask_how_to_paste(window, 4) == import_ui.ONE_BLOCK
    click("Cancel")
    assert import_ui.ask_how_to_paste(window, 4) is None


def test_cancel_during_an_import_keeps_the_issue_and_leaves_no_pictures_behind(
        make_window, small_issue, word_file, monkeypatch, qtbot):
    window = make_window(small_issue)
    document = window.document
    choose_file(monkeypatch, word_file)
    scratch = []
    real_mkdtemp = import_ui.tempfile.mkdtemp
    monkeypatch.setattr(import_ui.tempfile, "mkdtemp", lambda **kw: scratch.append(real_mkdtemp(**kw)) or scratch[-1])
    feature = import_feature(window)
    release = threading.Event()
    real_import = import_ui.import_file

    def slow_import(path, images_dir, progress):  # the pictures are written, then the work goes on a while
        result = real_import(path, images_dir, progress)
        release.wait(10)
        return result
    monkeypatch.setattr(import_ui, "import_file", slow_import)

    with qtbot.waitSignal(feature.finished, timeout=30_000):
        window.actions_by_name["import"].trigger()
        qtbot.waitUntil(lambda: feature.progress is not None and feature.progress.isVisible(), timeout=5000)
        assert feature.progress.windowModality() == Qt.WindowModality.WindowModal
        cancel = next(b for b in feature.progress.findChildren(QPushButton) if b.text() == "Cancel")
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        assert feature.progress is None and window.document is document  # back at once
        release.set()

    assert window.document is document and window.document.issue == small_issue
    assert not [d for d in window.findChildren(ImportReportDialog) if d.isVisible()]
    assert not (word_file.parent / "images").exists()  # nothing half-written beside the Word file
    assert scratch and not Path(scratch[0]).exists()   # and the temporary pictures are gone
    assert "cancelled" in window.statusBar().currentMessage()


@pytest.mark.parametrize("make_file, words", [
    (lambda folder: hostile.zip_bomb_docx(folder / "bomb.docx"), "more than 200 times its size"),
    (lambda folder: hostile.not_a_zip_docx(folder / "notes.docx"), "not a Word document"),
    (lambda folder: hostile.docx_without_document(folder / "empty.docx"), "no text part"),
    (lambda folder: hostile.text_with_one_long_line(folder / "one-line.txt"), "longer than 100,000 characters"),
])
def test_a_hostile_file_is_refused_with_one_clear_sentence_and_the_issue_is_untouched(
        make_window, small_issue, tmp_path, monkeypatch, qtbot, make_file, words):
    window = make_window(small_issue)
    document = window.document
    path = make_file(tmp_path)
    choose_file(monkeypatch, path)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *rest: shown.append((title, text)))

    import_through_the_menu(window, qtbot)

    assert len(shown) == 1 and path.name in shown[0][1] and words in shown[0][1]
    assert "Traceback" not in shown[0][1] and shown[0][1].endswith("Your current issue is unchanged.")
    assert window.document is document and window.document.issue == small_issue


def test_pasting_too_much_html_into_the_outline_says_why_and_changes_nothing(make_window, small_issue, monkeypatch):
    window = make_window(small_issue)
    select_in_outline(window, small_issue.sections[2].blocks[0].id)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *rest: warned.append(text))
    put_html_on_clipboard("<h2>Huge</h2><p>" + "word " * 900_000 + "</p><h2>End</h2>")

    window.actions_by_name["paste"].trigger()

    assert len(warned) == 1 and "too large" in warned[0] and "4 million" in warned[0]
    assert window.document.issue == small_issue
