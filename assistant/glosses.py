"""Plain-English glosses of the tasks, for retrieval only.

The translation is stilted ("Strengthen the protection of trade secrets in talent
exchange"), and people ask in everyday words ("know-how", "staff leaving for a
rival"). Each task has a short gloss in `corpus/task-glosses.jsonl`, written from the
notice alone, without seeing the eval questions; it is embedded and searched beside
the task's text. Answers never quote it: they quote the notice.
"""

from __future__ import annotations

import json
from pathlib import Path

from assistant.errors import AssistantError


def load_glosses(path: Path | None) -> dict[int, str]:
    """Task number -> gloss; no file means no glosses (retrieval then reads the notice alone)."""
    if path is None or not Path(path).is_file():
        return {}
    glosses: dict[int, str] = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            glosses[int(row["task"])] = str(row["gloss"]).strip()
        except (ValueError, KeyError, TypeError) as error:
            raise AssistantError(f"{path}, line {number}: not a task gloss ({type(error).__name__})") from None
    return glosses
