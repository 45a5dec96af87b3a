"""A check's report as a terminal table, JSON, CSV or Markdown (a report a reviewer can send back).

Every format carries the same columns: where, the sentence, what it cites, the verdict, and the notice's
own words for the task, so a reader can check the checker.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from datetime import datetime, timezone

from assistant.check.model import CITATION_VERDICTS, Finding, Report, Verdict

FORMATS = ("table", "json", "csv", "markdown")
CSV_COLUMNS = ("file", "page", "paragraph", "line", "sentence", "cited", "task", "verdict", "probably",
               "probably_lead", "claims", "detail", "notice_words")
SENTENCE_WIDTH = 200


def render(report: Report, fmt: str = "table", width: int = 100) -> str:
    return {"table": as_table, "json": as_json, "csv": as_csv, "markdown": as_markdown}[fmt](report, width)


def as_json(report: Report, width: int = 0) -> str:
    counts = report.counts()
    data = {
        "summary": report.summary(),
        "ok": report.ok,
        "files": report.files,
        "sentences": report.passages,
        "counts": {v.value: counts[v] for v in Verdict if counts[v] or v in CITATION_VERDICTS},
        "findings": [f.to_dict() for f in report.findings],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def as_csv(report: Report, width: int = 0) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for finding in report.findings:
        where = finding.location
        writer.writerow({
            "file": where.file, "page": where.page, "paragraph": where.paragraph, "line": where.line,
            "sentence": finding.sentence, "cited": finding.cited, "task": finding.task,
            "verdict": finding.verdict.value, "probably": finding.probably, "probably_lead": finding.probably_lead,
            "claims": "; ".join(f"{c.agency.name} ({c.role.value})" for c in finding.claims),
            "detail": finding.detail, "notice_words": finding.notice_words,
        })
    return out.getvalue()


def as_table(report: Report, width: int = 100) -> str:
    """One block per finding: location, citation and verdict on the first line, then the sentence, what is
    wrong, and the notice's words, indented."""
    if not report.findings:
        return report.summary()
    wrap = textwrap.TextWrapper(width=max(width, 60), initial_indent="    ", subsequent_indent="      ")
    lines: list[str] = []
    for finding in report.findings:
        mark = "  " if not finding.verdict.is_problem else "✗ "
        lines.append(f"{mark}{finding.location.label()}  {finding.cited}  [{finding.verdict_label}]")
        lines.append(wrap.fill(f"“{_short(finding.sentence)}”"))
        if finding.verdict is not Verdict.OK and finding.detail:
            lines.append(wrap.fill(f"→ {finding.detail}"))
        if finding.notice_words:
            lines.append(wrap.fill(f"notice: {finding.notice_words}"))
    lines += ["", report.summary()]
    return "\n".join(lines)


def as_markdown(report: Report, width: int = 0, now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    out = [
        "# Task citations checked against the notice",
        "",
        f"Checked {now:%Y-%m-%d %H:%M} UTC against the State Council's 2016 notice dividing {report.last_task} IP tasks "
        f"(\"Key Tasks Division of Work\"). Files: {', '.join(_md(f) for f in report.files)}.",
        "",
        f"**{_md(report.summary())}.**",
        "",
    ]
    problems = [f for f in report.findings if f.verdict.is_problem]
    if problems:
        out += ["## To correct", ""]
        out += _md_table(problems)
        out.append("")
    if report.findings:
        out += ["## Every citation", ""]
        out += _md_table(report.findings)
        out.append("")
    out += [f"Verdicts: *ok*; *no such task* (the notice has tasks 1 to {report.last_task}); *agency not on task* (the agency "
            "named is not among the task's agencies); *wrong role* (said to lead a task it only takes part in); "
            "*topic mismatch* (the sentence fits another task clearly better: *probably N*); *uncited* (an "
            "agency given an IP topic without a task, with the task it probably means)."]
    return "\n".join(out).rstrip() + "\n"


def _md_table(findings: list[Finding]) -> list[str]:
    rows = ["| Where | Sentence | Cited | Verdict | The notice's words |", "|---|---|---|---|---|"]
    for f in findings:
        verdict = f"**{f.verdict_label}**" if f.verdict.is_problem else f.verdict_label
        if f.verdict is not Verdict.OK and f.detail:
            verdict += f": {f.detail}"
        rows.append(f"| {_md(f.location.label())} | {_md(_short(f.sentence))} | {_md(f.cited)} | {_md_cell(verdict)} "
                    f"| {_md(f.notice_words)} |")
    return rows


def _short(sentence: str) -> str:
    return textwrap.shorten(sentence, SENTENCE_WIDTH, placeholder=" ...")


def _md(text: str) -> str:
    """Text shown as written inside a Markdown table cell."""
    return _md_cell(str(text).replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_"))


def _md_cell(text: str) -> str:
    return " ".join(str(text).replace("|", "\\|").split())
