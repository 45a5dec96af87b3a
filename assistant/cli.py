"""The `ipqa` command line.

Structured look-ups (`task`, `tasks`, `agencies`) read the parsed notice only:
they must stay fast and never import torch, so heavier modules are imported
inside the commands that need them.
"""

from __future__ import annotations

import json
import sys
import textwrap

import click

from assistant import agencies as registry
from assistant.errors import AssistantError, UnknownTask
from assistant.notice import notice_for
from assistant.records import Notice, Task
from assistant.settings import Settings


class Group(click.Group):
    """Turns every AssistantError into one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AssistantError as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(error.exit_code)


@click.group(cls=Group)
@click.version_option(package_name="ipqa")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Ask the State Council's 2016 notice on intellectual-property tasks who does what."""
    ctx.obj = Settings.from_env()


def _notice(ctx: click.Context) -> Notice:
    return notice_for(ctx.obj)


def _echo_json(value) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def parse_task_number(value: str, notice: Notice) -> int:
    """A task number typed by a user: digits within 1..last, else UnknownTask."""
    cleaned = value.strip().lstrip("#")
    if cleaned.lower().startswith("task"):
        cleaned = cleaned[4:].strip()
    if not cleaned.isdigit() or not notice.has_task(int(cleaned)):
        raise UnknownTask(value, notice.last_task)
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
        raise click.UsageError("--lead-only needs --agency")
    selected = list(notice.tasks)
    if part is not None:
        notice.part(part)
        selected = [t for t in selected if t.part == part]
    if agency:
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


@cli.command("ask")
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help='Print {"answer": str, "citations": [int]}.')
@click.pass_context
def ask_command(ctx: click.Context, question: str, as_json: bool) -> None:
    """Ask one QUESTION; the answer cites the tasks it rests on as [Task N]."""
    from assistant.chain import Assistant

    answer = Assistant(ctx.obj).ask(question)
    _echo_json(answer.to_dict()) if as_json else click.echo(answer.text)


@cli.command("chat")
@click.pass_context
def chat_command(ctx: click.Context) -> None:
    """An interactive conversation: follow-up questions use the earlier turns. Ctrl-D or 'quit' ends it."""
    from assistant.chain import Assistant

    bot = Assistant(ctx.obj)
    history: list[dict] = []
    click.echo("Ask about the notice's 106 tasks. 'quit' or Ctrl-D to leave.")
    while True:
        try:
            question = click.prompt("you", prompt_suffix="> ", default="", show_default=False)
        except (EOFError, click.Abort):
            click.echo()
            return
        if question.strip().lower() in {"quit", "exit", ":q"}:
            return
        answer = bot.ask(question, history=history)
        click.echo(f"\n{answer.text}\n")
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.text}]


def main() -> None:
    cli(prog_name="ipqa")


if __name__ == "__main__":
    sys.exit(main())
