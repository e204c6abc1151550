"""Sizes checked before an outside file is unpacked or decoded, so a hostile file is refused in moments.

A .docx is a zip: its declared sizes and compression ratios are read first, and
the document part is then unpacked in pieces that stop at the limit, since a
zip's declared sizes can lie. Plain text is measured in bytes before decoding.
Every refusal is one sentence naming the file and the limit.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from composer.limits import (
    DOCX_COMPRESSION_RATIO, DOCX_TEXT_BYTES, IMPORT_LINE_CHARACTERS, IMPORT_PARAGRAPHS, MEGABYTE,
    PASTED_HTML_CHARACTERS, PICTURE_FILE_BYTES, TEXT_FILE_BYTES, describe_bytes,
)

from .report import ImportFileError

MAIN_DOCUMENT = "word/document.xml"
_OFFICE_DOCUMENT = re.compile(rb'Type="[^"]*/officeDocument"[^>]*Target="/?([^"]+)"|Target="/?([^"]+)"[^>]*Type="[^"]*/officeDocument"')
_PARAGRAPH = re.compile(rb"<w:p[ >/]")
_CHUNK = 1024 * 1024


def check_docx(path: Path) -> None:
    """Refuse a .docx that is not a zip, lacks its document, or unpacks to more than a newsletter holds."""
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportFileError(f"{name}: the file does not exist") from None
    except OSError as error:
        raise ImportFileError(f"{name}: the file cannot be read ({error.strerror})") from None
    if path.is_dir():
        raise ImportFileError(f"{name}: this is a folder, not a newsletter file")
    if size > DOCX_TEXT_BYTES + 20 * PICTURE_FILE_BYTES:
        raise ImportFileError(f"{name}: the file is {describe_bytes(size)}, more than a newsletter in Word should be "
                              f"({describe_bytes(DOCX_TEXT_BYTES + 20 * PICTURE_FILE_BYTES)} at most)")
    try:
        with zipfile.ZipFile(path) as archive:
            _check_parts(archive, name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError):
        raise ImportFileError(f"{name}: this is not a Word document (.docx) that can be read") from None
    except OSError as error:
        raise ImportFileError(f"{name}: the file cannot be read ({error.strerror})") from None


def check_text_file(path: Path, raw: bytes) -> None:
    """Refuse text beyond a newsletter's size: a line no one typed, or more paragraphs than any issue."""
    paragraphs = 0
    in_paragraph = False
    for line in raw.split(b"\n"):
        if len(line) > IMPORT_LINE_CHARACTERS and len(line.decode("utf-8", "replace")) > IMPORT_LINE_CHARACTERS:
            raise ImportFileError(f"{path.name}: one line is longer than {IMPORT_LINE_CHARACTERS:,} characters, which "
                                  "no newsletter has; check that this is the right file")
        blank = not line.strip()
        paragraphs += not blank and not in_paragraph
        in_paragraph = not blank
    if paragraphs > IMPORT_PARAGRAPHS:
        raise ImportFileError(f"{path.name}: the text has {paragraphs:,} paragraphs, more than one newsletter holds "
                              f"({IMPORT_PARAGRAPHS:,} at most); import one issue at a time")


def text_file_size_problem(path: Path, size: int) -> str | None:
    if size > TEXT_FILE_BYTES:
        return (f"{path.name}: the file is {describe_bytes(size)}, more than a newsletter's text "
                f"({describe_bytes(TEXT_FILE_BYTES)} at most)")
    return None


def check_pasted_html(html: str) -> None:
    """Refuse clipboard HTML larger than any text block could take."""
    if len(html) > PASTED_HTML_CHARACTERS:
        raise ImportFileError(f"The pasted text is too large ({len(html) / 1_000_000:.1f} million characters of "
                              f"formatting and words; {PASTED_HTML_CHARACTERS // 1_000_000} million at most). "
                              "Paste it in smaller parts.")


def _check_parts(archive: zipfile.ZipFile, name: str) -> None:
    infos = {info.filename: info for info in archive.infolist()}
    document = _main_document(archive, infos)
    if document not in infos:
        raise ImportFileError(f"{name}: the Word document has no text part ({document}); it may be damaged — "
                              "open it in Word and save it again")
    text_bytes = 0
    for info in infos.values():
        if info.file_size > 20 * MEGABYTE and info.file_size > DOCX_COMPRESSION_RATIO * max(info.compress_size, 1):
            raise ImportFileError(f"{name}: a part of the file unpacks to {describe_bytes(info.file_size)} from "
                                  f"{describe_bytes(info.compress_size)}, more than {DOCX_COMPRESSION_RATIO} times "
                                  "its size; it is not a real Word document")
        if info.filename.endswith((".xml", ".rels")):
            text_bytes += info.file_size
        elif info.file_size > PICTURE_FILE_BYTES:
            raise ImportFileError(f"{name}: the picture {info.filename.rsplit('/', 1)[-1]} is "
                                  f"{describe_bytes(info.file_size)}; pictures in a newsletter must be under "
                                  f"{describe_bytes(PICTURE_FILE_BYTES)}")
    if text_bytes > DOCX_TEXT_BYTES:
        raise ImportFileError(f"{name}: the text inside the Word document is {describe_bytes(text_bytes)}, more than "
                              f"a newsletter holds ({describe_bytes(DOCX_TEXT_BYTES)} at most)")
    _check_document_part(archive, infos[document], name)


def _main_document(archive: zipfile.ZipFile, infos: dict) -> str:
    """The document part the package's relationships name, or Word's usual place for it."""
    rels = infos.get("_rels/.rels")
    if rels is None or rels.file_size > MEGABYTE:
        return MAIN_DOCUMENT
    found = _OFFICE_DOCUMENT.search(archive.read(rels))
    return (found.group(1) or found.group(2)).decode("utf-8", "replace") if found else MAIN_DOCUMENT


def _check_document_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Unpack the document part in pieces, stopping as soon as it passes a limit (declared sizes can lie)."""
    unpacked = paragraphs = 0
    tail = b""  # shorter than "<w:p>", so a paragraph split between two pieces is counted once
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            unpacked += len(chunk)
            if unpacked > DOCX_TEXT_BYTES:
                raise ImportFileError(f"{name}: the text inside the Word document is more than "
                                      f"{describe_bytes(DOCX_TEXT_BYTES)}, more than a newsletter holds")
            paragraphs += len(_PARAGRAPH.findall(tail + chunk))
            tail = chunk[-4:]
            if paragraphs > IMPORT_PARAGRAPHS:
                raise ImportFileError(f"{name}: the Word document has more than {IMPORT_PARAGRAPHS:,} paragraphs, "
                                      "more than one newsletter holds; import one issue at a time")
