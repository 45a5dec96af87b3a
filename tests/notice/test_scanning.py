"""Agency names are found where one big alternation of them found them, only faster.

`agencies.Alternation` tries, at each place a name can start, only the names beginning with that letter;
these tests hold it to the alternation it stands for (`Alternation.pattern()`): the same matches, in the
same places, with the same text, on every eval question, the notice and generated text (the fast tier scans an
even spread of 400 of the 3,000 texts and the awkward ones; the slow tier every one).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from assistant.lab import evaluate
from assistant.notice import agencies, mentions
from assistant.notice.mentions import clean
from assistant.settings import DEFAULT_CORPUS

SCANNERS = {
    "registry names": lambda: agencies._scanner(False)[0],
    "registry names with list-only forms": lambda: agencies._scanner(True)[0],
    "2018 names": lambda: mentions._successor_scanner()[0],
}
# Characters regular expressions treat specially when case is ignored, possessives, and word edges.
AWKWARD = ["ſaic", "\u212aey", "İP", "ı", "SAIC's", "MOFCOM’s", "MOFCOM’ss", "_SIPO", "SIPO_", "'SIPO", "sipo",
           "Sipo", "IP Office s", "cnipa CNIPA Cnipa", "国家知识产权局局", "市场监管总局参与了哪些任务？", "\n", "。"]


def found(scanner, text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group(0)) for m in scanner.finditer(text)]


def texts(notice) -> list[str]:
    questions = [p.question for path in sorted(evaluate.EVAL_DIR.glob("*.jsonl")) for p in evaluate.load_pairs(path)]
    documents = [line for path in sorted((evaluate.EVAL_DIR / "check").glob("*.md")) + sorted(
        (evaluate.EVAL_DIR / "check").glob("*.txt")) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    notice_text = DEFAULT_CORPUS.read_text(encoding="utf-8").splitlines()
    records = [t.agency_text for t in notice.tasks] + [t.text for t in notice.tasks]
    every = questions + documents + notice_text + records + AWKWARD
    return every + [clean(t)[0] for t in every]


@pytest.mark.parametrize("name", SCANNERS)
def test_every_eval_question_and_the_notice_scan_as_with_one_alternation(name, notice, each):
    scanner = SCANNERS[name]()
    reference = scanner.pattern()
    checked = texts(notice)
    assert len(checked) > 3000
    for text in each(checked, 400) + AWKWARD:
        assert found(scanner, text) == found(reference, text), text


def pieces() -> list[str]:
    forms = [f for a in agencies.AGENCIES for f in (*a.all_forms(), *a.list_only)]
    forms += [f for s in agencies.SUCCESSORS for f in s.all_forms()]
    cut = [f[: len(f) // 2] for f in forms] + [f[len(f) // 2:] for f in forms]
    return forms + [f.upper() for f in forms] + [f.lower() for f in forms] + cut + AWKWARD + [
        " ", " ", "'", "’", "s", "'s", "-", ",", "(", ")", "x", "9", "_", "的", "和"]


def test_generated_text_scans_as_with_one_alternation(examples):
    @settings(max_examples=examples, deadline=None, derandomize=True)
    @given(st.lists(st.sampled_from(pieces()), max_size=12))
    def scans_the_same(parts):
        text = "".join(parts)
        for make in SCANNERS.values():
            scanner = make()
            assert found(scanner, text) == found(scanner.pattern(), text)

    scans_the_same()
