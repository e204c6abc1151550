"""The .newsletter file: one issue as readable, diff-friendly UTF-8 JSON.

Loading never modifies the file. Every way a file can be unreadable (not
UTF-8, not JSON, wrong shape, a version from a newer app) ends in one
IssueFileError whose message names the file, what is wrong and where.
"""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path
from typing import Any, Callable

from pydantic import ValidationError

from composer.limits import ISSUE_FILE_BYTES, describe_bytes
from composer.model import ComposerError, Issue
from composer.model.naming import describe_invalid
from composer.model.wrapped_markdown import mend_issue as mend_wrapped_text

from .atomic import atomic_write_bytes

FORMAT_VERSION = 3  # 3: rich text is written exactly, never wrapped (model/wrapped_markdown.py)
EXTENSION = ".newsletter"


class IssueFileError(ComposerError):
    """An issue file that cannot be read, with a message for the coordinator."""

    def __init__(self, path: str | os.PathLike | None, problem: str):
        self.path = Path(path) if path else None
        self.problem = problem
        name = self.path.name if self.path else "The issue"
        super().__init__(f"{name}: {problem}")


class IssueSaveError(IssueFileError):
    """An issue that could not be written; the previous file on disk is unchanged.

    A subclass of IssueFileError so every place that reports file problems
    reports this one too.
    """


def save_issue(issue: Issue, path: str | os.PathLike) -> bytes:
    """Write *issue* atomically and durably; returns the bytes now on disk (to notice later changes)."""
    data = dumps_issue(issue).encode("utf-8")
    try:
        atomic_write_bytes(path, data)
    except OSError as error:
        raise save_error(path, error) from error
    return data


def save_error(path: str | os.PathLike, error: OSError) -> IssueSaveError:
    """Turn a failed write into words: why it failed and that the old file is safe."""
    return IssueSaveError(path, f"could not be saved: {_why_not_written(error)}. The previous version on disk is unchanged")


def dumps_issue(issue: Issue) -> str:
    data = {"format_version": FORMAT_VERSION, **issue.model_dump(mode="json")}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def load_issue(path: str | os.PathLike) -> Issue:
    return loads_issue(read_issue_bytes(path), path)


def read_issue_bytes(path: str | os.PathLike, limit: int = ISSUE_FILE_BYTES) -> bytes:
    """The file's bytes, refused before reading when it is far larger than any issue."""
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > limit:
                raise IssueFileError(path, too_large(size, limit))
            raw = file.read(limit + 1)
    except FileNotFoundError:
        raise IssueFileError(path, "the file does not exist") from None
    except IsADirectoryError:
        raise IssueFileError(path, "this is a folder, not an issue file") from None
    except OSError as error:
        raise IssueFileError(path, f"the file cannot be read ({error.strerror})") from None
    if len(raw) > limit:  # a file still being written, or a device that reports no size
        raise IssueFileError(path, too_large(len(raw), limit))
    return raw


def too_large(size: int, limit: int) -> str:
    """One sentence naming the limit: a file this big is not an issue (a real one is well under 1 MB)."""
    how_big = f"larger than {describe_bytes(limit)}" if size == limit + 1 else describe_bytes(size)
    return (f"the file is {how_big}, more than an issue file can be ({describe_bytes(limit)}; a real issue "
            "is well under 1 MB), so it was not opened: it is not an issue, or it is damaged")


def loads_issue(raw: bytes | str, path: str | os.PathLike | None = None) -> Issue:
    if len(raw) > ISSUE_FILE_BYTES:
        raise IssueFileError(path, too_large(len(raw), ISSUE_FILE_BYTES))
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.reason == "unexpected end of data":  # cut off in the middle of a character
                raise IssueFileError(path, f"{CUT_SHORT} (it stops in the middle of a character)") from None
            raise IssueFileError(
                path, f"the file is not UTF-8 text (byte {error.start}); it is not an issue file or it is damaged"
            ) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        cut_short = error.pos >= len(raw.rstrip()) - 1 or error.msg.startswith("Unterminated")
        what = CUT_SHORT if cut_short else "the file is damaged"
        detail = error.msg.lower().removesuffix(" at")  # "unterminated string starting at" + " at line…"
        raise IssueFileError(path, f"{what} ({detail} at line {error.lineno}, column {error.colno})") from None
    except RecursionError:
        raise IssueFileError(path, "the file is nested too deeply to be an issue") from None
    if not isinstance(data, dict):
        raise IssueFileError(path, "the file holds no issue (expected an object at the top)")
    if _SURROGATE_ESCAPE.search(raw) or _LONE_SURROGATE.search(raw):
        try:
            data = _replace_lone_surrogates(data)
        except RecursionError:
            raise IssueFileError(path, "the file is nested too deeply to be an issue") from None
    written_as = data.get("format_version")
    data = _migrate(data, path)
    try:
        issue = Issue.model_validate(data)
    except ValidationError as error:
        raise IssueFileError(path, describe_invalid(error, data=data)) from None
    except RecursionError:
        raise IssueFileError(path, "the file is nested too deeply to be an issue") from None
    return mend_wrapped_text(issue) if written_as < WRITTEN_EXACTLY else issue


CUT_SHORT = "the file ends too early; it may have been cut short"

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _replace_lone_surrogates(value: Any) -> Any:
    """A JSON escape such as \\ud800 with no partner is no character at all: it would
    load but could never be saved as UTF-8 again, so it becomes U+FFFD (�)."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_replace_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_replace_lone_surrogates(key): _replace_lone_surrogates(item) for key, item in value.items()}
    return value


def _migrate(data: dict[str, Any], path) -> dict[str, Any]:
    version = data.pop("format_version", None)
    if not isinstance(version, int) or isinstance(version, bool):
        raise IssueFileError(path, "the file has no format version; it is not an issue file")
    if version > FORMAT_VERSION:
        raise IssueFileError(
            path,
            f"the file was saved by a newer version of Newsletter Composer (format {version}); "
            f"this one reads up to format {FORMAT_VERSION}. Update the app to open it",
        )
    if version < 1:
        raise IssueFileError(path, f"format version {version} is unknown")
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    return data


def _from_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 kept brand settings at the top level and called a section's blocks "content"."""
    brand_keys = ("organisation", "logo_url", "website", "primary_colour", "accent_colour",
                  "footer_address", "phone", "email")
    data = dict(data)
    brand = {key: data.pop(key) for key in brand_keys if key in data}
    if brand:
        data["brand"] = {**brand, **(data.get("brand") or {})}
    sections = data.get("sections")
    if isinstance(sections, list):
        data["sections"] = [
            {("blocks" if key == "content" else key): value for key, value in section.items()}
            if isinstance(section, dict) else section
            for section in sections
        ]
    return data


def _from_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Format 3 is written the same way; its rich text was saved exactly, so only older files are mended
    (after validation, where the blocks' roles say which fields are rich text)."""
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _from_1_to_2, 2: _from_2_to_3}
WRITTEN_EXACTLY = 3


def _why_not_written(error: OSError) -> str:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "you have used up your disk quota",
        errno.EROFS: "the drive is read-only",
        errno.EACCES: "the folder or file is read-only, or you do not have permission to write there",
        errno.EPERM: "the folder or file is read-only, or you do not have permission to write there",
        errno.ENOENT: "the folder no longer exists",
        errno.ENAMETOOLONG: "the file name is too long",
        errno.EISDIR: "a folder has that name",
    }
    if isinstance(error, PermissionError) and error.errno is None:
        return reasons[errno.EACCES]
    return reasons.get(error.errno, error.strerror or str(error) or "the system refused to write it")
