"""A chosen picture made ready for email: cropped, twice its display width, under a size budget.

Twice the width it is shown at keeps it sharp on high-density screens and no bigger. It
is saved as JPEG or PNG, which every mail program shows: PNG for pictures with
transparency or few colours (logos, diagrams), JPEG for photos. The quality steps down
until the file fits the budget (200 KB unless she asks for full quality); if even the
display width at modest quality does not fit, the smallest is kept and she is told.
The original file is only read, never written.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from composer.limits import PICTURE_EMAIL_BYTES
from composer.pictures import PictureFacts, check_picture, is_animated, open_picture, upright_size
from composer.storage import atomic_write_bytes

EMAIL_WIDTH_LIMIT = 584           # the widest a picture is shown in the 640 px layout
JPEG_QUALITIES = (85, 78, 70, 62, 55)
FULL_QUALITY = 90
SHRINK_STEPS = (1.0, 0.85, 0.7, 0.5)  # of twice the display width, never below the display width itself


@dataclass(frozen=True)
class PreparedPicture:
    data: bytes
    format: str            # JPEG, PNG or GIF (an animated GIF is kept as it is)
    width: int
    height: int
    over_budget: bool      # the budget could not be met without going below the display width

    @property
    def suffix(self) -> str:
        return {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif"}[self.format]

    def describe(self) -> str:
        size = len(self.data)
        shown = f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"
        return f"{self.format}, {self.width:,} × {self.height:,} pixels, {shown}"


def prepare_picture(path: str | os.PathLike, display_width: int, crop: tuple[float, float, float, float] | None = None,
                    budget: int | None = PICTURE_EMAIL_BYTES) -> PreparedPicture:
    """The picture at *path*, cropped to *crop* (left, top, right, bottom in the upright picture),
    at most twice *display_width* wide, within *budget* bytes (None: full quality, no budget)."""
    display_width = max(20, min(int(display_width), EMAIL_WIDTH_LIMIT))
    if crop is None and is_animated(path):
        data = Path(path).read_bytes()  # cropping or resizing would lose the animation
        with Image.open(io.BytesIO(data)) as image:
            return PreparedPicture(data, "GIF", image.width, image.height, budget is not None and len(data) > budget)
    full_width, full_height = upright_size(check_picture(path))
    across = (crop[2] - crop[0]) if crop is not None else full_width
    image, facts = open_picture(path, reduce_to=min(1.0, 2 * display_width / max(1, across)))
    if crop is not None:
        scale = image.width / full_width  # below 1 when a JPEG was decoded small
        image = image.crop(_inside(tuple(value * scale for value in crop), image.size))
    as_png = _keeps_png(image, facts)
    image = _resizable(image, as_png)
    widest = min(image.width, 2 * display_width)
    candidates: list[PreparedPicture] = []
    for step in SHRINK_STEPS:
        width = max(min(display_width, image.width), round(widest * step))
        resized = image if width == image.width else image.resize(
            (width, max(1, round(image.height * width / image.width))), Image.Resampling.LANCZOS)
        for data in _encodings(resized, as_png, budget is None):
            candidates.append(PreparedPicture(data, "PNG" if as_png else "JPEG", resized.width, resized.height, False))
            if budget is None or len(data) <= budget:
                return candidates[-1]
        if width <= display_width:
            break
    smallest = min(candidates, key=lambda item: len(item.data))
    return PreparedPicture(smallest.data, smallest.format, smallest.width, smallest.height, True)


def save_prepared(prepared: PreparedPicture, folder: str | os.PathLike, stem: str) -> Path:
    """Write it as ``<stem>-<width>w<suffix>`` in *folder*, never over a different file of that name."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    base = f"{_safe(stem)}-{prepared.width}w"
    for number in range(1, 1000):
        path = folder / f"{base}{'' if number == 1 else f'-{number}'}{prepared.suffix}"
        if not path.exists():
            atomic_write_bytes(path, prepared.data)
            return path
        if path.read_bytes() == prepared.data:
            return path  # the same picture made ready before
    raise OSError(f"too many pictures called {base} in {folder}")


def _encodings(image: Image.Image, as_png: bool, full_quality: bool):
    """Encoded versions, smallest last: PNG (then 256 colours), or JPEG at falling quality."""
    if as_png:
        yield _save(image, "PNG", optimize=True)
        if not full_quality:
            palette = image.quantize(256, method=Image.Quantize.FASTOCTREE) if image.mode == "RGBA" \
                else image.convert("RGB").quantize(256)
            yield _save(palette, "PNG", optimize=True)
        return
    for quality in (FULL_QUALITY,) if full_quality else JPEG_QUALITIES:
        yield _save(image, "JPEG", quality=quality, optimize=True, progressive=True)


def _keeps_png(image: Image.Image, facts: PictureFacts) -> bool:
    """Transparency needs PNG; so do logos and diagrams (few colours), which JPEG would smudge."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        return True
    if facts.format == "JPEG":
        return False
    step = max(1, max(image.size) // 400)
    sample = image.reduce(step) if step > 1 else image  # a small sample, not a copy of the whole
    return sample.convert("RGB").getcolors(maxcolors=256) is not None


def _resizable(image: Image.Image, as_png: bool) -> Image.Image:
    wanted = "RGB"
    if as_png and (image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info):
        wanted = "RGBA"
    return image if image.mode == wanted else image.convert(wanted)


def _inside(crop: tuple[int, int, int, int], size: tuple[int, int]) -> tuple[int, int, int, int]:
    left, top, right, bottom = (int(round(value)) for value in crop)
    left, top = max(0, min(left, size[0] - 1)), max(0, min(top, size[1] - 1))
    return left, top, max(left + 1, min(right, size[0])), max(top + 1, min(bottom, size[1]))


def _save(image: Image.Image, image_format: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, image_format, **options)
    return out.getvalue()


def _safe(stem: str) -> str:
    cleaned = "".join(char if char.isalnum() or char in "-_" else "-" for char in stem.strip()).strip("-")
    return cleaned[:60] or "picture"
