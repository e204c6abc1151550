"""The centre of the window: the form for whatever is selected in the outline."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from composer.checks.accessibility import COLOUR_PAIRS, contrast_ratio
from composer.model import BLOCK_TITLES, SECTION_KIND_TITLES, ComposerError, Issue
from composer.model import edits
from composer.render.themes import load_theme

from ..document import IssueDocument
from ..icons import icon_for
from .fields import Field
from .forms import BLOCK_FIELDS, SECTION_FIELDS, issue_fields


BRAND_COLOURS = ("brand.primary_colour", "brand.accent_colour")
_ERROR_STYLE = "color:#b91c1c;font-size:12px;"
_ADVICE_STYLE = "color:#92400e;font-size:12px;"


class FormEditor(QWidget):
    """A form of bound fields; reads values from the issue and writes edits through the document."""

    def __init__(self, title: str, icon_kind: str, fields: tuple[Field, ...],
                 read: Callable[[Issue, str], Any], write: Callable[[str, Any], None], hint: str = ""):
        super().__init__()
        self._read = read
        self._write = write
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        header = QLabel(f"<span style='font-size:15pt;font-weight:600'>{title}</span>")
        header.setTextFormat(Qt.TextFormat.RichText)
        icon = QLabel()
        icon.setPixmap(icon_for(icon_kind).pixmap(24, 24))
        top = QWidget()
        top_layout = QFormLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 6)
        top_layout.addRow(icon, header)
        layout.addWidget(top)
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setStyleSheet("color:#52606d;")
            layout.addWidget(note)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        self.fields: dict[str, Any] = {}
        for spec in fields:
            bound = spec.build(lambda value, name=spec.name: self._commit(name, value))
            if spec.kind == "check":
                form.addRow("", bound.widget)
            else:
                label = QLabel(spec.label + ":")
                label.setBuddy(bound.editor)
                form.addRow(label, bound.widget)
            form.addRow("", bound.error)
            self.fields[spec.name] = bound
        layout.addLayout(form)
        layout.addStretch(1)
        widgets = [stop for bound in self.fields.values() for stop in bound.tab_stops]
        for first, second in zip(widgets, widgets[1:]):
            QWidget.setTabOrder(first, second)

    def refresh(self, issue: Issue) -> None:
        for name, bound in self.fields.items():
            bound.show_value(self._read(issue, name))

    def _commit(self, name: str, value: Any) -> str | None:
        try:
            self._write(name, value)
        except ComposerError as error:
            return str(error).split(": ", 2)[-1]
        return None


class EditorPanel(QScrollArea):
    """Shows the issue settings, a section's form or a block's form, and keeps it in step with undo."""

    # A new form is shown: (kind, item id). Features adjust it, e.g. the library makes a linked block read-only.
    form_shown = Signal(str, object)

    def __init__(self, document: IssueDocument):
        super().__init__()
        # Features may change what the forms show: issue -> issue as shown (linked blocks show their library entry).
        self.shown_issue_filters: list[Callable[[Issue], Issue]] = []
        self.setWidgetResizable(True)
        # Fields shrink to the pane rather than hide behind a sideways scroll bar.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Editor")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields take the keyboard, not the pane around them
        self._document = document
        self._current: tuple[str, str | None] = ("", None)
        self.form: FormEditor | None = None
        document.changed.connect(self._on_changed)
        self.show_item("issue", None)

    def set_document(self, document: IssueDocument) -> None:
        self.flush()
        self._document.changed.disconnect(self._on_changed)
        self._document = document
        document.changed.connect(self._on_changed)
        self._current = ("", None)
        self.show_item("issue", None)

    def flush(self) -> None:
        """Write what a text box holds but has not written yet (a long text waits for a pause in typing)."""
        for bound in (self.form.fields.values() if self.form is not None else ()):
            if hasattr(bound.editor, "flush"):
                bound.editor.flush()

    def first_field(self) -> QWidget | None:
        """The form's first field: where Tab from the outline and a newly added block lead."""
        if self.form is None or not self.form.fields:
            return None
        return next(iter(self.form.fields.values())).editor

    def focus_first_field(self) -> None:
        """The keyboard in the first field, its words selected so typing replaces a suggestion such as “New heading”."""
        field = self.first_field()
        if field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            if hasattr(field, "selectAll"):
                field.selectAll()

    def show_item(self, kind: str, item_id: str | None) -> None:
        if (kind, item_id) == self._current and self.form is not None:
            return
        self.flush()
        self._current = (kind, item_id)
        self.form = self._build(kind, item_id)
        self.form.refresh(self._shown(self._document.issue))
        self.setWidget(self.form)
        self._flag_contrast()
        self.form_shown.emit(kind, item_id)

    @property
    def current_item(self) -> tuple[str, str | None]:
        return self._current

    def refresh(self) -> None:
        """Show the current values again, e.g. after a linked block's library entry changed."""
        if self.form is not None:
            self.form.refresh(self._shown(self._document.issue))

    def _shown(self, issue: Issue) -> Issue:
        for shown in self.shown_issue_filters:
            issue = shown(issue)
        return issue

    def _on_changed(self, issue: Issue) -> None:
        kind, item_id = self._current
        try:
            if kind == "block":
                edits.find_block(issue, item_id)
            elif kind == "section":
                edits.find_section(issue, item_id)
        except edits.NotFound:
            self.show_item("issue", None)
            return
        if self.form is not None:
            self.form.refresh(self._shown(issue))
            self._flag_contrast()

    def _build(self, kind: str, item_id: str | None) -> FormEditor:
        document = self._document
        if kind == "block":
            block = edits.find_block(document.issue, item_id)
            return FormEditor(
                BLOCK_TITLES.get(block.type, block.type), block.type, BLOCK_FIELDS.get(block.type, ()),
                read=lambda issue, name: getattr(edits.find_block(issue, item_id), name),
                write=lambda name, value: document.update_block(item_id, **{name: value}),
            )
        if kind == "section":
            section = edits.find_section(document.issue, item_id)
            return FormEditor(
                f"{SECTION_KIND_TITLES[section.kind]} section", "section", SECTION_FIELDS,
                read=lambda issue, name: getattr(edits.find_section(issue, item_id), name),
                write=lambda name, value: document.update_section(item_id, **{name: value}),
            )
        form = FormEditor("Issue settings", "issue", issue_fields(), read=_read_issue, write=self._write_issue)
        for name in BRAND_COLOURS:
            # Connected after the field's own handlers, so the flag survives the field clearing its message.
            bound = form.fields[name]
            bound.editor.textEdited.connect(lambda _text: self._flag_contrast())
            bound.swatch.clicked.connect(lambda: self._flag_contrast())
        return form

    def _flag_contrast(self) -> None:
        """A brand colour that makes some text hard to read is flagged under its field (the value is kept)."""
        if self.form is None or self._current[0] != "issue":
            return
        for name in BRAND_COLOURS:
            bound = self.form.fields.get(name)
            if bound is None:
                continue
            if bound.editor.property("invalid"):
                bound.error.setStyleSheet(_ERROR_STYLE)
                continue
            message = contrast_problem(self._document.issue, name)
            bound.error.setStyleSheet(_ADVICE_STYLE if message else _ERROR_STYLE)
            bound.error.setText(message)
            bound.error.setVisible(bool(message))

    def _write_issue(self, name: str, value: Any) -> None:
        if name.startswith("brand."):
            brand = edits.with_changes(self._document.issue.brand, {name.removeprefix("brand."): value})
            self._document.update_issue(brand=brand)
        else:
            self._document.update_issue(**{name: value})


def _read_issue(issue: Issue, name: str) -> Any:
    if name.startswith("brand."):
        return getattr(issue.brand, name.removeprefix("brand."))
    return getattr(issue, name)


def contrast_problem(issue: Issue, name: str) -> str:
    """The WCAG AA text pairs the brand colour *name* takes part in that fail, or ""."""
    colours = {key: value for key, value in load_theme(issue.theme).settings.items() if value.startswith("#")}
    colours.update({"brand.primary_colour": issue.brand.primary_colour, "brand.accent_colour": issue.brand.accent_colour})
    problems = []
    for what, fore, back, needed in COLOUR_PAIRS:
        if name in (fore, back) and fore in colours and back in colours:
            ratio = contrast_ratio(colours[fore], colours[back])
            if ratio < needed:
                problems.append(f"{what} ({colours[fore]} on {colours[back]}) is {ratio:.1f}:1, needs {needed:g}:1")
    return "Hard to read (WCAG AA): " + "; ".join(problems) + "." if problems else ""
