"""Typed records of the notice: parts, headings and tasks.

Everything downstream (index, retrieval, answers, UI, eval) reads these
records, never the raw text, so a fact is parsed once and cited the same way
everywhere.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from functools import lru_cache

from assistant.notice.agencies import BY_ID, Agency



# The notice's rule for leads, said once in task 2's list of agencies: "The first one is the lead department, the same
# below".
LEAD_RULE_RE = re.compile(r"the first (?:one|agency|unit|department)[^.)]*\blead(?:ing)? (?:department|unit|agency)[^.)]*",
                          re.IGNORECASE)

@lru_cache(maxsize=256)
def _wordings(agency_text: str) -> dict[str, str]:
    """Each agency's first surface form in an agency list, where it differs from its canonical name. Read once a
    list: answers name every agency of a task this way, and scanning the list again for each took 0.4 ms of a warm
    answer (`ipqa bench`, warm path profile)."""
    from assistant.notice.agencies import mentions

    found: dict[str, str] = {}
    for mention in mentions(agency_text, include_list_only=True):
        surface = mention.surface.strip()
        found.setdefault(mention.agency.id, "" if surface.casefold() == mention.agency.name.casefold() else surface)
    return found


@dataclass(frozen=True)
class Part:
    number: int
    title: str
    line: int


@dataclass(frozen=True)
class Heading:
    part: int
    number: int
    title: str
    line: int

    @property
    def label(self) -> str:
        return f"({self.number}) {self.title}"


@dataclass(frozen=True)
class Task:
    number: int
    part: int
    part_title: str
    heading_number: int
    heading: str
    text: str
    agency_text: str
    agency_ids: tuple[str, ...]
    lead_ids: tuple[str, ...]
    # The notice's own lead wording ("take the lead", "led by"), when a task has it.
    lead_wording: str
    line: int
    # The list ends "are responsible for each responsibility" (or "Responsible separately"): each agency has
    # its own part of the task, so the first-listed agency leads only nominally.
    shared: bool = False

    @property
    def agencies(self) -> list[Agency]:
        return [BY_ID[i] for i in self.agency_ids]

    @property
    def leads(self) -> list[Agency]:
        return [BY_ID[i] for i in self.lead_ids]

    @property
    def others(self) -> list[Agency]:
        return [BY_ID[i] for i in self.agency_ids if i not in self.lead_ids]

    def wording(self, agency: Agency) -> str:
        """How this task's agency list names `agency`, when that differs from its canonical name ("IP Office")."""
        return _wordings(self.agency_text).get(agency.id, "")

    def involves(self, agency_id: str) -> bool:
        return agency_id in self.agency_ids

    def led_by(self, agency_id: str) -> bool:
        return agency_id in self.lead_ids

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "part": self.part,
            "part_title": self.part_title,
            "heading": self.heading,
            "text": self.text,
            "agencies": [a.name for a in self.agencies],
            "leads": [a.name for a in self.leads],
            "shared_responsibility": self.shared,
        }


@dataclass(frozen=True)
class FrontMatter:
    """What the notice says of itself before its first part: the lines a question about its date or issuer quotes."""

    issuer: str
    date: str
    implements: str  # the document it carries out, as quoted ("Several Opinions of the State Council on ...")
    number: str  # that document's number ("Guo Fa [2015] No. 71")


@dataclass(frozen=True)
class Notice:
    title: str
    parts: tuple[Part, ...]
    headings: tuple[Heading, ...]
    tasks: tuple[Task, ...]
    # Where the notice ends in the file; what follows is not part of it.
    end_line: int
    trailing_text: str = ""
    # The notice's front matter, as its own lines say them: who signed it ("Office of the State Council"), its date
    # ("July 8, 2016"), and the document it carries out, with that document's number.
    front: "FrontMatter | None" = None
    _by_number: dict[int, Task] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_number.update({t.number: t for t in self.tasks})

    @property
    def last_task(self) -> int:
        return self.tasks[-1].number

    def task(self, number: int) -> Task:
        from assistant.errors import UnknownTask

        try:
            return self._by_number[number]
        except KeyError:
            raise UnknownTask(number, self.last_task) from None

    def has_task(self, number: int) -> bool:
        return number in self._by_number

    def part(self, number: int) -> Part:
        from assistant.errors import UnknownPart

        for part in self.parts:
            if part.number == number:
                return part
        raise UnknownPart(number, len(self.parts))

    def headings_of(self, part: int) -> list[Heading]:
        return [h for h in self.headings if h.part == part]

    def tasks_in(self, part: int, heading: int | None = None) -> list[Task]:
        return [t for t in self.tasks if t.part == part and (heading is None or t.heading_number == heading)]

    def tasks_led_by(self, agency_id: str) -> list[Task]:
        return [t for t in self.tasks if t.led_by(agency_id)]

    def tasks_involving(self, agency_id: str) -> list[Task]:
        return [t for t in self.tasks if t.involves(agency_id)]

    def lead_rule_task(self) -> Task | None:
        """The task whose list of agencies states the notice's rule for leads ("The first one is the lead
        department, the same below": task 2's)."""
        return next((t for t in self.tasks if LEAD_RULE_RE.search(t.agency_text)), None)

    def lead_rule(self) -> str:
        """The rule's own words, as the notice gives them."""
        task = self.lead_rule_task()
        found = LEAD_RULE_RE.search(task.agency_text) if task is not None else None
        return found.group(0).strip(" .") if found else ""

    def agencies_named(self) -> list[Agency]:
        """Every agency the notice names, in order of first mention."""
        seen: dict[str, Agency] = {}
        for task in self.tasks:
            for agency in task.agencies:
                seen.setdefault(agency.id, agency)
        return list(seen.values())
