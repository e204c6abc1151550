"""Hostile files are refused before they are unpacked: one sentence naming the file and the limit, exit 2.

How long each refusal takes and how much memory it needs is measured by benchmarks/import_hostile.py.
"""

import pytest
from hostile_files import (
    docx_without_document, many_paragraphs_docx, not_a_zip_docx, numbered_paragraphs_docx, text_with_one_long_line,
    zip_bomb_docx,
)

from composer import cli
from composer.importers import ImportFileError, clean_pasted_html, import_file, split_pasted_html


@pytest.mark.parametrize("make, words", [
    (lambda d: zip_bomb_docx(d / "bomb.docx"), "unpacks to 30 MB from 106 KB, more than 200 times its size"),
    (lambda d: numbered_paragraphs_docx(d / "big.docx"), "the text inside the Word document is 31 MB, more than a newsletter holds (20 MB at most)"),
    (lambda d: many_paragraphs_docx(d / "long.docx"), "more than 10,000 paragraphs"),
    (lambda d: not_a_zip_docx(d / "notes.docx"), "this is not a Word document (.docx) that can be read"),
    (lambda d: docx_without_document(d / "empty.docx"), "has no text part (word/document.xml)"),
    (lambda d: text_with_one_long_line(d / "one-line.txt"), "one line is longer than 100,000 characters"),
])
def test_hostile_file_is_refused_by_name_with_its_limit_and_writes_nothing(tmp_path, make, words):
    path = make(tmp_path)
    with pytest.raises(ImportFileError) as refused:
        import_file(path, tmp_path / "images")
    message = str(refused.value)
    assert message.startswith(f"{path.name}: ") and words in message and "\n" not in message
    assert not (tmp_path / "images").exists()


def test_the_command_line_refuses_with_exit_2_and_writes_no_issue(tmp_path, capsys):
    bomb = zip_bomb_docx(tmp_path / "bomb.docx")
    output = tmp_path / "new.newsletter"
    assert cli.main(["import", str(bomb), "-o", str(output)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: bomb.docx: ") and "200 times" in error
    assert not output.exists()


def test_a_text_file_larger_than_any_newsletter_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "archive.txt"
    path.write_bytes(b"x")
    monkeypatch.setattr(type(path), "stat", lambda self, **kw: type("S", (), {"st_size": 21 * 1024 * 1024})())
    with pytest.raises(ImportFileError, match=r"archive.txt: the file is 21 MB, more than a newsletter's text \(20 MB at most\)"):
        import_file(path)


def test_text_with_more_paragraphs_than_any_newsletter_is_refused(tmp_path):
    path = tmp_path / "years.txt"
    path.write_text("A paragraph.\n\n" * 10_001, encoding="utf-8")
    with pytest.raises(ImportFileError, match="years.txt: the text has 10,001 paragraphs"):
        import_file(path)


def test_pasted_html_larger_than_any_text_block_is_refused_before_it_is_read():
    huge = "<p>" + "word " * 900_000 + "</p>"
    for paste in (clean_pasted_html, split_pasted_html):
        with pytest.raises(ImportFileError, match=r"The pasted text is too large .*4 million at most"):
            paste(huge)
