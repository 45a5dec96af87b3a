"""The typed result of a question: what the CLI, the UI and the eval consume."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Answer:
    # Markdown: the answer in a sentence or two (and a list when one was asked for), citing tasks as "[Task N]".
    text: str
    # Task numbers the answer rests on, most relevant first; empty when the notice does not answer.
    citations: list[int] = field(default_factory=list)
    # The operation the question was read as ("lookup", "list", "claim", ...) or the refusal's reason.
    kind: str = ""
    # True when the assistant declined: out of scope, bad input, unknown task.
    refused: bool = False
    # Short remarks for the user or the log: "question truncated", "model answer set aside: ...".
    notes: list[str] = field(default_factory=list)
    # How the question was read, in one line ("Read as: tasks where SAIC leads it in part 2").
    query: str = ""
    # The notice's own words, place and 2018 names for the cited tasks (Markdown); the CLI prints it below the
    # answer, the app shows it in each citation's card.
    evidence: str = ""

    def to_dict(self) -> dict:
        return {"answer": self.text, "citations": list(self.citations), "query": self.query,
                "refused": self.refused, "evidence": self.evidence}
