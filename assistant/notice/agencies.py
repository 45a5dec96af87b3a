"""The canonical agency registry and the resolver from free text to agencies.

The English translation of the notice names one agency in several ways
("IP Office", "Intellectual Property Office"; "SAIC", "General Administration
of Industry and Commerce", ...). Every answer, filter and count must treat
those as one agency, so every surface form lives here, next to the agency it
means, and nowhere else.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

from assistant.errors import UnknownAgency


@dataclass(frozen=True)
class Agency:
    id: str
    name: str
    chinese: str
    abbreviations: tuple[str, ...] = ()
    # Surface forms used by the notice's translation (and a few common ones).
    aliases: tuple[str, ...] = ()
    # Forms that name the agency in the notice's agency lists but are ordinary
    # words in a question ("Copyright"), so free-text resolution ignores them.
    list_only: tuple[str, ...] = ()
    successor: str = ""

    @property
    def survived(self) -> bool:
        """Whether the agency went on after 2018, renamed or placed under another at most, not merged or abolished."""
        return not re.search(r"\b(?:merged|abolished|dissolved)\b", self.successor)

    @property
    def abolished(self) -> bool:
        """Whether 2018 abolished it outright (its duties handed on), not merged it into another or renamed it."""
        return self.successor.startswith("abolished")

    def all_forms(self) -> tuple[str, ...]:
        return (self.name, self.chinese, *self.abbreviations, *self.aliases)

    @property
    def is_ministry(self) -> bool:
        """One of the State Council's ministries ("Ministry of Commerce"), not a commission, office or court."""
        return self.name.startswith("Ministry of")

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "chinese": self.chinese,
            "abbreviations": list(self.abbreviations),
            "aliases": list(self.aliases),
            "successor": self.successor,
        }


AGENCIES: tuple[Agency, ...] = (
    Agency(
        "sipo", "State Intellectual Property Office", "国家知识产权局", ("SIPO", "CNIPA", "IPO"),
        ("Intellectual Property Office", "IP Office", "State IP Office", "patent office",
         "China National Intellectual Property Administration",
         "National Intellectual Property Administration", "知识产权局"),
        list_only=("Intellectual Property",),
        successor="renamed the China National Intellectual Property Administration (CNIPA) "
        "and placed under the State Administration for Market Regulation in 2018",
    ),
    Agency(
        "saic", "State Administration for Industry and Commerce", "国家工商行政管理总局", ("SAIC",),
        ("General Administration of Industry and Commerce", "Administration for Industry and Commerce",
         "State Administration of Industry and Commerce", "Trademark Office", "工商总局"),
        successor="merged into the State Administration for Market Regulation (SAMR) in 2018",
    ),
    Agency(
        "aqsiq", "General Administration of Quality Supervision, Inspection and Quarantine",
        "国家质量监督检验检疫总局", ("AQSIQ",),
        ("General Administration of Quality Supervision, Inspection",
         "General Administration of Quality Supervision", "Quality Supervision", "质检总局"),
        successor="merged into the State Administration for Market Regulation (SAMR) in 2018; "
        "its entry-exit inspection and quarantine duties went to the General Administration of Customs",
    ),
    Agency(
        "nca", "National Copyright Administration", "国家版权局", ("NCAC", "NCA"),
        ("Copyright Bureau", "Copyright Office", "Copyright Administration", "版权局"),
        list_only=("Copyright",),
        successor="placed under the Central Propaganda Department in 2018",
    ),
    Agency(
        "spc", "Supreme People's Court", "最高人民法院", ("SPC",),
        ("High Court", "Supreme Court", "最高法"),
    ),
    Agency(
        "spp", "Supreme People's Procuratorate", "最高人民检察院", ("SPP",),
        ("High Procuratorate", "High Prosecutor's Office", "Supreme Procuratorate", "Procuratorate", "最高检"),
    ),
    Agency(
        "cac", "Cyberspace Administration of China", "中央网信办", ("CAC",),
        ("Cyberspace Administration", "Network Office", "Internet Information Office", "State Internet Information Office",
         "国家互联网信息办公室", "网信办"),
    ),
    Agency(
        "lao", "Legislative Affairs Office of the State Council", "国务院法制办公室", ("LAO", "SCLAO"),
        ("Legislative Affairs Office", "Legal Affairs Office", "Legal Office", "国务院法制办", "法制办"),
        successor="merged into the Ministry of Justice in 2018",
    ),
    Agency(
        "scopsr", "Central Institutional Organization Commission Office", "中央机构编制委员会办公室",
        ("SCOPSR",),
        ("Central Office", "Central Organization Establishment Office", "中央编办"),
    ),
    Agency(
        "cod", "Central Organization Department", "中共中央组织部", (),
        ("Organization Department of the CPC Central Committee", "Organization Department of the Central Committee",
         "CPC Organization Department", "Organization Department", "中央组织部", "中组部"),
    ),
    Agency(
        "cpd", "Central Propaganda Department", "中共中央宣传部", (),
        ("Publicity Department of the CPC Central Committee", "Propaganda Department of the CPC Central Committee",
         "Publicity Department of the Central Committee", "CPC Publicity Department", "CPC Propaganda Department",
         "Publicity Department", "Central Publicity Department", "中央宣传部", "中宣部"),
    ),
    Agency(
        "ccmo", "Central Comprehensive Management Office", "中央综治办", (),
        ("Central Comprehensive Management Office",
         "Office of the Central Commission for Comprehensive Management of Public Security"),
        successor="abolished in 2018; its duties went to the Central Political and Legal Affairs Commission",
    ),
    Agency(
        "nlgo", "National Leading Group Office for Combating IPR Infringement and Counterfeiting",
        "全国打击侵权假冒工作领导小组办公室", ("NLGO",),
        ("National Leading Group Office for Combating Infringement and Counterfeiting",
         "National Office of the Leading Group for Combating Infringement and Counterfeiting",
         "National Leading Group Office", "anti-counterfeiting office", "anti-counterfeiting leading group office",
         "anti-counterfeiting leading group", "leading group office",
         "National Leading Group for Combating IPR Infringement and Counterfeiting",
         "National Leading Group for Combating IPR Infringement", "打击侵权假冒工作领导小组办公室"),
        successor="hosted by the State Administration for Market Regulation since 2018",
    ),
    Agency(
        "ndrc", "National Development and Reform Commission", "国家发展和改革委员会", ("NDRC",),
        ("Development and Reform Commission", "发展改革委", "发改委"),
    ),
    Agency(
        "most", "Ministry of Science and Technology", "科学技术部", ("MOST",),
        ("Science and Technology Ministry", "科技部"),
    ),
    Agency(
        "miit", "Ministry of Industry and Information Technology", "工业和信息化部", ("MIIT",),
        ("工信部",),
    ),
    Agency("mps", "Ministry of Public Security", "公安部", ("MPS",), ("Public Security Ministry", "Public Security")),
    Agency("moj", "Ministry of Justice", "司法部", ("MOJ",), ()),
    Agency("mof", "Ministry of Finance", "财政部", ("MOF",), ()),
    Agency(
        "mohrss", "Ministry of Human Resources and Social Security", "人力资源和社会保障部", ("MOHRSS",),
        ("Human Resources and Social Security Department", "人社部", "人力资源社会保障部"),
    ),
    Agency(
        "moa", "Ministry of Agriculture", "农业部", ("MOA",), (),
        successor="became the Ministry of Agriculture and Rural Affairs (MARA) in 2018",
    ),
    Agency("mofcom", "Ministry of Commerce", "商务部", ("MOFCOM",), ()),
    Agency(
        "moc", "Ministry of Culture", "文化部", (), (),
        successor="merged into the Ministry of Culture and Tourism in 2018",
    ),
    Agency(
        "gac", "General Administration of Customs", "海关总署", ("GAC",),
        ("China Customs", "customs authorities", "customs office"),
        # "customs" in a question is as often a topic ("customs enforcement") or the everyday word
        # ("folk customs"); in the notice's lists it is the agency.
        list_only=("Customs",),
    ),
    Agency(
        "cfda", "China Food and Drug Administration", "国家食品药品监督管理总局", ("CFDA",),
        ("Food and Drug Administration", "Bureau of Food and Drug Administration", "食药监总局"),
        successor="merged into the State Administration for Market Regulation in 2018; "
        "drugs went to the National Medical Products Administration",
    ),
    Agency(
        "sfa", "State Forestry Administration", "国家林业局", ("SFA",),
        ("Forestry Bureau", "Forestry Administration", "林业局"),
        successor="became the National Forestry and Grassland Administration in 2018",
    ),
    Agency(
        "nbs", "National Bureau of Statistics", "国家统计局", ("NBS",),
        ("Bureau of Statistics", "Statistics Bureau", "统计局"),
    ),
    Agency(
        "sasac", "State-owned Assets Supervision and Administration Commission", "国务院国有资产监督管理委员会",
        ("SASAC",), ("国资委",),
    ),
    Agency("mfa", "Ministry of Foreign Affairs", "外交部", ("MFA",), ("Foreign Ministry",)),
    Agency("moe", "Ministry of Education", "教育部", ("MOE",), ("Education Ministry",)),
    Agency(
        "mep", "Ministry of Environmental Protection", "环境保护部", ("MEP",), ("环保部",),
        successor="became the Ministry of Ecology and Environment in 2018",
    ),
    Agency("cas", "Chinese Academy of Sciences", "中国科学院", ("CAS",), ("中科院",)),
    Agency(
        "sastind", "State Administration of Science, Technology and Industry for National Defence",
        "国家国防科技工业局", ("SASTIND",),
        ("National Defense Science and Technology Bureau", "Defense Science and Technology Bureau",
         "Defence Science and Technology Bureau", "Defence Science, Technology and Industry Bureau",
         "defence science bureau", "defense science bureau", "国防科工局"),
    ),
    Agency(
        "cmc_edd", "Equipment Development Department of the Central Military Commission", "中央军委装备发展部",
        (), ("CMC Equipment Development Department", "Equipment Development Department", "装备发展部"),
    ),
    Agency(
        "ccpit", "China Council for the Promotion of International Trade", "中国国际贸易促进委员会", ("CCPIT",),
        ("trade promotion council", "贸促会",),
    ),
    Agency(
        "pboc", "People's Bank of China", "中国人民银行", ("PBOC", "PBC"), ("People's Bank", "central bank", "人民银行"),
    ),
    Agency(
        "cbrc", "China Banking Regulatory Commission", "中国银行业监督管理委员会", ("CBRC",), ("banking regulator", "银监会"),
        successor="merged with the insurance regulator into the CBIRC in 2018, "
        "now the National Financial Regulatory Administration",
    ),
    Agency(
        "circ", "China Insurance Regulatory Commission", "中国保险监督管理委员会", ("CIRC",), ("insurance regulator", "保监会"),
        successor="merged with the banking regulator into the CBIRC in 2018, "
        "now the National Financial Regulatory Administration",
    ),
    Agency(
        "csrc", "China Securities Regulatory Commission", "中国证券监督管理委员会", ("CSRC",),
        ("Securities and Futures Commission", "Securities Regulatory Commission", "securities regulator", "证监会"),
    ),
    Agency("spb", "State Post Bureau", "国家邮政局", ("SPB",), ("Post Office", "Postal Bureau", "邮政局")),
    Agency(
        "sat", "State Administration of Taxation", "国家税务总局", ("SAT",),
        ("State Taxation Administration", "Taxation Administration", "tax administration", "税务总局"),
    ),
    Agency(
        "nhfpc", "National Health and Family Planning Commission", "国家卫生和计划生育委员会", ("NHFPC",),
        ("Health and Family Planning Commission", "卫生计生委"),
        successor="became the National Health Commission in 2018",
    ),
)

BY_ID: dict[str, Agency] = {a.id: a for a in AGENCIES}


@dataclass(frozen=True)
class Successor:
    """A body that took over 2016 agencies in the 2018 reorganisation. Users ask with today's names; the
    notice answers with the 2016 ones, so a successor stands for every agency it replaced."""

    name: str
    agency_ids: tuple[str, ...]
    forms: tuple[str, ...] = ()
    year: int = 2018  # the reorganisation that made it: the CBIRC's successor came in 2023
    # It took over some of an agency's duties, not the agency: drugs went from the CFDA to the NMPA (the CFDA itself
    # went into SAMR), the abolished CCMO's duties to the CPLAC. Such a body stands for the agency in a question of
    # tasks, and is never the same agency as it.
    partial: bool = False

    def all_forms(self) -> tuple[str, ...]:
        return (self.name, *self.forms)

    @property
    def chinese(self) -> str:
        """Its full Chinese name: the longest Chinese form ("国家市场监督管理总局", not "市场监管总局")."""
        return max((f for f in self.forms if re.search(r"[\u4e00-\u9fff]", f)), key=len, default="")


SUCCESSORS: tuple[Successor, ...] = (
    Successor("State Administration for Market Regulation", ("saic", "aqsiq", "cfda"),
              ("SAMR", "market regulator", "market regulation administration", "market supervision administration",
               "市场监管总局", "国家市场监督管理总局")),
    Successor("National Forestry and Grassland Administration", ("sfa",),
              ("NFGA", "forestry and grassland administration", "国家林业和草原局", "林草局")),
    Successor("Ministry of Agriculture and Rural Affairs", ("moa",), ("MARA", "农业农村部")),
    Successor("Ministry of Culture and Tourism", ("moc",), ("MCT", "文化和旅游部", "文旅部")),
    Successor("Ministry of Ecology and Environment", ("mep",), ("MEE", "生态环境部")),
    Successor("National Health Commission", ("nhfpc",), ("NHC", "国家卫生健康委员会", "国家卫健委", "卫健委")),
    Successor("China Banking and Insurance Regulatory Commission", ("cbrc", "circ"),
              ("CBIRC", "中国银行保险监督管理委员会", "银保监会")),
    Successor("National Financial Regulatory Administration", ("cbrc", "circ"),
              ("NFRA", "financial regulatory administration", "国家金融监督管理总局", "金融监管总局"), year=2023),
    Successor("National Medical Products Administration", ("cfda",), ("NMPA", "国家药品监督管理局", "国家药监局"), partial=True),
    Successor("Central Political and Legal Affairs Commission", ("ccmo",), ("CPLAC", "中央政法委"), partial=True),
    # The Ministry of Justice kept its name and absorbed the Legislative Affairs Office: only "today's" ministry
    # stands for both; "the Ministry of Justice" alone is the 2016 one the notice names.
    Successor("Ministry of Justice (since 2018)", ("moj", "lao"),
              ("today's Ministry of Justice", "the current Ministry of Justice", "the present Ministry of Justice",
               "the new Ministry of Justice", "the post-2018 Ministry of Justice", "the reorganised Ministry of Justice",
               "the reorganized Ministry of Justice", "the enlarged Ministry of Justice", "today's MOJ", "现在的司法部")),
)


def successor_named(said: str) -> Successor | None:
    """The 2018 body a name stands for, if the name is one of its forms ("SAMR", "the market regulator")."""
    folded = said.strip().casefold().removeprefix("the ")
    return next((s for s in SUCCESSORS if folded in {f.casefold().removeprefix("the ") for f in s.all_forms()}), None)


class Kinship(Enum):
    """How two names relate in the registry: one agency, a 2018 successor of one, or different agencies."""

    SAME = "the same agency"
    RENAMED = "the later name of that one agency"        # "NFGA" and "State Forestry Administration"
    MERGED = "the first was merged into the second"      # "SAIC" and "SAMR", "LAO" and "Ministry of Justice"
    ABSORBED = "the second was merged into the first"
    PLACED_UNDER = "the first was placed under the second"  # "SIPO" and "SAMR" (CNIPA, under SAMR since 2018)
    DUTIES = "some of the first's duties went to the second"  # "CFDA" and "NMPA", "CCMO" and "CPLAC"
    APART = "different agencies"


def kinship(first: tuple[str, ...], first_later: bool, second: tuple[str, ...], second_later: bool,
            second_said: str = "") -> Kinship:
    """What the registry says of two names, each the 2016 agencies it stands for and whether it is a 2018 name."""
    a, b = set(first), set(second)
    later = successor_named(second_said) if second_later else None
    if later is not None and later.partial and a <= b:
        return Kinship.DUTIES
    if a == b:
        return Kinship.RENAMED if first_later != second_later and len(a) == 1 else Kinship.SAME
    if second_later and a < b or not first_later and not second_later and _merged_into(a, b):
        return Kinship.MERGED
    if first_later and b < a or not first_later and not second_later and _merged_into(b, a):
        return Kinship.ABSORBED
    if len(a) == 1 and second_said:
        fate = BY_ID[next(iter(a))].successor.casefold()
        named = successor_named(second_said)
        # the second by any of its names: as said, its 2018 forms, or the notice agency it is ("中宣部")
        names = {second_said.casefold(), *(f.casefold() for f in (named.all_forms() if named else ())),
                 *(BY_ID[i].name.casefold() for i in b if len(b) == 1 and not second_later)}
        if any(len(n) > 3 and n in fate for n in names) and ("placed under" in fate or "hosted by" in fate):
            return Kinship.PLACED_UNDER
    return Kinship.APART


def _merged_into(merged: set[str], into: set[str]) -> bool:
    """Two 2016 agencies one of which took the other in ("LAO" into "Ministry of Justice"): a successor holds both,
    and the first has a fate of its own."""
    return len(merged) == len(into) == 1 and bool(BY_ID[next(iter(merged))].successor) and any(
        merged | into <= set(s.agency_ids) for s in SUCCESSORS)


def taken_in_by(agency_id: str) -> tuple[str, ...]:
    """The 2016 agencies another 2016 agency took in in 2018 (the LAO, which went into the Ministry of Justice): a
    task that lists one of them is, since then, that agency's too."""
    name = BY_ID[agency_id].name
    return tuple(other.id for other in AGENCIES if other.id != agency_id and name in other.successor
                 and _merged_into({other.id}, {agency_id}))


def one_line(ids: set[str]) -> bool:
    """Whether these agencies are one line of succession: all went into one 2018 body (SAIC and AQSIQ, the MoJ and
    the LAO), or one was placed under the other (the NCA under the Propaganda Department)."""
    if len(ids) < 2:
        return False
    if any(ids <= set(s.agency_ids) for s in SUCCESSORS if not s.partial):
        return True
    first, second = sorted(ids) if len(ids) == 2 else ("", "")
    return bool(first) and (BY_ID[second].name in BY_ID[first].successor or BY_ID[first].name in BY_ID[second].successor)


def successors_of(ids: tuple[str, ...]) -> list[Successor]:
    """The bodies that took over any of these 2016 agencies in 2018 ("folded into the justice ministry")."""
    return [s for s in SUCCESSORS if set(ids) & set(s.agency_ids)]


@dataclass(frozen=True)
class Mention:
    """One place where a text names an agency."""

    agency: Agency
    start: int
    end: int
    surface: str


# A name starts a word, or follows an opening quote ("wrote 'SIPO leads task 65'"), not an apostrophe in a word.
WORD_START = r"(?:(?<![\w'])|(?<=^')|(?<=[\s(\[\"\u2018\u201c:]'))"


@dataclass(frozen=True)
class Branch:
    """One name in a scanner: its regex, which begins with `first` (after WORD_START when `word_start`)."""

    regex: str
    first: str
    word_start: bool
    case_sensitive: bool

    @property
    def first_regex(self) -> str:
        literal = re.escape(self.first)
        return f"(?-i:{literal})" if self.case_sensitive else literal


class Alternation:
    """Finds what `re.compile("|".join(branch regexes), re.IGNORECASE).finditer` finds, faster.

    The registry's 228 names made one alternation that the regex engine tried name by name at every position
    of a text: 0.1 to 0.2 ms a scan, several scans an answer (`ipqa bench`, "warm path profile"). A name can
    match only where the text has its first letter, and most only where a word starts. So a small pattern of
    first letters finds those places, and at each only the names beginning with that letter are tried, in
    their order: the same match at the same place, name for name (tests/notice/test_scanning.py holds it to
    the one alternation on every eval question and the notice's text)."""

    def __init__(self, branches: list[Branch]):
        self.branches = tuple(branches)
        at_word, anywhere = self._firsts(True), self._firsts(False)
        starts = [f"{WORD_START}(?:{at_word})"] * bool(at_word) + [f"(?:{anywhere})"] * bool(anywhere)
        self._starts = re.compile("|".join(starts), re.IGNORECASE)
        self._by_letter: dict[str, re.Pattern | None] = {}

    def _firsts(self, word_start: bool) -> str:
        return "|".join(dict.fromkeys(b.first_regex for b in self.branches if b.word_start == word_start))

    def pattern(self) -> re.Pattern:
        """The one alternation this stands for."""
        return re.compile("|".join(b.regex for b in self.branches), re.IGNORECASE)

    def _starting_with(self, letter: str) -> re.Pattern | None:
        if letter not in self._by_letter:
            chosen = [b.regex for b in self.branches if re.fullmatch(b.first_regex, letter, re.IGNORECASE)]
            self._by_letter[letter] = re.compile("|".join(chosen), re.IGNORECASE) if chosen else None
        return self._by_letter[letter]

    def finditer(self, text: str):
        position = 0
        while (start := self._starts.search(text, position)) is not None:
            at = start.start()
            names = self._starting_with(text[at])
            found = names.match(text, at) if names is not None else None
            if found is None:
                position = at + 1
                continue
            yield found
            position = found.end()  # a name is never empty


def _branch(form: str, case_sensitive: bool) -> Branch:
    escaped = re.escape(form)
    word_start = bool(re.match(r"\w", form, re.ASCII))
    if word_start:
        escaped = WORD_START + escaped
    if re.search(r"\w$", form, re.ASCII):
        # A possessive ("the Ministry of Public Security's job") still names the agency, and so does a name before a
        # closing quote ("'task 25 is led by SAIC'."); an apostrophe inside a word ("MOST'd") does not.
        escaped = escaped + r"(?!\w|['\u2019](?!s\b)\w)"
    # Abbreviations match in capitals only ("CAS", not "cas" in "Casual").
    return Branch(f"(?-i:{escaped})" if case_sensitive else escaped, form[0], word_start, case_sensitive)


# Abbreviations of four letters or more that are English words, matched in capitals only ("MOST", not "most").
# tests/notice/test_agencies.py checks every other such abbreviation against an English word list.
ENGLISH_ABBREVIATIONS = frozenset({"most"})


def _capitals_only(abbreviation: str) -> bool:
    """Abbreviations match in capitals only ("CAS", not "cas" in "Casual"), except those of four letters or more that
    no English word spells: users type "sipo", "mofcom" and "aqsiq" in lower case (as the 2018 names' "samr")."""
    return len(abbreviation) < 4 or abbreviation.lower() in ENGLISH_ABBREVIATIONS


@lru_cache(maxsize=2)
def _scanner(include_list_only: bool) -> tuple[Alternation, dict[str, Agency]]:
    forms: dict[str, tuple[str, Agency, bool]] = {}
    for agency in AGENCIES:
        extra = agency.list_only if include_list_only else ()
        for form in (*agency.all_forms(), *extra):
            forms.setdefault(form.casefold(), (form, agency, form in agency.abbreviations and _capitals_only(form)))
    # Longest first, so "Copyright Bureau" wins over "Copyright".
    branches = [_branch(forms[folded][0], forms[folded][2]) for folded in sorted(forms, key=len, reverse=True)]
    return Alternation(branches), {k: v[1] for k, v in forms.items()}


def mentions(text: str, *, include_list_only: bool = False) -> list[Mention]:
    """Every agency named in `text`, in order, longest surface form first.

    `include_list_only` is for the notice's own agency lists, where a bare
    "Copyright" is the Copyright Bureau; in a user's question it is a topic.
    """
    names, forms = _scanner(include_list_only)
    return [
        Mention(forms[m.group(0).casefold()], m.start(), m.end(), m.group(0))
        for m in names.finditer(text)
    ]


def find_agencies(text: str) -> list[Agency]:
    """The distinct agencies a free text names, in order of first mention."""
    seen: dict[str, Agency] = {}
    for mention in mentions(text):
        seen.setdefault(mention.agency.id, mention.agency)
    return list(seen.values())


def lookup(name: str) -> Agency:
    """The one agency a user means by `name`, or UnknownAgency with suggestions."""
    cleaned = " ".join(name.split()).strip()
    if not cleaned:
        raise UnknownAgency(cleaned, [])
    folded = cleaned.casefold()
    for agency in AGENCIES:
        if folded == agency.id or folded in (f.casefold() for f in (*agency.all_forms(), *agency.list_only)):
            return agency
    found = find_agencies(cleaned)
    if len(found) == 1:
        return found[0]
    raise UnknownAgency(cleaned, suggest(cleaned))


def suggest(name: str, limit: int = 3) -> list[str]:
    """Canonical names closest to a name we could not resolve."""
    candidates: dict[str, str] = {}
    for agency in AGENCIES:
        for form in (agency.name, *agency.abbreviations, *agency.aliases):
            candidates.setdefault(form.casefold(), agency.name)
    close = difflib.get_close_matches(name.casefold(), list(candidates), n=limit * 3, cutoff=0.5)
    names: list[str] = []
    for form in close:
        if candidates[form] not in names:
            names.append(candidates[form])
    if not names:
        words = {w for w in re.findall(r"\w+", name.casefold()) if len(w) > 3}
        for agency in AGENCIES:
            if words & set(re.findall(r"\w+", " ".join(agency.all_forms()).casefold())):
                names.append(agency.name)
    return names[:limit]
