"""Issue files far beyond any real newsletter are refused before they are read, in one clear sentence,
and a damaged file is described the same way wherever it is damaged."""

import json
import os
import tracemalloc

import pytest

from composer.limits import ISSUE_FILE_BYTES
from composer.model import Issue, Section, TextBlock
from composer.storage import IssueFileError, dumps_issue, load_issue, loads_issue

ISSUE = Issue(title="Autumn “special”", sections=(Section(title="News", blocks=(TextBlock(markdown="Café – déjà vu 🎉"),)),))
RAW = dumps_issue(ISSUE).encode("utf-8")


def test_a_50_mb_issue_file_is_refused_without_being_read(tmp_path):
    path = tmp_path / "huge.newsletter"
    with open(path, "wb") as file:  # 50 MB on paper; sparse, so the test does not write it all
        file.write(RAW[:-2])
        file.truncate(50 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(IssueFileError) as caught:
            load_issue(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024  # it was never read into memory
    message = str(caught.value)
    assert message.startswith("huge.newsletter: the file is 50 MB, more than an issue file can be (20 MB;")
    assert path.stat().st_size == 50 * 1024 * 1024


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    """A file whose size the system misreports (a pipe, a file still being written) is read only up to the limit."""
    path = tmp_path / "growing.newsletter"
    path.write_bytes(b" " * (ISSUE_FILE_BYTES + 10))
    real_fstat = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 0, *real_fstat(fd)[7:])))
    with pytest.raises(IssueFileError, match="larger than 20 MB, more than an issue file can be"):
        load_issue(path)


def test_text_handed_over_directly_is_bounded_too():
    with pytest.raises(IssueFileError, match="more than an issue file can be"):
        loads_issue(b" " * (ISSUE_FILE_BYTES + 1))


def test_a_file_cut_short_is_called_cut_short_wherever_it_was_cut(tmp_path):
    """Cut inside a word, inside a string, or in the middle of a two-byte character: the same words."""
    multibyte = RAW.index("é".encode("utf-8")) + 1
    inside_string = RAW.index(b"Caf") + 2
    between_fields = RAW.index(b'"sections"')
    for cut in (multibyte, inside_string, between_fields, len(RAW) - 3):
        path = tmp_path / "broken.newsletter"
        path.write_bytes(RAW[:cut])
        with pytest.raises(IssueFileError) as caught:
            load_issue(path)
        assert "the file ends too early; it may have been cut short" in str(caught.value), cut
        assert "UTF-8" not in str(caught.value) and "damaged" not in str(caught.value)


def test_messages_never_stutter():
    text = json.dumps({"format_version": 2, "title": "x"})[:-5] + '\n"unterminated'
    with pytest.raises(IssueFileError) as caught:
        loads_issue(text.encode("utf-8"), "odd.newsletter")
    assert "at at" not in str(caught.value)
    assert "unterminated string starting at line 2, column 1" in str(caught.value)


def test_bytes_that_are_not_text_are_still_told_apart_from_a_cut(tmp_path):
    with pytest.raises(IssueFileError, match="is not UTF-8 text"):
        loads_issue(b'{"title": "\xff\xfe"}', "binary.newsletter")
