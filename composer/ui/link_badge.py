"""The mark of a block linked to the library: a chain drawn from resources/icons/linked.svg.

Shipped with the app as a picture rather than the 🔗 emoji, which shows as an
empty box where no emoji font is installed. Block icons get the chain in their
lower right corner, so the outline row keeps its type icon and its text.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from composer.resources import ICONS_DIR

from .icons import icon_for

LINKED_ICON = ICONS_DIR / "linked.svg"


@lru_cache(maxsize=1)
def linked_mark() -> QIcon:
    """The chain alone, e.g. for buttons and banners about a linked block."""
    return QIcon(_render(32))


@lru_cache(maxsize=64)
def linked_icon_for(kind: str) -> QIcon:
    """The block type's icon with the chain in its lower right corner."""
    icon = QIcon()
    for size in (16, 20, 24, 32):
        pixmap = icon_for(kind).pixmap(size, size)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        badge = size * 0.62
        painter.drawPixmap(QRectF(size - badge, size - badge, badge, badge).toRect(), _render(int(badge * 2)))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def _render(size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(LINKED_ICON)).render(painter)
    painter.end()
    return pixmap
