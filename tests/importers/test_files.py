"""Importing by file: the right importer, clear errors, and the CLI's import-and-save."""

import pytest

from composer.importers import ImportFileError, import_file, import_to_newsletter
from composer.model import ComposerError
from composer.storage import load_issue

OLD = "Spring Newsletter 2022\n\nIntroduction\n\nWelcome back to everyone after the winter.\n\nBOOK YOUR PLACE\n"


def test_coordinator_imports_old_text_and_saves_a_newsletter(tmp_path):
    source = tmp_path / "old.txt"
    source.write_text(OLD, encoding="utf-8")
    report = import_to_newsletter(source, tmp_path / "new.newsletter")
    issue = load_issue(tmp_path / "new.newsletter")
    assert issue.title == "Spring Newsletter 2022" and [s.kind for s in issue.sections] == ["introduction"]
    assert "Needs attention (" in report and "Checks: the button “BOOK YOUR PLACE”" in report


def test_text_saved_by_old_windows_programs_is_read(tmp_path):
    source = tmp_path / "old.txt"
    source.write_bytes("Introduction\n\nThe café opens at 9 – come along.\n".encode("cp1252"))
    text = import_file(source).issue.sections[0].blocks[0].markdown
    assert text == "The café opens at 9 – come along."


@pytest.mark.parametrize("name, message", [
    ("missing.txt", "does not exist"),
    ("old.doc", "save it as .docx"),
    ("picture.png", r"use a plain-text \(\.txt\) or Word \(\.docx\)"),
])
def test_files_that_cannot_be_imported_say_why(tmp_path, name, message):
    if name != "missing.txt":
        (tmp_path / name).write_bytes(b"\x89PNG\x00\x00")
    with pytest.raises(ImportFileError, match=message) as caught:
        import_file(tmp_path / name)
    assert isinstance(caught.value, ComposerError) and name in str(caught.value)


def test_a_binary_file_named_txt_is_refused(tmp_path):
    (tmp_path / "odd.txt").write_bytes(b"\x00\x01\x02 binary")
    with pytest.raises(ImportFileError, match="not a plain-text file"):
        import_file(tmp_path / "odd.txt")
