"""Search aids written from the notice: a plain-English gloss and sample questions per task.

The translation is stilted ("Strengthen the protection of trade secrets in talent
exchange"), and people ask in everyday words ("know-how", "staff leaving for a
rival"), which the small embedding model often fails to link. Two files in
`corpus/` bridge the gap, both written from the notice alone by someone who never
saw the eval questions:

- `task-glosses.jsonl`: a short gloss per task, embedded beside the task's text;
- `task-questions.jsonl`: six questions per task, two in the notice's words and four
  in everyday words, each embedded on its own ("doc2query"): a question is
  closest to other questions, so a user's question finds the task through them.

Answers never quote either file: they quote the notice.
"""

from __future__ import annotations

import json
from pathlib import Path

from assistant.errors import DataFileError


def _rows(path: Path | None, what: str, read) -> dict[int, object]:
    """Task number -> read(row) for each line of a JSON-lines file; no file means no aids."""
    if path is None or not Path(path).is_file():
        return {}
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError) as error:
        raise DataFileError.aids_unreadable(path, error) from None
    found: dict[int, object] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            found[int(row["task"])] = read(row)
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise DataFileError.bad_line(path, number, what, error) from None
    return found


def load_glosses(path: Path | None) -> dict[int, str]:
    """Task number -> gloss."""
    return _rows(path, "a task gloss", lambda row: str(row["gloss"]).strip())


def load_questions(path: Path | None) -> dict[int, tuple[str, ...]]:
    """Task number -> its sample questions (blank ones dropped)."""
    def read(row: dict) -> tuple[str, ...]:
        if not isinstance(row["questions"], list):
            raise TypeError(row["questions"])  # not a list: reported as a bad line
        return tuple(q.strip() for q in row["questions"] if isinstance(q, str) and q.strip())

    return _rows(path, "a line of sample questions", read)
