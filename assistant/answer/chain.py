"""The answering chain: read the conversation -> parse -> execute -> compose -> (phrase) -> check.

The chain is one LangChain runnable (`Assistant.chain`, an `AnswerChain` of
runnable.py) over one dict whose steps are typed functions; each step is also a
runnable of its own (`AnswerChain.step`), so it can be tested, swapped or traced
alone, and `AnswerChain.as_sequence` gives the same pipeline as a `RunnableSequence`
that traces every step. A question is one callback run, not six: five
`RunnableLambda`s piped together set up a callback manager and inspected each step's
signature per step, 0.5 to 1.3 ms of a 6 ms warm answer (`ipqa bench`, README
"Speed"); one run costs 0.04 ms, and none is set up when no callback or tracer
listens. When none can (`_nobody_listens`), `ask` calls the steps itself and
LangChain's runnables are not even imported: they import langsmith, 0.25 to 0.4 s of
a new process's first answer. The grounded
answer is always composed from the records; an optional chat model may only
rephrase it, and is overruled when it strays.
"""

from __future__ import annotations

import logging
import re
import os
import sys
import threading
from dataclasses import replace
from functools import cached_property
from typing import Any

from assistant.answer import compose as composer
from assistant.answer import conversation, llm, vocabulary
from assistant.answer.coverage import TaskWords
from assistant.answer.spelling import Speller
from assistant.answer.execute import Result, execute
from assistant.answer.parser import parse as parse_english, search_topic
from assistant.answer.query import Op, Query, TaskSet, Turn
from assistant.answer.result import Answer
from assistant.errors import AssistantError, BadArgument, IndexUnavailable
from assistant.notice.agencies import AGENCIES, SUCCESSORS, find_agencies
from assistant.notice.load import notice_for
from assistant.notice import mentions
from assistant.notice.language import is_chinese
from assistant.search.aids import load_glosses, load_questions
from assistant.search.filters import Filters

__all__ = ["Assistant", "Filters"]
from assistant.settings import Settings

log = logging.getLogger("assistant.answer.chain")

FILTERS_UNUSED = ("The filters narrow searches by topic; this question names what it asks about, "
                  "so they were not applied.")


def parse(text: str, notice, previous: Turn | None, speller: Speller | None = None) -> Query:
    """A question in either language into a typed query; each turn of a conversation is read in its own.
    The Chinese reader is imported with the first Chinese question: an English one never needs it."""
    if is_chinese(text):
        from assistant.answer import parser_zh, vocabulary_zh

        text, previous, rest = conversation.rest_of_list(text, previous, vocabulary_zh.REST_OF_LIST_RE, "它", "这些任务")
        query = parser_zh.parse(text, notice, previous)
        note = REST_NOTE_ZH
    else:
        text, previous, rest = conversation.rest_of_list(text, previous, vocabulary.REST_OF_LIST_RE, "it", "those")
        query = parse_english(text, notice, previous, speller)
        note = REST_NOTE
    return query.with_notes(note.format(tasks=", ".join(map(str, rest)))) if rest else query


# "the one that isn't", "the rest": which tasks they were taken to be (conversation.rest_of_list)
REST_NOTE = "Read as the tasks of the list before that the last answer left out: {tasks}."
REST_NOTE_ZH = "理解为前一份清单中上一个回答没有列出的任务：{tasks}。"


def _question_text(question: Any) -> str:
    """The question as text; a whole number asks about that task (`ask(24)`), anything else is an error."""
    if isinstance(question, str):
        return question
    if isinstance(question, bool) or not isinstance(question, int):
        raise BadArgument("question")
    return f"task {question}"


class Assistant:
    """The one entry point for the CLI, the UI and the eval.

    Holds the parsed notice, the retriever (model and index, loaded on first
    need) and the optional chat model; `ask` is safe to call concurrently.
    """

    def __init__(self, settings: Settings | None = None, *, chat_model: Any = None, retriever: Any = None):
        self.settings = settings or Settings.from_env()
        self._retriever = retriever
        # A retriever we open ourselves is reopened when the notice changes (its index is then stale); one
        # handed in (a test's fake, a shared searcher) is the caller's to manage.
        self._owns_retriever = retriever is None
        self._loading = threading.Lock()
        self._speller: tuple | None = None
        self.chat_model = chat_model if chat_model is not None else llm.chat_model_from_env(self.settings.llm)
        # Reads only the questions the rules cannot read; IPQA_LLM_PARSER=0 keeps the model to phrasing. Imported
        # only then: building its schema costs a start without a model 30 ms (python -X importtime).
        self.model_parser = None
        if self.chat_model is not None and self.settings.llm_parser:
            from assistant.answer.model_parser import ModelParser

            self.model_parser = ModelParser(self.chat_model)
        self.steps = {"read": self._read, "execute": self._execute, "compose": self._compose,
                      "phrase": self._phrase, "check": self._check}

    @cached_property
    def chain(self):
        """The steps as one LangChain runnable (`AnswerChain`): `ask` goes through it whenever a callback or a
        tracer could listen."""
        from assistant.answer.runnable import AnswerChain

        return AnswerChain(self.steps)

    # --- public API -------------------------------------------------------------------------

    @property
    def notice(self):
        """The parsed notice, read again when the corpus file changes (cached on its mtime and size)."""
        return notice_for(self.settings)

    @property
    def speller(self) -> Speller:
        """Built once per notice from its words, the search aids' and the question vocabulary's."""
        return self._words()[0]

    @property
    def task_words(self) -> TaskWords:
        """Each task's own words (heading, text, gloss, sample questions), for `answer.coverage`."""
        return self._words()[1]

    def _words(self) -> tuple[Speller, TaskWords]:
        notice = self.notice
        if self._speller is None or self._speller[0] is not notice:
            glosses = load_glosses(self.settings.glosses)
            questions = load_questions(self.settings.questions)
            own = {t.number: (t.heading, t.text, glosses.get(t.number, ""), *questions.get(t.number, ()))
                   for t in notice.tasks}
            texts = [text for parts in own.values() for text in parts]
            texts += [" ".join(vocabulary.ASKING_FILLER)]
            self._speller = (notice, Speller(texts, names=[*(f for a in AGENCIES for f in (a.name, *a.abbreviations)),
                                                         *(f for s in SUCCESSORS for f in s.all_forms())]), TaskWords(own))
        return self._speller[1], self._speller[2]

    @property
    def retriever(self):
        with self._loading:  # the app's sessions share one Assistant: load the model once
            stale = (self._owns_retriever and self._retriever is not None
                     and getattr(self._retriever, "notice", None) is not self.notice)
            if self._retriever is None or stale:
                if stale:
                    log.info("the notice changed since the index was opened; opening it again")
                from assistant.search.retrieve import open_retriever

                self._retriever = open_retriever(self.settings, self.notice)
        return self._retriever

    def ask(self, question: str, history: list[dict] | None = None, filters: Any = None) -> Answer:
        """An `Answer`, or `BadArgument` for arguments of the wrong kind; never another exception for odd text."""
        text = _question_text(question)
        turns = conversation.messages_to_turns(history)
        filters = _filters(filters)
        whole = self._answer(text, turns, filters)
        if len(text) > mentions.MAX_QUESTION_CHARS:
            return whole  # a message cut to its first MAX_QUESTION_CHARS is read whole, with the note that says so
        two = conversation.two_questions(text, self._names_something) \
            if conversation.setup_and_follow_up(text) is None else None
        if two is None or whole.refused:
            # A message refused whole ("Which agency issues driving licences to foreigners, and can I convert my
            # licence?") is not answered in parts: its first part alone can look nearer a task than it is.
            return whole
        # "...responsible separately? and who is listed first?": each answered, in order
        first = self._answer(two[0], turns, filters)
        if first.refused:
            # Not understood alone: "Which task comes right before 57?" is about a task only with "who leads it"
            return whole
        asked = [*(history if isinstance(history, list) else []),
                 {"role": "user", "content": two[0]}, {"role": "assistant", "content": first.text}]
        if first.kind == Op.RANK.value and re.match(r"\*\*\d+\.\*\*", first.text):
            asked_next = self.read(two[1], asked)
            if asked_next.op == Op.COUNT and asked_next.tasks == TaskSet() \
                    or vocabulary.COUNT_OF_SUCH_RE.search(two[1]):
                # "Which part has the most tasks? How many?" (哪个部分的任务最多？一共多少项？): the ranking says how many
                return first
        second = self._answer(two[1], conversation.messages_to_turns(asked), filters)
        if first.kind == Op.COUNT.value and not second.refused and second.citations \
                and set(second.citations) <= set(first.citations) and self.read(two[1], asked).tasks.from_previous:
            # "How many tasks are in part 5, and which one comes last?": the count is said, the task asked for cited
            first = replace(first, text=_count_line(first.text), citations=[], evidence="")
        return _joined(first, second)

    def _names_something(self, text: str) -> bool:
        """Whether a question names a task, a part or an agency: then a bare "and" can start a second question."""
        found = mentions.find(text, self.notice)
        return bool(found.tasks or found.parts or found.agencies)

    def _answer(self, text: str, turns: list, filters: Any) -> Answer:
        state = {"question": text, "turns": turns, "filters": filters}
        if _nobody_listens():
            for step in self.steps.values():
                state = step(state)
            return state
        return self.chain.invoke(state)

    def check(self, text: str, *, name: str = "<text>", topics: bool = True, suggest: bool = False):
        """Every task citation in a document's text, checked against the records: a `Report` of typed findings
        (the same checker as `ipqa check` and the app's Check a document page)."""
        from assistant.check import check_text

        if not isinstance(text, str):
            raise BadArgument("text")
        return check_text(text, name=name, settings=self.settings, notice=self.notice,
                          searcher=self.retriever if topics else None, topics=topics, suggest=suggest)

    def read(self, question: str, history: list[dict] | None = None) -> Query:
        """How a question is read, without answering it."""
        state = self._read({"question": _question_text(question),
                            "turns": conversation.messages_to_turns(history), "filters": None})
        return state["query"]

    # --- steps ----------------------------------------------------------------------------

    def _search(self, filters: Any = None):
        def search(text: str, k: int) -> list:
            retriever = self.retriever
            try:
                return retriever.search(search_topic(text), filters=filters, k=k)
            except AssistantError:
                raise
            except (OSError, ConnectionError) as error:  # a local store that vanished
                raise IndexUnavailable.unreachable(self.settings, error) from None
            except Exception as error:  # noqa: BLE001 - a store that fails mid-session is one line, not a traceback
                if type(error).__module__.split(".")[0] in ("httpx", "chromadb", "httpcore"):
                    raise IndexUnavailable.unreachable(self.settings, error) from None
                raise
        return search

    def _notice_of(self, state: dict):
        """The notice the read step put in the state: one look at the corpus file a question, not one a step
        (notice_for stats it; eleven calls took 0.06 ms of a warm answer)."""
        notice = state.get("notice")
        return notice if notice is not None else self.notice

    def _read(self, state: dict) -> dict:
        """The question as a typed query, with what earlier turns leave implicit resolved against them."""
        notice = self._notice_of(state)
        previous: Turn | None = None
        for user_text, reply in state.get("turns", []):
            query = parse(user_text, notice, previous, self.speller)
            if query.op == Op.REFUSE:
                continue
            result = self._run(query, None, notice) if reply is None else Result(query)
            previous = conversation.turn_from(result, notice, reply, before=previous)
        question = state.get("question", "")
        split = conversation.setup_and_follow_up(question)
        if split is not None:  # "Task 29 has 15 agencies on it. Which of those ...?": its own turn, then the rest
            setup = parse(split[0], notice, previous, self.speller)
            if setup.op != Op.REFUSE:
                previous = conversation.turn_from(self._run(setup, None, notice), notice, before=previous)
                question = split[1]
        query = parse(question, notice, previous, self.speller)
        if self.model_parser is None:
            return {**state, "notice": notice, "query": query, "previous": previous}
        filters = state.get("filters")
        reading = self.model_parser.read(state.get("question", ""), query, notice,
                                         run=lambda q: self._run(q, filters, notice),
                                         compose=lambda result: composer.compose(result, notice))
        return {**state, "notice": notice, "query": reading.query, "result": reading.result, "read_notes": reading.notes,
                "previous": previous}

    def _run(self, query: Query, filters: Any, notice) -> Result:
        restrict = filters.admits if filters is not None and not filters.empty else None
        return execute(query, notice, self._search(), restrict, self.task_words)

    def _execute(self, state: dict) -> dict:
        if state.get("result") is not None and state["result"].query is state["query"]:
            return state  # run already, by the model parser's step
        return {**state, "result": self._run(state["query"], state.get("filters"), self._notice_of(state))}

    def _compose(self, state: dict) -> dict:
        if is_chinese(state["query"].text):
            from assistant.answer.compose_zh import compose
        else:
            compose = composer.compose
        answer = compose(state["result"], self._notice_of(state))
        filters = state.get("filters")
        if filters is not None and not filters.empty and not answer.refused and not state["query"].tasks.topic:
            answer = replace(answer, notes=[*answer.notes, FILTERS_UNUSED])
        if state.get("read_notes"):
            answer = replace(answer, notes=[*answer.notes, *state["read_notes"]])
        return {**state, "answer": answer}

    def _phrase(self, state: dict) -> dict:
        """Let the optional chat model rephrase a grounded answer; keep it only if it checks out."""
        answer: Answer = state["answer"]
        if self.chat_model is None or answer.refused or not answer.citations:
            return state
        notice = self._notice_of(state)
        allowed = {n: notice.task(n) for n in answer.citations}
        try:
            reply = self.chat_model.invoke(llm.messages(state["query"].text, list(allowed.values()), answer.text,
                                                       len(notice.tasks)))
            text = llm.reply_text(reply)
        except Exception as error:  # noqa: BLE001 - any model failure falls back to the grounded answer
            return self._fall_back(state, f"the language model failed: {type(error).__name__}")
        verdict = llm.check(text, allowed)
        if not verdict.ok:
            return self._fall_back(state, verdict.reason)
        phrased = replace(answer, text=llm.plain(text.strip()), citations=list(verdict.citations),
                          notes=[*answer.notes, "phrased by the language model"])
        return {**state, "answer": phrased}

    def _fall_back(self, state: dict, reason: str) -> dict:
        log.warning("language model answer set aside (%s); using the grounded answer", reason)
        answer: Answer = state["answer"]
        return {**state, "answer": replace(answer, notes=[*answer.notes, f"model answer set aside: {reason}"])}

    def _check(self, state: dict) -> Answer:
        """Every citation is a real task and appears in the text or its evidence; nothing uncited is claimed."""
        answer: Answer = state["answer"]
        notice = self._notice_of(state)
        shown = set(conversation.citations_in(answer.text, notice))
        citations = [n for n in dict.fromkeys(answer.citations) if notice.has_task(n) and n in shown]
        if citations != answer.citations:
            log.debug("dropped citations not backed by the answer text: %s",
                        sorted(set(answer.citations) - set(citations)))
            answer = replace(answer, citations=citations)
        return answer


def _adds_nothing(first: Answer, second: Answer) -> bool:
    """A look-up of the same tasks that states no count and names no agency the first answer did not."""
    if not (first.kind == second.kind == Op.LOOKUP.value and set(second.citations) <= set(first.citations)):
        return False
    if re.search(r"\*\*\d+\.\*\*", second.text):
        return False  # "how many agencies does it have?": a number the first did not give
    named = {a.id for a in find_agencies(first.text)}
    return all(a.id in named for a in find_agencies(second.text))


def _count_line(text: str) -> str:
    """The first line of a count's answer, without the list it introduces: "**11.** Tasks in part 5: 11 tasks."."""
    return text.split("\n", 1)[0].rstrip(" :") + "."


def _joined(first: Answer, second: Answer) -> Answer:
    """One answer to two questions: the first answer, then what the second adds (paragraphs the first already
    has, such as a lead it already stated, are not repeated)."""
    if second.refused:
        return replace(first, notes=[*first.notes, f"second question not answered: {second.text.splitlines()[0]}"])
    if _adds_nothing(first, second):
        return first  # "What does task 40 say? Who else is on it?": the first answer names its agencies already
    if second.kind == Op.CLAIM.value != first.kind:
        # "who leads task 26, and is each agency responsible for its own part?": the verdict is said first, as
        # every yes/no answer starts; the lead follows
        first, second = replace(second, citations=[*first.citations, *second.citations]), first

    def added(before: str, after: str) -> str:
        seen = {p.strip() for p in before.split("\n\n")}
        extra = [p for p in after.split("\n\n") if p.strip() and p.strip() not in seen]
        return "\n\n".join([before, *extra]) if before else "\n\n".join(extra)

    return replace(first, text=added(first.text, second.text),
                   citations=list(dict.fromkeys([*first.citations, *second.citations])),
                   notes=list(dict.fromkeys([*first.notes, *second.notes])),
                   query=f"{first.query}; then {second.query.removeprefix('Read as: ')}",
                   evidence=added(first.evidence, second.evidence))


# Modules without which no LangChain callback or tracer can reach `ask`: LangChain's tracers (a tracing context, a
# configure hook; LangChain's runnables import them, so a runnable running around `ask` and handing it callbacks
# has imported them too) and langsmith's own tracing.
TRACING_MODULES = ("langchain_core.tracers", "langsmith")
# Environment variables that switch LangChain's or LangSmith's tracing on start with these (LANGSMITH_TRACING,
# LANGCHAIN_TRACING_V2, ...); with any of them set, questions go through the chain, which asks LangChain.
TRACING_ENV_PREFIXES = ("LANGSMITH_", "LANGCHAIN_")


def _nobody_listens() -> bool:
    """True when no LangChain callback or tracer can be listening to `ask`. When in doubt, False: the chain then
    asks LangChain, as it does on every call."""
    if any(name in sys.modules for name in TRACING_MODULES):
        return False
    return not any(name.startswith(TRACING_ENV_PREFIXES) for name in os.environ)


def _filters(filters: Any):
    """Filters from the app or the API: a `Filters`, None, or a dict of its fields (converted)."""
    if filters is None or isinstance(filters, Filters):
        return filters
    if isinstance(filters, dict):
        try:
            return Filters.from_names(filters.get("agencies", ()), bool(filters.get("lead_only")),
                                      filters.get("part"))
        except AssistantError:
            raise
        except (TypeError, ValueError):
            pass
    raise BadArgument("filters")
