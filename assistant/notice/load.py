"""The one place that turns settings into the parsed notice."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from assistant.notice.parse import load_notice
from assistant.notice.records import Notice
from assistant.settings import Settings


def notice_for(settings: Settings) -> Notice:
    path = Path(settings.corpus)
    stat = path.stat() if path.exists() else None
    return _cached(str(path), stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0)


@lru_cache(maxsize=4)
def _cached(path: str, mtime_ns: int, size: int) -> Notice:
    # Keyed on mtime and size so an edited corpus is read again.
    return load_notice(path)
