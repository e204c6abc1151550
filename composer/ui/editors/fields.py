"""Form fields declared as data, each bound to one attribute of a block, section or the issue.

A field builds its widget, shows the model's value (without echoing an edit
back), and reports the user's changes through a callback. Validation uses the
same rules as the model, so a bad link is shown at once and never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractSpinBox, QCheckBox, QColorDialog, QComboBox, QDateEdit, QDateTimeEdit, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from composer.model.values import colour_problem, completed_address, email_problem, url_problem

from ..picture_dialog import choose_picture, show_thumbnail
from ..spelling_ui import ProseLineEdit, ProsePlainTextEdit
from .rich_text import RichTextEditor

Commit = Callable[[Any], str | None]  # returns an error message, or None when stored


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "line"           # line, prose, url, email, multiline, rich, check, spin, choice, datetime, date, colour, image
    placeholder: str = ""
    choices: tuple[tuple[Any, str], ...] = ()
    minimum: int = 0
    maximum: int = 100
    counter: int = 0              # show a character count against this soft limit

    def build(self, commit: Commit) -> "BoundField":
        return _BUILDERS[self.kind](self, commit)


class BoundField:
    """A widget for one attribute, plus an error label under it."""

    def __init__(self, spec: Field, commit: Commit, editor: QWidget):
        self.spec = spec
        self._commit = commit
        self.editor = editor
        self.tab_stops: list[QWidget] = [editor]  # in order; a field's own buttons follow its box
        self.editor.setAccessibleName(spec.label)
        if isinstance(editor, QAbstractSpinBox):  # a screen reader lands on the text inside: name it too
            _inner_text(editor).setAccessibleName(spec.label)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b91c1c;font-size:12px;")
        self.error.hide()
        self.widget = editor

    def show_value(self, value: Any) -> None:
        raise NotImplementedError

    def _changed(self, value: Any, problem: str | None = None) -> None:
        problem = problem or self._commit(value)
        if (problem or "") == self.error.text() and bool(problem) == self.editor.property("invalid"):
            return  # restyling a field on every keystroke costs a repolish of it and its children
        self.error.setText(problem or "")
        self.error.setVisible(bool(problem))
        self.editor.setProperty("invalid", bool(problem))
        self.editor.setStyleSheet("border:1px solid #dc2626;" if problem else "")


class _Line(BoundField):
    check: Callable[[str], str | None] | None = None
    widget_class: type[QLineEdit] = QLineEdit

    def __init__(self, spec, commit):
        super().__init__(spec, commit, self.widget_class())
        self.editor.setPlaceholderText(spec.placeholder)
        self.editor.textEdited.connect(self._edited)
        self.counter = None
        if spec.counter:
            self.counter = QLabel()
            self.counter.setStyleSheet("color:#52606d;font-size:12px;")
            box = QWidget()
            layout = QHBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(self.editor, 1)
            layout.addWidget(self.counter)
            self.widget = box

    def _edited(self, text: str) -> None:
        self._update_counter(text)
        self._changed(text, self.check(text) if self.check else None)

    def _update_counter(self, text: str) -> None:
        if self.counter is not None:
            over = len(text) > self.spec.counter
            self.counter.setText(f"{len(text)}/{self.spec.counter}")
            self.counter.setStyleSheet(f"color:{'#b91c1c' if over else '#52606d'};font-size:12px;")

    def show_value(self, value: str) -> None:
        if self.editor.text() != value and not self.editor.property("invalid"):
            self.editor.setText(value)
            if not self.editor.hasFocus():
                self.editor.setCursorPosition(0)  # a long value shows its beginning, not its tail end
        self._update_counter(self.editor.text())


class _Prose(_Line):
    widget_class = ProseLineEdit


class _Url(_Line):
    """A link box that takes an address as people type it ("www.example.org/agm", "hello@example.org"):
    the whole address is kept as she types, and shown once she leaves the box."""

    check = staticmethod(url_problem)

    def __init__(self, spec, commit):
        super().__init__(spec, commit)
        self.editor.editingFinished.connect(self._show_whole_address)

    def _edited(self, text: str) -> None:
        address = completed_address(text)
        self._changed(address, self.check(address))

    def _show_whole_address(self) -> None:
        address = completed_address(self.editor.text())
        if address != self.editor.text() and not self.check(address):
            self.editor.setText(address)

    def show_value(self, value: str) -> None:
        if value and completed_address(self.editor.text()) == value:
            return  # her words as typed stand for that address until she leaves the box
        super().show_value(value)


class _Email(_Line):
    check = staticmethod(email_problem)


class _Colour(_Line):
    check = staticmethod(colour_problem)

    def __init__(self, spec, commit):
        super().__init__(spec, commit)
        self.swatch = QPushButton()
        self.swatch.setFixedWidth(36)
        self.swatch.setAccessibleName(f"Choose {spec.label.lower()}")
        self.swatch.clicked.connect(self._choose)
        self.tab_stops.append(self.swatch)
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.swatch)
        self.widget = box

    def _choose(self) -> None:
        colour = QColorDialog.getColor(QColor(self.editor.text()), self.widget, self.spec.label)
        if colour.isValid():
            self.editor.setText(colour.name())
            self._edited(colour.name())

    def show_value(self, value: str) -> None:
        super().show_value(value)
        self.swatch.setStyleSheet(f"background:{value};border:1px solid #9aa5b1;border-radius:3px;")


class _Multiline(BoundField):
    def __init__(self, spec, commit):
        super().__init__(spec, commit, ProsePlainTextEdit())
        self.editor.setPlaceholderText(spec.placeholder)
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(80)
        self.editor.textChanged.connect(lambda: self._changed(self.editor.toPlainText()))

    def show_value(self, value: str) -> None:
        if self.editor.toPlainText() != value:
            self.editor.blockSignals(True)
            self.editor.setPlainText(value)
            self.editor.blockSignals(False)


class _Rich(BoundField):
    def __init__(self, spec, commit):
        super().__init__(spec, commit, RichTextEditor())
        self.editor.markdown_edited.connect(self._changed)
        self.editor.refused.connect(self._refused)

    def _refused(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    def show_value(self, value: str) -> None:
        self.editor.show_markdown(value)


class _Check(BoundField):
    def __init__(self, spec, commit):
        super().__init__(spec, commit, QCheckBox(spec.label))
        self.editor.toggled.connect(self._changed)

    def show_value(self, value: bool) -> None:
        self.editor.blockSignals(True)
        self.editor.setChecked(bool(value))
        self.editor.blockSignals(False)


class _Spin(BoundField):
    def __init__(self, spec, commit):
        super().__init__(spec, commit, QSpinBox())
        self.editor.setRange(spec.minimum, spec.maximum)
        self.editor.valueChanged.connect(self._changed)

    def show_value(self, value: int) -> None:
        self.editor.blockSignals(True)
        self.editor.setValue(int(value))
        self.editor.blockSignals(False)


class _Choice(BoundField):
    def __init__(self, spec, commit):
        super().__init__(spec, commit, QComboBox())
        for value, title in spec.choices:
            self.editor.addItem(title, value)
        self.editor.currentIndexChanged.connect(lambda _: self._changed(self.editor.currentData()))

    def show_value(self, value: Any) -> None:
        index = self.editor.findData(value)
        if index < 0:
            self.editor.addItem(str(value), value)
            index = self.editor.count() - 1
        self.editor.blockSignals(True)
        self.editor.setCurrentIndex(index)
        self.editor.blockSignals(False)


class _DateTime(BoundField):
    """A date and time typed section by section (day, month, year, hours, minutes) or picked from a calendar."""

    def __init__(self, spec, commit):
        super().__init__(spec, commit, QDateTimeEdit())
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat("ddd d MMM yyyy, HH:mm")
        _name_date_parts(self.editor, spec.label, "day, month, year, hours and minutes")
        self.editor.dateTimeChanged.connect(lambda value: self._changed(value.toPython().replace(tzinfo=None)))

    def show_value(self, value: datetime | None) -> None:
        if value is None:
            return
        shown = QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))
        if self.editor.dateTime() == shown:
            return  # setting it again would throw away the section she is typing in
        self.editor.blockSignals(True)
        self.editor.setDateTime(shown)
        self.editor.blockSignals(False)


def _inner_text(box: QAbstractSpinBox) -> QLineEdit:
    return box.findChild(QLineEdit, options=Qt.FindChildOption.FindDirectChildrenOnly)


def _name_date_parts(editor: QDateTimeEdit, label: str, parts: str) -> None:
    """A screen reader lands on the box's inner text and its calendar, not the box: name those too."""
    how = f"Type the {parts}; Up and Down change the part the cursor is in; Tab moves on."
    editor.setAccessibleDescription(how)
    _inner_text(editor).setAccessibleDescription(how)
    calendar = editor.calendarWidget()
    calendar.setAccessibleName(f"Calendar for {label.lower()}")
    for year in calendar.findChildren(QSpinBox):  # the calendar's year box, and the text inside it
        for widget in (year, *year.findChildren(QLineEdit)):
            widget.setAccessibleName("Year")


class _Date(BoundField):
    """A date that may be unset: the earliest date stands for "Not set"; its calendar then opens at today."""

    _UNSET = QDate(2000, 1, 1)

    def __init__(self, spec, commit):
        super().__init__(spec, commit, QDateEdit())
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat("ddd d MMM yyyy")
        _name_date_parts(self.editor, spec.label, "day, month and year")
        self.editor.setMinimumDate(self._UNSET)
        self.editor.setSpecialValueText("Not set")
        self.editor.dateChanged.connect(self._date_changed)
        self._opens_today = _OpensAtToday(self.editor, self._UNSET)

    def _date_changed(self, value: QDate) -> None:
        self._changed(None if value == self._UNSET else value.toPython())

    def show_value(self, value: date | None) -> None:
        shown = self._UNSET if value is None else QDate(value.year, value.month, value.day)
        if self.editor.date() == shown:
            return
        self.editor.blockSignals(True)
        self.editor.setDate(shown)
        self.editor.blockSignals(False)


class _OpensAtToday(QObject):
    """Turns an unset date's calendar to this month as it opens (Qt would show January 2000)."""

    def __init__(self, editor: QDateEdit, unset: QDate):
        super().__init__(editor)
        self._editor = editor
        self._unset = unset
        editor.calendarWidget().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Show and self._editor.date() == self._unset:
            today = QDate.currentDate()
            self._editor.calendarWidget().setCurrentPage(today.year(), today.month())
        return False


class _Image(_Line):
    """An image's source: a web address or a local file, with a thumbnail of local files."""

    def __init__(self, spec, commit):
        super().__init__(spec, commit)
        browse = QPushButton("Choose file…")
        browse.setAccessibleName("Choose image file")
        browse.clicked.connect(self._browse)
        self.tab_stops.append(browse)
        self.thumbnail = QLabel()
        self.thumbnail.setFixedHeight(90)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.editor, 1)
        row.addWidget(browse)
        column.addLayout(row)
        column.addWidget(self.thumbnail)
        self.widget = box

    def _browse(self) -> None:
        choose_picture(self.widget, self.editor.text(), self._picked)  # crop, size for email; original untouched

    def _picked(self, path: str) -> None:
        self.editor.setText(path)
        self._edited(path)

    def show_value(self, value: str) -> None:
        super().show_value(value)
        show_thumbnail(self.thumbnail, value)  # read safely: the file's size and header before any decoding


def register_field_kind(kind: str, builder: Callable[[Field, Commit], BoundField]) -> None:
    """Let a field kind defined in its own module (e.g. the link table) be used in forms."""
    _BUILDERS[kind] = builder


_BUILDERS: dict[str, Callable[[Field, Commit], BoundField]] = {
    "line": _Line,
    "prose": _Prose,
    "url": _Url,
    "email": _Email,
    "colour": _Colour,
    "multiline": _Multiline,
    "rich": _Rich,
    "check": _Check,
    "spin": _Spin,
    "choice": _Choice,
    "datetime": _DateTime,
    "date": _Date,
    "image": _Image,
}
