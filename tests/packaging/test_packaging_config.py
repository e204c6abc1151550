"""Quick checks on what the wheel and the desktop bundle are made of (no build needed)."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib

import pytest
from setuptools import find_namespace_packages

from composer.resources import ROOT

sys.path.insert(0, str(ROOT / "packaging"))
import qt_modules  # noqa: E402


def test_every_package_in_the_checkout_ships_in_the_wheel():
    """pyproject.toml lists packages by name (a find cannot also map templates/ and resources/)."""
    found = {name for name in find_namespace_packages(str(ROOT), include=["composer", "composer.*"])
             if "__pycache__" not in name}
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    missing = found - listed
    assert not missing, f"add {sorted(missing)} to [tool.setuptools] packages in pyproject.toml"


def test_the_app_imports_no_qt_module_the_bundle_leaves_out():
    imported = set()
    for path in (ROOT / "composer").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("PySide6."):
                imported.add(node.module.split(".")[1])
            elif isinstance(node, ast.ImportFrom) and node.module == "PySide6":
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.Import):
                imported.update(a.name.split(".")[1] for a in node.names if a.name.startswith("PySide6."))
    left_out = imported & set(qt_modules.LEFT_OUT)
    assert not left_out, f"composer imports {sorted(left_out)}: remove them from LEFT_OUT in packaging/qt_modules.py"
    assert imported - {"__version__"} <= set(qt_modules.USED) | set(qt_modules.NEEDED_BY_WEBENGINE)


@pytest.mark.parametrize("path, kept", [
    ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", True),          # QtWebEngineCore links it
    ("PySide6/Qt/translations/qtwebengine_locales/en-GB.pak", True),
    ("PySide6/Qt/resources/qtwebengine_resources.pak", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("composer/_templates/themes/classic/theme.json", True),
    ("PySide6/Qt/translations/qtwebengine_locales/de.pak", False),
    ("PySide6/Qt/resources/qtwebengine_devtools_resources.pak", False),
    ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
    ("PySide6/Qt6Pdf.dll", False),
    ("PySide6/Qt/lib/QtMultimedia.framework/Versions/A/QtMultimedia", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
])
def test_the_bundle_keeps_what_the_app_needs_and_leaves_out_the_rest(path, kept):
    assert qt_modules.keep_file(path) is kept


def test_the_desktop_file_is_valid():
    desktop = ROOT / "packaging" / "linux" / "newsletter-composer.desktop"
    text = desktop.read_text(encoding="utf-8")
    assert re.search(r"^Exec=newsletter-composer %f$", text, re.M) and "Icon=newsletter-composer" in text
    validator = shutil.which("desktop-file-validate")
    if validator:
        result = subprocess.run([validator, str(desktop)], capture_output=True, text=True)
        assert result.returncode == 0 and "error" not in result.stdout.lower(), result.stdout


def test_version_has_one_source():
    import composer
    from composer.__main__ import version_text

    assert version_text() == f"Newsletter Composer {composer.__version__}"
    assert "version" not in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
