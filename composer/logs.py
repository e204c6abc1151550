"""The app's log: errors with their context, in a rotating file the user can find.

Help → "Open log folder" shows ``log_folder()``; a coordinator can attach
the file to a support request without it growing without limit.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from composer.user_folders import log_dir

LOG_FILE_NAME = "newsletter-composer.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s (%(module)s:%(lineno)d, pid %(process)d) %(message)s"

_HANDLER_NAME = "newsletter-composer-file"


def setup_logging(level: int = logging.INFO, *, log_uncaught: bool = True) -> Path:
    """Send log records to the rotating file and return its path. Safe to call twice.

    With *log_uncaught*, exceptions nobody caught (e.g. in a Qt slot) are
    logged with their traceback before the previous hook runs.
    """
    path = log_file()
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            if Path(handler.baseFilename) == path:
                return path
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    if log_uncaught and not getattr(sys.excepthook, "_logs_to_file", False):
        sys.excepthook = _logging_excepthook(sys.excepthook)
    return path


def log_folder() -> Path:
    return log_dir()


def log_file() -> Path:
    return log_dir() / LOG_FILE_NAME


def _logging_excepthook(previous):
    def hook(kind, value, traceback):
        if not issubclass(kind, KeyboardInterrupt):
            logging.getLogger("composer").critical("uncaught error", exc_info=(kind, value, traceback))
        previous(kind, value, traceback)

    hook._logs_to_file = True
    return hook
