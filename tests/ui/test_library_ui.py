"""The coordinator reuses blocks and sections from the library, linked or copied."""

from PySide6.QtWidgets import QDialog

from composer.model import ContactBlock
from composer.model import edits
from composer.storage import load_issue, save_issue
from composer.ui.library_ui import SaveToLibraryDialog
from composer.ui.outline import BLOCK, SECTION

CONTACT = "starter-contact-footer"


def _answer_save_dialog(monkeypatch, name, tags=""):
    def exec_(dialog):
        dialog.name.setText(name)
        dialog.tags.setText(tags)
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(SaveToLibraryDialog, "exec", exec_)


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


def test_coordinator_saves_a_section_and_inserts_it_into_another_issue(make_window, monkeypatch, small_issue, sample_issue):
    first = make_window(small_issue)
    webinars = small_issue.sections[1]
    first.outline.select_item(SECTION, webinars.id)
    _answer_save_dialog(monkeypatch, "Spring webinars", "events, spring")
    first.actions_by_name["library_save"].trigger()

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


def test_a_linked_contact_follows_the_library_in_two_windows_until_detached(make_window, qtbot, small_issue, sample_issue,
                                                                           tmp_path):
    first, second = make_window(small_issue), make_window(sample_issue)
    in_first, in_second = _insert_linked_contact(first), _insert_linked_contact(second)
    assert first.outline_model.data(first.outline.currentIndex()).startswith("🔗")
    _wait_for_preview(qtbot, first, "01632 960 123")
    _wait_for_preview(qtbot, second, "01632 960 123")

    editor = first.library_feature.edit_entry(CONTACT)
    qtbot.addWidget(editor)
    contact_id = editor.document.issue.sections[0].blocks[0].id
    editor.document.update_block(contact_id, phone="0800 555 0199")
    editor.accept()

    _wait_for_preview(qtbot, first, "0800 555 0199")
    _wait_for_preview(qtbot, second, "0800 555 0199")
    # the open issue keeps its snapshot until saved; the saved file carries the entry's new content
    assert edits.find_block(first.document.issue, in_first.id).phone == "01632 960 123"
    saved = tmp_path / "first.newsletter"
    assert first.save_as(saved)
    assert edits.find_block(load_issue(saved), in_first.id).phone == "0800 555 0199"

    second.outline.select_item(BLOCK, in_second.id)
    second.actions_by_name["library_detach"].trigger()
    detached = edits.find_block(second.document.issue, in_second.id)
    assert detached.library_entry is None and detached.phone == "0800 555 0199"
    assert not second.actions_by_name["library_detach"].isEnabled()

    first.outline.select_item(BLOCK, in_first.id)
    first.document.update_block(in_first.id, phone="0300 123 4567")
    first.actions_by_name["library_update_entry"].trigger()
    _wait_for_preview(qtbot, first, "0300 123 4567")
    second.preview.render_now()
    _wait_for_preview(qtbot, second, "0800 555 0199")  # the detached copy no longer follows
    _wait_for_preview(qtbot, second, "0300 123 4567", present=False)


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
