"""Colours and focus marks that stay readable: placeholder text and the selected outline row at WCAG AA
(4.5:1), and a clear ring on whatever has the keyboard (the outline, toolbar buttons, fields, the email)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

PLACEHOLDER = "#5b6776"   # 5.6:1 on white
SELECTION = "#1d4f73"     # white text on it: 8.9:1
FOCUS_RING = "#2563eb"

_FOCUS_STYLE = f"""
QTreeView, QListView, QTreeWidget {{ selection-background-color: {SELECTION}; selection-color: #ffffff; }}
QTreeView:focus, QListView:focus, QTreeWidget:focus {{ border: 2px solid {FOCUS_RING}; }}
QToolBar QToolButton:focus {{ border: 2px solid {FOCUS_RING}; border-radius: 3px; }}
QSplitter#emailViews {{ border: 2px solid transparent; }}
QSplitter#emailViews[keyboardInside="true"] {{ border: 2px solid {FOCUS_RING}; }}
"""


def apply(window: QWidget) -> None:
    palette = window.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(PLACEHOLDER))
        palette.setColor(group, QPalette.ColorRole.Highlight, QColor(SELECTION))
        palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    window.setPalette(palette)
    window.setStyleSheet(window.styleSheet() + _FOCUS_STYLE)
