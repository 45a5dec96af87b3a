"""Where the assistant's own log lines go (index built or rebuilt, a model answer set aside).

One place, so the CLI and the app say these things the same way.
"""

from __future__ import annotations

import logging
import sys


def log_to_stderr(format: str = "%(message)s") -> None:
    logger = logging.getLogger("assistant")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(format))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
