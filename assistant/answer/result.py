"""The typed result of a question: what the CLI, the UI and the eval consume."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Answer:
    # Markdown, citing tasks as "[Task N]".
    text: str
    # Task numbers the answer rests on, most relevant first; empty when the notice does not answer.
    citations: list[int] = field(default_factory=list)
    # What the question was understood to ask ("lead", "participants", "refusal", ...).
    kind: str = ""
    # True when the assistant declined: out of scope, bad input, unknown task.
    refused: bool = False
    # Short remarks for the user or the log: "question truncated", "LLM answer rejected: ...".
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"answer": self.text, "citations": list(self.citations)}
