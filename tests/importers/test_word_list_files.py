"""Real Word files with numbered lists show Word's numbers in the email and keep separate lists apart.

The files are pandoc's docx reader test data (GPL-2.0-or-later), so they are not in this repository:
they are read from the folder named by NEWSLETTER_WORD_LIST_FILES, whose README.md and index.json name
their source, licence and the numbers Word shows (from pandoc's expected readings); without it this
module is skipped and test_docx_numbering.py (our own files of the same kinds) still guards every rule.
"""

import pytest
from word_list_fidelity import measure_real_file, real_files

from composer.importers import import_docx, visible_text
from composer.render.markdown import markdown_to_html

FOLDER, FILES, MISSING = real_files()
if FOLDER is None:
    pytest.skip(MISSING, allow_module_level=True)


@pytest.mark.parametrize("entry", FILES, ids=[entry["file"] for entry in FILES])
def test_a_real_word_file_shows_words_numbers_and_separate_lists_as_word_does(tmp_path, entry):
    figures = measure_real_file(entry, FOLDER, tmp_path / "images", import_docx, visible_text, markdown_to_html)
    assert figures.wrong == []
    assert figures.words_lost == 0
