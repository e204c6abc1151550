"""Import a file by its kind, and the CLI's "import OLD -o NEW.newsletter"."""

from __future__ import annotations

from pathlib import Path

from composer.storage import save_issue

from .bounds import check_text_file, text_file_size_problem
from .docx_import import import_docx
from .report import ImportFileError, ImportResult, Progress
from .text_import import import_text

SUPPORTED = (".txt", ".text", ".docx")
IMAGES_FOLDER = "images"


def import_file(path: str | Path, images_dir: str | Path | None = None, progress: Progress | None = None) -> ImportResult:
    """Import a .txt or .docx newsletter; Word pictures go to *images_dir* (default: "images" beside the file).

    *progress(fraction, what)* hears of each stage, for a progress bar.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return import_docx(path, images_dir if images_dir is not None else path.parent / IMAGES_FOLDER, progress)
    if suffix in (".txt", ".text"):
        if progress:
            progress(0.05, f"Reading {path.name}")
        return import_text(_read_text(path), progress)
    if suffix == ".doc":
        raise ImportFileError(f"{path.name}: old Word (.doc) files cannot be read; save it as .docx in Word and import that")
    raise ImportFileError(f"{path.name}: cannot import this kind of file; use a plain-text (.txt) or Word (.docx) newsletter")


def import_to_newsletter(source: str | Path, destination: str | Path) -> str:
    """Import *source*, save it as the .newsletter *destination* (pictures in "images" beside it) and return the report."""
    destination = Path(destination)
    result = import_file(source, destination.parent / IMAGES_FOLDER)
    save_issue(result.issue, destination)
    return result.report.as_text()


def _read_text(path: Path) -> str:
    try:
        problem = text_file_size_problem(path, path.stat().st_size)
        if problem:
            raise ImportFileError(problem)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"{path.name}: the file does not exist") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path.name}: this is a folder, not a newsletter file") from None
    except OSError as error:
        raise ImportFileError(f"{path.name}: the file cannot be read ({error.strerror})") from None
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(f"{path.name}: this is not a plain-text file")
    check_text_file(path, raw)
    for encoding in ("utf-8-sig", "utf-16") if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(f"{path.name}: the text is in an encoding that cannot be read; save it as UTF-8")
