"""Where a free text names the notice's things: tasks, parts, headings and agencies.

Every question is read for these once, here, before anything decides what it
asks; the query parser then combines them. Agencies are found through the
registry, through their 2018 successors ("SAMR" stands for the three 2016
agencies it absorbed) and, for typos, by fuzzy matching with rapidfuzz.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process

from assistant.notice import agencies as registry
from assistant.notice.records import Heading, Notice
from assistant.patterns import compile_later

# A question longer than this is cut, with a note: no real question about one notice needs more.
MAX_QUESTION_CHARS = 1000
# rapidfuzz ratio (0-100) above which a phrase is taken for an agency name with a typo; 90 catches one or two
# wrong letters in a long name ("Minstry of Comerce") and nothing in the eval sets' ordinary words.
AGENCY_TYPO_MIN_RATIO = 90
AGENCY_TYPO_MIN_CHARS = 12
# rapidfuzz token-set ratio above which words after "heading on ..." name a heading title.
HEADING_TITLE_MIN_RATIO = 70
# Within a part the question names, a lower ratio will do if the best title clearly leads the next: "the new fields
# / new business forms heading of part two" scores 64 against heading (4) of part 2, whose next best scores 44.
HEADING_IN_PART_MIN_RATIO = 60
HEADING_IN_PART_MIN_LEAD = 15

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
    "fiftieth": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10,
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8,
}
_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|first|second|third|fourth|fifth|sixth|seventh|" \
       r"eighth|ninth|tenth|1st|2nd|3rd|[4-9]th|10th|viii|vii|vi|iv|v|iii|ii|i)"
_TASK_WORD = r"(?:tasks?|items?|points?|no\.|nos\.|numbers?|#)"
TASK_LIST_RE = compile_later(
    # "task 40", "tasks 40 to 44", "every task from 40 to 44", "tasks between 40 and 44" is another reading
    rf"\b{_TASK_WORD}\s*(?:no\.?\s*|number\s*|#\s*|from\s+(?=\d+\s*(?:to|through|thru|-|\u2013)\s*\d))?"
    r"(-?\d+(?:\s*(?:,|and|or|&|/|-|–|—|to|through|thru|plus)\s*(?:tasks?\s*|no\.?\s*)?#?-?\d+)*)",
    re.IGNORECASE,
)
# A document's number, not a task: "Guo Fa [2015] No. 71", "国发〔2015〕71号" (the notice carries one out).
DOCUMENT_NUMBER_RE = compile_later(r"[\[〔(（]\s*(?:19|20)\d{2}\s*[\]〕)）]\s*(?:No\.?\s*)?\d+\s*号?", re.IGNORECASE)
HASH_RE = compile_later(r"(?<![\w#])#(\d+)\b")
RANGE_RE = compile_later(r"(\d+)\s*(?:-|–|—|to|through|thru)\s*(?:tasks?\s*)?#?(\d+)")
# "Section V" in capitals is a part: the notice numbers its parts I to VI and its headings (1), (2) ...; so "part (2) of
# section III" is heading (2) of part 3. Not an outline number ("section V.2", OUTLINE_RE).
PART_RE = compile_later(rf"\b(?:part|pt\.?)(?:\s+|-)(?:no\.?\s*)?({_NUM})\b|\b(?:the\s+)?({_NUM}|last|final)\s+part\b"
                     r"|\bsection\s+((?-i:I|II|III|IV|V|VI))\b(?!\s*[.(]\s*\d)", re.IGNORECASE)
HEADING_NUMBER_RE = compile_later(
    rf"\b(?:sub-?headings?|headings?|sub-?sections?|sections?|sub-?items?)\s*(?:no\.?\s*)?\(?({_NUM})(?![\w'])\)?"
    rf"|(?<!part\s)\b({_NUM})\s+(?:sub-?headings?|headings?|sub-?sections?|sections?)\b"  # not "part 2 heading 5"
    r"|\((\d{1,2})\)",
    re.IGNORECASE,
)
# "the last heading of part 3", "part 6's final sub-heading": the part's highest heading number.
LAST_HEADING_RE = compile_later(r"\b(?:last|final)\s+(?:sub-?headings?|headings?|sub-?sections?|sections?)\b", re.IGNORECASE)
# A heading written in outline form, part and heading together: "II.5", "IV.5", "III(6)", "heading VI(2)",
# "part 2.3", "part 4 (2)". Roman numerals only in capitals, and Arabic ones only after "part", so that a
# decimal or a version number is never read as a heading.
OUTLINE_RE = compile_later(r"(?<![\w.])(?:part\s+|heading\s+|section\s+)?(I|II|III|IV|V|VI)\s*(?:\.\s*|\(\s*)(\d{1,2})\b\)?"
                        r"|\b(?:part|section|sub-?section|heading)\s+(\d)\s*(?:\.\s*|\(\s*)(\d{1,2})\b\)?"
                        r"|(?<![\w.(])(\d)\((\d{1,2})\)", re.IGNORECASE)
HEADING_TITLE_RES = (
    compile_later(r"\b(?:heading|sub-?heading|section|sub-?section|category)\s+(?:on|about|called|titled|named|for|"
               r"covering|dealing with|that covers)\s+(?:the\s+)?(.+?)(?:[?.!,;]|$)", re.IGNORECASE),
    compile_later(r"\bunder\s+(?:the\s+)?[\"“']?(\w.+?)[\"”']?\s+(?:heading|sub-?heading|section)\b", re.IGNORECASE),
    compile_later(r"\b(?:under|in|within|from|heading|section|titled|called)\s+(?:the\s+)?[\"“'‘]([A-Za-z][^\"”'’]{8,120})[\"”'’]",
               re.IGNORECASE),
    compile_later(r"\b(?:in|under|within|from)\s+(?:the\s+)?(\w.{3,80}?)\s+(?:heading|sub-?heading|section)\b", re.IGNORECASE),
    # "building up IP talent (the heading in the policy part)": the words a bracketed "heading" labels
    compile_later(r"(?:with|about|on|cover|covers|under)\s+(\w.{3,80}?)\s*\(\s*(?:the\s+)?(?:heading|sub-?heading|section)\b",
               re.IGNORECASE),
    compile_later(r"(?:^|[,;:]\s*)([A-Za-z][\w\s'-]{3,60}?)\s+(?:heading|sub-?heading|section)\b", re.IGNORECASE),
)
# Numbers that are not tasks: years, percentages, money.
NOT_A_TASK_RE = compile_later(r"^(?:1[89]\d\d|20\d\d)$")
# A bare number counts as a task only where the question is about tasks; the parser decides that.
BARE_NUMBER_RE = compile_later(r"(?<![\w.(#-])(\d{1,4})(?![\w%)]|\.\d)")
# ... and never where it counts something: "Task 21 has 9 agencies", "15 departments", "3 headings".
COUNTED_RE = compile_later(r"\s*(?:of\s+(?:all\s+)?(?:the\s+)?(?:\d+\s+)?(?=tasks\b))?(?:\w+\s+)?(?:agenc|department|bod(?:y|ies)|ministr|organi[sz]ation|office|tasks\b|"
                        r"headings|parts\b|sub-?headings|items\b|times\b|names\b|entries)", re.I)

# ... nor where it is part of a name: "the Special 301 report", "Section 337", "Article 63" (a capitalised word
# before it, not at the start of a sentence, and not a word that names a task).
NAMED_NUMBER_RE = compile_later(r"(?<![.?!:;]\s)(?<!^)(?<![.?!:;])\b(?!(?:Tasks?|Items?|Parts?|Headings?|Nos?|Numbers?|Nr)\b)"
                             r"[A-Z][a-z]+\s+$")
# Everyday names for agencies: "the copyright people", "the customs folks". Not "patent agency" or "trademark
# agency": the notice's word for the firms that file for clients (task 5, "the opening of the patent agency field").
EVERYDAY_RE = compile_later(
    r"\b(?!(?:patents?|trademarks?)\s+agenc)(copyright|patents?|trademarks?|customs|forestry|statistics|stats|tax|postal|quality inspection|justice|"
    r"finance|commerce|trade|agriculture|culture|education|science|health|public security|foreign affairs|environment|"
    r"police|internet|cyberspace|online|prosecution|prosecutors['’]?|army['’]?s? equipment|military equipment)"
    r"\s+(people|folks|guys|authorit(?:y|ies)|regulators?|agency|bureau|administration|department|ministry|watchdog"
    r"|commission|office)\b",
    re.IGNORECASE,
)
# "Customs" capitalised, as a name, is the General Administration of Customs; lower case ("customs enforcement",
# "folk customs") it is a topic or an ordinary word.
_CUSTOMS_TOPIC_NEXT = (r"enforcement|duties|duty|procedures?|clearance|declarations?|tariffs?|protection|status|"
                       r"seizures?|checks?|controls?|officers?|border")
CUSTOMS_NAME_RE = compile_later(rf"(?<![Ff]olk )(?<![Ll]ocal )\bCustoms\b(?!\s+(?:{_CUSTOMS_TOPIC_NEXT}))")
# Agency names that name no agency where they stand: "IPO listing rules" (an initial public offering), and a name in
# lower case after a possessive or "local" ("trial running their patent, trademark and copyright administration
# together": the work, not the National Copyright Administration; "the local copyright bureau").
FINANCE_IPO_RE = compile_later(r"\s+(?:listings?|rules|markets?|shares|stocks?|prospectus\w*|pric\w*|underwrit\w*|"
                            r"filings?|applications?|approvals?)\b", re.IGNORECASE)
GENERIC_BEFORE_RE = compile_later(r"\b(?:their|its|our|your|his|her|local|provincial|municipal|county|city)\s+"
                               r"(?:[a-z]+(?:,\s*|\s+(?:and|or)\s+|\s+)){0,4}$")
# "customs" in lower case where an agency stands: the object of "involve", "include", "without", or beside another
# agency ("the copyright administration and customs both appear in"); elsewhere it is a topic ("customs enforcement").
CUSTOMS_WORD_RE = compile_later(rf"\bcustoms\b(?!\s+(?:{_CUSTOMS_TOPIC_NEXT}|annual|report|ip|intellectual|work|mechanism|"
                             r"supervision|and\s+(?:border|excise)))")
CUSTOMS_AGENCY_BEFORE_RE = compile_later(r"(?:\b(?:involv\w*|includ\w*|without|excluding|and|or|both|does|do|is|are|was|where|"
                                      r"were|lists?|names?|naming|on|for|with|by|than|besides|from|counting|out|minus|bar|that|"
                                      r"except)|\w,)\s+(?:the\s+)?$", re.IGNORECASE)
# An agency by its subject alone where an agency stands (the same places as lower-case "customs"): "Leaving out
# Commerce and the IP office", "does finance lead task 99?", "is the post on task 29?", "Is Industry and Commerce on
# task 91?". Elsewhere these are topics ("which tasks are about finance?").
BARE_MINISTRY = {"industry and commerce": "saic", "commerce": "mofcom", "finance": "mof", "justice": "moj",
                 "agriculture": "moa", "culture": "moc", "education": "moe", "foreign affairs": "mfa",
                 "public security": "mps", "science and technology": "most", "taxation": "sat", "forestry": "sfa",
                 "statistics": "nbs", "post": "spb", "post office": "spb", "post bureau": "spb"}
# In lower case such a word is as often a subject of the notice ("fiscal, taxation and financial support", "patents
# and agriculture"): an agency only as the subject or object of a role ("does finance lead task 99?", "is the post
# on task 29?", "besides commerce, ...").
LOWER_AGENCY_BEFORE_RE = compile_later(r"(?:\b(?:is|are|does|do|did|was|were|besides|excluding|without|except|counting|"
                                    r"out|minus|bar|involv\w*|includ\w*|(?:led|headed|run) by)\s+(?:the\s+)?|"
                                    r"(?:,|\band|\bor)\s+the\s+)$",
                                    re.IGNORECASE)
LOWER_AGENCY_AFTER_RE = compile_later(r"^\s*(?:on|in task|leads?|lead|leading|takes? part|appears?|listed|named|involved|and\b|or\b|"
                                   r"[,:;]|[?.!]|$)", re.IGNORECASE)
BARE_SUBJECT_BEFORE_RE = compile_later(r"(?:^|[.?!:;]\s+|\b(?:that|says?|claims?|writes?|wrote|states?)\s+)[\W]*(?:the\s+)?$",
                                    re.IGNORECASE)
BARE_SUBJECT_AFTER_RE = compile_later(r"\s+(?:(?:also|jointly|solely|alone)\s+)?(?:leads?|heads?|runs?|co-?leads?|"
                                   r"is\s+(?:the\s+)?(?:lead|sole lead|co-lead|on|listed|named|involved)|takes?\s+part|"
                                   r"participates?)\b", re.IGNORECASE)
BARE_MINISTRY_RE = compile_later(rf"(?<!of )\b({'|'.join(sorted(BARE_MINISTRY, key=len, reverse=True))})\b(?!\s+(?-i:[A-Z]))",
                              re.IGNORECASE)
CUSTOMS_AGENCY_AFTER_RE = compile_later(r"^\s*(?:[?.!,;:]|$|and\b|or\b|both\b|all\b|each\b|jointly\b|the only\b|alone\b|appears?\b|is\b|are\b|leads?\b|takes?\b|on\b|"
                                     r"in\b|listed\b|named\b|together\b|share\b|lead\b)", re.IGNORECASE)
EVERYDAY_AGENCY = {
    "copyright": "nca", "patent": "sipo", "patents": "sipo", "trademark": "saic", "trademarks": "saic",
    "customs": "gac", "forestry": "sfa", "statistics": "nbs", "stats": "nbs", "tax": "sat", "postal": "spb",
    "quality inspection": "aqsiq", "justice": "moj", "finance": "mof", "commerce": "mofcom", "trade": "mofcom",
    "agriculture": "moa", "culture": "moc", "education": "moe", "science": "most", "health": "nhfpc",
    "public security": "mps", "foreign affairs": "mfa", "environment": "mep", "police": "mps", "internet": "cac",
    "cyberspace": "cac", "online": "cac", "prosecution": "spp", "prosecutors": "spp", "prosecutors'": "spp",
    "prosecutors’": "spp", "army's equipment": "cmc_edd", "army’s equipment": "cmc_edd", "army equipment": "cmc_edd",
    "military equipment": "cmc_edd",
}
# Bodies people name by what they are, where no other agency is meant: "the courts", "without any court involvement".
EVERYDAY_NOUN_RE = compile_later(r"\bthe (courts|judiciary|prosecutors|police)\b|\b(court|police|prosecutors?) involvement\b",
                              re.IGNORECASE)
EVERYDAY_NOUN = {"courts": "spc", "judiciary": "spc", "court": "spc", "prosecutors": "spp", "prosecutor": "spp",
                 "police": "mps"}


@dataclass(frozen=True)
class AgencyMention:
    """An agency named in a text; `ids` has several agencies when a successor name stands for them."""

    ids: tuple[str, ...]
    surface: str
    start: int
    end: int
    # "name" (the registry), "successor" (a 2018 name), "everyday" or "typo".
    via: str = "name"

    def with_also(self, *others: "AgencyMention") -> "AgencyMention":
        """This mention standing for any of its agencies and the others', as a successor's name stands for its
        predecessors ("SAMR absorbed SAIC, AQSIQ and CFDA. Which did they lead?", "司法部（包括原法制办）")."""
        return replace(self, ids=tuple(dict.fromkeys(i for a in (self, *others) for i in a.ids)))

    @property
    def label(self) -> str:
        if self.via == "successor":
            return next(s.name for s in registry.SUCCESSORS if s.agency_ids == self.ids
                        and self.surface.casefold() in (f.casefold() for f in s.all_forms()))
        return registry.BY_ID[self.ids[0]].name


@dataclass(frozen=True)
class Mentions:
    tasks: tuple[int, ...] = ()
    # Numbers outside 1..last, or negative: named as tasks but not in the notice.
    bad_tasks: tuple[int, ...] = ()
    # Numbers standing alone ("who runs 40 and 41?"): tasks only if the question is about tasks.
    bare_numbers: tuple[int, ...] = ()
    parts: tuple[int, ...] = ()
    headings: tuple[int, ...] = ()
    # (part, heading) found by a heading's title.
    titled_heading: tuple[int, int] | None = None
    agencies: tuple[AgencyMention, ...] = ()
    # Text spans that name tasks, parts, headings or agencies; the rest is what the question is about.
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def agency_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i for m in self.agencies for i in m.ids))


# Markup pasted into a question: a script or style element with its content, and any other tag.
MARKUP_RE = compile_later(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>", re.I | re.S)
# Words that only other languages ask with ("wer leitet Aufgabe 24?", "qui dirige la tâche 24 ?"), and scripts that
# are neither English nor Chinese (kana, hangul, Cyrillic, Arabic, Devanagari, Thai).
OTHER_LANGUAGE_WORDS = frozenset(
    "wer welche welcher welches leitet aufgabe aufgaben behörde zuständig ist und nicht "
    "qui quel quelle quels quelles dirige tâche tâches est sont responsable "
    "quién quiénes cuál cuáles qué tarea tareas dirige lidera encarga "
    "chi quale quali compito guida responsabile "
    "quem qual quais tarefa dirige".split())
OTHER_SCRIPT_RE = compile_later(r"[\u3040-\u30ff\uac00-\ud7af\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\u0e00-\u0e7f]")
ENGLISH_ASKING_RE = compile_later(r"\b(?:who|whom|which|what|where|when|how|does|do|is|are|task|tasks|lead|leads|the|of)\b",
                               re.I)


def other_language(text: str) -> bool:
    """A question in neither English nor Chinese: two or more words only other languages use and no English asking
    word, or a script of another language."""
    if OTHER_SCRIPT_RE.search(text):
        return True
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
    foreign = sum(w in OTHER_LANGUAGE_WORDS for w in words)
    return foreign >= 2 and not ENGLISH_ASKING_RE.search(text)


def clean(text: object) -> tuple[str, tuple[str, ...]]:
    """Control characters out, Unicode folded (NFKC), markup out, whitespace folded, very long text cut with a note."""
    text = unicodedata.normalize("NFKC", str(text))
    text = MARKUP_RE.sub(" ", text)
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    text = " ".join(text.split())
    text = DASH_RE.sub(" - ", text)  # "on one task — which?": the dash people type between a statement and a question
    text = DOTTED_ACRONYM_RE.sub(lambda a: a.group(0).replace(".", ""), text)  # "S.I.P.O." is "SIPO"
    text = DEPT_RE.sub("Department", text)  # "the CMC equipment development dept"
    text = SPELLED_TASK_RE.sub(lambda s: f"{s.group(1)} {spelled_number(s.group(2))}", text)  # "task thirty-three"
    text = THOUSANDS_TASK_RE.sub(lambda t: t.group(1) + t.group(2).replace(",", ""), text)  # "task 1,000": one number
    text = ROMAN_TASK_RE.sub(lambda r: f"{r.group(1)} {roman_number(r.group(2))}", text)  # "task XXXIII"
    while (more := ROMAN_AFTER_TASK_RE.search(text)) is not None:  # "tasks II to IV", "tasks X, XI and XII"
        text = text[:more.start(1)] + roman_number(more.group(1)) + text[more.end(1):]
    notes: tuple[str, ...] = ()
    if len(text) > MAX_QUESTION_CHARS:
        notes = (f"Your question was {len(text):,} characters long; I read only its first {MAX_QUESTION_CHARS:,}.",)
        text = text[:MAX_QUESTION_CHARS].rsplit(" ", 1)[0]
    return text, notes


_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_BELOW_100 = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS)}))?|{'|'.join(_TEENS)}|{'|'.join(_UNITS)})"
# A task number in words: "task thirty-three", "item one hundred and six".
SPELLED_TASK_RE = compile_later(rf"\b(tasks?|items?)\s+((?:one )?hundred(?: and)?(?: {_BELOW_100})?|{_BELOW_100})\b",
                             re.IGNORECASE)
# One task number written with thousands separators ("task 1,000", "#2,500"): one number, which the notice lacks,
# not tasks 1 and 0 ("tasks 5,100" stays a list).
THOUSANDS_TASK_RE = compile_later(r"(\b(?:task|item|no\.?|number)\s*|#)(\d{1,3}(?:,\d{3})+)(?![\d,])", re.IGNORECASE)
# An em dash between English words, or an en dash with a space on each side ("task – which"); not an en dash
# between numbers ("tasks 40–45" is a range) nor a Chinese dash.
DASH_RE = compile_later(r"(?<=[A-Za-z0-9.,?!)'\"]) ?[\u2014\u2015]+ ?(?=[A-Za-z0-9(\"'])|(?<=[A-Za-z]) \u2013 (?=[A-Za-z])")
DEPT_RE = compile_later(r"(?<=[A-Za-z] )dept\b\.?", re.I)  # after its name: "the CMC equipment development dept"
DOTTED_ACRONYM_RE = compile_later(r"\b(?:[A-Z]\.){2,}(?:[A-Z]\b)?")
# A task number in Roman numerals, in capitals and well formed: "task XXXIII", "Task CVI" (not "task I", a word).
_ROMAN_NUMERAL = r"(?=[IVXLC]{2}|[VXLC])(C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))(?![\w'])"
ROMAN_TASK_RE = compile_later(r"(?i:\b(tasks?|items?))\s+" + _ROMAN_NUMERAL)
# ... and one that continues a list of task numbers: "tasks II to IV", "tasks X, XI and XII".
ROMAN_AFTER_TASK_RE = compile_later(r"(?i:\btasks?\s+[\d\s,&-]*\d(?:\s*(?:-|–|to|through|thru|and|or|,|&)\s*))"
                                 + _ROMAN_NUMERAL)
_ROMAN = {"C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def roman_number(numeral: str) -> str:
    """"XXXIII" -> "33"."""
    values = [_ROMAN[c] for c in numeral]
    return str(sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)))


def spelled_number(words: str) -> int:
    """"thirty-three" -> 33, "one hundred and six" -> 106 (the numbers SPELLED_TASK_RE finds)."""
    total = 0
    for word in re.findall(r"[a-z]+", words.lower()):
        if word == "hundred":
            total = max(total, 1) * 100
        elif word in _TENS:
            total += 20 + 10 * _TENS.index(word)
        elif word in _TEENS:
            total += 10 + _TEENS.index(word)
        elif word in _UNITS:
            total += 1 + _UNITS.index(word)
    return total


def number_word(word: str | None) -> int | None:
    if not word:
        return None
    word = word.lower()
    if word.isdecimal():
        return int(word) if len(word) < 6 else None
    ordinal = re.fullmatch(r"(\d{1,5})(?:st|nd|rd|th)", word)  # "18th", "106th"
    if ordinal:
        return int(ordinal.group(1))
    tens, _, unit = word.replace(" ", "-").partition("-")  # "twenty-fourth", "thirty one"
    if unit and NUMBER_WORDS.get(tens, 0) >= 20 and NUMBER_WORDS.get(tens, 0) % 10 == 0 \
            and 1 <= NUMBER_WORDS.get(unit, 0) <= 9 and not unit.isdecimal():
        return NUMBER_WORDS[tens] + NUMBER_WORDS[unit]
    return NUMBER_WORDS.get(word)


def _to_int(digits: str) -> int | None:
    """A typed number, or None for absurd ones (a 4,000-digit "task")."""
    return int(digits) if len(digits.lstrip("-")) <= 6 else None


def task_numbers(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Task numbers a text names ("task 24", "tasks 23 and 24", "tasks 1-3", "#24"), and their spans."""
    numbers: list[int] = []
    spans: list[tuple[int, int]] = []
    documents = [d.span() for d in DOCUMENT_NUMBER_RE.finditer(text)]
    for match in TASK_LIST_RE.finditer(text):
        if any(s <= match.start() < e for s, e in documents):
            continue
        chunk = match.group(1)
        spans.append(match.span())
        ranged: set[int] = set()
        for a, b in RANGE_RE.findall(chunk):
            low, high = _to_int(a), _to_int(b)
            if low is not None and high is not None and low < high <= low + 200:
                numbers += range(low, high + 1)
                ranged |= {low, high}
        for raw in re.findall(r"-?\d+", chunk):
            value = _to_int(raw)
            if value is None:
                numbers.append(10**6)  # an absurd number is still a bad task, reported as such
            elif value < 0 and abs(value) in ranged:
                continue  # the "-" of a range, not a sign
            else:
                numbers.append(value)
    for match in HASH_RE.finditer(text):
        value = _to_int(match.group(1))
        numbers.append(value if value is not None else 10**6)
        spans.append(match.span())
    return list(dict.fromkeys(numbers)), spans


def find(text: str, notice: Notice) -> Mentions:
    """Every mention in `text` (already cleaned), resolved against the notice."""
    last = notice.last_task
    numbers, spans = task_numbers(text)
    tasks = tuple(n for n in numbers if 1 <= n <= last)
    bad = tuple(n for n in numbers if not 1 <= n <= last)

    parts: list[int] = []
    headings: list[int] = []
    for match in OUTLINE_RE.finditer(text):
        roman = match.group(1)
        if roman and not (roman.isupper() or match.group(0).lower().startswith(("part", "heading", "section"))):
            continue  # "vi(2)" in running text is no outline number; "VI(2)" and "part vi(2)" are
        parts.append(number_word(roman.lower()) if roman else int(match.group(3) or match.group(5)))
        headings.append(int(match.group(2) or match.group(4) or match.group(6)))
        spans.append(match.span())
    for match in PART_RE.finditer(text):
        if any(s <= match.start() < e for s, e in spans):
            continue
        word = next(g for g in match.groups() if g).lower()
        value = len(notice.parts) if word in ("last", "final") else number_word(word)
        if value is not None:
            parts.append(value)
            spans.append(match.span())
    most_headings = max(h.number for h in notice.headings)
    for match in HEADING_NUMBER_RE.finditer(text):
        if any(s <= match.start() < e for s, e in spans):
            continue
        value = number_word(match.group(1) or match.group(2) or match.group(3))
        if value is not None and match.group(3) and value > most_headings:
            # "the disclosure task (65)": no part has that many headings, so a number in brackets is a task
            if 1 <= value <= last:
                tasks += (value,)
            else:
                bad += (value,)
            spans.append(match.span())
        elif value is not None:
            headings.append(value)
            spans.append(match.span())
    for match in LAST_HEADING_RE.finditer(text):
        if parts and 1 <= parts[0] <= len(notice.parts) and not any(s <= match.start() < e for s, e in spans):
            headings.append(max(h.number for h in notice.headings if h.part == parts[0]))
            spans.append(match.span())
    titled = _titled_heading(text, notice, parts[0] if parts and 1 <= parts[0] <= len(notice.parts) else None)
    agencies = tuple(agency_mentions(text))
    spans += [(m.start, m.end) for m in agencies]
    spans += [d.span() for d in DOCUMENT_NUMBER_RE.finditer(text)]  # "Guo Fa [2015] No. 71" names no task 71

    bare: list[int] = []
    for match in BARE_NUMBER_RE.finditer(text):
        if any(s <= match.start() < e for s, e in spans) or NOT_A_TASK_RE.match(match.group(1)) \
                or COUNTED_RE.match(text, match.end()) or NAMED_NUMBER_RE.search(text[:match.start()]):
            continue
        bare.append(int(match.group(1)))
    return Mentions(tasks, bad, tuple(dict.fromkeys(bare)), tuple(dict.fromkeys(parts)),
                    tuple(dict.fromkeys(headings)), titled, agencies, tuple(sorted(spans)))


# A phrase of this many words or fewer matches a title only if the title holds all of them (by stem):
# token_set_ratio scores "patent fees" against "the reform of the patent licensing system" as high as a true
# match. Longer phrases keep the ratio alone: "new fields / new business forms" must find the heading titled
# "... innovations in new fields and new fields" (tests/notice/test_mentions.py).
HEADING_SHORT_PHRASE = 2


def _titled_heading(text: str, notice: Notice, part: int | None = None) -> tuple[int, int] | None:
    for pattern in HEADING_TITLE_RES:
        match = pattern.search(text)
        if not match:
            continue
        phrase = re.sub(r"\(?\bpart\s+\w+\)?", " ", match.group(1)).strip()
        if len(phrase) < 4 or re.fullmatch(r"\(?\d+\)?", phrase):
            continue
        found = heading_by_title(phrase, notice, part)
        if found:
            return found
    return None


def heading_by_title(phrase: str, notice: Notice, part: int | None = None) -> tuple[int, int] | None:
    """The heading whose title best matches a few words ("early warning mechanism"), if one clearly does; among the
    headings of `part` when the question names one."""
    titles = {(h.part, h.number): h.title for h in notice.headings if part is None or h.part == part}
    ranked = process.extract(phrase, titles, scorer=fuzz.token_set_ratio, processor=_fold, limit=len(titles))
    if not ranked:
        return None
    # Titles tied on stems go to the one holding the words as written: "publicity" is "Strengthen publicity and
    # guidance", not "Broadening the public diplomacy channels" (both stem to "public").
    said = set(re.findall(r"[a-z]+", phrase.lower()))
    ranked.sort(key=lambda r: (-r[1], -len(said & set(re.findall(r"[a-z]+", r[0].lower())))))
    best = ranked[0]
    asked, title = set(_fold(phrase).split()), set(_fold(best[0]).split())
    if len(asked) <= HEADING_SHORT_PHRASE and not asked <= title:
        return None  # "the heading on patent fees" is not "the reform of the patent licensing system"
    if best[1] >= HEADING_TITLE_MIN_RATIO:
        return best[2]
    lead = best[1] - (ranked[1][1] if len(ranked) > 1 else 0)
    if part is not None and best[1] >= HEADING_IN_PART_MIN_RATIO and lead >= HEADING_IN_PART_MIN_LEAD:
        return best[2]
    return None


_STEMMER = snowballstemmer.stemmer("english")
_FOLD_STOP = frozenset("the a an of and in on for to with about under heading section".split())


# Folded texts remembered: the 28 heading titles are folded for every title a question may name (rapidfuzz calls
# `_fold` on each), 14 ms a look-up when each was stemmed afresh (cProfile over the eval questions: 1.2 s of 4.8 s
# of reading them). The titles and the phrases users name headings by fit many times over.
FOLDED_TEXTS = 1024


@lru_cache(maxsize=FOLDED_TEXTS)
def _fold(text: str) -> str:
    """Lower case, "IP" spelled out, Snowball stems: "punishing IP infringement" meets "the punishment of
    intellectual property infringement"."""
    text = re.sub(r"\bipr?s?\b", "intellectual property", text.lower())
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w not in _FOLD_STOP]
    return " ".join(_STEMMER.stemWords(words))


def agency_mentions(text: str) -> list[AgencyMention]:
    """Agencies in a question: registry names, then 2018 successor names, everyday names and typos in what is left.
    A successor name that holds a registry name ("today's Ministry of Justice") wins over the name inside it."""
    pattern, by_form = _successor_scanner()
    successors = [match.span() for match in pattern.finditer(text)]
    found = [AgencyMention((m.agency.id,), m.surface, m.start, m.end) for m in registry.mentions(text)
             if not any(s <= m.start and m.end <= e and e - s > m.end - m.start for s, e in successors)]
    taken = [(m.start, m.end) for m in found]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for match in pattern.finditer(text):
        if free(*match.span()):
            successor = by_form[match.group(0).casefold()]
            found.append(AgencyMention(successor.agency_ids, match.group(0), *match.span(), via="successor"))
            taken.append(match.span())
    for match in EVERYDAY_RE.finditer(text):
        if free(*match.span()):
            agency_id = EVERYDAY_AGENCY.get(match.group(1).lower())
            if agency_id:
                found.append(AgencyMention((agency_id,), match.group(0), *match.span(), via="everyday"))
                taken.append(match.span())
    for match in EVERYDAY_NOUN_RE.finditer(text):
        if free(*match.span()):
            said = (match.group(1) or match.group(2)).lower()
            found.append(AgencyMention((EVERYDAY_NOUN[said],), match.group(0), *match.span(), via="everyday"))
            taken.append(match.span())
    for match in CUSTOMS_NAME_RE.finditer(text):
        if free(*match.span()):
            found.append(AgencyMention(("gac",), match.group(0), *match.span(), via="name"))
            taken.append(match.span())
    for match in CUSTOMS_WORD_RE.finditer(text):
        if free(*match.span()) and CUSTOMS_AGENCY_BEFORE_RE.search(text[:match.start()]) \
                and CUSTOMS_AGENCY_AFTER_RE.match(text[match.end():]):
            found.append(AgencyMention(("gac",), match.group(0), *match.span(), via="everyday"))
            taken.append(match.span())
    for match in BARE_MINISTRY_RE.finditer(text):
        before, after = (CUSTOMS_AGENCY_BEFORE_RE, CUSTOMS_AGENCY_AFTER_RE) if match.group(1)[:1].isupper() \
            else (LOWER_AGENCY_BEFORE_RE, LOWER_AGENCY_AFTER_RE)
        # "Finance leads task 99. Right?": the subject of a role, at the start of the claim
        subject = BARE_SUBJECT_BEFORE_RE.search(text[:match.start()]) and BARE_SUBJECT_AFTER_RE.match(text[match.end():])
        if free(*match.span()) and (before.search(text[:match.start()]) and after.match(text[match.end():]) or subject):
            found.append(AgencyMention((BARE_MINISTRY[match.group(1).lower()],), match.group(0), *match.span(),
                                       via="everyday"))
            taken.append(match.span())
    for mention in _typos(text):
        if free(mention.start, mention.end):
            found.append(mention)
            taken.append((mention.start, mention.end))
    kept = (_whole_name(text, m, taken) for m in found if not _names_no_agency(text, m))
    return sorted(kept, key=lambda m: m.start)


@lru_cache(maxsize=None)
def _name_words(ids: tuple[str, ...]) -> frozenset[str]:
    """The lower-case words of every form of these agencies' names ("the" aside), read once per agency."""
    return frozenset(w for i in ids for form in registry.BY_ID[i].all_forms()
                     for w in re.findall(r"[a-z]+", form.lower())) - {"the"}


def _whole_name(text: str, mention: AgencyMention, taken: list[tuple[int, int]]) -> AgencyMention:
    """The mention with the words of the agency's own name said before the part found: "the Supreme Peoples
    Procuratorate" (found: "Procuratorate") is all the agency, not a topic "Supreme Peoples" beside it."""
    if mention.via == "successor":
        return mention
    own = _name_words(mention.ids)
    start = mention.start
    for word in reversed(list(re.finditer(r"[A-Za-z]+(?:['’]s)?", text[:mention.start]))):
        bare = re.sub(r"['’]?s$", "", word.group(0).lower())
        if text[word.end():start].strip() or (word.group(0).lower() not in own and bare not in own) \
                or any(s <= word.start() < e for s, e in taken):
            break
        start = word.start()
    while start < mention.start:  # "of Quality Supervision" is no name's start: "Administration of ..." is
        first = re.match(r"(?:of|and|for)\s+", text[start:mention.start], re.IGNORECASE)
        if first is None:
            break
        start += first.end()
    if start == mention.start:
        return mention
    return replace(mention, surface=text[start:mention.end], start=start)


def _names_no_agency(text: str, mention: AgencyMention) -> bool:
    if mention.surface == "IPO":
        return bool(FINANCE_IPO_RE.match(text, mention.end))
    return mention.surface.islower() and bool(GENERIC_BEFORE_RE.search(text[max(0, mention.start - 80):mention.start]))


@lru_cache(maxsize=1)
def _successor_scanner() -> tuple[registry.Alternation, dict]:
    """The 2018 names, longest first, scanned as the registry's names are (registry.Alternation)."""
    forms = {f.casefold(): s for s in registry.SUCCESSORS for f in s.all_forms()}
    branches = []
    for folded in sorted(forms, key=len, reverse=True):
        form = next(f for s in registry.SUCCESSORS for f in s.all_forms() if f.casefold() == folded)
        escaped = re.escape(form)
        word_start = bool(re.match(r"\w", form, re.ASCII))
        if word_start:
            escaped = registry.WORD_START + escaped + r"(?!\w)"
        # Acronyms match in capitals only ("MEE" is not "mee"), except those of four letters or more, which no
        # English word spells ("samr", "cnipa", "nfra" typed in lower case).
        exact = form.isupper() and len(form) < 4
        branches.append(registry.Branch(f"(?-i:{escaped})" if exact else escaped, form[0], word_start, exact))
    return registry.Alternation(branches), forms


@lru_cache(maxsize=1)
def _typo_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for agency in registry.AGENCIES:
        for form in (agency.name, *agency.aliases):
            if len(form) >= AGENCY_TYPO_MIN_CHARS and form.isascii():
                forms.setdefault(form.casefold(), agency.id)
    return forms


_NAME_WORDS_RE = compile_later(r"\b(?:ministry|minstry|ministy|bureau|office|administration|adminstration|commission|"
                            r"commision|department|court|procuratorate|academy|council|bank|general)\b", re.IGNORECASE)


def _typos(text: str) -> list[AgencyMention]:
    """Agency names with a wrong letter or two: word windows around each name word ("Ministry", "Bureau")
    that no registry form matched, fuzzy-matched against the registry's longer forms."""
    words = list(re.finditer(r"[A-Za-z'&]+", text))
    anchors = [i for i, w in enumerate(words) if _NAME_WORDS_RE.fullmatch(w.group(0))]
    if not anchors:
        return []
    forms = _typo_forms()
    found: list[AgencyMention] = []
    used_until = -1
    for anchor in anchors:
        best: tuple[float, int, int, str] | None = None
        for first in range(max(used_until + 1, anchor - 5), anchor + 1):
            for last in range(anchor, min(len(words), first + 8)):
                phrase = text[words[first].start():words[last].end()]
                if len(phrase) < AGENCY_TYPO_MIN_CHARS - 2:
                    continue
                match = process.extractOne(phrase.casefold(), forms.keys(), scorer=fuzz.ratio,
                                           score_cutoff=AGENCY_TYPO_MIN_RATIO)
                if match and (best is None or match[1] > best[0]):
                    best = (match[1], first, last, match[0])
        if best is not None:
            _, first, last, form = best
            start, end = words[first].start(), words[last].end()
            found.append(AgencyMention((forms[form],), text[start:end], start, end, via="typo"))
            used_until = last
    return found


def heading_of(notice: Notice, part: int, number: int) -> Heading | None:
    return next((h for h in notice.headings if h.part == part and h.number == number), None)
