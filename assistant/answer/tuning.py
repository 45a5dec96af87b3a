"""Every tuning number of the answering layer, with the measurement that chose it.

The search layer's own numbers (fusion constant, lexical gate) live in
`assistant/search/retrieve.py`; everything that decides what an answer says lives here.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

# The top task's similarity below which the notice is taken not to answer: one bar for questions with IP words
# (or an agency), a higher one without. Chosen with `ipqa bench`, which reports the eval's in-scope questions
# refused and the off-topic probes answered on each side of the bars (eval/README.md).
MIN_SIMILARITY = 0.35
MIN_SIMILARITY_WITHOUT_TOPIC = 0.46
# Below this lead of the first task's similarity over the second's, the answer names the second too. Every wrong
# first citation on the eval and held-out sets had a lead under 0.03 (eval/README.md, "Close calls").
CLOSE_CALL_MARGIN = 0.03
# A question naming something the notice never mentions ("the Madrid system", "Hong Kong") is refused unless its
# best task leads the next by at least this much. Chosen on heldout and heldout-3 (not blind): the paraphrases that
# name an example ("Yiwu", "Hainan") led by 0.041 and 0.046; three of the four name-bearing traps by 0.029 or less.
UNMENTIONED_MIN_MARGIN = 0.035
# A topic with words the notice never uses in any form ("domain names", "pharmaceuticals", "squatting") is refused
# when they make up at least a share of its content words and its best task is no closer than the bar beside it.
# Measured on every English set (heldout-4 and its dev split included, so not blind). Share 0.25, bar 0.48: the bar
# alone refused 14 traps and 3 of 75 answerable questions with such a word, each one odd word in five to ten
# ("diplomas" 1 in 5 at 0.455, "quicker" 1 in 6, "reworks" 1 in 10); the share spares all three. Share 0.5, bar
# 0.6: a topic that is half unknown words ("Hong Kong and Macao", "NFT and blockchain") is a guess even when the
# rest matches well. The most unknown answerable question is 0.4 ("know-how doesn't walk out the door when an
# engineer switches jobs", 0.526), so a share of 0.4 would refuse it.
UNKNOWN_WORD_BARS = ((0.25, 0.48), (0.5, 0.6))
# A topic is refused when the words its nearest task never uses (in its heading, text, gloss or sample questions)
# carry this share of the topic's weight, each word weighted by its rarity among the tasks (answer/coverage.py).
# Measured on every English set's 301 single-turn topic questions (not blind): of the 218 answered right, the
# widest gap is 0.83 ("ordinary citizens understand and value ownership of creative works", a paraphrase in
# everyday words), the next 0.78; the traps it refuses that nothing else did are "IP courts in Beijing, Shanghai
# and Guangzhou" (0.92, 0.90) and "foreign investors in free trade zones" (0.88). It also turns three wrong
# answers (0.96, 0.92, 0.88) into refusals. Off-topic questions the similarity bar already refused reach 1.0.
UNCOVERED_MIN_SHARE = 0.88
# A task within this much similarity of the search's first one that holds more of the question's words goes first
# when its similarity plus this weight times the share of the question's weight it holds (1 - `coverage.Gap.share`)
# is highest: the small model ranks near neighbours in an order that says little ("the yearly overview of how
# China's IP scene is developing": task 78 on industry alerts, then task 13's annual report), while the rare words
# a question shares with a task's text, gloss and sample questions say much. When the first task leaves
# UNCOVERED_MIN_SHARE of the question unspoken of (a refusal), a neighbour goes first only if it leaves at most
# COVERAGE_RESCUE: near traps move to neighbours leaving 0.59 to 0.92 ("Rome Convention" to task 87, "IP courts in
# more cities" to task 3 at 0.69), paraphrases to ones leaving 0.07 to 0.38. Chosen on the single-task topic
# questions of qa and heldout to heldout-6 (318): 4 right tasks first and none lost (weight 0.05 gave 2, a rescue
# bar of 0.6 lost 2 traps); then on heldout-7 to heldout-11 (220, not seen when choosing): 2 right and none lost.
COVERAGE_WINDOW = 0.05
COVERAGE_WEIGHT = 0.1
COVERAGE_RESCUE = 0.5
# A first hit refused for an administrative act it never speaks of ("tax incentives", task 56) gives way to one of
# the next two hits, closer in meaning and leaving no more of the words unspoken of, that speaks of it and is not
# refused (task 99). Two: beyond them a neighbour is the search's guess, not the act's. A window of 0.05 behind
# the first, instead of closer, answered two near traps of heldout-9 and -10 ("approves a startup's IPO").
ACT_RESCUE_DEPTH = 2
# "Which task does SIPO lead on patent pledge financing?": when none of the agency's tasks speaks of the subject, a
# task elsewhere answers it (the premise said first) only if it leaves at most this share of the subject's weight
# unspoken of. "patent pledge financing" against task 102 leaves 0.0; "inspect parcels counterfeits" against task 26,
# the nearest task of all for a trap about the State Post Bureau, leaves more (see tests/answer/test_queries.py).
ELSEWHERE_MAX_GAP = 0.25
# "Which tasks deal with X?": tasks this close to the best one, or matching the question's words, are listed too.
PLURAL_MIN_SIMILARITY = 0.3
PLURAL_MARGIN = 0.05
# A task holding most of the question's words (BM25's gate) is listed down to this similarity: task 68 names
# "geographical indications" in a long sentence on other things and scores 0.21 for them.
PLURAL_LEXICAL_MIN_SIMILARITY = 0.2
# How many ranked tasks a topic search returns before the query's own predicates filter them: the whole notice
# is 106 tasks, and filtering 20 keeps every scoped eval question's answer in reach.
SEARCH_DEPTH = 20
# A claim that a task is about a topic holds when the task is among the topic's top 3 hits or shares half of the
# claim's content words (by Snowball stem): the settings that gave verdict accuracy 1.0 on the eval's claims.
CLAIM_TOPIC_TOP_K = 3
CLAIM_MIN_OVERLAP = 0.5
# ... and is not more than this much less similar to the claim than the best task. 0.12: "task 57 is about design
# patent protection" (true) trails task 33 by 0.099; the wrong-task claims in qa.jsonl and heldout-3 ("the GI
# legislation task is 90") trail the right task by 0.2 or more.
CLAIM_TOPIC_MARGIN = 0.12
# ... and the best task does not hold this much more of the claim's words. "Task 37 assigns drafting the
# anti-monopoly enforcement guidelines" trails task 36 by 0.053 in similarity, but task 36 holds "enforcement
# guidelines" and task 37 does not (0.33 more of the words). Over every single-task claim of the eval sets no true
# claim's task is out-worded at all (the largest such difference is 0), and every wrong one but this is caught already.
CLAIM_OUTWORDED = 0.3
# Rankings show this many rows in the answer; the full table is in `citations`-free text below it.
RANK_SHOWN = 5
# An answer citing more tasks than this is a list: the app shows a compact table instead of one card each.
LIST_MIN_TASKS = 6

_STEMMER = snowballstemmer.stemmer("english")
_STOP = frozenset("about that this with from into task tasks does right correct true isn't what which there their "
                  "have they them those these then than some such only also more most very memo says cites".split())

# Kinds of right a claim may name; a claim naming a kind its task never mentions is not what the task says.
IP_KINDS = {
    "patent": r"\bpatent", "trademark": r"\btrademark|\bbrand", "copyright": r"\bcopyright|\bsoftware",
    "geographical indication": r"geographical indication", "plant variety": r"plant variet|new variet",
    "trade secret": r"trade secret|business secret", "design": r"\bdesign",
}


def kinds_of_right(text: str) -> set[str]:
    return {kind for kind, pattern in IP_KINDS.items() if re.search(pattern, text, re.IGNORECASE)}


# Words whose Snowball stems are remembered. The first topic question stems every task's words (15,700 of them,
# 1,900 distinct) and the speller its vocabulary's 2,000 (the same words, mostly): stemmed afresh each time, that
# was 0.35 s of a new process's first answer, and remembered 0.05 s (`ipqa bench`, "cold start of an answering
# process"; README "Speed"). Four times the vocabulary leaves room for the words of the questions a long-running
# app is asked, and bounds what they can hold.
STEM_CACHE_WORDS = 8192


# British spellings in the American the notice's translation uses, before stemming: "specialised courts",
# "qualifications recognised abroad", "organisations" and "licence" meet "specialized", "recognized",
# "organizations" and "license". Both sides of every comparison pass through here, so a word that only looks
# British ("premise" -> "premize") still meets itself.
_BRITISH = ((re.compile(r"(?<=[a-z]{2})is(e|ed|es|ing|er|ers|ation|ations|able)$"), r"iz\1"),
            (re.compile(r"(?<=[a-z]{2})ys(e|ed|es|ing)$"), r"yz\1"),
            (re.compile(r"^licenc"), "licens"), (re.compile(r"^(cent|met|theat|fib)re(s?)$"), r"\1er\2"),
            (re.compile(r"^programme"), "program"), (re.compile(r"^(defen|offen)ce(s?)$"), r"\1se\2"),
            (re.compile(r"^(catalog|dialog)ue(s?)$"), r"\1\2"),
            (re.compile(r"^(lab|fav|hon|neighb|behavi|col|endeav|harb|rum)our"), r"\1or"))


def american(word: str) -> str:
    for pattern, replacement in _BRITISH:
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=STEM_CACHE_WORDS)
def stem(word: str) -> str:
    """The word's Snowball stem: "protecting", "protection" and "protect" meet, and so do "organised" and
    "organized"."""
    return _STEMMER.stemWord(american(word))


def stems(text: str) -> set[str]:
    """Content words by Snowball stem: "protecting", "protection" and "protect" meet."""
    words = [w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3 and w not in _STOP]
    return set(_STEMMER.stemWords([american(w) for w in words]))


def word_overlap(claim: str, text: str) -> float:
    """Share of the claim's content words found in `text`."""
    claimed = stems(claim)
    return len(claimed & stems(text)) / len(claimed) if claimed else 0.0

# Rows of a ranking of agencies shown when the question gives no number ("rank agencies by ..."): the eight every
# ranking showed before the number could be asked ("the top 5"); a display choice, not a measured one.
RANKING_ROWS = 8

# A scope of more tasks than this is said as a span ("in tasks 14 to 70") and its tasks are not cited: the two
# parts a follow-up's "there" can mean hold 57 tasks. The eval sets' questions name at most four tasks one by one
# ("Who leads tasks 38, 61, 62 and 71?"), ranges aside.
CITED_SCOPE_TASKS = 4
# "Which agencies lead tasks under heading (1) of part 6?": in a scope of at most this many tasks each agency's row
# cites its tasks there, so the answer can be cited. Every heading (8 tasks at most), the joint-lead tasks (6) and
# parts 5 and 6 (11 and 9); parts 1 to 4 (13 to 32 tasks) give each agency's number, as the whole notice does.
ROW_TASKS_MAX = 12

# A topic asked within a part or heading ("the Part VI task about the Boao Forum") is answered from outside it,
# with a note that the task is elsewhere, when the best task inside leaves this much more of the topic's weight
# unspoken of than the best task outside (answer/coverage.py). Measured with the real model on every task asked
# by its own opening words: under the next part, all 104 differ by 0.23 or more (task 49; the next 0.40); under
# its own part the difference is -0.23 at most. The bar sits below the lowest. heldout-7's h7-044 (the Boao Forum
# under part 6): 0.79.
SCOPE_MISMATCH_SHARE = 0.2
