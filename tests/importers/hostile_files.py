"""Hostile files made at test time: small on disk, huge inside, or not what their name says."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

_PARAGRAPH = b"<w:p><w:r><w:t>All work and no play makes a dull newsletter.</w:t></w:r></w:p>"


def word_parts() -> dict[str, bytes]:
    """The parts of a small real .docx made by python-docx."""
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("A real paragraph.")
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def numbered_paragraphs_docx(path: Path, megabytes: int = 30) -> Path:
    """Like the issue's 639 KB file that unpacks to 90 MB: numbered paragraphs, too varied for the ratio check."""
    parts = word_parts()
    head, _, _ = parts["word/document.xml"].partition(b"<w:body>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            if name != "word/document.xml":
                archive.writestr(name, data)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head + b"<w:body>")
            written, number = 0, 0
            while written < megabytes * 1024 * 1024:
                block = b"".join(b"<w:p><w:r><w:t>Item %d of the list, %x.</w:t></w:r></w:p>" % (n, n * 7919)
                                 for n in range(number, number + 1000))
                part.write(block)
                written += len(block)
                number += 1000
            part.write(b"</w:body></w:document>")
    return path


def zip_bomb_docx(path: Path, megabytes: int = 30) -> Path:
    """A .docx whose document part unpacks to *megabytes* of paragraphs (a few hundred KB on disk)."""
    parts = word_parts()
    head, _, _ = parts["word/document.xml"].partition(b"<w:body>")
    repeats = megabytes * 1024 * 1024 // len(_PARAGRAPH) + 1
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            if name != "word/document.xml":
                archive.writestr(name, data)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head + b"<w:body>")
            block = _PARAGRAPH * 10_000
            for _ in range(repeats // 10_000 + 1):
                part.write(block)
            part.write(b"</w:body></w:document>")
    return path


def many_paragraphs_docx(path: Path, count: int = 15_000) -> Path:
    """A .docx under the size limit with more paragraphs than any newsletter."""
    parts = word_parts()
    head, _, _ = parts["word/document.xml"].partition(b"<w:body>")
    parts["word/document.xml"] = head + b"<w:body>" + _PARAGRAPH * count + b"</w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def not_a_zip_docx(path: Path) -> Path:
    path.write_bytes(b"Minutes of the meeting, saved as text with a .docx name.\n" * 50)
    return path


def docx_without_document(path: Path) -> Path:
    """A zip with Word's package parts but no document part."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in word_parts().items():
            if name != "word/document.xml":
                archive.writestr(name, data)
    return path


def text_with_one_long_line(path: Path, megabytes: int = 10) -> Path:
    path.write_bytes(b"word " * (megabytes * 1024 * 1024 // 5))
    return path
