"""Local pictures of an issue, made ready for email.

The render pipeline refers to a local file as ``images/<file name>``; this
module finds those files, has composer.pictures check them (size and header
before decoding: no bombs, no truncated files, only JPEG, PNG and GIF), and shrinks them
to at most twice their display width (sharp on high-density screens, small
enough for inboxes).
"""

from __future__ import annotations

import io
import math
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from composer.model import ComposerError, Issue
from composer.model.hosting import hosted_name, is_local, picture_file
from composer.model.naming import place, sentence
from composer.model.roles import display_width as picture_width
from composer.model.roles import pictures
from composer.pictures import PictureProblem, read_picture

MAX_DISPLAY_WIDTH = 584  # the widest an image is shown in the 640 px layout, less padding
JPEG_QUALITY = 85


class ImageProblem(ComposerError):
    """A local picture the export cannot use; the message names the block."""


@dataclass(frozen=True)
class EmailImage:
    """One local picture as it will be hosted: its name under images/ and its bytes."""

    name: str
    source: Path
    data: bytes
    content_type: str


def local_images(issue: Issue, base_dir: str | os.PathLike | None = None) -> list[EmailImage]:
    """Every local picture of *issue*, each once, resized for email.

    Relative paths are taken from *base_dir* (the folder of the .newsletter
    file). Raises ImageProblem for a missing or unreadable file, or for two
    different files with the same name (they would overwrite each other).
    """
    wanted: dict[str, tuple[Path, int, str]] = {}
    folder = Path(base_dir) if base_dir is not None else Path()
    for section, block in issue.all_blocks():
        for part in pictures(block):  # every picture a block type declares: images, icons…
            if not is_local(part.value):
                continue
            _want(wanted, part.value, picture_file(part.value, folder), min(picture_width(part), MAX_DISPLAY_WIDTH),
                  sentence(place(section, block)))
    return [_prepare(name, path, width, where) for name, (path, width, where) in wanted.items()]


def resize_for_email(data: bytes, display_width: int) -> tuple[bytes, str]:
    """(bytes, MIME type) of a picture no wider than twice *display_width*.

    A picture already small enough, or animated, is kept byte for byte. Others
    keep their format and aspect; JPEG is re-encoded progressively at quality 85
    and PNG stays lossless (with its transparency).
    """
    with Image.open(io.BytesIO(data)) as image:
        image_format = image.format or "PNG"
        content_type = Image.MIME.get(image_format, "application/octet-stream")
        if getattr(image, "is_animated", False):
            return data, content_type
        limit = 2 * display_width
        turned = _has_orientation(image)
        if image.width <= limit and not turned:
            return data, content_type
        if image_format == "JPEG":  # decode at a half, a quarter or an eighth when that is still wide enough
            across = image.height if image.getexif().get(0x0112, 1) in (5, 6, 7, 8) else image.width
            scale = min(1.0, limit / across)
            image.draft("RGB", (math.ceil(image.width * scale), math.ceil(image.height * scale)))
        upright = ImageOps.exif_transpose(image) if turned else image
        if upright.width > limit:
            height = max(1, round(upright.height * limit / upright.width))
            upright = _resizable(upright).resize((limit, height), Image.Resampling.LANCZOS)
        return _encode(upright, image_format, image.info), content_type


def _want(wanted: dict[str, tuple[Path, int, str]], source: str, path: Path | None, width: int, where: str) -> None:
    """Add one picture to host, once per file name; two different files of one name would overwrite each other."""
    if path is None or not path.is_file():
        raise ImageProblem(f"{where}: the picture {path or source} does not exist (was it moved or renamed?)")
    name = hosted_name(source)
    if name in wanted:
        other, other_width, other_where = wanted[name]
        if other.resolve() != path.resolve():
            raise ImageProblem(
                f"{where}: another picture has the same file name “{name}” ({other_where}); rename one of them"
            )
        width = max(width, other_width)
        where = other_where
    wanted[name] = (path, width, where)


def _prepare(name: str, path: Path, width: int, where: str) -> EmailImage:
    try:
        data, _facts = read_picture(path)  # size, header and a cheap full read, before decoding
    except PictureProblem as problem:
        raise ImageProblem(f"{where}: {problem}") from None
    try:
        data, content_type = resize_for_email(data, width)
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ImageProblem(f"{where}: {path.name} is damaged and cannot be shown ({error})") from None
    return EmailImage(name=name, source=path, data=data, content_type=content_type)


def _has_orientation(image: Image.Image) -> bool:
    try:
        return image.getexif().get(0x0112, 1) not in (1, None)
    except Exception:  # a damaged EXIF block is no reason to refuse the picture
        return False


def _resizable(image: Image.Image) -> Image.Image:
    """Palette and 1-bit pictures are resampled in full colour, keeping transparency."""
    if image.mode in ("P", "1", "LA", "PA") or (image.mode == "L" and "transparency" in image.info):
        return image.convert("RGBA")
    if image.mode in ("I;16", "I", "F"):
        return image.convert("RGB")
    return image


def _encode(image: Image.Image, image_format: str, info: dict) -> bytes:
    out = io.BytesIO()
    icc = info.get("icc_profile")
    extra = {"icc_profile": icc} if icc else {}
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, **extra)
    elif image_format == "PNG":
        image.save(out, "PNG", optimize=True, **extra)
    elif image_format == "GIF":
        image.save(out, "GIF", optimize=True)
    else:
        image.save(out, image_format, **extra)
    return out.getvalue()
