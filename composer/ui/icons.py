"""Small, crisp icons for block types (each declares its glyph and colour) and for sections and the issue."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from composer.model import BLOCK_TYPES

_OTHERS = {
    "section": ("§", "#1d4f73"),
    "issue": ("✉", "#1d4f73"),
}
_UNKNOWN = ("•", "#6b7280")


@lru_cache(maxsize=64)
def icon_for(kind: str) -> QIcon:
    """The icon for a block type's name, "section" or "issue"."""
    declared = BLOCK_TYPES.get(kind)
    glyph, colour = (declared.icon.glyph, declared.icon.colour) if declared else _OTHERS.get(kind, _UNKNOWN)
    icon = QIcon()
    for size in (16, 20, 24, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), size * 0.22, size * 0.22)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * 0.68))
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, glyph)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
