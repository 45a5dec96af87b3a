"""The conversation: its turns, what the assistant reads of them, the address-bar copy and the export.

Plain data and functions (no Streamlit), tested in tests/ui/test_conversation.py. The chat page
keeps a list of `Turn`s in the session and mirrors it in the address (`?chat=`), so a reload or a
copied link brings the questions back to be answered again.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable

from assistant.errors import CHAT_LINK_CUT
from assistant.notice.records import Notice
from assistant.ui.text import APP_TITLE, FilterChoice, escape_all, escape_markdown, names_of, sentence_case

CONVERSATION_PARAM = "chat"
BAD_CONVERSATION_LINK = "The conversation in this link could not be read, so the chat starts afresh."
# The turns kept in the address bar (`?chat=`): the chain reads at most the last 8 as context;
# 20 questions of everyday length encode to 200-550 characters.
MAX_KEPT_TURNS = 20
# A question is kept in the address bar up to this length: the chain reads only its first 1,000
# characters (assistant/notice/mentions.py), and a 1 MB paste must not go into a URL.
MAX_KEPT_QUESTION_CHARS = 2000
# The longest `?chat=` value: older turns are dropped to fit. The app's server answered a page load
# with a 60,000-character query and refused one of 100,000 (HTTP 400); 20 random 2,000-character
# questions would encode to 34,000.
MAX_ADDRESS_CHARS = 16_000
# What a `?chat=` value may unpack to (every kept question at 4 UTF-8 bytes a character, and room for
# the filters): a crafted value cannot inflate to megabytes.
_MAX_UNPACKED_BYTES = MAX_KEPT_TURNS * (4 * MAX_KEPT_QUESTION_CHARS + 200)


@dataclass
class Reply:
    """The assistant's side of a turn, as the page shows it."""

    text: str = ""
    citations: list[int] = field(default_factory=list)
    kind: str = ""
    refused: bool = False
    notes: list[str] = field(default_factory=list)
    # The one-line reading of the question ("Read as: ..."), when the answer gives one.
    query: str = ""
    # False when a language model wrote the text: it is then rendered escaped.
    trusted: bool = True
    # A one-line message when answering failed (the text is then empty).
    error: str = ""
    # Tells this reply from any other (a screen reader hears each new one once).
    uid: str = field(default_factory=lambda: uuid.uuid4().hex[:12])


@dataclass
class Turn:
    question: str
    filters: FilterChoice = field(default_factory=FilterChoice)
    reply: Reply | None = None


# Notes about the optional language model are for the log, not the reader.
_MODEL_NOTES = ("phrased by", "model answer set aside", "model reading set aside")


def reply_from(answer) -> Reply:
    """The page's view of an `Answer` (read with getattr: `query` is a newer field)."""
    notes = list(getattr(answer, "notes", []) or [])
    return Reply(
        text=answer.text,
        citations=list(answer.citations),
        kind=answer.kind,
        refused=answer.refused,
        notes=[n for n in notes if not n.startswith(_MODEL_NOTES)],
        query=str(getattr(answer, "query", "") or ""),
        trusted=not any(n.startswith("phrased by") for n in notes),
    )


def model_history(turns: Iterable[Turn]) -> list[dict]:
    """The turns the assistant reads as context: answered ones only, as {"role", "content"}."""
    history: list[dict] = []
    for turn in turns:
        if turn.reply is None or turn.reply.error:
            continue
        history += [{"role": "user", "content": turn.question}, {"role": "assistant", "content": turn.reply.text}]
    return history


def encode_turns(turns: Iterable[Turn]) -> str:
    """The questions and their filters, packed for the address bar (`?chat=`), so a reload keeps the chat.

    The most recent turns that fit in MAX_ADDRESS_CHARS; "" for none.
    """
    kept = [[t.question[:MAX_KEPT_QUESTION_CHARS], *t.filters.to_list()] for t in list(turns)[-MAX_KEPT_TURNS:]]
    while kept:
        packed = zlib.compress(json.dumps(kept, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 9)
        value = base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")
        if len(value) <= MAX_ADDRESS_CHARS:
            return value
        kept = kept[1:]
    return ""


def decode_turns(value: str) -> list[Turn]:
    """The turns `encode_turns` packed, unanswered; ValueError when the value is not one of ours."""
    try:
        packed = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        inflate = zlib.decompressobj()
        unpacked = inflate.decompress(packed, _MAX_UNPACKED_BYTES)
        if inflate.unconsumed_tail or not inflate.eof:
            raise ValueError(CHAT_LINK_CUT)
        kept = json.loads(unpacked.decode("utf-8"))
        return [Turn(q[:MAX_KEPT_QUESTION_CHARS], FilterChoice.from_list([ids, lead, part]))
                for q, ids, lead, part in kept if isinstance(q, str)][-MAX_KEPT_TURNS:]
    except (binascii.Error, zlib.error, UnicodeDecodeError, json.JSONDecodeError, TypeError, ValueError) as error:
        raise ValueError(error) from None


def reply_markdown(reply: Reply) -> str:
    """An answer as copied to the clipboard: its Markdown as the assistant wrote it, with its notes."""
    parts = [reply.text.strip()]
    if reply.query:
        parts.append(f"_{reply.query}_")
    parts += [f"_Note: {note}_" for note in reply.notes]
    return "\n\n".join(p for p in parts if p)


def conversation_markdown(turns: Iterable[Turn], notice: Notice, now: datetime | None = None) -> str:
    """The conversation as a Markdown file: each question, its answer, and the cited tasks in full."""
    now = now or datetime.now(timezone.utc)
    out = [
        f"# {APP_TITLE}: conversation",
        "",
        f"Exported {now:%Y-%m-%d %H:%M} UTC. Answers come from {notice.title or 'the State Council notice'}.",
        "",
    ]
    for number, turn in enumerate(turns, 1):
        out += [f"## Question {number}", ""]
        out += [f"> {escape_markdown(line)}" if line.strip() else ">" for line in turn.question.splitlines()]
        out.append("")
        summary = turn.filters.summary(notice)
        if summary:
            out += [f"_Filters: {summary}_", ""]
        reply = turn.reply
        if reply is None:
            continue
        if reply.error:
            out += [f"**Error:** {reply.error}", ""]
            continue
        body = reply.text.strip() if reply.trusted else escape_all(reply.text.strip())
        out += ["### Answer", "", body, ""]
        if reply.query:
            out += [f"_{reply.query}_", ""]
        for note in reply.notes:
            out += [f"_Note: {note}_", ""]
        cited = [notice.task(n) for n in reply.citations if notice.has_task(n)]
        if cited:
            out += ["### Cited tasks", ""]
            for task in cited:
                out += [
                    f"- **Task {task.number}**, part {task.part} ({sentence_case(task.part_title)}), "
                    f"heading ({task.heading_number}) {task.heading}",
                    f"  - Text: {task.text}",
                    f"  - Lead: {names_of(task.leads, task) or 'none named'}",
                    f"  - Other agencies: {names_of(task.others, task) or 'none'}",
                    f"  - The notice's agency wording: ({task.agency_text})",
                ]
            out.append("")
    return "\n".join(out).rstrip() + "\n"
