"""Hostile pictures, generated on the spot: small on disk, huge or broken inside.

Shared by the picture tests and benchmarks/hostile_pictures.py.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PIL import Image


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(path: Path, side: int = 30_000) -> Path:
    """A 1-bit black PNG of side × side pixels (30,000² is 900 megapixels in about 110 KB)."""
    row = b"\0" * (1 + (side + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b""))
    return path


def largest_allowed_png(path: Path, width: int = 6000, height: int = 6600) -> Path:
    """An RGB PNG just under the 40-megapixel bound (39.6 MP), all black: small on disk, the most we decode."""
    row = b"\0" * (1 + 3 * width)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b""))
    return path


def photo_jpeg(path: Path, size=(2400, 1600)) -> Path:
    """A real JPEG with detail in it (a gradient and stripes), so compression has work to do."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    for x in range(0, width, 40):
        image.paste((200, 60, 30), (x, 0, x + 12, height))
    image.save(path, quality=92)
    return path


def truncated_jpeg(path: Path) -> Path:
    """A photo with its second half missing, as an interrupted download leaves it."""
    whole = photo_jpeg(path.with_name("whole-" + path.name)).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


def webp(path: Path) -> Path:
    Image.new("RGB", (800, 600), (30, 90, 160)).save(path, "WEBP")
    return path


def svg(path: Path) -> Path:
    path.write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80">'
                    '<circle cx="40" cy="40" r="30"/></svg>', encoding="utf-8")
    return path


def not_a_picture(path: Path) -> Path:
    path.write_bytes(b"Minutes of the AGM, not a picture at all\n" * 20)
    return path


def huge_file(path: Path, megabytes: int = 26) -> Path:
    """A valid PNG header followed by padding: over the file-size limit before any decoding."""
    header = struct.pack(">IIBBBBB", 100, 100, 8, 2, 0, 0, 0)
    with path.open("wb") as stream:
        stream.write(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header))
        stream.truncate(megabytes * 1024 * 1024)
    return path


HOSTILE = {  # file name → (maker, words the refusal must contain)
    "bomb.png": (bomb_png, "megapixels"),
    "cut.jpg": (truncated_jpeg, "cut short"),
    "photo.webp": (webp, "WebP"),
    "logo.svg": (svg, "SVG"),
    "minutes.png": (not_a_picture, "not a picture"),
    "huge.png": (huge_file, "25 MB"),
}
