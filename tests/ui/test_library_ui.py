"""The coordinator reuses blocks and sections from the library, linked or copied; a linked block's words
belong to the library entry, and two windows (or two copies of the app) never overwrite each other's entries."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from composer.model import ContactBlock
from composer.model import edits
from composer.storage import load_issue, save_issue
from composer.storage.library_store import LibraryStore, library_dir
from composer.ui import library_entry_editor, library_linked_blocks
from composer.ui.icons import icon_for
from composer.ui.library_entry_editor import EntryEditor
from composer.ui.library_save_dialog import SaveToLibraryDialog
from composer.ui.link_badge import LINKED_ICON
from composer.ui.outline import BLOCK, SECTION

from dialog_answers import answers, click_choice  # noqa: F401 (answers is a fixture)

CONTACT = "starter-contact-footer"
ROOT = Path(__file__).resolve().parents[2]


def _answer_save_dialog(answers, name, tags="", link=False):
    """She types a name and tags into Save to library, ticks "link" if asked, and clicks Save."""
    def act(dialog):
        dialog.name.selectAll()
        QTest.keyClicks(dialog.name, name)
        QTest.keyClicks(dialog.tags, tags)
        if link:
            dialog.link_block.click()
        act.note = dialog.note.text()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    answers.next(SaveToLibraryDialog, act)
    return act


def _wait_for_preview(qtbot, window, text, present=True):
    def shown():  # phone numbers are kept whole with non-breaking spaces
        html = window.preview.email.html.replace("&nbsp;", " ").replace("\u00a0", " ")
        return (text in html) == present
    qtbot.waitUntil(lambda: window.preview.email is not None and shown(), timeout=10000)


def _insert_linked_contact(window):
    window.outline.select_item(SECTION, window.document.issue.sections[-1].id)
    window.library_feature.dock.select_entry(CONTACT)
    window.library_feature.dock.linked_button.click()
    kind, block_id = window.outline.current_item()
    block = edits.find_block(window.document.issue, block_id)
    assert kind == BLOCK and block.library_entry == CONTACT
    return block


def test_coordinator_saves_a_section_and_inserts_it_into_another_issue(make_window, answers, small_issue, sample_issue):
    first = make_window(small_issue)
    webinars = small_issue.sections[1]
    first.outline.select_item(SECTION, webinars.id)
    answered = _answer_save_dialog(answers, "Spring webinars", "events, spring")
    first.actions_by_name["library_save"].trigger()
    assert answered.note == "The section here stays as it is, not linked; inserting the entry later makes a copy."

    second = make_window(sample_issue)
    dock = second.library_feature.dock
    dock.search.setText("spring events")
    assert dock.list.count() == 1 and "Spring webinars" in dock.list.item(0).text()
    second.outline.select_item(SECTION, sample_issue.sections[0].id)
    dock.list.setCurrentRow(0)
    dock.list.itemDoubleClicked.emit(dock.list.item(0))

    inserted = second.document.issue.sections[1]
    assert inserted.title == "Webinars" and inserted.id != webinars.id
    assert [b.model_dump(exclude={"id"}) for b in inserted.blocks] == [b.model_dump(exclude={"id"}) for b in webinars.blocks]
    assert second.outline.current_item() == (SECTION, inserted.id)
    second.document.undo_stack.undo()
    assert second.document.issue == sample_issue


def _field(window, name):
    return window.editor.form.fields[name].editor


def _type_into(qtbot, window, name, text):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    field = _field(window, name)
    QTest.mouseClick(field, Qt.MouseButton.LeftButton)
    QTest.keyClick(field, Qt.Key.Key_End)
    QTest.keyClicks(field, text)


def _open_entry_editor_from_banner(window):
    window.editor.form.link_banner.edit_button.click()
    [editor] = [widget for widget in window.findChildren(EntryEditor) if widget.isVisible()]
    return editor


def _save_entry_editor(editor):
    editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def test_a_linked_block_is_read_only_and_shows_where_its_words_come_from(make_window, qtbot, small_issue, answers):
    window = make_window(small_issue)
    block = _insert_linked_contact(window)
    index = window.outline.currentIndex()
    assert window.outline_model.data(index) == block.summary()  # no emoji that shows as a box without an emoji font
    decoration = window.outline_model.data(index, Qt.ItemDataRole.DecorationRole)
    assert decoration.cacheKey() != icon_for("contact").cacheKey() and LINKED_ICON.is_file()
    assert window.outline_model.data(index, Qt.ItemDataRole.AccessibleTextRole).endswith(", linked to the library")

    banner = window.editor.form.link_banner
    assert banner.isVisible() and "“Contact footer”" in banner.text.text()
    phone = _field(window, "phone")
    assert phone.isReadOnly() and phone.text() == "01632 960 123"

    steps = window.document.undo_stack.count()
    answers.next(QMessageBox, click_choice(library_linked_blocks.CANCEL))
    _type_into(qtbot, window, "phone", "9")  # typing asks what she means instead of being thrown away
    assert "This block shows the library entry “Contact footer”" in answers.seen[0].text()
    assert phone.text() == "01632 960 123" and window.document.undo_stack.count() == steps
    assert edits.find_block(window.document.issue, block.id).phone == "01632 960 123"


def test_typing_in_a_linked_block_can_detach_it_and_keeps_the_key(make_window, qtbot, small_issue, answers):
    window = make_window(small_issue)
    block = _insert_linked_contact(window)
    answers.next(QMessageBox, click_choice(library_linked_blocks.DETACH))
    _type_into(qtbot, window, "phone", "9")
    detached = edits.find_block(window.document.issue, block.id)
    assert detached.library_entry is None and detached.phone == "01632 960 1239"
    assert not window.editor.form.link_banner.isVisible() and not _field(window, "phone").isReadOnly()
    QTest.keyClicks(_field(window, "phone"), "8")
    assert edits.find_block(window.document.issue, block.id).phone == "01632 960 12398"


def test_a_linked_contact_follows_the_library_in_two_windows_until_detached(make_window, qtbot, small_issue, sample_issue,
                                                                           tmp_path, answers):
    first, second = make_window(small_issue), make_window(sample_issue)
    in_first, in_second = _insert_linked_contact(first), _insert_linked_contact(second)
    _wait_for_preview(qtbot, first, "01632 960 123")
    _wait_for_preview(qtbot, second, "01632 960 123")

    editor = _open_entry_editor_from_banner(first)
    qtbot.addWidget(editor)
    assert "Sample" not in editor.used_in.text() and "(open)" in editor.used_in.text()
    phone = editor.editor.form.fields["phone"].editor
    phone.selectAll()
    QTest.keyClicks(phone, "0800 555 0199")
    _save_entry_editor(editor)

    _wait_for_preview(qtbot, first, "0800 555 0199")
    _wait_for_preview(qtbot, second, "0800 555 0199")
    assert _field(first, "phone").text() == "0800 555 0199"  # the open form follows the entry at once
    outline = first.outline.model()
    assert "0800 555 0199" in outline.data(outline.index_of(BLOCK, in_first.id))  # and so does the outline
    # the open issue keeps its snapshot until saved; the saved file carries the entry's new content
    assert edits.find_block(first.document.issue, in_first.id).phone == "01632 960 123"
    saved = tmp_path / "first.newsletter"
    assert first.save_as(saved)
    assert edits.find_block(load_issue(saved), in_first.id).phone == "0800 555 0199"

    second.outline.select_item(BLOCK, in_second.id)
    second.editor.form.link_banner.detach_button.click()
    detached = edits.find_block(second.document.issue, in_second.id)
    assert detached.library_entry is None and detached.phone == "0800 555 0199"
    assert not second.actions_by_name["library_detach"].isEnabled()
    assert not second.editor.form.link_banner.isVisible() and not _field(second, "phone").isReadOnly()  # at once

    first.outline.select_item(BLOCK, in_first.id)
    first.actions_by_name["library_edit_entry"].trigger()
    editor = [w for w in first.findChildren(EntryEditor) if w.isVisible()][-1]
    phone = editor.editor.form.fields["phone"].editor
    phone.selectAll()
    QTest.keyClicks(phone, "0300 123 4567")
    _save_entry_editor(editor)
    _wait_for_preview(qtbot, first, "0300 123 4567")
    second.preview.render_now()
    _wait_for_preview(qtbot, second, "0800 555 0199")  # the detached copy no longer follows
    _wait_for_preview(qtbot, second, "0300 123 4567", present=False)


ANOTHER_COPY = textwrap.dedent("""
    import sys
    from composer.storage.library_store import LibraryStore
    store = LibraryStore()
    entry = store.entries()[sys.argv[1]]
    block = entry.blocks[0].model_copy(update={sys.argv[2]: sys.argv[3]})
    store.save(entry.model_copy(update={"blocks": (block,)}), store.version(entry.id))
""")


def _another_copy_edits_the_entry(private_home, field, value):
    """A second copy of the app (its own process, the same library folder) saves a change to the entry."""
    subprocess.run([sys.executable, "-c", ANOTHER_COPY, CONTACT, field, value], check=True, cwd=ROOT,
                   env={**os.environ, "NEWSLETTER_COMPOSER_HOME": str(private_home), "PYTHONPATH": str(ROOT)})


def test_an_entry_saved_by_another_copy_of_the_app_shows_up_and_a_stale_save_merges(
        make_window, qtbot, small_issue, private_home):
    window = make_window(small_issue)
    block = _insert_linked_contact(window)
    editor = window.library_feature.edit_entry(CONTACT)
    qtbot.addWidget(editor)

    _another_copy_edits_the_entry(private_home, "phone", "0800 555 0199")
    qtbot.waitUntil(lambda: window.library_feature.hub.library[CONTACT].blocks[0].phone == "0800 555 0199", timeout=5000)
    qtbot.waitUntil(lambda: _field(window, "phone").text() == "0800 555 0199", timeout=3000)  # the open form follows
    _wait_for_preview(qtbot, window, "0800 555 0199")
    assert editor.changed_elsewhere.isVisible()

    QTest.keyClicks(editor.tags, ", newsletter")  # in the stale editor she changes only a tag
    _save_entry_editor(editor)
    on_disk = LibraryStore().entries()[CONTACT]
    assert on_disk.blocks[0].phone == "0800 555 0199"  # their text was not replaced
    assert on_disk.tags == ("footer", "contact", "newsletter")
    assert "together with the changes made to it in another window" in window.statusBar().currentMessage()
    assert edits.find_block(window.document.issue, block.id).library_entry == CONTACT


def test_both_copies_changing_the_same_field_asks_whose_to_keep(make_window, qtbot, small_issue, private_home, answers):
    window = make_window(small_issue)
    _insert_linked_contact(window)
    editor = window.library_feature.edit_entry(CONTACT)
    qtbot.addWidget(editor)
    phone = editor.editor.form.fields["phone"].editor
    phone.selectAll()
    QTest.keyClicks(phone, "020 7946 0000")
    _another_copy_edits_the_entry(private_home, "phone", "0800 555 0199")

    answers.next(QMessageBox, click_choice(library_entry_editor.SAVE_AS_NEW))
    _save_entry_editor(editor)
    assert "was changed in another window since you opened it" in answers.seen[0].text()
    assert "Theirs: “Contact footer”" in answers.seen[0].informativeText()
    entries = LibraryStore().entries()
    assert entries[CONTACT].blocks[0].phone == "0800 555 0199"
    [mine] = [e for e in entries.values() if e.name == "Contact footer (my version)"]
    assert mine.blocks[0].phone == "020 7946 0000"
    qtbot.waitUntil(lambda: _field(window, "phone").text() == "0800 555 0199", timeout=5000)

    editor = window.library_feature.edit_entry(CONTACT)
    qtbot.addWidget(editor)
    editor.name.setText("Footer")
    _another_copy_edits_the_entry(private_home, "email", "hello@example.org")
    _save_entry_editor(editor)  # her name and their e-mail: different fields merge without a question
    on_disk = LibraryStore().entries()[CONTACT]
    assert on_disk.name == "Footer" and on_disk.blocks[0].email == "hello@example.org"
    assert on_disk.blocks[0].phone == "0800 555 0199"


def test_the_entry_editor_names_the_open_and_recent_issues_that_use_it(make_window, small_issue, sample_issue, tmp_path):
    linked = ContactBlock(phone="1", library_entry=CONTACT)
    recent = tmp_path / "winter.newsletter"
    save_issue(edits.insert_block(sample_issue, sample_issue.sections[0].id, 0, linked), recent)
    unrelated = tmp_path / "summer.newsletter"
    save_issue(sample_issue, unrelated)
    window = make_window(small_issue)
    window.settings.setValue("files/recent", [str(recent), str(unrelated)])
    editor = window.library_feature.edit_entry(CONTACT)
    assert editor.used_in.text() == "Used in: winter.newsletter. Saving changes the linked blocks there."
    editor.close()
    _insert_linked_contact(window)
    editor = window.library_feature.edit_entry(CONTACT)
    assert editor.used_in.text().startswith("Used in: Untitled.newsletter (open), winter.newsletter.")
    editor.close()


def test_save_to_library_says_whether_the_block_is_linked_and_can_link_it(make_window, small_issue, answers):
    window = make_window(small_issue)
    quote = small_issue.sections[2].blocks[0]
    window.outline.select_item(BLOCK, quote.id)
    answered = _answer_save_dialog(answers, "Motto", link=True)
    window.actions_by_name["library_save"].trigger()
    assert answered.note.startswith("The block here will be linked")
    entry = next(e for e in window.library_feature.hub.library.values() if e.name == "Motto")
    assert edits.find_block(window.document.issue, quote.id).library_entry == entry.id
    assert window.editor.form.link_banner.isVisible()
    window.document.undo_stack.undo()
    assert edits.find_block(window.document.issue, quote.id).library_entry is None

    answered = _answer_save_dialog(answers, "Motto 2")
    window.actions_by_name["library_save"].trigger()
    assert answered.note.startswith("The block here stays as it is, not linked")
    assert edits.find_block(window.document.issue, quote.id).library_entry is None
    assert "stays as it is, not linked" in window.statusBar().currentMessage()


def test_a_file_linking_a_missing_entry_renders_its_snapshot_with_a_warning(make_window, qtbot, small_issue, tmp_path):
    orphan = ContactBlock(phone="01632 960 777", email="orphan@example.org", library_entry="from-another-machine")
    issue = edits.insert_block(small_issue, small_issue.sections[0].id, 1, orphan)
    path = tmp_path / "shared.newsletter"
    save_issue(issue, path)

    window = make_window(load_issue(path), path)

    _wait_for_preview(qtbot, window, "01632 960 777")
    warning = window.library_feature.link_warning
    assert "could not be resolved" in warning.text() and "from-another-machine" in warning.toolTip()
    assert edits.find_block(window.document.issue, orphan.id).library_entry == "from-another-machine"


def test_a_section_template_inserts_but_cannot_be_linked(make_window, small_issue):
    window = make_window(small_issue)
    dock = window.library_feature.dock
    dock.type_filter.setCurrentIndex(dock.type_filter.findData("section"))
    names = [dock.list.item(row).text().split("\n")[0] for row in range(dock.list.count())]
    assert {"Introduction", "Webinars", "Networks", "Stakeholder News", "Afterword"} <= set(names)
    dock.select_entry("starter-networks")
    assert not dock.linked_button.isEnabled()
    dock.insert_button.click()
    assert window.document.issue.sections[-1].title == "Networks"
    assert len(window.document.issue.sections) == len(small_issue.sections) + 1



def test_dragging_an_entry_from_the_library_into_a_section_inserts_a_copy_there(make_window, small_issue):
    window = make_window(small_issue)
    dock = window.library_feature.dock
    dock.select_entry(CONTACT)
    data = dock.list.mimeData([dock.list.currentItem()])
    model = window.outline_model
    afterword = small_issue.sections[2]
    assert model.canDropMimeData(data, None, 1, 0, model.index_of(SECTION, afterword.id))
    model.dropMimeData(data, None, 1, 0, model.index_of(SECTION, afterword.id))
    blocks = window.document.issue.sections[2].blocks
    assert len(blocks) == 3 and isinstance(blocks[1], ContactBlock) and blocks[1].library_entry is None
    window.document.undo_stack.undo()
    assert window.document.issue == small_issue


def test_typing_in_a_linked_block_can_open_its_entry_with_the_key_typed_there(make_window, qtbot, small_issue, answers):
    window = make_window(small_issue)
    block = _insert_linked_contact(window)
    answers.next(QMessageBox, click_choice(library_linked_blocks.EDIT_ENTRY))
    _type_into(qtbot, window, "phone", "9")
    [editor] = [w for w in window.findChildren(EntryEditor) if w.isVisible()]
    assert editor.editor.form.fields["phone"].editor.text() == "01632 960 1239"
    assert edits.find_block(window.document.issue, block.id).library_entry == CONTACT  # still linked
    _save_entry_editor(editor)
    qtbot.waitUntil(lambda: _field(window, "phone").text() == "01632 960 1239", timeout=3000)
