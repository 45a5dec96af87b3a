"""The document check end to end: open every document, stream its sentences, find the citations, check
them in batches, and return one `Report`. The CLI, the app and the eval all call `check_files` or
`check_text`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO

from assistant.check.cite import attributions, claims_for, find_citations, topic_text, topic_views
from assistant.check.model import Citation, Finding, Reference, Report
from assistant.check.read import Document, open_document, open_text, read_passages
from assistant.check.topic import TopicJudge
from assistant.check.verify import Checker, Pending, is_about_ip
from assistant.notice.load import notice_for
from assistant.notice.records import Notice
from assistant.settings import Settings

# Citations whose topics are embedded in one model call: large enough to use the batch, small enough that
# a long document's findings come in steady steps (and its pending sentences stay few).
BATCH = 256

# Given a document, a bar with update(n) and close() (tqdm's), or None for no bar.
ProgressFactory = Callable[[Document], Any]


def check_files(sources: Iterable[str | Path], *, settings: Settings | None = None, notice: Notice | None = None,
                searcher=None, topics: bool = True, suggest: bool = False, progress: ProgressFactory | None = None,
                stdin: BinaryIO | None = None) -> Report:
    """Check every task citation in the files ("-" is standard input). Each file is opened and its kind
    checked before any is read, so a bad one stops the check before anything is reported."""
    documents = [open_document(source, stdin=stdin) for source in sources]
    return check_documents(documents, settings=settings, notice=notice, searcher=searcher, topics=topics,
                           suggest=suggest, progress=progress)


def check_text(text: str, *, name: str = "<text>", settings: Settings | None = None, notice: Notice | None = None,
               searcher=None, topics: bool = True, suggest: bool = False) -> Report:
    """Check the citations in a text (pasted, or a string from a drafting pipeline)."""
    return check_documents([open_text(text, name)], settings=settings, notice=notice, searcher=searcher,
                           topics=topics, suggest=suggest)


def check_documents(documents: list[Document], *, settings: Settings | None = None, notice: Notice | None = None,
                    searcher=None, topics: bool = True, suggest: bool = False,
                    progress: ProgressFactory | None = None) -> Report:
    settings = settings or Settings.from_env()
    notice = notice or notice_for(settings)
    judge = TopicJudge(searcher, opener=lambda: _open_searcher(settings, notice)) if topics or suggest else None
    checker = Checker(notice, judge, topics=topics)
    findings: list[Finding] = []
    pending: list[Pending] = []
    uncited: list[tuple[Citation, str]] = []
    passages = 0

    def flush() -> None:
        findings.extend(checker.check(pending))
        findings.extend(checker.suggestions(uncited))
        pending.clear()
        uncited.clear()

    for document in documents:
        bar = progress(document) if progress else None
        for passage in read_passages(document, bar.update if bar else None):
            passages += 1
            cites = find_citations(passage.text)
            if cites:
                topic = topic_views(passage.text, cites)
                references = [_tasks_of(c.reference, notice) for c in cites]
                cited = tuple(dict.fromkeys(r for group in references for r in group))
                for cite, claims, group in zip(cites, claims_for(passage.text, cites), references):
                    for reference in group:
                        siblings = tuple(r for r in cited if r != reference)
                        pending.append(Pending(Citation(passage.location_at(cite.start), passage.text, reference,
                                                        cite.as_written, claims, siblings), topic))
            elif suggest and is_about_ip(passage.text):
                claims = attributions(passage.text)
                if claims:
                    uncited.append((Citation(passage.location, passage.text, None, "", claims),
                                    topic_text(passage.text, [])))
            if len(pending) + len(uncited) >= BATCH:
                flush()
        if bar:
            bar.close()
    flush()
    files = [d.name for d in documents]
    rank = {name: i for i, name in enumerate(files)}
    findings.sort(key=lambda f: (rank[f.location.file], f.location.page or 0, f.location.paragraph or 0,
                                 f.location.line or 0))
    return Report(findings, files, passages, notice.last_task)


def _tasks_of(reference: Reference, notice: Notice) -> list[Reference]:
    """A heading cites each of its tasks ("both tasks under Part 3, heading (2)"); one that does not exist
    stays one reference, to be reported as such."""
    if not reference.is_heading:
        return [reference]
    tasks = notice.tasks_in(reference.part, reference.heading)
    return [Reference(task=t.number, part=reference.part, heading=reference.heading) for t in tasks] or [reference]


def _open_searcher(settings: Settings, notice: Notice):
    from assistant.search.retrieve import open_retriever

    return open_retriever(settings, notice)


def terminal_progress(stream=None) -> ProgressFactory:
    """A tqdm bar per document on stderr, shown only on a terminal (a pipeline's log stays clean)."""
    from tqdm import tqdm

    stream = stream or sys.stderr
    shown = stream.isatty()

    def factory(document: Document):
        if not shown:
            return None
        return tqdm(total=document.total, unit=document.unit, unit_scale=document.unit == "B", desc=document.name,
                    file=stream, leave=False, dynamic_ncols=True)

    return factory
