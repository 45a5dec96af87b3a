"""The "Check a document" page: upload a report (.txt, .md, .docx, .pdf) or paste text, and see every task
citation checked against the notice, filtered by verdict, each row opening its task card, with the report
to download.

`page()` draws it; app.py (or the app's navigation in assistant/ui/) registers it. The plain helpers make no
Streamlit calls.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import streamlit as st

from assistant.check.model import CITATION_VERDICTS, Finding, Report, Verdict
from assistant.errors import AssistantError
from assistant.notice.load import notice_for
from assistant.notice.records import Notice, Task
from assistant.settings import Settings

log = logging.getLogger("assistant.ui.check")

TITLE = "Check a document"
UPLOAD_TYPES = ["txt", "md", "docx", "pdf"]
EXAMPLE = ("Task 24 (SAIC) covers trade secret protection, with the Legislative Affairs Office taking part. "
           "The Ministry of Commerce leads task 80. Task 112 sets up a national IP court.")
MAX_PASTE_CHARS = 200_000
VERDICT_ICONS = {Verdict.OK: "✅", Verdict.NO_SUCH_TASK: "❌", Verdict.AGENCY_NOT_ON_TASK: "❌",
                 Verdict.WRONG_ROLE: "⚠️", Verdict.TOPIC_MISMATCH: "⚠️", Verdict.UNCITED: "💡"}


# --- plain helpers ------------------------------------------------------------------------------------

def finding_rows(findings: list[Finding]) -> list[dict]:
    """One table row per finding, in the columns the page shows."""
    return [{
        "where": f.location.label(),
        "sentence": f.sentence,
        "cited": f.cited,
        "verdict": f"{VERDICT_ICONS[f.verdict]} {f.verdict_label}",
        "detail": f.detail if f.verdict is not Verdict.OK else "",
        "notice": f.notice_words,
    } for f in findings]


def filtered(findings: list[Finding], verdicts: list[str]) -> list[Finding]:
    wanted = {Verdict(v) for v in verdicts}
    return [f for f in findings if f.verdict in wanted]


def card_task(finding: Finding, notice: Notice) -> Task | None:
    """The task a row links to: the one cited, or the one it probably means."""
    number = finding.task if finding.task is not None and notice.has_task(finding.task) else finding.probably
    return notice.task(number) if number is not None and notice.has_task(number) else None


# --- resources ----------------------------------------------------------------------------------------

def load_searcher():
    """The chat's Assistant, shared: the topic check uses its search, so the model and index load once."""
    from assistant.ui.resources import assistant_loader

    return assistant_loader().get().retriever


def run_check(upload_path: Path | None, text: str | None, name: str, topics: bool, suggest: bool) -> Report:
    from assistant.check.read import open_document, open_text
    from assistant.check.run import check_documents

    settings = Settings.from_env()
    notice = notice_for(settings)
    searcher = load_searcher() if topics or suggest else None
    document = open_document(upload_path, name=name) if upload_path is not None else open_text(text or "", name)
    return check_documents([document], settings=settings, notice=notice, searcher=searcher, topics=topics,
                           suggest=suggest)


def check_upload(upload, topics: bool, suggest: bool) -> Report:
    """An uploaded file, checked from a temporary copy that keeps its name (its extension says its kind)."""
    with tempfile.TemporaryDirectory(prefix="ipqa-check-") as folder:
        path = Path(folder) / Path(upload.name).name
        path.write_bytes(upload.getvalue())
        return run_check(path, None, upload.name, topics, suggest)


# --- the page -----------------------------------------------------------------------------------------

def page() -> None:
    notice = notice_for(Settings.from_env())
    st.title(TITLE, anchor=False)
    st.caption("Every “Task N”, “item N”, “tasks N–M”, “Part 2, heading (3)” or “第N项” in a report is checked "
               "against the notice: the task exists, each agency named is on it in the role claimed, and the "
               "sentence's topic is the task's.")

    upload_tab, paste_tab = st.tabs(["Upload a file", "Paste text"])
    with upload_tab:
        upload = st.file_uploader("A report, briefing note or slide text", type=UPLOAD_TYPES, key="check_upload")
    with paste_tab:
        pasted = st.text_area("Text to check", key="check_text", height=180, max_chars=MAX_PASTE_CHARS,
                              placeholder=EXAMPLE)
    left, right = st.columns(2)
    topics = left.checkbox("Check each sentence's topic (loads the model)", value=True, key="check_topics")
    suggest = right.checkbox("Suggest tasks for uncited sentences", value=False, key="check_suggest")

    if st.button("Check citations", type="primary", icon=":material/fact_check:", key="check_run"):
        if upload is None and not (pasted or "").strip():
            st.warning("Upload a file or paste some text first.", icon=":material/edit_note:")
            st.session_state.pop("check_report", None)
        else:
            try:
                with st.spinner("Checking citations..."):
                    report = (check_upload(upload, topics, suggest) if upload is not None
                              else run_check(None, pasted, "pasted text", topics, suggest))
                st.session_state["check_report"] = report
            except AssistantError as error:
                st.session_state.pop("check_report", None)
                st.error(str(error), icon=":material/error:")
            except Exception:  # noqa: BLE001 - one line for the user, the traceback for the log
                log.exception("the document check failed")
                st.session_state.pop("check_report", None)
                st.error("The check failed. See the server log for details.", icon=":material/error:")

    report: Report | None = st.session_state.get("check_report")
    if report is not None:
        show_report(report, notice)


def show_report(report: Report, notice: Notice) -> None:
    from assistant.check.report import render

    if report.ok:
        st.success(report.summary(), icon=":material/check_circle:")
    else:
        st.error(report.summary(), icon=":material/report:")
    if not report.findings:
        return
    present = [v.value for v in (*CITATION_VERDICTS, Verdict.UNCITED) if any(f.verdict is v for f in report.findings)]
    chosen = st.multiselect("Show verdicts", present, default=present, key="check_verdicts")
    shown = filtered(report.findings, chosen)
    st.caption(f"Showing {len(shown)} of {len(report.findings)}. Select a row to open its task card.")
    event = st.dataframe(
        finding_rows(shown), hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
        key=f"check_table_{len(shown)}_{'-'.join(chosen)}",
        column_config={
            "where": st.column_config.TextColumn("Where", width=150),
            "sentence": st.column_config.TextColumn("Sentence", width=320),
            "cited": st.column_config.TextColumn("Cited", width=80),
            "verdict": st.column_config.TextColumn("Verdict", width=190),
            "detail": st.column_config.TextColumn("What is wrong", width=260),
            "notice": st.column_config.TextColumn("The notice's words", width=320),
        },
    )
    rows = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    if rows and rows[0] < len(shown):
        show_card(shown[rows[0]], notice)
    names = ("citations-check.md", "citations-check.csv", "citations-check.json")
    md, csv_, js = st.columns(3)
    md.download_button("Report (Markdown)", render(report, "markdown"), file_name=names[0], mime="text/markdown",
                       icon=":material/download:", on_click="ignore", width="stretch")
    csv_.download_button("Table (CSV)", render(report, "csv"), file_name=names[1], mime="text/csv",
                         icon=":material/download:", on_click="ignore", width="stretch")
    js.download_button("Findings (JSON)", render(report, "json"), file_name=names[2], mime="application/json",
                       icon=":material/download:", on_click="ignore", width="stretch")


def show_card(finding: Finding, notice: Notice) -> None:
    task = card_task(finding, notice)
    with st.container(border=True):
        st.markdown(f"**{finding.location.label()}** — {finding.verdict_label}")
        st.text(finding.sentence)
        if finding.verdict is not Verdict.OK and finding.detail:
            st.caption(finding.detail)
        if task is None:
            return
        st.subheader(f"Task {task.number}", anchor=False)
        st.markdown(f"**Part {task.part}**, heading ({task.heading_number}) {task.heading}")
        st.text(task.text)
        st.markdown("**Lead:** " + ("; ".join(a.name for a in task.leads) or "none named"))
        st.markdown("**Other agencies:** " + ("; ".join(a.name for a in task.others) or "none"))
        st.caption(f"The notice's agency wording: ({task.agency_text})")
