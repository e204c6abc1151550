"""The window's menu bar and toolbar: every action placed by its menu and group.

Actions are declared as data (actions.py), the window's own and the features' alike, so
where one lands depends on its group, never on the order features were installed in.
Features reach this through the window's ``add_action``, ``place`` and ``menu``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton

from composer.model import BLOCK_TITLES, BLOCK_TYPES, SECTION_KIND_TITLES

from .actions import ACTIONS, MENUS, ActionSpec
from .icons import icon_for


class WindowMenus:
    """Builds the window's menus and toolbar, and places each action a feature adds."""

    def __init__(self, window):
        self.window = window
        self.actions_by_name: dict[str, QAction] = {}
        self.toolbar = QToolBar("Main")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setMovable(False)
        window.addToolBar(self.toolbar)
        for title in MENUS:
            self.menu(title)
        for spec in ACTIONS:
            self.add_action(spec)
        self.recent_menu = QMenu("Open &recent", window)
        self.recent_menu.aboutToShow.connect(lambda: window.files.fill_recent_menu(self.recent_menu))
        self.place(self.recent_menu.menuAction(), "&File", "open")
        self.add_section_menu = QMenu("Add &section", window)
        for kind, title in zip(SECTION_KIND_TITLES, with_letters(SECTION_KIND_TITLES.values())):
            self.add_section_menu.addAction(icon_for("section"), title, lambda k=kind: window.add_section(k))
        self.add_block_menu = QMenu("Add &block", window)
        for type_name, title in zip(BLOCK_TYPES, with_letters(BLOCK_TITLES[t] for t in BLOCK_TYPES)):
            self.add_block_menu.addAction(icon_for(type_name), title, lambda t=type_name: window.add_block(t))
        self._add_opener(self.add_section_menu, "Add section", "section", "Ctrl+Shift+N")
        self._add_opener(self.add_block_menu, "Add block", "text", "Ctrl+Shift+B")

    def add_action(self, spec: ActionSpec) -> QAction:
        """Create an action from its declaration and place it in its menu group (and the toolbar)."""
        window = self.window
        action = QAction(spec.text, window)
        if isinstance(spec.shortcut, QKeySequence.StandardKey):
            action.setShortcuts(spec.shortcut)  # every key the platform knows: Ctrl+Y and Ctrl+Shift+Z both redo
        elif spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.tip:
            action.setToolTip(spec.tip)
            action.setStatusTip(spec.tip)
        if spec.icon is not None:
            action.setIcon(window.style().standardIcon(spec.icon))
        action.setCheckable(spec.checkable)
        action.triggered.connect(getattr(window, spec.slot) if isinstance(spec.slot, str)
                                 else (lambda _=False, s=spec.slot: s()))
        self.place(action, spec.menu, spec.group)
        if spec.toolbar:
            self.toolbar.addAction(action)
        self.actions_by_name[spec.name] = action
        return action

    def menu(self, title: str) -> QMenu:
        """The menu with this title (e.g. "&File"), created in its place on the menu bar if missing."""
        bar = self.window.menuBar()
        for action in bar.actions():
            if action.menu() is not None and action.text() == title:
                return action.menu()
        order = list(MENUS)
        menu = QMenu(title, self.window)
        menu.aboutToShow.connect(lambda m=menu: letter_every_entry(m))
        later = [a for a in bar.actions() if a.menu() is not None and a.text() in order
                 and title in order and order.index(a.text()) > order.index(title)]
        bar.insertMenu(later[0], menu) if later else bar.addMenu(menu)
        return menu

    def place(self, action: QAction, menu_title: str, group: str) -> None:
        """Put *action* at the end of its group in its menu; groups keep their order, separators between them."""
        menu = self.menu(menu_title)
        groups = MENUS.get(menu_title, (group,))
        action.setProperty("nc_group", groups.index(group) if group in groups else len(groups) - 1)
        # Anything added to the menu by hand counts as the group before the last (Quit stays last).
        placed = [a for a in menu.actions() if not a.isSeparator()] + [action]
        ranked = sorted(enumerate(placed), key=lambda pair: (_rank(pair[1], len(groups)), pair[0]))
        for old in menu.actions():  # take them off without deleting them (clear() deletes some)
            menu.removeAction(old)
            if old.isSeparator():
                old.deleteLater()
        previous = None
        for _, item in ranked:
            rank = _rank(item, len(groups))
            if previous is not None and rank != previous:
                menu.addSeparator()
            menu.addAction(item)
            previous = rank

    def _add_opener(self, menu: QMenu, label: str, icon: str, shortcut: str) -> None:
        """An Insert menu entry, a toolbar button and a shortcut that all open *menu*."""
        self.place(menu.menuAction(), "&Insert", "add")
        button = QToolButton()
        button.setText(label)
        button.setIcon(icon_for(icon))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setAccessibleName(label)
        button.setToolTip(f"{label} ({shortcut})")
        self.toolbar.addWidget(button)
        opener = QAction(label, self.window, shortcut=QKeySequence(shortcut))
        opener.triggered.connect(lambda _=False, b=button: b.showMenu())
        self.window.addAction(opener)


def with_letters(titles) -> list[str]:
    """Each title with its own menu letter (&): the first free letter of a word's start, else any free letter.

    Lets the keyboard choose "Image" in Add block by pressing I instead of arrowing down six times.
    """
    used: set[str] = set()
    return [with_letter(title, used) for title in titles]


def with_letter(title: str, used: set[str]) -> str:
    """*title* with & before its first letter not in *used* (word starts first); adds that letter to *used*."""
    starts = [i for i, c in enumerate(title) if c.isalpha() and (i == 0 or not title[i - 1].isalpha())]
    others = [i for i, c in enumerate(title) if c.isalpha() and i not in starts]
    position = next((i for i in starts + others if title[i].lower() not in used), None)
    if position is None:
        return title.replace("&", "&&")
    used.add(title[position].lower())
    return title[:position].replace("&", "&&") + "&" + title[position:].replace("&", "&&")


def menu_letter(text: str) -> str | None:
    """The letter after a single & in a menu entry's text, lower-cased, or None."""
    position = text.replace("&&", "\0\0").find("&")
    return text[position + 1].lower() if 0 <= position < len(text) - 1 else None


def letter_every_entry(menu: QMenu) -> None:
    """Entries added without a letter (the docks' toggles, "Send to Mailchimp…" whose name follows the
    issue's provider) get one no other entry of the menu uses; run as the menu opens."""
    used = {menu_letter(action.text()) for action in menu.actions()} - {None}
    for action in menu.actions():
        if not action.isSeparator() and menu_letter(action.text()) is None:
            action.setText(with_letter(action.text(), used))


def _rank(action: QAction, group_count: int) -> float:
    rank = action.property("nc_group")
    return group_count - 1.5 if rank is None else rank
