"""What the answer tests of both languages compute from the records, and their check of a question about two
agencies (tests/answer/test_queries.py in English, tests/answer/test_chinese.py in Chinese)."""

from __future__ import annotations

import itertools
import random
from typing import Callable


def cited(answer) -> set[int]:
    return set(answer.citations)


def involved(notice, agency_id) -> set[int]:
    return {t.number for t in notice.tasks if t.involves(agency_id)}


def led(notice, agency_id) -> set[int]:
    return {t.number for t in notice.tasks if t.led_by(agency_id)}


def agency_pairs(agency_ids: list[str], n: int, rng: random.Random) -> list[tuple[str, str]]:
    """`n` pairs of the agencies, drawn with the test module's own generator, so each module asks the same pairs
    whatever else runs."""
    pairs = list(itertools.combinations(agency_ids, 2))
    rng.shuffle(pairs)
    return pairs[:n]


def both(notice, a, b) -> set[int]:
    return involved(notice, a) & involved(notice, b)


def first_without_second(notice, a, b) -> set[int]:
    return involved(notice, a) - involved(notice, b)


def either_leads(notice, a, b) -> set[int]:
    return led(notice, a) | led(notice, b)


def assert_each_pair(bot, notice, phrasing: str, pairs: list[tuple[str, str]], name: Callable[[str], str],
                     expected: Callable) -> None:
    """Asks `phrasing` about each pair, the agencies as `name` gives them: the answer cites exactly the
    `expected` tasks."""
    for a, b in pairs:
        answer = bot.ask(phrasing.format(a=name(a), b=name(b)))
        assert cited(answer) == expected(notice, a, b), (phrasing, a, b, answer.query)
