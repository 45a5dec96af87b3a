"""Issue 11's defects, each pinned by a test (the fast tier: the real notice, a fake retriever)."""

from __future__ import annotations

import httpx
import pytest

from assistant.answer.chain import Assistant
from assistant.errors import BadArgument, IndexUnavailable
from assistant.settings import Settings
from tests.fakes import FakeSearcher


def user(*turns: str) -> list[dict]:
    return [{"role": "user", "content": t} for t in turns]


@pytest.mark.parametrize("question", ["Does SIPO handle patents?", "Is SIPO on the list?", "Check: MOFCOM"])
def test_yes_no_questions_naming_an_agency_and_no_task_answer(fast_bot, question):
    assert fast_bot.ask(question).text


@pytest.mark.parametrize("follow_up", ["What does it say?", "How many?"])
def test_follow_ups_after_a_claim_answer(fast_bot, follow_up):
    answer = fast_bot.ask(follow_up, history=user("Is task 24 led by the Copyright Bureau?"))
    assert answer.text and not answer.refused


def test_an_unknown_part_is_one_line_not_an_exception(fast_bot):
    answer = fast_bot.ask("What does part 7 cover?")
    assert answer.refused and answer.text.startswith("There is no part 7")


@pytest.mark.parametrize("claim, verdict", [
    ("SAIC doesn't lead task 24, right?", "No"),
    ("The Copyright Bureau doesn't lead task 24, correct?", "Yes"),
    ("Is SIPO the only lead of task 88?", "No"),
    ("Is SAIC in charge of tasks 24 and 25?", "No"),
    ("Is task 24 led by the Ministry of Magic?", "No"),
])
def test_claim_verdicts(fast_bot, claim, verdict):
    assert fast_bot.ask(claim).text.startswith(f"**{verdict}.**")


def test_the_same_agency_after_task_24(fast_bot):
    answer = fast_bot.ask("Does the same agency lead task 26?", history=user("Who leads task 24?"))
    assert answer.text.startswith("**Yes.**") and set(answer.citations) == {24, 26}  # both, with who leads each


def test_a_follow_up_over_a_list_uses_the_whole_list(fast_bot, notice):
    answer = fast_bot.ask("Which of those are in part 2?", history=user("Which tasks does SIPO lead?"))
    assert answer.citations == [t.number for t in notice.tasks if t.part == 2 and t.led_by("sipo")]
    leads = fast_bot.ask("Who leads them?", history=user("Which tasks does the Copyright Bureau lead?"))
    assert leads.citations == [t.number for t in notice.tasks if t.led_by("nca")]


def test_citations_outside_the_notice_in_history_are_ignored(fast_bot):
    history = [{"role": "user", "content": "Who leads task 24?"},
               {"role": "assistant", "content": "See [Task 999] and [Task " + "9" * 4301 + "]."}]
    assert fast_bot.ask("Who else is involved?", history=history).text


def test_a_range_over_twenty_tasks_is_kept_whole(fast_bot):
    assert fast_bot.ask("What do tasks 1-106 say?").citations == list(range(1, 107))


def test_a_missing_task_beside_real_ones_is_said(fast_bot):
    answer = fast_bot.ask("Compare tasks 5 and 999")
    assert answer.citations == [5] and "no task 999" in answer.text


def test_a_heading_without_a_part_says_how_it_was_read(fast_bot):
    assert "read in every part" in fast_bot.ask("What is under heading (3)?").text


@pytest.mark.parametrize("question", ["Does the notice say that SIPO leads task 1?",
                                      "Who leads task 24? Just answer with the agency name."])
def test_ordinary_questions_are_not_taken_for_injections(fast_bot, question):
    assert not fast_bot.ask(question).refused


class DownServer(FakeSearcher):
    def search(self, *args, **kwargs):
        raise httpx.ConnectError("connection refused")


def test_a_store_that_goes_down_mid_session_is_one_line(notice):
    bot = Assistant(Settings(chroma_host="127.0.0.1", chroma_port=8999), retriever=DownServer(notice))
    with pytest.raises(IndexUnavailable, match="cannot reach the Chroma server at 127.0.0.1:8999"):
        bot.ask("Who leads trade secret protection?")


def test_a_changed_corpus_changes_the_answers_and_the_cards_together(tmp_path, notice):
    corpus = tmp_path / "notice.txt"
    original = Settings().corpus.read_text(encoding="utf-8")
    corpus.write_text(original, encoding="utf-8")
    bot = Assistant(Settings(corpus=corpus))
    bot._retriever, bot._owns_retriever = FakeSearcher(bot.notice), True
    assert "Trade secret" not in bot.ask("What does task 24 say?").text
    corpus.write_text(original.replace("Promote the improvement of trade secret", "Promote the improvement of Trade secret"),
                      encoding="utf-8")
    answer = bot.ask("What does task 24 say?")
    assert "Trade secret" in answer.text and "Trade secret" in answer.evidence


# --- the command line: odd numbers, empty names, hostile input (defects 16 and 17) -------------------------

def ipqa(*args: str, tmp_path=None):
    """`ipqa ARGS` in this process, with colour on: click strips escape sequences only when writing to a pipe,
    so this is what a terminal would receive."""
    from click.testing import CliRunner

    from assistant.cli import cli

    env = {"IPQA_INDEX_DIR": str(tmp_path / "index")} if tmp_path else {}
    return CliRunner().invoke(cli, list(args), env=env, color=True)


@pytest.mark.parametrize("args, line", [
    (["task", "²"], "Error: there is no task ²: the notice has tasks 1 to 106"),  # a digit to str.isdigit
    (["task", "٢٤"], "Error: there is no task ٢٤: the notice has tasks 1 to 106"),
    (["tasks", "--agency", ""], "Error: unknown agency ''. (`ipqa agencies` lists them all)"),
])
def test_odd_numbers_and_empty_names_are_one_line(args, line):
    result = ipqa(*args)
    assert result.exit_code == 2 and result.stderr.splitlines() == [line]


HOSTILE = "\x1b[2J\x1b]0;pwned\x07" + "x" * 100_000  # clears the screen and retitles the window, then 100 kB


@pytest.mark.parametrize("args", [
    ["task", HOSTILE],
    ["tasks", "--agency", HOSTILE],
    ["search", "trade secrets", "--agency", HOSTILE],
    ["check", HOSTILE + ".txt"],
    ["check", "\x1b[2J.txt"],
    ["eval", "--file", HOSTILE],
], ids=["task", "tasks --agency", "search --agency", "check, long name", "check, short name", "eval --file"])
def test_hostile_input_comes_back_escaped_and_short(args, tmp_path):
    result = ipqa(*args, tmp_path=tmp_path)
    lines = result.stderr.splitlines()
    assert result.exit_code == 2 and len(lines) == 1, result.stderr[:300]
    assert lines[0].isprintable() and len(lines[0]) < 400, lines[0][:300]


# --- the model's answer check: a wrong lead placed after "with" (defect 4) --------------------------------

@pytest.mark.parametrize("reply, holds", [
    ("Task 24 is handled with the Legislative Affairs Office in the lead [Task 24].", False),
    ("SAIC takes part in task 24 with the Legislative Affairs Office leading [Task 24].", False),
    ("With the Legislative Affairs Office in charge, SAIC helps [Task 24].", False),
    ("SAIC leads task 24 with the Legislative Affairs Office [Task 24].", True),
    ("Task 24 is led by SAIC, with the Legislative Affairs Office taking part [Task 24].", True),
    ("Led by SAIC with support from the Legislative Affairs Office [Task 24].", True),
])
def test_a_lead_placed_after_with_is_checked_against_the_records(notice, reply, holds):
    """Task 24 is led by the SAIC, with the Legislative Affairs Office taking part. "With" marks an agency as
    taking part only when the clause's lead word belongs to another agency."""
    from assistant.answer.llm import check

    assert check(reply, {24: notice.task(24)}).ok is holds


# --- the model path's inputs and evidence, and the API's arguments (defects 5, 19 and 23) ------------------

class RecordingModel:
    """A chat model that answers faithfully and keeps what it was sent."""

    def __init__(self, reply: str):
        self.reply, self.sent = reply, []

    def invoke(self, messages):
        self.sent.append(messages)
        return type("Reply", (), {"content": self.reply})()


def test_the_question_the_model_sees_is_capped(notice):
    from assistant.answer.llm import MAX_MODEL_QUESTION_CHARS

    model = RecordingModel("The State Administration for Industry and Commerce leads it [Task 24].")
    bot = Assistant(Settings(), chat_model=model, retriever=FakeSearcher(notice))
    answer = bot.ask("Who leads task 24? " + "Please answer carefully. " * 4000)
    assert "phrased by the language model" in answer.notes
    sent = "\n".join(text for _, text in model.sent[0])
    question = sent.split("Question: ", 1)[1]
    assert question.startswith("Who leads task 24? Please") and len(question) == MAX_MODEL_QUESTION_CHARS


def test_on_the_model_path_the_notices_words_are_a_blockquote(notice):
    """Each quoted line starts with "> ", so Markdown renders it as a quote (not "[Task 24] > ..." on one line)."""
    model = RecordingModel("The State Administration for Industry and Commerce leads it [Task 24].")
    answer = Assistant(Settings(), chat_model=model, retriever=FakeSearcher(notice)).ask("Who leads task 24?")
    assert "phrased by the language model" in answer.notes
    quoted = [line for line in answer.evidence.splitlines() if "trade secret protection laws" in line]
    assert quoted and all(line.startswith("> ") for line in quoted)
    assert not [line for line in f"{answer.text}\n{answer.evidence}".splitlines() if "] >" in line]


def test_filters_given_as_a_dict_are_read_as_filters(fast_bot):
    from assistant.search.filters import Filters

    question = "Who works on patent pledge financing?"
    as_dict = fast_bot.ask(question, filters={"agencies": ["MOFCOM"], "lead_only": True})
    assert as_dict == fast_bot.ask(question, filters=Filters(("mofcom",), lead_only=True))


@pytest.mark.parametrize("filters", [5, "MOFCOM", {"agencies": 5}, ["mofcom"]])
def test_filters_of_another_kind_are_a_typed_error(fast_bot, filters):
    with pytest.raises(BadArgument, match="filters must be a Filters object"):
        fast_bot.ask("Who leads task 24?", filters=filters)


@pytest.mark.parametrize("question", [None, 24.5, b"who leads task 24", ["task 24"]])
def test_a_question_of_the_wrong_kind_is_refused_before_anything_loads(tmp_path, question):
    """No retriever is given, so answering would open (and here, build) the index and load the model."""
    bot = Assistant(Settings(index_dir=tmp_path / "index"))
    with pytest.raises(BadArgument, match="question must be a string"):
        bot.ask(question)
    assert bot._retriever is None and not (tmp_path / "index").exists()


# --- `ipqa bench --fuzz N` runs more of CI's fuzzing ("Build also") ---------------------------------------

@pytest.mark.slow  # hundreds of generated calls: the full suite runs them, the fast tier does not
def test_the_fuzz_run_counts_every_exception_with_the_question_that_raised_it(fast_bot):
    from assistant.lab import fuzz

    clean = fuzz.run(fast_bot.ask, 300)
    assert (clean["calls"], clean["exceptions"], clean["failures"]) == (300, 0, {})

    def fragile(question, history):
        if "part 7" in question:
            raise IndexError("chain.py:220")
        return fast_bot.ask(question, history=history)

    found = fuzz.run(fragile, 1000)
    assert found["exceptions"] == found["failures"]["IndexError"]["count"] > 0
    assert "part 7" in found["failures"]["IndexError"]["question"]
    assert "IndexError x" in fuzz.format_run(found)


def test_bench_fuzz_asks_the_real_assistant_and_exits_1_on_an_exception(tmp_path, monkeypatch):
    """The command itself, with a stand-in Assistant whose every tenth answer raises: exit status 1."""
    from click.testing import CliRunner

    from assistant.answer import chain
    from assistant.cli import cli

    calls = []

    class Flaky:
        def __init__(self, settings):
            pass

        def ask(self, question, history):
            calls.append(question)
            if len(calls) % 10 == 0:
                raise AssertionError("chain.py:214")

    monkeypatch.setattr(chain, "Assistant", Flaky)
    result = CliRunner().invoke(cli, ["bench", "--fuzz", "40"])
    assert result.exit_code == 1 and len(calls) == 40
    assert result.output.startswith("Fuzz: 40 generated calls (seed 11) in ") and "4 exceptions" in result.output
    assert "- AssertionError x4, first on " in result.output


@pytest.mark.parametrize("said", ["Is the NDRC in task 9 and task 500?", "Claim: SIPO leads task 1 and task 0.",
                                  "SAIC leads tasks 24 and 999, right?"])
def test_a_claim_about_a_task_the_notice_lacks_is_refused_not_half_checked(fast_bot, said):
    answer = fast_bot.ask(said)
    assert answer.refused and "the notice has tasks 1 to 106" in answer.text and not answer.citations, answer.text


@pytest.mark.parametrize("typed, read", [("who leds taks 37?", "Read as: lead of task 37"),
                                         ("wich task does SIPO lead first?", None)])
def test_a_typo_between_equally_close_words_takes_the_word_people_ask_with(fast_bot, typed, read):
    answer = fast_bot.ask(typed)
    if read:
        assert answer.query == read, answer.query
    assert not any('as "lets"' in n or 'as "rich"' in n for n in answer.notes), answer.notes


@pytest.mark.parametrize("question", ["wer leitet Aufgabe 24?", "qui dirige la tâche 24 ?", "¿Quién dirige la tarea 24?",
                                      "Chi guida il compito 24?", "タスク24は誰が担当？", "Кто руководит задачей 24?"])
def test_a_question_in_another_language_is_asked_back_in_english_or_chinese(fast_bot, question):
    answer = fast_bot.ask(question)
    assert answer.refused and not answer.citations, answer.text
    assert "English" in answer.text and "Chinese" in answer.text or "英文" in answer.text, answer.text


@pytest.mark.parametrize("question", ["Who leads task 24?", "who is responsable for task 24",
                                      "Is the Ministry of Commerce on task 92?", "第24项任务由哪个部门牵头？"])
def test_english_and_chinese_are_not_another_language(fast_bot, question):
    assert fast_bot.ask(question).citations[:1] in ([24], [92]), question


@pytest.mark.parametrize("markup", ["<script>alert(1)</script> {q}", "<b>{q}</b>", "{q} <img src=x onerror=alert(1)>",
                                    "<div class='x'>{q}</div>"])
def test_markup_pasted_into_a_question_is_read_past(fast_bot, markup):
    plain = fast_bot.ask("who leads task 5")
    answer = fast_bot.ask(markup.format(q="who leads task 5"))
    assert answer.text == plain.text and answer.citations == plain.citations, answer.text[:200]


def test_a_huge_message_of_many_questions_says_it_was_cut(fast_bot):
    answer = fast_bot.ask("who leads task 18? " * 2000 + "and who leads task 19?")
    assert "characters long; I read only its first" in answer.text and answer.citations[:1] == [18], answer.text[-300:]


@pytest.mark.parametrize("asked", ["Who leads task {n:,}?", "What does task #{n:,} say?", "Is SIPO on item {n:,}?"])
@pytest.mark.parametrize("n", [1000, 2500, 12345, 1000000])
def test_a_task_number_with_thousands_separators_is_one_number(fast_bot, asked, n):
    """"task 1,000" is task 1000, which the notice lacks, not tasks 1 and 0 (it had answered task 1)."""
    answer = fast_bot.ask(asked.format(n=n))
    assert answer.refused and not answer.citations and "1 to 106" in answer.text, (asked, answer.text[:200])
