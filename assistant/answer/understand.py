"""What a question asks, worked out from its words and the conversation before it.

The default answerer is exact because it never guesses what was asked: a
question becomes a typed `Question` (its kind, the task numbers, agencies and
part it names, a claim to check), and follow-ups ("and who else?", "which of
those does SIPO lead?") fill what they leave out from the turn before.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from assistant.notice import agencies as registry

MAX_QUESTION_CHARS = 1000
ORDINAL_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7,
}
NUMBER_WORD = r"(?:\d+|one|two|three|four|five|six|seven|first|second|third|fourth|fifth|sixth|seventh|iv|vi{0,2}|i{1,3})"

TASK_LIST_RE = re.compile(
    r"\b(?:tasks?|items?|points?|no\.|number|#)\s*(?:no\.?\s*|number\s*|#\s*)?"
    r"(\d+(?:\s*(?:,|and|or|&|/|-|to)\s*(?:tasks?\s*)?#?\d+)*)",
    re.IGNORECASE,
)
HASH_NUMBER_RE = re.compile(r"(?<![\w#])#(\d+)\b")
PART_RE = re.compile(rf"\bpart\s+({NUMBER_WORD})\b|\b({NUMBER_WORD})\s+part\b", re.IGNORECASE)
HEADING_RE = re.compile(r"\b(?:heading|sub-?section|section|item)\s*\(?(\d+)\)?|\((\d+)\)", re.IGNORECASE)

INJECTION_RE = re.compile(
    r"\b(ignore|disregard|forget|override)\b.{0,60}\b(notice|instructions?|rules|above|previous|prompt|context)\b"
    r"|\byou are now\b|\bpretend\b|\bsystem prompt\b|\bact as\b|\bjailbreak\b"
    r"|\b(just|simply)\s+(say|answer|reply|respond)\b|\bsay that\b",
    re.IGNORECASE,
)
ADVERT_RE = re.compile(r"weighted|blanket|hangfu|brocade|erudite|bedding", re.IGNORECASE)
OTHER_DOCUMENT_RE = re.compile(
    r"\b(?:19\d\d|20(?:0\d|1[0-4]|1[7-9]|[2-9]\d))\b|\bother (?:notice|document|plan)|\banother (?:notice|document|plan)",
    re.IGNORECASE,
)
# A plan or law the notice only mentions is another document when the question asks what it says;
# "putting targets into the five-year plans" is a task's topic, not another document.
NAMED_DOCUMENT_RE = re.compile(r"five-year plan|\boutline\b|\bpatent law\b|\btrademark law\b", re.IGNORECASE)
SAYS_RE = re.compile(r"\b(?:say|says|said|state|states|stated|contain|contains|require|requires|provide|provides)\b",
                     re.IGNORECASE)

# Procedures and other countries' offices: the notice divides tasks among Chinese agencies, nothing more.
OUT_OF_SCOPE_RE = re.compile(
    r"\bhow (?:do|can|should|would) (?:i|we|you) (?:file|apply|register|submit|get|obtain|renew)\b|\bUSPTO\b"
    r"|\bU\.?S\.? Patent\b|\bUnited States\b|\bEuropean Patent Office\b|\bEUIPO\b|\bJapan Patent Office\b",
    re.IGNORECASE,
)
COUNT_RE = re.compile(
    r"\bhow many\b|\b(?:total |the )?number of (?:tasks|agencies|departments|bodies|ministries|parts|headings|items)\b"
    r"|^\s*count\b|\bcount (?:the|all|up|of)\b",  # "count the tasks", not "count for more"
    re.IGNORECASE,
)
# What a count can be of: "How many people live in China?" is not a question about the notice.
COUNTABLE_RE = re.compile(r"\btasks?\b|\bitems?\b|agenc|department|ministr|\bbod(?:y|ies)\b|\bparts?\b|"
                          r"heading|section|\bleads?\b|\bnotice\b", re.IGNORECASE)
NEGATIVE_TASK_RE = re.compile(r"\b(?:tasks?|items?|no\.|number)\s*#?\s*(-\s*\d+)\b", re.IGNORECASE)
CLAIM_START_RE = re.compile(
    r"^(?:is|isn't|does|doesn't|do|are|was|did|can you (?:check|confirm|verify)|check|verify|confirm|"
    r"true or false|correct me|am i right)\b",
    re.IGNORECASE,
)
CLAIM_END_RE = re.compile(r"(?:right|correct|true|isn't it|is that so|yes or no|no)\s*\?*\s*$", re.IGNORECASE)
LEAD_WORDS_RE = re.compile(
    r"\blead(?:s|ing)?\b|\bled\b|\bin charge\b|\bheads?\b|\bhead(?:s|ing)? up\b|\bprimary\b|\bmain\b"
    r"|\bprincipal\b|\bfirst[- ]listed\b|\bin the lead\b|\bspearhead",
    re.IGNORECASE,
)
PARTICIPANT_WORDS_RE = re.compile(
    r"\bwho else\b|\bothers?\b|\btakes? part\b|\btaking part\b|\binvolved\b|\bparticipat\w*|\bjoins?\b"
    r"|\bcooperat\w*|\bwork(?:s|ing)? on\b|\ball (?:the )?(?:agencies|departments|bodies)\b|\bsupporting\b"
    r"|\bbesides\b|\balongside\b|\bas well\b|\bpartners?\b|\bhelps?\b|\bassist\w*|\bcontribut\w*",
    re.IGNORECASE,
)
WHO_RE = re.compile(
    r"\bwho\b|\bwhom\b|\bwhich (?:agenc\w*|department\w*|bod(?:y|ies)|ministr\w*|office\w*|organ\w*|"
    r"authorit\w*|institution\w*|government bod\w*|one)\b|\bwhat (?:agenc\w*|department\w*|bod(?:y|ies)|"
    r"ministr\w*|office\w*|organ\w*|authorit\w*)\b|\bresponsible\b|\bin charge\b",
    re.IGNORECASE,
)
TEXT_WORDS_RE = re.compile(
    r"\bwhat (?:does|did|do)\b.*\b(?:say|says|require|ask|cover|mean|involve)\b|\bwhat(?:'s| is| was)\b.*\babout\b"
    r"|\btell me about\b|\bdescribe\b|\bexplain\b|\btext of\b|\bwording\b|\bquote\b|\bsummar\w+|\bcontent\b"
    r"|\bwhat (?:is|'s) (?:in )?task\b|\bshow (?:me )?task\b|\bread\b|\bdetails?\b|\bmore\b",
    re.IGNORECASE,
)
TASKS_WORD_RE = re.compile(r"\btasks\b|\blist\b|\ball (?:the )?(?:tasks|items|things)\b|\bwhich ones\b", re.IGNORECASE)
AGENCY_TASKS_RE = re.compile(
    r"\bwhat (?:does|do|did|is|are|should|must)\b.*\b(?:lead|do|handle|responsible for|in charge of|"
    r"involved in|take part in|work on|charged with|tasked with|own)\b"
    r"|\bwhat (?:are|is) (?:the )?.*(?:'s|s') (?:tasks|duties|responsibilities|jobs|role)\b|\bresponsibilities\b|\bduties\b",
    re.IGNORECASE,
)
FOLLOWUP_START_RE = re.compile(
    r"^(?:and|also|so|then|ok|okay|what about|how about|and what about|same for|and for|what of)\b"
    r"|\bwho else\b|\btell me more\b|^more\b|\bof (?:those|these|them)\b|\bthose\b|\bthese\b|\bthat one\b"
    r"|\bthat task\b|\bthis task\b|\bthe same task\b|\bit\b|\bits\b|\bthey\b|\bthem\b",
    re.IGNORECASE,
)
RESTRICT_RE = re.compile(r"\b(?:of|among|from|in) (?:those|these|them|the above|that list)\b|\bwhich of\b", re.IGNORECASE)
ASKING_RES = (WHO_RE, LEAD_WORDS_RE, PARTICIPANT_WORDS_RE, TEXT_WORDS_RE, COUNT_RE)
ASKING_FILLER = frozenset("does that this them they those these what which there then also else their about "
                          "handles handle handled deals deal with takes take tell please agency agencies body "
                          "bodies ministry department office task tasks item items".split())
MORE_RE = re.compile(r"\btell me more\b|^\s*more\b|\bmore (?:detail|details|about it|on (?:it|that))\b|\belaborate\b", re.IGNORECASE)
HEADING_WORDS_RE = re.compile(r"\bheadings?\b|\bsub-?sections?\b|\bsections?\b", re.IGNORECASE)
PART_WORDS_RE = re.compile(r"\bparts?\b|\bchapters?\b", re.IGNORECASE)


# Kinds of question the assistant declines; a follow-up never inherits from them.
REFUSED_KINDS = frozenset({"empty", "injection", "advert", "other_document", "bad_task", "out_of_scope"})


@dataclass(frozen=True)
class Claim:
    """A statement to check: `agency_ids` `relation` task, or task is about `content`."""

    relation: str  # "lead" | "involved" | "about"
    agency_ids: tuple[str, ...] = ()
    content: str = ""
    negated: bool = False


@dataclass(frozen=True)
class Question:
    text: str
    kind: str
    tasks: tuple[int, ...] = ()
    bad_tasks: tuple[int, ...] = ()
    agency_ids: tuple[str, ...] = ()
    part: int | None = None
    heading: int | None = None
    # For agency lists and counts: "lead", "involved" (all tasks) or "" (not about agencies).
    scope: str = ""
    claim: Claim | None = None
    # "Which of those ...": the tasks of the previous answer.
    restrict_to: tuple[int, ...] = ()
    followup: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)


def clean(text: str) -> tuple[str, tuple[str, ...]]:
    """Control characters out, whitespace folded, very long questions cut, with a note."""
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in str(text))
    text = " ".join(text.split())
    notes: tuple[str, ...] = ()
    if len(text) > MAX_QUESTION_CHARS:
        notes = (f"Your question was {len(text):,} characters long; I read only its first {MAX_QUESTION_CHARS:,}.",)
        text = text[:MAX_QUESTION_CHARS].rsplit(" ", 1)[0]
    return text, notes


def task_numbers(text: str) -> list[int]:
    """Task numbers a question names: "task 24", "tasks 23 and 24", "tasks 1-3", "#24"."""
    numbers: list[int] = []
    for match in TASK_LIST_RE.finditer(text):
        chunk = match.group(1)
        for a, b in re.findall(r"(\d+)\s*(?:-|to)\s*(?:tasks?\s*)?#?(\d+)", chunk):
            if int(a) < int(b) <= int(a) + 20:
                numbers += range(int(a), int(b) + 1)
        numbers += [int(n) for n in re.findall(r"\d+", chunk)]
    numbers += [int(n) for n in HASH_NUMBER_RE.findall(text)]
    return list(dict.fromkeys(numbers))


def _ordinal(word: str | None) -> int | None:
    if not word:
        return None
    return int(word) if word.isdigit() else ORDINAL_WORDS.get(word.lower())


def part_number(text: str) -> int | None:
    match = PART_RE.search(text)
    return _ordinal(match.group(1) or match.group(2)) if match else None


def heading_number(text: str) -> int | None:
    if not HEADING_WORDS_RE.search(text) and not re.search(r"\(\d+\)", text):
        return None
    match = HEADING_RE.search(text)
    return int(match.group(1) or match.group(2)) if match else None


def understand(text: str, last_task: int = 106, previous: Question | None = None,
               previous_citations: tuple[int, ...] = ()) -> Question:
    """The kind and slots of one question; `previous` fills what a follow-up leaves out."""
    text, notes = clean(text)
    if not text or not re.search(r"\w", text):
        return Question(text, "empty", notes=notes)
    if INJECTION_RE.search(text):
        return Question(text, "injection", notes=notes)

    numbers = task_numbers(text)
    tasks = tuple(n for n in numbers if 1 <= n <= last_task)
    bad = tuple(n for n in numbers if not 1 <= n <= last_task)
    bad += tuple(int(n.replace(" ", "")) for n in NEGATIVE_TASK_RE.findall(text))
    found = tuple(a.id for a in registry.find_agencies(text))
    part = part_number(text)
    heading = heading_number(text) if not tasks else None
    if heading is not None and part is None and previous is not None and previous.part:
        part = previous.part
    base = Question(text, "", tasks, bad, found, part, heading, notes=notes)

    if ADVERT_RE.search(text) and not tasks and not found:
        return replace(base, kind="advert")
    if bad and not tasks:
        return replace(base, kind="bad_task")
    if OUT_OF_SCOPE_RE.search(text) and not tasks:
        return replace(base, kind="out_of_scope")
    another = OTHER_DOCUMENT_RE.search(text) or (NAMED_DOCUMENT_RE.search(text) and SAYS_RE.search(text))
    if another and not found and not re.search(r"\b(?:2016|2015|2018)\b", text):
        return replace(base, kind="other_document")

    question = _classify(base)
    if previous is not None:
        question = _follow(question, previous, previous_citations)
    return question


def _classify(q: Question) -> Question:
    text = q.text
    lead_words = bool(LEAD_WORDS_RE.search(text))
    participant_words = bool(PARTICIPANT_WORDS_RE.search(text))

    if _is_claim(text) and (q.tasks or q.agency_ids):
        return replace(q, kind="claim", claim=_claim(q, lead_words, participant_words))
    if COUNT_RE.search(text) and (q.agency_ids or q.tasks or q.part or COUNTABLE_RE.search(text)):
        scope = "lead" if lead_words and not participant_words else ("involved" if q.agency_ids else "")
        return replace(q, kind="count", scope=scope)
    if q.tasks:
        if participant_words:
            return replace(q, kind="participants")
        if WHO_RE.search(text) or lead_words:
            return replace(q, kind="lead")
        return replace(q, kind="task_text")
    if q.agency_ids and _asks_for_agency_tasks(text):
        scope = "lead" if lead_words and not participant_words else "involved"
        return replace(q, kind="agency_tasks", scope=scope)
    if (q.part or q.heading) and not q.agency_ids and (PART_WORDS_RE.search(text) or HEADING_WORDS_RE.search(text)):
        return replace(q, kind="part")
    if participant_words and WHO_RE.search(text):
        return replace(q, kind="participants")
    if WHO_RE.search(text) or lead_words:
        return replace(q, kind="lead")
    return replace(q, kind="topic")


def _is_claim(text: str) -> bool:
    return bool(CLAIM_START_RE.search(text) or CLAIM_END_RE.search(text))


def _claim(q: Question, lead_words: bool, participant_words: bool) -> Claim:
    negated = bool(re.search(r"\b(?:not|n't|never)\b", q.text, re.IGNORECASE))
    if q.agency_ids and (lead_words or participant_words or q.tasks):
        relation = "involved" if participant_words and not lead_words else "lead"
        if not lead_words and not participant_words:
            relation = "involved" if re.search(r"\bresponsible\b|\bpart of\b|\blisted\b", q.text, re.I) else "lead"
        return Claim(relation, q.agency_ids, negated=negated)
    content = re.sub(r"^(?:check|verify|confirm)\s*:?\s*", "", q.text, flags=re.IGNORECASE)
    content = re.sub(r"\btasks?\s*#?\d+\b|\bis (?:it )?(?:about|on|concerned with)\b|\b(?:right|correct|true)\b\W*$",
                     " ", content, flags=re.IGNORECASE)
    return Claim("about", content=" ".join(content.split()).strip(" ,?:"), negated=negated)


def _asks_for_agency_tasks(text: str) -> bool:
    if TASKS_WORD_RE.search(text) or AGENCY_TASKS_RE.search(text):
        return True
    # "What does MOFCOM lead?" names no topic once the agency and the question words go.
    rest = text
    for mention in registry.mentions(text):
        rest = rest.replace(mention.surface, " ")
    words = re.findall(r"[a-z]+", rest.lower())
    content = [w for w in words if w not in _QUESTION_WORDS]
    return not content


_QUESTION_WORDS = frozenset(
    "what which does do did is are the a an of in on for lead leads led take takes part involved "
    "handle handles responsible for tasks task all list me show give tell about with by it its their "
    "state council notice please".split()
)


def _own_topic(text: str) -> list[str]:
    """The words left when the asking is taken out ("Who handles" from "Who handles customs enforcement?")."""
    for pattern in ASKING_RES:
        text = pattern.sub(" ", text)
    return [w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in ASKING_FILLER]


def _follow(q: Question, previous: Question, citations: tuple[int, ...]) -> Question:
    """Fill a follow-up's missing slots from the question before it."""
    names_something = bool(q.tasks or q.agency_ids or q.part)
    # A short question is a follow-up only if it asks something ("Who else?", "SIPO?", "task 25?");
    # stray words ("<b>bold</b>") do not inherit the previous turn.
    asks = any(r.search(q.text) for r in ASKING_RES)
    # ... and has no topic of its own: "Who handles patent examination?" is a new question.
    marked = bool(FOLLOWUP_START_RE.search(q.text)) or (
        len(q.text.split()) <= 4 and (names_something or (asks and not _own_topic(q.text))))
    context_tasks = citations or previous.tasks
    if q.kind in REFUSED_KINDS:
        return q
    if RESTRICT_RE.search(q.text) and context_tasks:
        kind = "agency_tasks" if q.agency_ids else q.kind
        scope = "lead" if LEAD_WORDS_RE.search(q.text) and not PARTICIPANT_WORDS_RE.search(q.text) else "involved"
        return replace(q, kind=kind, scope=scope, restrict_to=tuple(context_tasks), followup=True)
    if q.kind == "claim" and not q.tasks and context_tasks and q.claim and q.claim.relation != "about":
        # "Is the Ministry of Finance involved?" after a question about one task: that task.
        return replace(q, tasks=tuple(context_tasks[:1]), followup=True)
    if not marked:
        return q
    if MORE_RE.search(q.text) and not names_something and context_tasks:
        return replace(q, kind="task_text", tasks=tuple(context_tasks[:1]), followup=True)
    if not names_something:
        if not context_tasks and not previous.agency_ids:
            return q
        kind = q.kind if q.kind not in ("topic",) else previous.kind
        if PARTICIPANT_WORDS_RE.search(q.text):
            kind = "participants"
        tasks = tuple(context_tasks[:1]) if kind in ("lead", "participants", "task_text", "claim") else ()
        return replace(q, kind=kind, tasks=tasks or previous.tasks, agency_ids=previous.agency_ids
                       if kind in ("agency_tasks", "count") else (),
                       scope=q.scope or previous.scope, part=previous.part, followup=True)
    # It names something new but asks nothing of its own: ask the previous question of it.
    if q.kind in ("topic", "task_text") and not WHO_RE.search(q.text) and not TEXT_WORDS_RE.search(q.text):
        if q.tasks and previous.kind in ("lead", "participants", "task_text"):
            return replace(q, kind=previous.kind, followup=True)
        if q.tasks and previous.kind == "claim" and previous.claim:
            return replace(q, kind="claim", claim=previous.claim, agency_ids=previous.agency_ids, followup=True)
        if q.agency_ids and previous.kind in ("agency_tasks", "count"):
            return replace(q, kind=previous.kind, scope=previous.scope, followup=True)
        if q.agency_ids and previous.kind == "claim" and previous.claim and previous.tasks:
            claim = replace(previous.claim, agency_ids=q.agency_ids)
            return replace(q, kind="claim", claim=claim, tasks=previous.tasks, followup=True)
        if q.part and previous.kind == "part":
            return replace(q, kind="part", followup=True)
    return q
