"""What the pages show, as plain functions of the records: no Streamlit here.

Everything a page draws that can be worked out without a browser lives here, so it is
tested directly (tests/ui/test_text.py): the Markdown of an answer with its citations
linked, the task card, the filters, the task search and the compact list of a long answer.
The conversation itself is in `conversation.py`.
"""

from __future__ import annotations

import csv
import io
import re
import textwrap
from dataclasses import dataclass
from typing import Container, Iterable

from assistant.errors import UnknownTask
from assistant.notice.agencies import AGENCIES, BY_ID, Agency
from assistant.notice.records import Notice, Task

APP_TITLE = "IP Tasks Assistant"
STARTER_QUESTIONS = (
    "Who leads trade secret protection?",
    "Which tasks does the Ministry of Commerce lead?",
    "Is task 24 led by the Copyright Bureau?",
    "What does part 5 cover?",
)
EMPTY_INPUT_MESSAGE = (
    'Please type a question first: your message was empty. For example: "Who leads trade secret protection?"'
)
GENERIC_ERROR_MESSAGE = "Something went wrong while answering. Please try again, or rephrase the question."

# An answer citing more tasks than this lists them as one compact table (with links and a CSV
# download) instead of one expander each. At 1400x900 six collapsed expanders take about 330 px,
# a third of the screen; "Which tasks does SIPO lead?" made fifty of them, a 7,300 px page.
MAX_CITATION_EXPANDERS = 5
# A compact list's text column, cut to one line of the 736-px chat column (about 62 characters).
COMPACT_TEXT_CHARS = 60
# How a citation links to its card on the Tasks page; relative, so it works under any base path.
TASK_LINK = "tasks?task={number}"
TASK_PARAM = "task"

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$])")
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")
# "[Task 24]" (a citation) and "task 27" / "Task 27" in running text; not a "[Task 24](...)" link already.
_CITATION = re.compile(r"\[Task (\d{1,3})\](?!\()")
_BARE_TASK = re.compile(r"(?<![\[\w/=])([Tt]ask (\d{1,3}))\b(?!\])")
_ESCAPED_CITATION = re.compile(r"\\\[Task (\d{1,3})\\\]")
_TASK_NUMBER_QUERY = re.compile(r"^\s*(?:tasks?\s*|#)?(\d{1,3})\s*$", re.IGNORECASE)
_QUOTES = "\"'“”‘’"


# --- Markdown --------------------------------------------------------------------------------------

def escape_markdown(text: str) -> str:
    """Text shown through st.markdown exactly as written: no emphasis, links, HTML or maths."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def escape_all(text: str) -> str:
    """Untrusted text as inert Markdown: every ASCII punctuation mark escaped.

    Beyond `escape_markdown`, this also stops autolinked URLs ("http://...", "www.x.org"),
    images ("!["), entities ("&lt;"), list and heading markers and Streamlit's ":red[...]"
    and ":material/...:" directives, since each of them needs a punctuation mark.
    """
    return _ASCII_PUNCTUATION.sub(r"\\\1", str(text))


def task_link(number: int) -> str:
    return TASK_LINK.format(number=number)


def link_citations(markdown: str, known: Container[int] = range(1, 1000)) -> str:
    """Each "[Task N]" in trusted Markdown as a link to that task's card, and a bare "task N" too
    when its paragraph does not cite it already ("Related tasks: task 27, task 26").

    Only numbers in `known` are linked: "there is no task 107" stays text.
    """
    def citation(m: re.Match) -> str:
        number = int(m.group(1))
        return f"[Task {number}]({task_link(number)})" if number in known else m.group(0)

    def paragraph(text: str) -> str:
        linked = {int(n) for n in _CITATION.findall(text)}

        def bare(m: re.Match) -> str:
            number = int(m.group(2))
            if number not in known or number in linked:
                return m.group(0)
            linked.add(number)
            return f"[{m.group(1)}]({task_link(number)})"

        return _CITATION.sub(citation, _BARE_TASK.sub(bare, text))

    return "\n\n".join(paragraph(p) for p in markdown.split("\n\n"))


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")


def plain_text(markdown: str) -> str:
    """Markdown as words to read aloud: no emphasis marks, link targets or quote markers."""
    text = _LINK.sub(r"\1", markdown)
    text = _EMPHASIS.sub("", text)
    lines = [re.sub(r"^\s*(?:>\s?|[-*]\s+)", "", line) for line in text.splitlines()]
    return " ".join(" ".join(lines).split())


def answer_markdown(text: str, trusted: bool = True, known: Container[int] = range(1, 1000)) -> str:
    """An answer as the app renders it, its citations linked to the task cards.

    Trusted text is the grounded answer composed from the records: its Markdown is kept,
    with "$" literal (Streamlit would read "$...$" as LaTeX). Untrusted text is what a
    language model wrote: it is shown escaped, so no image, link or HTML of the model's
    ever renders; only its "[Task N]" citations become (our) links.
    """
    if trusted:
        return link_citations(_UNESCAPED_DOLLAR.sub(r"\\$", text), known)
    escaped = escape_all(text).replace("\n", "  \n")

    def citation(m: re.Match) -> str:
        number = int(m.group(1))
        return f"[Task {number}]({task_link(number)})" if number in known else m.group(0)

    return _ESCAPED_CITATION.sub(citation, escaped)


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# --- agencies --------------------------------------------------------------------------------------

AGENCY_IDS = tuple(a.id for a in sorted(AGENCIES, key=lambda a: a.name))


def agency_label(agency: Agency) -> str:
    return f"{agency.name} ({agency.abbreviations[0]})" if agency.abbreviations else agency.name


def agency_option_label(agency_id: str) -> str:
    """A filter option: the abbreviation first, so a chip cut short in the sidebar still says which."""
    agency = BY_ID[agency_id]
    return f"{agency.abbreviations[0]} · {agency.name}" if agency.abbreviations else agency.name


def short_name(agency: Agency) -> str:
    return agency.abbreviations[0] if agency.abbreviations else agency.name


def notice_wording(agency: Agency, task: Task) -> str:
    return task.wording(agency)


def names_of(agencies: list[Agency], task: Task) -> str:
    """Canonical names, each with the notice's own wording when it differs."""
    parts = []
    for agency in agencies:
        wording = notice_wording(agency, task)
        parts.append(f'{agency.name} (the notice: "{wording}")' if wording else agency.name)
    return "; ".join(parts)


@dataclass(frozen=True)
class AgencyCount:
    agency: Agency
    leads: int
    takes_part: int  # tasks it joins without leading

    @property
    def total(self) -> int:
        return self.leads + self.takes_part


def agency_counts(notice: Notice) -> list[AgencyCount]:
    """Every agency the notice names, with the tasks it leads and joins, busiest first."""
    counts = []
    for agency in AGENCIES:
        involved = notice.tasks_involving(agency.id)
        if not involved:
            continue
        leads = sum(1 for t in involved if t.led_by(agency.id))
        counts.append(AgencyCount(agency, leads, len(involved) - leads))
    return sorted(counts, key=lambda c: (-c.leads, -c.total, c.agency.name))


# --- filters ---------------------------------------------------------------------------------------

ALL_PARTS = 0  # the part selectboxes' first option (a None option would read as "nothing chosen")


@dataclass(frozen=True)
class FilterChoice:
    """What the filter widgets hold: tasks involving (or led by) every agency given, in one part."""

    agency_ids: tuple[str, ...] = ()
    lead_only: bool = False
    part: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "agency_ids", tuple(dict.fromkeys(a for a in self.agency_ids if a in BY_ID)))
        object.__setattr__(self, "lead_only", bool(self.lead_only and self.agency_ids))
        object.__setattr__(self, "part", self.part or None)

    @property
    def filters(self):
        """The same choice as the answering API's `Filters`, which holds the one rule of what they keep."""
        from assistant.answer.chain import Filters

        return Filters(agency_ids=self.agency_ids, lead_only=self.lead_only, part=self.part)

    @property
    def empty(self) -> bool:
        return self.filters.empty

    def admits(self, task: Task) -> bool:
        return self.filters.admits(task)

    def summary(self, notice: Notice) -> str:
        """One line saying what the filters keep, or "" when none is set."""
        pieces = []
        if self.agency_ids:
            verb = "led by" if self.lead_only else "involving"
            pieces.append(f"tasks {verb} {' and '.join(BY_ID[a].name for a in self.agency_ids)}")
        if self.part:
            pieces.append(part_label(self.part, notice))
        return "; ".join(pieces)

    def to_list(self) -> list:
        return [list(self.agency_ids), int(self.lead_only), self.part or 0]

    @classmethod
    def from_list(cls, value) -> "FilterChoice":
        ids, lead, part = value
        return cls(tuple(str(i) for i in ids), bool(lead), int(part) or None)


def part_label(part: int | None, notice: Notice) -> str:
    if not part:
        return "All parts"
    return f"Part {part}: {sentence_case(notice.part(part).title)}"


# --- the task card ---------------------------------------------------------------------------------

def task_summary(task: Task, width: int = 80) -> str:
    return textwrap.shorten(task.text, width, placeholder="...")


def citation_label(task: Task) -> str:
    return f"Task {task.number} — {task_summary(task, 70)}"


def task_details_markdown(task: Task) -> str:
    """What a reader needs to check a citation: where the task sits, its words, who does it."""
    lines = [
        f"**Part {task.part}:** {escape_markdown(sentence_case(task.part_title))}  ",
        f"**Heading ({task.heading_number}):** {escape_markdown(task.heading)}",
        "",
        f"> {escape_markdown(task.text)}",
        "",
        f"**Lead:** {escape_markdown(names_of(task.leads, task)) or 'none named'}  ",
        f"**Other agencies:** {escape_markdown(names_of(task.others, task)) or 'none'}",
    ]
    return "\n".join(lines)


def agency_wording_line(task: Task) -> str:
    wording = f"The notice's agency wording: “({task.agency_text})”"
    if task.lead_wording:
        wording += f" — the lead is named explicitly (“{task.lead_wording}”)"
    return escape_markdown(wording)


def reorganisation_line(task: Task) -> str:
    changed = [a for a in task.agencies if a.successor]
    if not changed:
        return ""
    return escape_markdown("Since the 2018 reorganisation: " + " ".join(f"{a.name}: {a.successor}." for a in changed))


# --- the task table and its search -----------------------------------------------------------------

@dataclass(frozen=True)
class TaskSearch:
    tasks: list[Task]
    # How the words were matched: "number", "phrase" (as typed, in order), "words" (each anywhere), "" (none).
    matched_by: str


def _normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def _haystack(task: Task) -> str:
    """The fields a search looks in, one per line so a phrase never runs from one into the next."""
    fields = [task.text, task.heading, task.part_title, task.agency_text]
    for agency in task.agencies:
        fields += [agency.name, agency.chinese, *agency.abbreviations]
    return "\n".join(_normalise(f) for f in fields)


def search_tasks(tasks: Iterable[Task], query: str = "", choice: FilterChoice = FilterChoice()) -> TaskSearch:
    """The tasks the filters admit that match `query`.

    A number ("24", "task 24", "#24") finds that task. Words are matched as a phrase first
    ("Industry and Commerce" finds the SAIC's tasks, not every task with "and"); only when no
    task holds the phrase are they matched one by one. Quotes ask for the phrase alone.
    """
    admitted = [t for t in tasks if choice.admits(t)]
    query = query.strip()
    if not query:
        return TaskSearch(admitted, "")
    number = _TASK_NUMBER_QUERY.match(query)
    if number:
        return TaskSearch([t for t in admitted if t.number == int(number.group(1))], "number")
    quoted = len(query) > 1 and query[0] in _QUOTES and query[-1] in _QUOTES
    phrase = _normalise(query.strip(_QUOTES))
    if not phrase:
        return TaskSearch(admitted, "")
    found = [t for t in admitted if phrase in _haystack(t)]
    if found or quoted:
        return TaskSearch(found, "phrase")
    words = [w for w in phrase.split() if w not in {"task", "tasks"}]
    found = [t for t in admitted if all(w in _haystack(t) for w in words)]
    return TaskSearch(found, "words")


def task_rows(tasks: Iterable[Task]) -> list[dict]:
    return [
        {
            "number": t.number,
            "part": t.part,
            "heading": t.heading,
            "text": t.text,
            "leads": "; ".join(a.name for a in t.leads),
            "others": "; ".join(a.name for a in t.others),
        }
        for t in tasks
    ]


# --- a long answer's compact list ------------------------------------------------------------------

def compact_markdown(tasks: Iterable[Task]) -> str:
    """The cited tasks as one Markdown table: the task (a link to its card), its lead, its text cut short."""
    lines = ["| Task | Lead | Text |", "|---:|---|---|"]
    for task in tasks:
        lead = ", ".join(short_name(a) for a in task.leads) or "none named"
        lines.append(f"| [{task.number}]({task_link(task.number)}) | {_cell(lead)} | {_cell(task_summary(task, COMPACT_TEXT_CHARS))} |")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return escape_markdown(text).replace("\n", " ")


def tasks_csv(tasks: Iterable[Task]) -> str:
    """The cited tasks in full, for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["task", "part", "heading", "text", "lead", "other agencies"])
    for t in tasks:
        writer.writerow([t.number, t.part, t.heading, t.text, "; ".join(a.name for a in t.leads),
                         "; ".join(a.name for a in t.others)])
    return out.getvalue()


def parse_task_param(value: str | None, notice: Notice) -> int | None:
    """The task a `?task=` link asks for; UnknownTask (a one-line message) for a number the notice lacks."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    if not text.isdigit() or not notice.has_task(int(text)):
        raise UnknownTask(text, notice.last_task)
    return int(text)
