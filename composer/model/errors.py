"""Errors a coordinator can cause while building an issue."""


class ComposerError(Exception):
    """Base of every error whose message is meant for the coordinator."""


class InvalidValue(ComposerError, ValueError):
    """A field holds something the email cannot use (a bad link, a bad date)."""
