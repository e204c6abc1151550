"""Word (.docx) newsletters → an Issue, through mammoth's HTML and the same rules as plain text.

Word already knows its headings, lists, links, bold and italic, so those are
taken from the file rather than guessed; pictures are saved into *images_dir*
with their alt text and referenced by image blocks. List numbers are Word's own,
counted from the file's numbering (word_numbering, word_renumber), since mammoth starts every list at 1.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import mammoth

from .bounds import check_docx
from .event_dates import reference_date
from .html_paragraphs import TITLE_CLASS, html_paragraphs
from .paragraphs import Paragraph
from .recogniser import recognise
from .report import ImportFileError, ImportResult, Progress, ReportItem, build_report
from .word_list_notes import ListNote
from .word_numbering import numbered_paragraphs
from .word_renumber import ListMarks, renumber

# Word's "List Bullet 2", "List Number 3"… are nested by their style, not by a list level.
_STYLE_MAP = "\n".join([
    f"p[style-name='Title'] => h1.{TITLE_CLASS}:fresh",
    *(f"p[style-name='List {kind} {level}'] => {' > '.join(['ul|ol > li'] * (level - 1))} > {tag} > li:fresh"
      for kind, tag in (("Bullet", "ul"), ("Number", "ol"), ("Continue", "ul")) for level in (2, 3, 4)),
])
_EXTENSIONS = {"jpeg": ".jpg", "jpg": ".jpg", "png": ".png", "gif": ".gif", "bmp": ".bmp", "x-emf": ".emf",
               "x-wmf": ".wmf", "tiff": ".tif", "svg+xml": ".svg", "webp": ".webp"}


def import_docx(path: str | Path, images_dir: str | Path, progress: Progress | None = None) -> ImportResult:
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

    if progress:
        progress(0.05, f"Checking {path.name}")
    check_docx(path)
    if progress:
        progress(0.15, f"Reading {path.name}")
    try:
        with zipfile.ZipFile(path) as archive:
            numbered = numbered_paragraphs(archive)
        marks = ListMarks({p.style for p in numbered if p.style})
        with path.open("rb") as file:
            converted = mammoth.convert_to_html(
                file, style_map=_STYLE_MAP, convert_image=mammoth.images.img_element(save_image),
                transform_document=marks.transform,
            )
    except FileNotFoundError:
        raise ImportFileError(f"{path.name}: the file does not exist") from None
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise ImportFileError(f"{path.name}: this is not a Word document (.docx) that can be read") from None
    except OSError as error:
        raise ImportFileError(f"{path.name}: the file cannot be read ({error.strerror})") from None

    if progress:
        progress(0.4, "Recognising sections and blocks")
    html, list_notes = renumber(converted.value, marks, numbered)
    paragraphs, unplaced = _with_list_notes(html_paragraphs(html, keep_images=True), list_notes)
    title, paragraphs = _title_and_body(paragraphs, path)
    recognised = recognise(paragraphs, title, reference_date(title))
    notes = recognised.notes + [ReportItem("", "(whole document)", said) for said in unplaced] + [
        ReportItem("", "(whole document)", said) for said in dict.fromkeys(word_message(m.message) for m in converted.messages)
        if said
    ]
    return ImportResult(recognised.issue, build_report(recognised.issue, recognised.problems, notes, images_dir.parent, progress))


def word_message(message: str) -> str | None:
    """What mammoth says about a Word file, in a coordinator's words; None when it changes nothing she sees."""
    style = re.match(r"Unrecognised (paragraph|run) style: (.*) \(Style ID: .*\)$", message)
    if style:
        what = "paragraphs" if style.group(1) == "paragraph" else "words"
        return f"{what} in Word's “{style.group(2)}” style came in as ordinary text; check they read well"
    if re.match(r"(Paragraph|Run|Table|Numbering) style with ID .* was referenced but not defined", message):
        return None  # a style the file names but never describes: nothing is lost
    image = re.match(r"Image of type (\S+) is unlikely to display", message)
    if image:
        kind = image.group(1).split("/")[-1].removeprefix("x-").upper()
        return (f"a picture is in a format email cannot show ({kind}); open the Word file, save that picture as "
                "PNG or JPEG and put it in its image block")
    if "image file" in message or "imagedata" in message:
        return "a picture in the Word file could not be found inside it and was left out; add it again by hand"
    if message.startswith("A w:sym element"):
        return "a symbol from a special font (such as Wingdings) could not be read and was left out"
    if "table" in message:
        return "a table with merged cells may have come in with its cells in the wrong place; check it"
    if message.startswith("Unsupported break type"):
        return None  # column and page breaks mean nothing in an email
    return f"part of the Word file could not be read and was left out ({message})"


def _with_list_notes(paragraphs: list[Paragraph], notes: list[ListNote]) -> tuple[list[Paragraph], list[str]]:
    """Each note on Word's numbering goes with the paragraph (list) holding the words it names, so the
    report points at the block; one whose words cannot be found is said of the whole document."""
    paragraphs = list(paragraphs)
    unplaced = []
    for note in notes:
        words = _squeezed(note.words)
        index = next((i for i, p in enumerate(paragraphs) if words and words in map(_squeezed, p.lines)), None)
        if index is None:
            index = next((i for i, p in enumerate(paragraphs) if words and words in _squeezed(" ".join(p.lines))), None)
        if index is None:
            unplaced.append(note.message)
        else:
            paragraphs[index] = replace(paragraphs[index], notes=paragraphs[index].notes + (note.message,))
    return paragraphs, unplaced


def _squeezed(text: str) -> str:
    return "".join(re.findall(r"\w+", text.casefold()))


def _title_and_body(paragraphs: list[Paragraph], path: Path) -> tuple[str, list[Paragraph]]:
    """The Title-styled paragraph names the issue; the top heading level used opens sections."""
    title = next((p.text for p in paragraphs if p.heading == 0), "")
    body = [p for p in paragraphs if p.heading != 0]
    levels = [p.heading for p in body if p.heading]
    top = min(levels) if levels else 1
    body = [replace(p, heading=p.heading - top + 1) if p.heading else p for p in body]
    return title or path.stem.replace("-", " ").replace("_", " ").strip(), body
