"""The `ipqa` command line.

Structured look-ups (`task`, `tasks`, `agencies`) read the parsed notice only:
they must stay fast and never import torch, so heavier modules are imported
inside the commands that need them.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import textwrap
import threading
from pathlib import Path

import click

from assistant.notice import agencies as registry
from assistant import errors
from assistant.errors import AssistantError, UnknownTask, shorten
from assistant.logs import log_to_stderr
from assistant.notice.load import notice_for
from assistant.notice.records import Notice, Task
from assistant.settings import Settings


class Group(click.Group):
    """Turns every AssistantError into one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AssistantError as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(error.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as error:  # noqa: BLE001 - a bug is one line too, never a traceback (exit status 1)
            click.echo(f"Error: {errors.internal(error)}", err=True)
            ctx.exit(1)


@click.group(cls=Group)
@click.version_option(package_name="ipqa")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Ask the State Council's 2016 notice on intellectual-property tasks who does what."""
    log_to_stderr()
    try:
        ctx.obj = Settings.from_env()
    except AssistantError as error:
        click.echo(f"Error: {error}", err=True)
        ctx.exit(error.exit_code)


def _notice(ctx: click.Context) -> Notice:
    return notice_for(ctx.obj)


def _echo_json(value) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def parse_task_number(value: str, notice: Notice) -> int:
    """A task number typed by a user: digits within 1..last, else UnknownTask."""
    cleaned = value.strip().lstrip("#")
    if cleaned.lower().startswith("task"):
        cleaned = cleaned[4:].strip()
    if not cleaned.isascii() or not cleaned.isdecimal() or len(cleaned) > 6 or not notice.has_task(int(cleaned)):
        raise UnknownTask(shorten(value), notice.last_task)
    return int(cleaned)


def names(agency_list) -> str:
    return "; ".join(a.name for a in agency_list) or "-"


def format_task(task: Task) -> str:
    wrap = textwrap.TextWrapper(width=100, initial_indent="  ", subsequent_indent="  ")
    lines = [
        f"Task {task.number}",
        f"  Part {task.part}: {task.part_title}",
        f"  Heading ({task.heading_number}): {task.heading}",
        "",
        wrap.fill(task.text),
        "",
        f"  Lead: {names(task.leads)}",
        f"  Others: {names(task.others)}",
        wrap.fill(f"The notice's wording: ({task.agency_text})"),
    ]
    return "\n".join(lines)


@cli.command("task", context_settings={"ignore_unknown_options": True})
@click.argument("number")
@click.option("--json", "as_json", is_flag=True, help="Print the task as JSON.")
@click.pass_context
def task_command(ctx: click.Context, number: str, as_json: bool) -> None:
    """Show task NUMBER: its part, heading, text, lead and other agencies."""
    notice = _notice(ctx)
    task = notice.task(parse_task_number(number, notice))
    _echo_json(task.to_dict()) if as_json else click.echo(format_task(task))


@cli.command("tasks")
@click.option("--agency", help="Only tasks this agency takes part in (any name, abbreviation or Chinese name).")
@click.option("--lead-only", is_flag=True, help="With --agency: only the tasks it leads.")
@click.option("--part", type=int, help="Only tasks of this part (1-6).")
@click.option("--json", "as_json", is_flag=True, help="Print the tasks as JSON.")
@click.pass_context
def tasks_command(ctx: click.Context, agency: str | None, lead_only: bool, part: int | None, as_json: bool) -> None:
    """List tasks, optionally filtered by agency and part."""
    notice = _notice(ctx)
    if lead_only and not agency:
        raise click.UsageError(errors.LEAD_ONLY_NEEDS_AGENCY)
    selected = list(notice.tasks)
    if part is not None:
        notice.part(part)
        selected = [t for t in selected if t.part == part]
    if agency is not None:
        found = registry.lookup(agency)
        selected = [t for t in selected if (t.led_by(found.id) if lead_only else t.involves(found.id))]
    if as_json:
        _echo_json([t.to_dict() for t in selected])
        return
    for task in selected:
        text = textwrap.shorten(task.text, 70, placeholder="...")
        click.echo(f"{task.number:>4}  {text:<70}  lead: {names(task.leads)}")
    click.echo(f"{len(selected)} task{'s' if len(selected) != 1 else ''}")


def agency_table(notice: Notice) -> list[dict]:
    rows = []
    for agency in registry.AGENCIES:
        leads = [t.number for t in notice.tasks_led_by(agency.id)]
        involved = [t.number for t in notice.tasks_involving(agency.id)]
        rows.append({
            **agency.to_dict(),
            "leads": leads,
            "takes_part": [n for n in involved if n not in leads],
            "involved": involved,
        })
    return sorted(rows, key=lambda r: (-len(r["leads"]), -len(r["involved"]), r["name"]))


@cli.command("agencies")
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON.")
@click.pass_context
def agencies_command(ctx: click.Context, as_json: bool) -> None:
    """Every agency the notice names, with the tasks it leads and takes part in."""
    rows = agency_table(_notice(ctx))
    if as_json:
        _echo_json(rows)
        return
    wrap = textwrap.TextWrapper(width=100, initial_indent="    ", subsequent_indent="      ")
    for row in rows:
        abbreviation = f" ({row['abbreviations'][0]})" if row["abbreviations"] else ""
        click.echo(f"{row['name']}{abbreviation}  {row['chinese']}")
        click.echo(wrap.fill(f"leads {len(row['leads'])}: {_numbers(row['leads'])}"))
        click.echo(wrap.fill(f"takes part in {len(row['takes_part'])} more: {_numbers(row['takes_part'])}"))
        if row["successor"]:
            click.echo(wrap.fill(f"2018 reorganisation: {row['successor']}"))
    click.echo(f"{len(rows)} agencies")


def _numbers(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers)) or "-"


def format_answer(answer, explain: bool = False) -> str:
    """The answer, then the notice's words it rests on; with `explain`, how the question was read first."""
    parts = [answer.query] if explain and answer.query else []
    parts.append(answer.text)
    if answer.evidence:
        parts.append("The notice's words:\n\n" + answer.evidence)
    return "\n\n".join(parts)


@cli.command("ask")
@click.argument("question")
@click.option("--json", "as_json", is_flag=True,
              help='Print {"answer": str, "citations": [int], "query": str, "refused": bool, "evidence": str}.')
@click.option("--explain", is_flag=True, help="Say first how the question was read (the typed query).")
@click.pass_context
def ask_command(ctx: click.Context, question: str, as_json: bool, explain: bool) -> None:
    """Ask one QUESTION; the answer cites the tasks it rests on as [Task N]."""
    _one_shot()
    from assistant.search import warm

    _notice(ctx)  # parsed once, here, before the thread below reads it
    from assistant.answer.llm import check_spec

    check_spec(ctx.obj.llm)  # a bad IPQA_LLM: one line, before the thread below opens (or builds) the index
    # The index and the encoder open on a thread while this one imports the answering code: much of opening
    # runs in Chroma and ONNX Runtime without holding Python's lock, so a new process answered about 0.25 s
    # sooner (medians of 8 runs each, at a load average of 3 on this 2-core machine).
    warm.start(ctx.obj)
    from assistant.answer.chain import Assistant

    answer = Assistant(ctx.obj).ask(question)
    _echo_json(answer.to_dict()) if as_json else click.echo(format_answer(answer, explain))


@cli.command("chat")
@click.pass_context
def chat_command(ctx: click.Context) -> None:
    """An interactive conversation: follow-up questions use the earlier turns. Ctrl-D or 'quit' ends it."""
    from assistant.answer.chain import Assistant

    bot = Assistant(ctx.obj)
    history: list[dict] = []
    click.echo(f"Ask about the notice's {len(_notice(ctx).tasks)} tasks. 'quit' or Ctrl-D to leave.")
    while True:
        try:
            question = click.prompt("you", prompt_suffix="> ", default="", show_default=False)
        except (EOFError, click.Abort):
            click.echo()
            return
        if question.strip().lower() in {"quit", "exit", ":q"}:
            return
        try:
            answer = bot.ask(question, history=history)
        except AssistantError as error:  # one bad turn must not end the conversation
            click.echo(f"\nError: {error}\n", err=True)
            continue
        click.echo(f"\n{format_answer(answer)}\n")
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.text}]


@cli.command("index")
@click.option("--rebuild", is_flag=True, help="Build it again even if it is up to date.")
@click.pass_context
def index_command(ctx: click.Context, rebuild: bool) -> None:
    """Build the vector index (or check the one there is up to date) and report it."""
    from assistant.search.index import open_index

    index = open_index(ctx.obj, _notice(ctx), rebuild=rebuild)  # loads sentence-transformers only to build
    what = "Built" if index.built else "Up to date:"
    click.echo(f"{what} {index.count} tasks and {index.records - index.count} sample questions "
               f"in {index.seconds:.2f} s at {index.location}")


def _filters(ctx: click.Context, agency: tuple[str, ...], lead_only: bool, part: int | None):
    from assistant.search.filters import Filters

    if lead_only and not agency:
        raise click.UsageError(errors.LEAD_ONLY_NEEDS_AGENCY)
    return Filters.from_names(agency, lead_only=lead_only, part=part, notice=_notice(ctx))


@cli.command("search")
@click.argument("query")
@click.option("--agency", multiple=True, help="Only tasks this agency takes part in (repeat for several).")
@click.option("--lead-only", is_flag=True, help="With --agency: only the tasks it leads.")
@click.option("--part", type=int, help="Only tasks of this part (1-6).")
@click.option("-k", "k", type=click.IntRange(min=1), default=5, show_default=True, help="How many tasks (at most all).")
@click.option("--mode", type=click.Choice(["hybrid", "dense", "lexical"]), default="hybrid", show_default=True)
@click.option("--json", "as_json", is_flag=True, help='Print [{"task": int, "score": float}, ...].')
@click.pass_context
def search_command(ctx: click.Context, query: str, agency: tuple[str, ...], lead_only: bool, part: int | None,
                   k: int, mode: str, as_json: bool) -> None:
    """The tasks closest to QUERY, best first, with their fused scores."""
    _one_shot()
    from assistant.answer.parser import search_topic
    from assistant.search.retrieve import open_retriever

    notice = _notice(ctx)
    filters = _filters(ctx, agency, lead_only, part)
    # the topic the answering side would search for ("Who is in charge of X?" -> "X")
    hits = open_retriever(ctx.obj, notice).search(search_topic(query), filters, k=min(k, len(notice.tasks)), mode=mode)
    if as_json:
        _echo_json([h.to_dict() for h in hits])
        return
    if not hits:
        click.echo("No task matches these filters.")
    for rank, hit in enumerate(hits, 1):
        task = notice.task(hit.task)
        similarity = "  exact" if hit.similarity is None else f"sim {hit.similarity:.2f}"
        text = textwrap.shorten(task.text, 64, placeholder="...")
        click.echo(f"{rank:>2}. Task {task.number:<4} score {hit.score:.4f}  {similarity}  {text}  "
                   f"(lead: {names(task.leads)})")


@cli.command("eval")
@click.option("--file", "path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="The Q&A file (default: eval/qa.jsonl).")
@click.option("--baseline", is_flag=True, help="Also score a plain LangChain RAG on the same pairs.")
@click.option("--type", "types", multiple=True, help="Only pairs of this type (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary and failures as JSON.")
@click.option("--check", "documents", is_flag=True, help="Score `ipqa check` on the documents in eval/check/ instead.")
@click.option("--as", "kind", type=click.Choice(["docx", "pdf"]), default=None,
              help="With --check: the same documents written as Word or PDF files first.")
@click.pass_context
def eval_command(ctx: click.Context, path: Path | None, baseline: bool, types: tuple[str, ...], as_json: bool,
                 documents: bool, kind: str | None) -> None:
    """Run the eval set through the assistant; exit 1 if a metric is below eval/thresholds.json."""
    if documents:
        return _eval_check(ctx, as_json, kind)
    from assistant.lab import evaluate
    from assistant.answer.chain import Assistant

    pairs = evaluate.load_pairs(path or evaluate.DEFAULT_FILE)
    if types:
        pairs = [p for p in pairs if p.type in types]
    if not pairs:
        raise click.UsageError(errors.NO_PAIRS)
    bot = Assistant(ctx.obj)
    bot.ask("warm-up: who leads task 1?")  # loads the model and index outside the timings
    outcomes = evaluate.run(lambda q, h: bot.ask(q, history=h), pairs)
    summary = evaluate.summarise(outcomes)
    base = _baseline_summary(ctx, bot, pairs) if baseline else None
    failing = evaluate.below(summary, evaluate.load_thresholds())
    if as_json:
        _echo_json({"summary": summary, "baseline": base, "below_thresholds": failing,
                    "failures": [{"id": o.pair.id, "failed": o.failures, "citations": o.citations,
                                  "answer": o.text} for o in outcomes if o.failures]})
    else:
        click.echo(f"{len(pairs)} pairs from {path or evaluate.DEFAULT_FILE}\n")
        click.echo(evaluate.format_table(summary, base))
        lines = evaluate.failure_lines(outcomes)
        click.echo(f"\n{len(lines)} pair(s) with a failed check" + (":" if lines else "."))
        for line in lines:
            click.echo(line)
        click.echo("\nBelow thresholds: " + "; ".join(failing) if failing else "\nAll thresholds met.")
    if failing:
        ctx.exit(1)


def _eval_check(ctx: click.Context, as_json: bool, kind: str | None) -> None:
    import tempfile

    from assistant.check import check_files
    from assistant.lab import check_eval

    notice = _notice(ctx)
    with tempfile.TemporaryDirectory(prefix="ipqa-eval-check-") as folder:
        source = check_eval.converted(check_eval.CHECK_DIR, kind, Path(folder)) if kind else check_eval.CHECK_DIR
        matches, figures, report = check_eval.run(
            lambda paths: check_files(paths, settings=ctx.obj, notice=notice), notice, source)
    failing = check_eval.below(figures)
    lines = check_eval.failure_lines(matches)
    if as_json:
        _echo_json({"scores": figures, "below_target": failing, "failures": lines})
    else:
        click.echo(f"{figures['detection']['citations']} annotated citations in {len(report.files)} documents "
                   f"from {check_eval.CHECK_DIR}\n")
        click.echo(check_eval.format_scores(figures))
        annotations = check_eval.load_annotations()
        differ = check_eval.writer_disagreements(annotations, check_eval.keys(annotations, notice))
        click.echo(f"The key (from the records) and the writer's intended verdict differ on {sum(differ.values())} "
                   f"citation(s){': ' + str(dict(differ)) if differ else '.'}")
        click.echo(f"\n{len(lines)} citation(s) judged otherwise than the key" + (":" if lines else "."))
        for line in lines:
            click.echo(line)
        click.echo("\nBelow target: " + "; ".join(failing) if failing else f"\nAll at or above {check_eval.TARGET}.")
    if failing:
        ctx.exit(1)


def _baseline_summary(ctx: click.Context, bot, pairs) -> dict:
    import tempfile

    from assistant.lab import evaluate
    from assistant.lab.baseline import PlainRag

    with tempfile.TemporaryDirectory(prefix="ipqa-baseline-") as folder:
        rag = PlainRag(ctx.obj.corpus, bot.retriever.embeddings, Path(folder), bot.notice.last_task)
        return evaluate.summarise(evaluate.run(rag.ask, pairs))


@cli.command("bench")
@click.option("--recipes", is_flag=True, help="Also compare what text to embed per task (builds one index each).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--check", "documents", is_flag=True, help="Only time `ipqa check` on a 100-page PDF, and its topic sweep.")
@click.option("--no-browser", is_flag=True, help="Skip the app's first-visit figures (they start Chromium).")
@click.option("--fuzz", "fuzz_calls", type=click.IntRange(min=1), default=None, metavar="N",
              help="Only ask N generated conversation calls (CI's seed, then on) and count exceptions; exit 1 on any.")
@click.option("--seed", type=int, default=None, help="With --fuzz: another seed.")
@click.pass_context
def bench_command(ctx: click.Context, recipes: bool, as_json: bool, documents: bool, no_browser: bool,
                  fuzz_calls: int | None, seed: int | None) -> None:
    """Index build time, query and answer latency, cold starts, and retrieval quality by mode."""
    from assistant.lab import bench

    if fuzz_calls:
        from assistant.answer.chain import Assistant
        from assistant.lab import fuzz

        found = fuzz.run(Assistant(ctx.obj).ask, fuzz_calls, fuzz.SEED if seed is None else seed)
        _echo_json(found) if as_json else click.echo(fuzz.format_run(found))
        if found["exceptions"]:
            ctx.exit(1)
        return
    if documents:
        report = bench.check_timings(ctx.obj, _notice(ctx))
    else:
        report = bench.run(ctx.obj, _notice(ctx), recipes=recipes, browser=not no_browser)
    _echo_json(report) if as_json else click.echo(bench.format_report(report))


@cli.command("check")
@click.argument("files", nargs=-1, required=True)
@click.option("--json", "fmt", flag_value="json", help="Print the findings as JSON.")
@click.option("--csv", "fmt", flag_value="csv", help="Print the findings as CSV.")
@click.option("--markdown", "fmt", flag_value="markdown", help="Print a Markdown report a reviewer can send back.")
@click.option("--suggest", is_flag=True, help="Also suggest a task for sentences that give an IP topic to an agency "
                                              "without citing one.")
@click.option("--no-topic", is_flag=True, help="Check tasks, agencies and roles only (no embedding model).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the report to this file instead of standard output.")
@click.pass_context
def check_command(ctx: click.Context, files: tuple[str, ...], fmt: str | None, suggest: bool, no_topic: bool,
                  output: Path | None) -> None:
    """Check every task citation in FILES (.txt, .md, .docx, .pdf; - for standard input) against the notice.

    Exit status 0 when every citation checks out (or there is none), 1 when any does not, 2 on bad input."""
    from assistant.check import check_files
    from assistant.check.report import render
    from assistant.check.run import terminal_progress

    report = check_files(files, settings=ctx.obj, notice=_notice(ctx), topics=not no_topic, suggest=suggest,
                         progress=terminal_progress())
    text = render(report, fmt or "table", width=_terminal_width())
    if output:
        partial = output.with_name(output.name + ".part")
        partial.write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")
        partial.replace(output)  # whole or not at all
        click.echo(report.summary(), err=True)
    else:
        click.echo(text)
    if not report.ok:
        ctx.exit(1)


def _terminal_width() -> int:
    import shutil

    return min(shutil.get_terminal_size((100, 24)).columns, 140)


def _one_shot() -> None:
    """For a command that answers once and exits: no cyclic garbage collection. Collecting while chromadb,
    LangChain and ONNX Runtime import took 0.1 s of a 2 s `ipqa ask` (`ipqa bench`, README "Speed") and frees
    nothing the process keeps."""
    gc.disable()


def main() -> None:
    try:
        cli(prog_name="ipqa")
    except SystemExit as done:
        _exit(done)


def _exit(done: SystemExit) -> None:
    """Ends the process. Python's teardown (unloading chromadb, LangChain and ONNX Runtime, 0.4 to 0.6 s of a
    2 s `ipqa ask`) is skipped when the process only read: nothing is left to close once the output is
    flushed. A process that wrote an index, or still runs a thread it would wait for, exits normally."""
    code = done.code
    if code is not None and not isinstance(code, int):
        raise done  # a message to print: Python's own exit does that
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: let Python report it as usual
        raise done from None
    if _only_read():
        os._exit(code or 0)
    raise done


def _only_read() -> bool:
    index = sys.modules.get("assistant.search.index")
    # a module the warm start's thread is still importing has not written anything yet
    wrote_here = getattr(index, "wrote_in_this_process", None)
    wrote = wrote_here is not None and wrote_here()
    warm = sys.modules.get("assistant.search.warm")
    if wrote and warm is not None:
        warm.settle()  # a build begun on the warm start's thread finishes before the process ends
    waiting = any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread())
    return not wrote and not waiting


if __name__ == "__main__":
    sys.exit(main())
