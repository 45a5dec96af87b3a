"""What a search may return: tasks involving (or led by) given agencies, in one part.

A pure value shared by the CLI, the app, the chain and the index (as a Chroma
metadata filter), so it lives apart from the search machinery.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.notice import agencies as registry
from assistant.notice.records import Notice, Task


@dataclass(frozen=True)
class Filters:
    """Limits a search: tasks involving (or, with lead_only, led by) every agency given, in one part."""

    agency_ids: tuple[str, ...] = ()
    lead_only: bool = False
    part: int | None = None

    @classmethod
    def from_names(cls, agency_names=(), lead_only: bool = False, part: int | None = None,
                   notice: Notice | None = None) -> "Filters":
        """From what a user typed; unknown agencies and parts raise the usual one-line errors."""
        ids = tuple(dict.fromkeys(registry.lookup(name).id for name in agency_names or ()))
        if part is not None and notice is not None:
            notice.part(part)
        return cls(agency_ids=ids, lead_only=lead_only, part=part)

    @property
    def empty(self) -> bool:
        return not self.agency_ids and self.part is None

    def admits(self, task: Task) -> bool:
        ids = task.lead_ids if self.lead_only else task.agency_ids
        return all(a in ids for a in self.agency_ids) and (self.part is None or task.part == self.part)

    def where(self) -> dict | None:
        """The same condition as `admits`, as a Chroma metadata filter."""
        key = "lead_ids" if self.lead_only else "agency_ids"
        clauses: list[dict] = [{key: {"$contains": a}} for a in self.agency_ids]
        if self.part is not None:
            clauses.append({"part": self.part})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}
