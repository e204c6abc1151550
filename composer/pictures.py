"""The one safe way to open a picture from this computer.

Everything that reads a local picture — the picker, the checks, the export, the upload to a
mailing provider — comes here. The file's size and its header (format, width, height) are
read before any pixel is decoded, so a decompression bomb, a truncated photo, a drawing or a
format mail programs do not show is refused with one sentence naming the file and the limit.
No Qt: the window turns the decoded picture into a pixmap itself.
"""

from __future__ import annotations

import math
import os
import struct
import threading
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from composer.limits import PICTURE_FILE_BYTES, PICTURE_PIXELS, describe_bytes
from composer.model import ComposerError

# What every mail program shows. WebP, SVG, HEIC and the rest are refused with the reason.
EMAIL_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif"}
_HEADER_BYTES = 1024 * 1024  # a JPEG's size is in its first segments; EXIF can push it to ~64 KB

_OTHER_KINDS = (  # (test on the first bytes, what it is, why it will not do)
    (lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP", "a WebP picture",
     "Outlook and some other mail programs do not show WebP"),
    (lambda head: head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"),
     "an HEIC photo (as iPhones take them)", "mail programs do not show HEIC"),
    (lambda head: head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"), "an AVIF picture",
     "most mail programs do not show AVIF"),
    (lambda head: head[:2] == b"BM", "a BMP picture", "mail programs do not all show BMP"),
    (lambda head: head[:4] in (b"II*\0", b"MM\0*"), "a TIFF picture", "mail programs do not show TIFF"),
    (lambda head: head[:4] == b"%PDF", "a PDF document", "a PDF is not a picture an email can show"),
    (lambda head: head[:4] == b"8BPS", "a Photoshop file", "mail programs do not show Photoshop files"),
    (lambda head: head[:4] == b"\0\0\1\0", "an icon file", "mail programs do not all show icon files"),
)


class PictureProblem(ComposerError):
    """A local picture that cannot be used, in one sentence that names the file."""


@dataclass(frozen=True)
class PictureFacts:
    """What the header says, before anything is decoded."""

    path: Path
    format: str        # JPEG, PNG or GIF
    width: int
    height: int
    size: int          # bytes on disk

    @property
    def content_type(self) -> str:
        return EMAIL_FORMATS[self.format]

    @property
    def pixels(self) -> int:
        return self.width * self.height


def picture_facts(path: str | os.PathLike) -> PictureFacts:
    """Format and size from the file's header, refusing what a newsletter cannot use. Decodes nothing."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise PictureProblem(f"{name} is a folder, not a picture.")
        with path.open("rb") as stream:
            head = stream.read(min(size, _HEADER_BYTES))
    except FileNotFoundError:
        raise PictureProblem(f"The picture {name} cannot be found (was it moved or renamed?).") from None
    except PermissionError:
        raise PictureProblem(f"The picture {name} cannot be read: this computer does not allow it.") from None
    except OSError as error:
        raise PictureProblem(f"The picture {name} cannot be read ({error.strerror or error}).") from None
    if size == 0:
        raise PictureProblem(f"{name} is an empty file, not a picture.")
    if size > PICTURE_FILE_BYTES:
        raise PictureProblem(f"{name} is {describe_bytes(size)}, more than the {describe_bytes(PICTURE_FILE_BYTES)} "
                             "a newsletter picture can be; save a smaller copy and choose that.")
    picture_format, width, height = _read_header(head, name)
    if width * height > PICTURE_PIXELS:
        raise PictureProblem(
            f"{name} is {width:,} × {height:,} pixels ({width * height / 1e6:.0f} megapixels), more than the "
            f"{PICTURE_PIXELS / 1e6:.0f} megapixels a newsletter picture can be; save a smaller copy and choose that.")
    return PictureFacts(path, picture_format, width, height, size)


def check_picture(path: str | os.PathLike) -> PictureFacts:
    """``picture_facts`` plus a cheap read of the whole file that finds a truncated or damaged picture.

    A JPEG is decoded at an eighth of its size, a PNG has its chunks' checksums verified
    without inflating them, a GIF has its first frame read. Answers are remembered until
    the file changes, so the checks can ask on every edit.
    """
    facts = picture_facts(path)
    key = _cache_key(facts.path)
    with _checked_lock:
        if key is not None and _checked.get(key) == facts:
            return facts
    with _open(facts) as image:
        try:
            if facts.format == "PNG":
                image.verify()
            else:
                if facts.format == "JPEG":
                    image.draft("RGB", (max(1, facts.width // 8), max(1, facts.height // 8)))
                image.load()
        except (OSError, SyntaxError, ValueError, struct.error, EOFError) as error:
            raise PictureProblem(_damaged(facts.path.name, error)) from None
    with _checked_lock:
        if key is not None:
            if len(_checked) > 512:
                _checked.clear()
            _checked[key] = facts
    return facts


def read_picture(path: str | os.PathLike) -> tuple[bytes, PictureFacts]:
    """The file's bytes, once ``check_picture`` has accepted it (for the export and the upload)."""
    facts = check_picture(path)
    try:
        return facts.path.read_bytes(), facts
    except OSError as error:
        raise PictureProblem(f"The picture {facts.path.name} cannot be read ({error.strerror or error}).") from None


def open_picture(path: str | os.PathLike, reduce_to: float = 1.0) -> tuple[Image.Image, PictureFacts]:
    """The decoded picture, turned upright as the camera meant it, for cropping and resizing.

    With *reduce_to* below 1, a JPEG is decoded at a half, a quarter or an eighth of its size
    when that still gives at least this fraction of its pixels across: a 40-megapixel photo
    meant for a 1,168-pixel copy never occupies memory at full size.
    """
    facts = check_picture(path)
    opened = _open(facts)
    image = opened.__enter__()
    try:
        if facts.format == "JPEG" and reduce_to < 1:
            image.draft("RGB", (math.ceil(facts.width * reduce_to), math.ceil(facts.height * reduce_to)))
        image.load()  # PIL lets go of the file once a single picture is loaded
        ImageOps.exif_transpose(image, in_place=True)  # no second copy in memory
        return image, facts
    except (OSError, SyntaxError, ValueError, struct.error, EOFError) as error:
        opened.__exit__(None, None, None)
        raise PictureProblem(_damaged(facts.path.name, error)) from None


def upright_size(facts: PictureFacts) -> tuple[int, int]:
    """Width and height as the picture is seen (a phone's portrait photo is stored lying down)."""
    with _open(facts) as image:
        try:
            turned = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
        except Exception:  # a damaged EXIF block is no reason to refuse the picture
            turned = False
    return (facts.height, facts.width) if turned else (facts.width, facts.height)


def is_animated(path: str | os.PathLike) -> bool:
    """A GIF with more than one frame (it is kept as it is: cropping would lose the animation)."""
    facts = check_picture(path)
    if facts.format != "GIF":
        return False
    with _open(facts) as image:
        return bool(getattr(image, "is_animated", False))


# --- reading headers without decoding ---------------------------------------------------------

def _read_header(head: bytes, name: str) -> tuple[str, int, int]:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        if len(head) < 24 or head[12:16] != b"IHDR":
            raise PictureProblem(_damaged(name, "no PNG header"))
        width, height = struct.unpack(">II", head[16:24])
        return "PNG", width, height
    if head[:6] in (b"GIF87a", b"GIF89a"):
        if len(head) < 10:
            raise PictureProblem(_damaged(name, "no GIF header"))
        width, height = struct.unpack("<HH", head[6:10])
        return "GIF", width, height
    if head.startswith(b"\xff\xd8"):
        width, height = _jpeg_size(head, name)
        return "JPEG", width, height
    if _looks_like_svg(head):
        raise PictureProblem(f"{name} is an SVG drawing, which Gmail and Outlook do not show; "
                             "save it as PNG and choose that instead.")
    for test, kind, why in _OTHER_KINDS:
        if test(head):
            raise PictureProblem(f"{name} is {kind}, and {why}; save it as JPEG or PNG and choose that instead.")
    raise PictureProblem(f"{name} is not a picture this app can read (it may be damaged, or not a picture at all); "
                         "use a JPEG, PNG or GIF.")


def _jpeg_size(head: bytes, name: str) -> tuple[int, int]:
    """Width and height from the first start-of-frame segment, walking the segments' lengths."""
    position = 2
    while position + 4 <= len(head):
        if head[position] != 0xFF:
            raise PictureProblem(_damaged(name, "a JPEG segment is out of place"))
        marker = head[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):
            position += 2
            continue
        (length,) = struct.unpack(">H", head[position + 2:position + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            if position + 9 > len(head):
                break
            height, width = struct.unpack(">HH", head[position + 5:position + 9])
            if not width or not height:
                raise PictureProblem(_damaged(name, "the JPEG gives no size"))
            return width, height
        if marker == 0xD9 or length < 2:
            break
        position += 2 + length
    raise PictureProblem(_damaged(name, "the JPEG's size is missing (the file may be cut short)"))


def _looks_like_svg(head: bytes) -> bool:
    start = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<svg", b"<?xml", b"<!doctype svg")) and b"<svg" in head[:65536].lower()


def _damaged(name: str, error) -> str:
    detail = str(error).rstrip(".")
    if "truncated" in detail.lower() or "premature" in detail.lower() or isinstance(error, EOFError):
        return f"{name} is cut short (only part of the picture is in the file); copy it again from where it came from."
    return f"{name} is damaged and cannot be shown ({detail}); copy it again or save it again as JPEG or PNG."


class _open:
    """PIL's lazy open of a file whose header we already accepted."""

    def __init__(self, facts: PictureFacts):
        self._facts = facts
        self._image: Image.Image | None = None

    def __enter__(self) -> Image.Image:
        try:
            self._image = Image.open(self._facts.path, formats=[self._facts.format])
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, struct.error) as error:
            raise PictureProblem(_damaged(self._facts.path.name, error)) from None
        return self._image

    def __exit__(self, *exc) -> None:
        if self._image is not None:
            self._image.close()


def _cache_key(path: Path):
    try:
        stat = path.stat()
    except OSError:
        return None
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


_checked: dict = {}
_checked_lock = threading.Lock()

