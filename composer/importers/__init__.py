"""Old newsletters (plain text, Word) and pasted HTML → Issue and blocks. No Qt."""

from .docx_import import import_docx
from .files import import_file, import_to_newsletter
from .paste import clean_pasted_html, split_pasted_html
from .report import ImportFileError, ImportReport, ImportResult, ReportItem
from .text_import import import_text
from .visible_text import lost_lines, visible_text

__all__ = [
    "ImportFileError", "ImportReport", "ImportResult", "ReportItem", "clean_pasted_html", "import_docx",
    "import_file", "import_text", "import_to_newsletter", "lost_lines", "split_pasted_html", "visible_text",
]
