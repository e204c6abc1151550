"""Features that plug into the main window: each module has ``install(window)``.

A feature adds its own actions, menus, docks and dialogs, so the main window
stays a thin frame and each feature lives in one module of its own.
"""

from __future__ import annotations

import importlib

FEATURE_MODULES: tuple[str, ...] = ("pane_focus", "import_ui", "safety_ui", "export_ui", "library_ui", "checks_panel", "spelling_ui", "new_from_previous", "canvas_actions", "help_ui", "welcome", "send_to_provider")


def install_features(window) -> None:
    for name in FEATURE_MODULES:
        importlib.import_module(f"composer.ui.{name}").install(window)
