"""Newsletter Composer: assemble a member newsletter from reusable blocks."""

__version__ = "0.2.0"
