"""The organisation's details: asked once, kept in the user's settings folder, put on every new issue.

Name, postal address, charity number, colours and logo are the same from one issue
to the next, so the coordinator types them once (on the welcome screen, or later in
File → Organisation details…) and each new issue starts with them in its brand.
Kept as JSON (organisation.json in composer.user_folders.config_dir()).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from composer.model import Brand
from composer.model.values import colour_problem, url_problem
from composer.storage.atomic import atomic_write_text

DETAILS_FILE = "organisation.json"


@dataclass(frozen=True)
class OrganisationDetails:
    name: str = ""
    address: str = ""
    charity_number: str = ""
    primary_colour: str = ""
    accent_colour: str = ""
    logo_url: str = ""

    def problems(self) -> list[str]:
        """What is wrong, in the coordinator's words (empty when the details can be kept)."""
        found = []
        for label, value in (("Main colour", self.primary_colour), ("Accent colour", self.accent_colour)):
            if value and colour_problem(value):
                found.append(f"{label}: {colour_problem(value)}.")
        if self.logo_url and url_problem(self.logo_url):
            found.append(f"Logo: {url_problem(self.logo_url)}; give the web address of your logo picture.")
        return found

    def brand_for(self, brand: Brand) -> Brand:
        """*brand* with every detail given here (empty ones leave the issue's own)."""
        changes = {
            "organisation": self.name, "footer_address": self.address, "charity_number": self.charity_number,
            "primary_colour": self.primary_colour, "accent_colour": self.accent_colour, "logo_url": self.logo_url,
        }
        changes = {key: value.strip() for key, value in changes.items() if value.strip()}
        if self.charity_number.strip():
            changes["registered_charity"] = True
        return Brand.model_validate({**brand.model_dump(), **changes})

    def is_empty(self) -> bool:
        return not any(value.strip() for value in asdict(self).values())


def details_path(folder: Path | None = None) -> Path:
    if folder is None:
        from composer.user_folders import config_dir

        folder = config_dir()
    return Path(folder) / DETAILS_FILE


def load_details(folder: Path | None = None) -> OrganisationDetails | None:
    """The kept details, or None when they were never asked (the welcome screen shows then).

    A damaged file counts as asked, with no details, so the app never fails to start over it.
    """
    path = details_path(folder)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return OrganisationDetails()
    known = {field.name for field in fields(OrganisationDetails)}
    values = data.get("organisation", {}) if isinstance(data, dict) else {}
    return OrganisationDetails(**{key: str(value) for key, value in values.items() if key in known})


def save_details(details: OrganisationDetails, folder: Path | None = None) -> Path:
    path = details_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps({"asked": True, "organisation": asdict(details)}, indent=2, ensure_ascii=False))
    return path


class OrganisationForm(QWidget):
    """The fields, used by the welcome screen and by File → Organisation details…."""

    def __init__(self, details: OrganisationDetails | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit(placeholderText="e.g. Riverside Community Trust")
        self.address = QLineEdit(placeholderText="e.g. 1 River Street, Leeds LS1 1AA (every marketing email gives one)")
        self.charity_number = QLineEdit(placeholderText="e.g. 1234567 (empty if not registered)")
        self.primary_colour = QLineEdit(placeholderText="#1d4f73")
        self.accent_colour = QLineEdit(placeholderText="#c2410c")
        self.logo_url = QLineEdit(placeholderText="https://www.example.org.uk/logo.png")
        for widget, name in ((self.name, "organisationName"), (self.address, "organisationAddress"),
                             (self.charity_number, "charityNumber"), (self.primary_colour, "mainColour"),
                             (self.accent_colour, "accentColour"), (self.logo_url, "logoAddress")):
            widget.setObjectName(name)
        layout.addRow("Organisation &name", self.name)
        layout.addRow("Postal &address", self.address)
        layout.addRow("&Charity number", self.charity_number)
        layout.addRow("&Main colour", self._with_picker(self.primary_colour))
        layout.addRow("Acc&ent colour", self._with_picker(self.accent_colour))
        layout.addRow("&Logo (web address)", self.logo_url)
        if details is not None:
            self.set_details(details)

    def details(self) -> OrganisationDetails:
        return OrganisationDetails(
            name=self.name.text().strip(), address=self.address.text().strip(),
            charity_number=self.charity_number.text().strip(),
            primary_colour=self.primary_colour.text().strip(), accent_colour=self.accent_colour.text().strip(),
            logo_url=self.logo_url.text().strip(),
        )

    def set_details(self, details: OrganisationDetails) -> None:
        self.name.setText(details.name)
        self.address.setText(details.address)
        self.charity_number.setText(details.charity_number)
        self.primary_colour.setText(details.primary_colour)
        self.accent_colour.setText(details.accent_colour)
        self.logo_url.setText(details.logo_url)

    def _with_picker(self, field: QLineEdit) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        button = QPushButton("Choose…")
        button.setAccessibleName(f"Choose {field.objectName()}")
        button.clicked.connect(lambda: self._choose_colour(field))
        layout.addWidget(field, 1)
        layout.addWidget(button)
        return row

    def _choose_colour(self, field: QLineEdit) -> None:
        start = QColor(field.text().strip() or field.placeholderText())
        colour = QColorDialog.getColor(start, self, "Choose a colour")
        if colour.isValid():
            field.setText(colour.name())
