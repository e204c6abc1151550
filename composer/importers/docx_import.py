"""Word (.docx) newsletters → an Issue, through mammoth's HTML and the same rules as plain text.

Word already knows its headings, lists, links, bold and italic, so those are
taken from the file rather than guessed; pictures are saved into *images_dir*
with their alt text and referenced by image blocks.
"""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import mammoth

from .event_dates import reference_date
from .html_paragraphs import TITLE_CLASS, html_paragraphs
from .paragraphs import Paragraph
from .recogniser import recognise
from .report import ImportFileError, ImportResult, ReportItem, build_report

_STYLE_MAP = f"p[style-name='Title'] => h1.{TITLE_CLASS}:fresh"
_EXTENSIONS = {"jpeg": ".jpg", "jpg": ".jpg", "png": ".png", "gif": ".gif", "bmp": ".bmp", "x-emf": ".emf",
               "x-wmf": ".wmf", "tiff": ".tif", "svg+xml": ".svg", "webp": ".webp"}


def import_docx(path: str | Path, images_dir: str | Path) -> ImportResult:
    """Read a Word newsletter. Image blocks refer to pictures as "<images_dir name>/<file>",
    relative to the folder holding *images_dir* (where the .newsletter is saved)."""
    path, images_dir = Path(path), Path(images_dir)
    saved: list[Path] = []

    def save_image(image) -> dict[str, str]:
        extension = _EXTENSIONS.get((image.content_type or "").split("/")[-1].lower(), ".bin")
        images_dir.mkdir(parents=True, exist_ok=True)
        target = images_dir / f"{path.stem}-image-{len(saved) + 1}{extension}"
        with image.open() as data:
            target.write_bytes(data.read())
        saved.append(target)
        return {"src": f"{images_dir.name}/{target.name}"}

    try:
        with path.open("rb") as file:
            converted = mammoth.convert_to_html(
                file, style_map=_STYLE_MAP, convert_image=mammoth.images.img_element(save_image)
            )
    except FileNotFoundError:
        raise ImportFileError(f"{path.name}: the file does not exist") from None
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise ImportFileError(f"{path.name}: this is not a Word document (.docx) that can be read") from None
    except OSError as error:
        raise ImportFileError(f"{path.name}: the file cannot be read ({error.strerror})") from None

    title, paragraphs = _title_and_body(html_paragraphs(converted.value, keep_images=True), path)
    recognised = recognise(paragraphs, title, reference_date(title))
    notes = recognised.notes + [
        ReportItem("", "(whole document)", f"Word: {message.message}") for message in converted.messages
    ]
    return ImportResult(recognised.issue, build_report(recognised.issue, recognised.problems, notes))


def _title_and_body(paragraphs: list[Paragraph], path: Path) -> tuple[str, list[Paragraph]]:
    """The Title-styled paragraph names the issue; the top heading level used opens sections."""
    title = next((p.text for p in paragraphs if p.heading == 0), "")
    body = [p for p in paragraphs if p.heading != 0]
    levels = [p.heading for p in body if p.heading]
    top = min(levels) if levels else 1
    body = [replace(p, heading=p.heading - top + 1) if p.heading else p for p in body]
    return title or path.stem.replace("-", " ").replace("_", " ").strip(), body
