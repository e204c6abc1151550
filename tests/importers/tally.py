"""Figures counted file by file and added up (clipboard_fidelity.py and word_list_fidelity.py)."""


class Tally:
    """A dataclass of counts (and lists of what went wrong) that adds another's into its own."""

    def add(self, other: "Tally") -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)
