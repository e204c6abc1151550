"""Reading and writing .newsletter files."""

from .issue_file import FORMAT_VERSION, IssueFileError, IssueSaveError, dumps_issue, load_issue, loads_issue, save_issue
from .atomic import atomic_write_bytes, atomic_write_text

__all__ = [
    "FORMAT_VERSION", "IssueFileError", "IssueSaveError", "dumps_issue", "load_issue", "loads_issue", "save_issue",
    "atomic_write_bytes", "atomic_write_text",
]
