"""Small, crisp icons for block types and section kinds, drawn rather than shipped."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

_GLYPHS = {
    "text": ("¶", "#2563eb"),
    "heading": ("H", "#7c3aed"),
    "button": ("➜", "#c2410c"),
    "event": ("◷", "#059669"),
    "quote": ("“", "#db2777"),
    "image": ("▣", "#0891b2"),
    "links": ("☰", "#4f46e5"),
    "signature": ("✎", "#9333ea"),
    "contact": ("☎", "#0d9488"),
    "divider": ("—", "#6b7280"),
    "spacer": ("↕", "#6b7280"),
    "section": ("§", "#1d4f73"),
    "issue": ("✉", "#1d4f73"),
}


@lru_cache(maxsize=64)
def icon_for(kind: str) -> QIcon:
    glyph, colour = _GLYPHS.get(kind, ("•", "#6b7280"))
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
