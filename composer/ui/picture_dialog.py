"""Choosing a picture for an image block: crop it, size it for email, keep the original as it is.

"Choose file…" opens the picture safely (composer.pictures: size and header first, one clear
sentence for a picture that cannot be used), shows it with a crop frame — free, or to the
shape of the picture it replaces, or a common shape — and makes an email-ready copy beside
the issue: twice the width it is shown at, JPEG or PNG, within 200 KB unless she ticks
"Keep full quality". The copy is made on a worker thread; the original is only read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout,
    QWidget,
)

from composer.limits import PICTURE_EMAIL_BYTES
from composer.user_folders import data_dir

from .job_dialog import JobDialog

# Pillow (composer.pictures) and the export package (premailer, requests…) are imported when a
# picture is first shown or chosen, not while the window starts: the editor's forms import this module.

LAST_FOLDER_KEY = "pictures/last_folder"
PICTURE_FILTER = "Pictures (*.jpg *.jpeg *.png *.gif);;All files (*)"
PREVIEW_SIZE = QSize(560, 360)
SHAPES = (("Free", None), ("Wide banner (2:1)", 2.0), ("Landscape (3:2)", 1.5), ("Square", 1.0),
          ("Portrait (4:5)", 0.8))


def choose_picture(field: QWidget, current_src: str, chosen: Callable[[str], None]) -> PictureDialog | None:
    """Ask for a picture, then open the crop dialog; *chosen* gets the email-ready copy's source."""
    from composer.pictures import PictureProblem

    window = field.window()
    settings = getattr(window, "settings", None)
    start = str(settings.value(LAST_FOLDER_KEY, "")) if settings is not None else ""
    if not start or not Path(start).is_dir():  # first time: her Pictures folder, not wherever the app started
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation) or str(Path.home())
    path, _ = QFileDialog.getOpenFileName(field, "Choose a picture", start, PICTURE_FILTER)
    if not path:
        return None
    if settings is not None:
        settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))
    try:
        dialog = PictureDialog(window, Path(path), display_width(field), slot_ratio(field, current_src),
                               issue_folder(field))
    except PictureProblem as problem:
        QMessageBox.warning(window, "This picture cannot be used", str(problem))
        return None
    dialog.chosen.connect(chosen)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def show_thumbnail(label: QLabel, src: str, height: int = 86, *, again: bool = True) -> None:
    """A small picture of a local file, read at the small size; or a note saying why there is none."""
    label.setWordWrap(True)
    if not src:
        label.setText("No picture chosen")
        return
    if src.startswith(("http://", "https://")):
        label.setText("Web picture: shown in the preview")
        return
    if again and not Path(src).expanduser().is_absolute() and getattr(label.window(), "document", None) is None:
        # The form is filled before it joins the window: look once more when it has, to know the issue's folder.
        QTimer.singleShot(0, label, lambda: show_thumbnail(label, src, height, again=False))
        return
    from composer.pictures import PictureProblem, check_picture

    path = resolve(label, src)
    try:
        facts = check_picture(path)
    except PictureProblem as problem:
        label.setText(str(problem))
        return
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    reader.setScaledSize(QSize(max(1, round(facts.width * height / facts.height)), height))
    image = reader.read()
    if image.isNull():
        label.setText(f"{path.name} cannot be shown here ({reader.errorString()}).")
    else:
        label.setPixmap(QPixmap.fromImage(image))


class PictureDialog(JobDialog):
    """The picture with its crop frame, the shape, the size it will have, and "Use this picture"."""

    chosen = Signal(str)

    def __init__(self, window, path: Path, shown_width: int, slot: float | None, folder: Path | None):
        from composer.export.prepare_picture import EMAIL_WIDTH_LIMIT
        from composer.pictures import check_picture, open_picture, upright_size

        super().__init__(window, "Preparing")
        self.path = path
        self.shown_width = max(20, min(shown_width, EMAIL_WIDTH_LIMIT))
        self.folder = folder
        self.result_description = ""
        self.setWindowTitle(f"Picture for the email: {path.name}")
        self.facts = check_picture(path)  # raises PictureProblem with its sentence
        full_size = upright_size(self.facts)
        fit = min(1.0, PREVIEW_SIZE.width() / full_size[0], PREVIEW_SIZE.height() / full_size[1])
        preview, _ = open_picture(path, reduce_to=fit)  # a big JPEG is decoded small
        preview.thumbnail((PREVIEW_SIZE.width(), PREVIEW_SIZE.height()))
        self.crop_view = CropView(_qimage(preview), full_size)
        self.crop_view.setAccessibleName("Picture with its crop frame")
        self.shape = QComboBox()
        self.shape.setAccessibleName("Crop shape")
        if slot:
            self.shape.addItem("Same shape as the picture it replaces", slot)
        for title, ratio in SHAPES:
            self.shape.addItem(title, ratio)
        self.shape.currentIndexChanged.connect(lambda _: self.crop_view.set_ratio(self.shape.currentData()))
        self.whole = QPushButton("&Whole picture")
        self.whole.clicked.connect(self._whole_picture)
        self.full_quality = QCheckBox(f"Keep full &quality (the file may be larger than {PICTURE_EMAIL_BYTES // 1024} KB)")
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.crop_view.crop_changed.connect(self._describe)

        self.use_button = QPushButton("&Use this picture")
        self.use_button.setDefault(True)
        self.use_button.clicked.connect(self.use)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("Cancel")
        self.buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Crop:", self.shape)
        form.addRow("", self.whole)
        form.addRow("", self.full_quality)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)  # the picture's size sets the dialog's
        hint = QLabel("Drag the frame to move it, or draw a new one; the arrow keys move it too.")
        hint.setStyleSheet("color:#52606d;")
        layout.addWidget(self.crop_view, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.about)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.crop_view.set_ratio(self.shape.currentData())
        self._describe()

    def use(self) -> None:
        """Make the email-ready copy off the GUI thread, save it, and hand its source to the field."""
        from composer.export.prepare_picture import prepare_picture, save_prepared

        crop, budget = self.crop_view.crop_box(), None if self.full_quality.isChecked() else PICTURE_EMAIL_BYTES
        folder, relative = (self.folder / "pictures", True) if self.folder else (data_dir() / "pictures", False)
        path, width = self.path, self.shown_width

        def work(progress):
            progress(0.1, "Making the email-ready copy")
            prepared = prepare_picture(path, width, crop, budget)
            saved = save_prepared(prepared, folder, path.stem)
            return prepared, (f"pictures/{saved.name}" if relative else str(saved))

        self._set_busy(True)
        self.progress.setRange(0, 0)  # busy: one step of unknown length
        job = self.start_job(work)
        job.succeeded.connect(self._made)
        job.failed.connect(self._failed)

    def _made(self, answer) -> None:
        prepared, src = answer
        self._set_busy(False)
        self.result_description = prepared.describe()
        self.chosen.emit(src)
        self.accept()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.progress.setRange(0, 100)
        self._say(message, error=True)

    def _whole_picture(self) -> None:
        index = self.shape.findData(None)
        if self.shape.currentIndex() == index:
            self.crop_view.set_ratio(None)
        self.shape.setCurrentIndex(index)

    def _describe(self) -> None:
        left, top, right, bottom = self.crop_view.crop_box() or (0, 0, *self.crop_view.original_size)
        width = min(right - left, 2 * self.shown_width)
        self.about.setText(
            f"Shown {self.shown_width} px wide in the email, so the copy is {width:,} px wide "
            f"(twice, for sharp screens) and about {PICTURE_EMAIL_BYTES // 1024} KB at most. "
            f"Your original ({self.facts.width:,} × {self.facts.height:,}) stays as it is.")

    def busy_widgets(self) -> list[QWidget]:
        return [self.crop_view, self.shape, self.whole, self.full_quality, self.use_button]


class CropView(QWidget):
    """The picture scaled to fit, with a frame to drag: from outside it draws a new one, from inside it moves it."""

    crop_changed = Signal()

    def __init__(self, preview: QImage, original_size: tuple[int, int]):
        super().__init__()
        self.pixmap = QPixmap.fromImage(preview)
        self.original_size = original_size
        self.setFixedSize(self.pixmap.size())
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.ratio: float | None = None
        self.frame = QRectF(self.pixmap.rect())
        self._grab: QPointF | None = None
        self._moving = False

    def sizeHint(self) -> QSize:
        return self.pixmap.size()

    def set_ratio(self, ratio: float | None) -> None:
        """The largest frame of this shape, centred; None: the whole picture."""
        self.ratio = ratio
        bounds = QRectF(self.pixmap.rect())
        if ratio is None:
            self.frame = bounds
        else:
            width = min(bounds.width(), bounds.height() * ratio)
            height = width / ratio
            self.frame = QRectF(bounds.center().x() - width / 2, bounds.center().y() - height / 2, width, height)
        self._changed()

    def crop_box(self) -> tuple[int, int, int, int] | None:
        """The frame in the original picture's pixels; None when it is the whole picture."""
        if self.frame == QRectF(self.pixmap.rect()):
            return None
        scale = self.original_size[0] / self.pixmap.width()
        return (round(self.frame.left() * scale), round(self.frame.top() * scale),
                round(self.frame.right() * scale), round(self.frame.bottom() * scale))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self.pixmap)
        shade = QColor(0, 0, 0, 120)
        bounds = QRectF(self.rect())
        for part in (QRectF(0, 0, bounds.width(), self.frame.top()),
                     QRectF(0, self.frame.bottom(), bounds.width(), bounds.height() - self.frame.bottom()),
                     QRectF(0, self.frame.top(), self.frame.left(), self.frame.height()),
                     QRectF(self.frame.right(), self.frame.top(), bounds.width() - self.frame.right(), self.frame.height())):
            painter.fillRect(part, shade)
        painter.setPen(QPen(QColor("#ffffff"), 2, Qt.PenStyle.DashLine))
        painter.drawRect(self.frame.adjusted(1, 1, -1, -1))
        if self.hasFocus():
            painter.setPen(QPen(QColor("#2563eb"), 2))
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))

    def mousePressEvent(self, event) -> None:
        point = event.position()
        self._moving = self.frame.contains(point)
        self._grab = point - self.frame.topLeft() if self._moving else point

    def mouseMoveEvent(self, event) -> None:
        if self._grab is None:
            return
        point = self._inside(event.position())
        if self._moving:
            self._place(point - self._grab)
            return
        width, height = point.x() - self._grab.x(), point.y() - self._grab.y()
        if self.ratio is not None:  # the frame keeps the chosen shape as it is drawn
            height = (abs(width) / self.ratio) * (1 if height >= 0 else -1)
        frame = QRectF(self._grab, QPointF(self._grab.x() + width, self._grab.y() + height)).normalized()
        if frame.width() >= 8 and frame.height() >= 8:
            self.frame = frame.intersected(QRectF(self.pixmap.rect()))
            self._changed()

    def mouseReleaseEvent(self, event) -> None:
        self._grab = None

    def keyPressEvent(self, event) -> None:
        """Arrow keys move the frame a little (with Shift, more), for those who do not drag."""
        step = 10 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 2
        moves = {Qt.Key.Key_Left: (-step, 0), Qt.Key.Key_Right: (step, 0), Qt.Key.Key_Up: (0, -step),
                 Qt.Key.Key_Down: (0, step)}
        if event.key() in moves:
            dx, dy = moves[event.key()]
            self._place(self.frame.topLeft() + QPointF(dx, dy))
        else:
            super().keyPressEvent(event)

    def _place(self, top_left: QPointF) -> None:
        bounds = QRectF(self.pixmap.rect())
        x = min(max(top_left.x(), 0.0), bounds.width() - self.frame.width())
        y = min(max(top_left.y(), 0.0), bounds.height() - self.frame.height())
        self.frame.moveTo(x, y)
        self._changed()

    def _inside(self, point: QPointF) -> QPointF:
        return QPointF(min(max(point.x(), 0.0), self.pixmap.width()), min(max(point.y(), 0.0), self.pixmap.height()))

    def _changed(self) -> None:
        self.update()
        self.crop_changed.emit()


# --- where the field is --------------------------------------------------------------------------

def display_width(field: QWidget) -> int:
    """The width the block shows its picture at: the "Width" beside the picture in the same form."""
    from composer.export.prepare_picture import EMAIL_WIDTH_LIMIT

    parent = field
    while parent is not None:
        fields = getattr(parent, "fields", None)
        if isinstance(fields, dict) and "width" in fields and hasattr(fields["width"].editor, "value"):
            return int(fields["width"].editor.value())
        parent = parent.parentWidget()
    return EMAIL_WIDTH_LIMIT


def issue_folder(widget: QWidget) -> Path | None:
    document = getattr(widget.window(), "document", None)
    path = getattr(document, "path", None)
    return Path(path).parent if path else None


def resolve(widget: QWidget, src: str) -> Path:
    path = Path(src).expanduser()
    folder = issue_folder(widget)
    return folder / path if not path.is_absolute() and folder is not None else path


def slot_ratio(field: QWidget, current_src: str) -> float | None:
    """The shape of the picture being replaced, read from its header; None when there is none to read."""
    from composer.pictures import PictureProblem, picture_facts

    if not current_src or current_src.startswith(("http://", "https://")):
        return None
    try:
        facts = picture_facts(resolve(field, current_src))
    except PictureProblem:
        return None
    return facts.width / facts.height


def _qimage(image) -> QImage:
    rgba = image.convert("RGBA")
    data = rgba.tobytes("raw", "RGBA")
    return QImage(data, rgba.width, rgba.height, 4 * rgba.width, QImage.Format.Format_RGBA8888).copy()
