"""`ipqa eval --check`: the document checker on documents written blind, scored per verdict.

The documents and their annotations (eval/check/) were written from the notice alone by someone who had
not seen the checker. The annotations say what each citation claims (task, agencies and roles, the task
its topic is about); the right verdict is computed here from the records, never taken from the writer.
A finding is matched to an annotation by document, cited task and line (the sentence when lines differ).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from assistant.check.model import CITATION_VERDICTS, Finding, Report, Verdict
from assistant.errors import AssistantError, DataFileError
from assistant.notice.agencies import lookup
from assistant.notice.records import Notice
from assistant.settings import ROOT

CHECK_DIR = ROOT / "eval" / "check"
ANNOTATIONS = CHECK_DIR / "annotations.jsonl"
# The target for detection precision and recall, per verdict.
TARGET = 0.95
# A finding may sit a line or two from the annotation when a sentence wraps; beyond this it is another one.
LINE_SLACK = 3


@dataclass(frozen=True)
class Annotation:
    doc: str
    line: int
    cited_task: int
    sentence: str
    agencies: tuple[tuple[str, str], ...]  # (canonical name, "lead" | "involved")
    topic_task: int | None
    intended: str


def load_annotations(path: Path = ANNOTATIONS) -> list[Annotation]:
    rows = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise DataFileError.unreadable("annotations", path, error.strerror) from error
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rows.append(Annotation(row["doc"], int(row["line"]), int(row["cited_task"]), row["sentence"],
                                   tuple((a["name"], a["role"]) for a in row.get("agencies") or ()),
                                   row.get("topic_task"), row.get("intended", "")))
        except (ValueError, KeyError, TypeError) as error:
            raise DataFileError.bad_line(path, number, "annotation", error) from None
    return rows


def key_verdict(annotation: Annotation, notice: Notice, cited_together: set[int]) -> Verdict:
    """The verdict the records give: the task exists; each agency is on it; an agency said to lead leads it;
    the sentence's topic is one of the tasks it cites. The first that fails, in `SEVERITY` order."""
    if not notice.has_task(annotation.cited_task):
        return Verdict.NO_SUCH_TASK
    task = notice.task(annotation.cited_task)
    agencies = [(lookup(name), role) for name, role in annotation.agencies]
    if any(not task.involves(a.id) for a, _ in agencies):
        return Verdict.AGENCY_NOT_ON_TASK
    if any(role == "lead" and not task.led_by(a.id) for a, role in agencies):
        return Verdict.WRONG_ROLE
    if annotation.topic_task is not None and annotation.topic_task not in cited_together:
        return Verdict.TOPIC_MISMATCH
    return Verdict.OK


def keys(annotations: list[Annotation], notice: Notice) -> list[Verdict]:
    together: dict[tuple[str, str], set[int]] = {}
    for a in annotations:
        together.setdefault((a.doc, a.sentence), set()).add(a.cited_task)
    return [key_verdict(a, notice, together[(a.doc, a.sentence)]) for a in annotations]


@dataclass
class Match:
    annotation: Annotation | None
    key: Verdict | None
    finding: Finding | None

    @property
    def predicted(self) -> Verdict | None:
        return self.finding.verdict if self.finding else None


def match(annotations: list[Annotation], verdicts: list[Verdict], findings: list[Finding]) -> list[Match]:
    """Pairs each annotation with the finding on the same document, task and line; then, for those left,
    the nearest finding on the same task whose sentence overlaps. What is left over is missed or spurious."""
    free = [f for f in findings if f.task is not None or f.reference is not None]
    free = [f for f in free if f.verdict is not Verdict.UNCITED]
    matches: list[Match] = []
    pending: list[int] = []
    for i, annotation in enumerate(annotations):
        found = next((f for f in free if _doc(f) == annotation.doc and f.task == annotation.cited_task
                      and f.location.line == annotation.line), None)
        if found:
            free.remove(found)
            matches.append(Match(annotation, verdicts[i], found))
        else:
            pending.append(i)
            matches.append(Match(annotation, verdicts[i], None))
    for i in pending:
        annotation = annotations[i]
        near = [f for f in free if _doc(f) == annotation.doc and f.task == annotation.cited_task
                and (abs((f.location.line or 0) - annotation.line) <= LINE_SLACK or _overlap(f.sentence, annotation.sentence))]
        if near:
            best = min(near, key=lambda f: (-_similarity(f.sentence, annotation.sentence),
                                            abs((f.location.line or 0) - annotation.line)))
            free.remove(best)
            matches[i].finding = best
    matches += [Match(None, None, f) for f in free]
    return matches


def _doc(finding: Finding) -> str:
    return Path(finding.location.file).name


def _similarity(a: str, b: str) -> float:
    words_a, words_b = set(a.lower().split()), set(b.lower().split())
    return len(words_a & words_b) / max(1, min(len(words_a), len(words_b)))


def _overlap(a: str, b: str) -> bool:
    return _similarity(a, b) >= 0.6


def scores(matches: list[Match]) -> dict:
    """Per verdict: precision (of the findings given that verdict, how many the key agrees with) and recall
    (of the citations the key gives it, how many were found with it); and detection of citations at all."""
    table = {}
    for verdict in CITATION_VERDICTS:
        predicted = [m for m in matches if m.predicted is verdict]
        expected = [m for m in matches if m.key is verdict]
        right = [m for m in predicted if m.key is verdict]
        table[verdict.value] = {
            "precision": len(right) / len(predicted) if predicted else 1.0,
            "recall": len(right) / len(expected) if expected else 1.0,
            "predicted": len(predicted), "expected": len(expected), "right": len(right),
        }
    annotated = [m for m in matches if m.annotation]
    found = [m for m in matches if m.finding]
    mismatches = [m for m in annotated if m.key is Verdict.TOPIC_MISMATCH and m.predicted is Verdict.TOPIC_MISMATCH]
    return {
        "verdicts": table,
        "detection": {"precision": sum(1 for m in found if m.annotation) / len(found) if found else 1.0,
                      "recall": sum(1 for m in annotated if m.finding) / len(annotated) if annotated else 1.0,
                      "citations": len(annotated), "findings": len(found)},
        "probably right": {"right": sum(1 for m in mismatches if m.finding.probably == m.annotation.topic_task),
                           "of": len(mismatches)},
        "accuracy": sum(1 for m in annotated if m.predicted is m.key) / len(annotated) if annotated else 1.0,
    }


def below(figures: dict, target: float = TARGET) -> list[str]:
    failing = []
    for verdict, row in figures["verdicts"].items():
        for metric in ("precision", "recall"):
            if row[metric] < target:
                failing.append(f"{verdict} {metric} {row[metric]:.3f} < {target}")
    for metric in ("precision", "recall"):
        if figures["detection"][metric] < target:
            failing.append(f"detection {metric} {figures['detection'][metric]:.3f} < {target}")
    return failing


def run(check, notice: Notice, folder: Path = CHECK_DIR) -> tuple[list[Match], dict, Report]:
    """`check(paths) -> Report` on every document of the set; the matches, the scores, and the report."""
    annotations = load_annotations(folder / "annotations.jsonl")
    documents = sorted(p for p in folder.iterdir()
                       if p.suffix in (".txt", ".md", ".docx", ".pdf") and not p.name.startswith("."))
    report = check([str(p) for p in documents])
    matches = match(annotations, keys(annotations, notice), report.findings)
    return matches, scores(matches), report


def writer_disagreements(annotations: list[Annotation], verdicts: list[Verdict]) -> Counter:
    """Where the writer's intended verdict and the records' differ (a slip in writing, not in checking)."""
    return Counter((a.intended, v.value.replace(" ", "_")) for a, v in zip(annotations, verdicts)
                   if a.intended != v.value.replace(" ", "_"))


def format_scores(figures: dict) -> str:
    lines = ["| verdict | precision | recall | findings | citations |", "|---|---|---|---|---|"]
    for verdict, row in figures["verdicts"].items():
        lines.append(f"| {verdict} | {row['precision']:.3f} | {row['recall']:.3f} | {row['predicted']} | "
                     f"{row['expected']} |")
    d = figures["detection"]
    lines.append(f"| *citations found* | {d['precision']:.3f} | {d['recall']:.3f} | {d['findings']} | "
                 f"{d['citations']} |")
    p = figures["probably right"]
    lines.append(f"\nVerdict accuracy {figures['accuracy']:.3f}; 'probably N' names the sentence's task in "
                 f"{p['right']} of {p['of']} topic mismatches found.")
    return "\n".join(lines)


def failure_lines(matches: list[Match]) -> list[str]:
    lines = []
    for m in matches:
        if m.annotation and m.predicted is m.key:
            continue
        if m.annotation:
            got = m.finding.verdict_label if m.finding else "missed"
            lines.append(f"- {m.annotation.doc}:{m.annotation.line} task {m.annotation.cited_task}: "
                         f"key {m.key.value}, got {got} — {m.annotation.sentence[:160]}")
        else:
            f = m.finding
            lines.append(f"- {_doc(f)}:{f.location.line} {f.cited}: not annotated, got {f.verdict_label} "
                         f"— {f.sentence[:160]}")
    return lines



# --- the topic sweep: the topic check's numbers, chosen away from the documents above -------------------

HELD_OUT = (ROOT / "eval" / "heldout.jsonl", ROOT / "eval" / "heldout-2.jsonl")
SWEEP_SEED = 7


def topic_cases(notice: Notice) -> list[tuple[str, int, int]]:
    """(sentence, cited task, the task its topic is about): each held-out paraphrase's short topic label
    (its note, "Task 5: patent agency opening", written blind) cited right, cited as the next task (a
    neighbour, the hard case) and cited as a far task."""
    import random

    rng = random.Random(SWEEP_SEED)
    cases = []
    for path in HELD_OUT:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            tasks = row.get("expected_tasks") or []
            if row.get("type") != "paraphrase" or len(tasks) != 1 or ":" not in row.get("note", ""):
                continue
            label, task = row["note"].split(":", 1)[1].strip(), tasks[0]
            near = task + 1 if task < notice.last_task else task - 1
            far = rng.choice([n for n in range(1, notice.last_task + 1) if abs(n - task) > 3])
            cases += [(f"Task {cited} covers {label}.", cited, task) for cited in (task, near, far)]
    return cases


def topic_sweep(check_text, notice: Notice) -> dict:
    """Runs the cases through `check_text(text) -> Report`: how often a wrong topic is called a mismatch
    (recall), how often a mismatch call is right (precision), and how often "probably N" names the task."""
    cases = topic_cases(notice)
    report = check_text("\n".join(sentence for sentence, _, _ in cases))
    by_line = {f.location.line: f for f in report.findings}
    called = right = named = wrong_cases = 0
    for line, (_, cited, task) in enumerate(cases, 1):
        finding = by_line.get(line)
        mismatch = finding is not None and Verdict.TOPIC_MISMATCH in finding.problems
        wrong_cases += cited != task
        called += mismatch
        right += mismatch and cited != task
        named += mismatch and cited != task and finding.probably == task
    return {"sentences": len(cases), "wrong topics": wrong_cases,
            "precision": right / called if called else 1.0, "recall": right / wrong_cases if wrong_cases else 1.0,
            "probably right": named / right if right else 1.0}


# --- the same documents as Word and PDF files -----------------------------------------------------------

def converted(folder: Path, kind: str, into: Path) -> Path:
    """The set written as .docx or .pdf files (python-docx, fpdf2) in `into`, with the annotations renamed to
    match. Lines differ there (paragraphs; lines within a page), so matching falls back to the sentence."""
    from assistant.lab.documents import write_docx, write_pdf

    rows = [json.loads(line) for line in (folder / "annotations.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    for source in sorted(p for p in folder.glob("doc*") if p.suffix in (".md", ".txt")):
        blocks = [b for b in source.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        paragraphs = [line for block in blocks for line in (
            block.splitlines() if block.lstrip().startswith(("-", "*", "|")) else [" ".join(block.split("\n"))])]
        target = into / f"{source.stem}.{kind}"
        (write_docx if kind == "docx" else write_pdf)(target, paragraphs)
        for row in rows:
            if row["doc"] == source.name:
                row["doc"] = target.name
    (into / "annotations.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                                            encoding="utf-8")
    return into
