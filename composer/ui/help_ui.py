"""The Help menu: Getting started (a short guide shipped with the app) and About.

The guide is resources/guide/getting-started.html, shown in the app itself so it
works offline and in the desktop bundle; About shows the version a coordinator
quotes when asking for help.
"""

from __future__ import annotations

import platform
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QKeySequence, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout

from composer import __version__
from composer.resources import GUIDE_DIR, ICONS_DIR

GUIDE = GUIDE_DIR / "getting-started.html"
ICON = ICONS_DIR / "newsletter-composer.png"


def install(window) -> None:
    """Add Help → Getting started (F1) and Help → About Newsletter Composer."""
    HelpFeature(window)


class HelpFeature(QObject):
    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self.guide: GuideDialog | None = None
        guide = QAction("&Getting started", window)
        guide.setObjectName("getting_started")
        guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        guide.setToolTip("A short guide to putting an issue together, checking it and sending it")
        guide.triggered.connect(self.show_guide)
        window.place(guide, "&Help", "help")
        about = QAction("&About Newsletter Composer", window)
        about.setObjectName("about")
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        window.place(about, "&Help", "about")
        window.actions_by_name["getting_started"] = guide
        window.actions_by_name["about"] = about

    def show_guide(self) -> None:
        """The guide beside the window (not modal, so the coordinator can follow it while working)."""
        if self.guide is None:
            self.guide = GuideDialog(self._window)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    def show_about(self) -> None:
        dialog = AboutDialog(self._window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()


class GuideDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("gettingStartedGuide")
        self.setWindowTitle("Getting started — Newsletter Composer")
        self.resize(640, 720)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideText")
        self.browser.setOpenExternalLinks(True)
        if GUIDE.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(GUIDE)))
        else:  # a damaged install: say so rather than show an empty window
            self.browser.setPlainText(f"The guide is missing from this installation ({GUIDE}). "
                                      "Reinstalling Newsletter Composer brings it back.")
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)


class AboutDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About Newsletter Composer")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(QPixmap(str(ICON)).scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(about_html())
        self.text.setObjectName("aboutText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.text, 1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def about_html() -> str:
    python = ".".join(map(str, sys.version_info[:3]))
    return (
        f"<h2>Newsletter Composer</h2><p><b>Version {__version__}</b></p>"
        "<p>Put together a charity's member newsletter from reusable blocks, check it and "
        "export an email your mailing provider accepts.</p>"
        "<p>British English spelling uses the en_GB Hunspell dictionary by Kevin Atkinson, "
        "David Bartlett, Brian Kelk, Andrew Brown and Marco A.G. Pinto (LGPL).</p>"
        f"<p><small>Qt {qVersion()} · PySide6 {pyside_version} · Python {python} · "
        f"{platform.system()} {platform.machine()}</small></p>"
    )
