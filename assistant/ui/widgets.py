"""The pieces the pages share: filters, the task card and its dialog, citations, copy, errors, page behaviour."""

from __future__ import annotations

import functools
import html
import json
import logging
from typing import Sequence

import streamlit as st

from assistant.errors import AssistantError, UnknownTask
from assistant.notice.records import Notice, Task
from assistant.ui import resources
from assistant.ui.text import (
    AGENCY_IDS,
    ALL_PARTS,
    MAX_CITATION_EXPANDERS,
    TASK_PARAM,
    FilterChoice,
    agency_option_label,
    agency_wording_line,
    citation_label,
    compact_markdown,
    parse_task_param,
    part_label,
    reorganisation_line,
    task_details_markdown,
    tasks_csv,
)

log = logging.getLogger("assistant.ui")

# The sidebar's starting width on wide screens (phones hide it): 380 px shows filter options such as
# "SIPO · State Intellectual Property Office" whole; Streamlit's 300 px cut most agency names short.
SIDEBAR_PX = 380
# Rows of a compact list shown before it scrolls inside its own box: at 1400x900 a one-line row is
# 39 px high, so 12 rows and the header take about half the screen, and the question stays in view.
COMPACT_LIST_ROWS = 12
COMPACT_ROW_PX = 39


# --- errors ------------------------------------------------------------------------------------------

def error_line(error: BaseException, what: str, fallback: str) -> str:
    """One line for the user: the message of our own errors, `fallback` (and a logged traceback) for others."""
    if isinstance(error, AssistantError):
        return f"{what}: {error}"
    log.error("%s", what, exc_info=error)
    return fallback


def notice_or_stop() -> Notice:
    """The parsed notice, or a one-line error and the end of this page."""
    try:
        return resources.notice()
    except Exception as error:  # noqa: BLE001 - the user gets one line, the log gets the traceback
        st.error(error_line(error, "The notice could not be read",
                            "The notice could not be read. See the server log for details."),
                 icon=":material/error:")
        st.stop()


# --- filters -----------------------------------------------------------------------------------------

def filter_keys(scope: str) -> tuple[str, str, str]:
    return f"{scope}_agencies", f"{scope}_lead_only", f"{scope}_part"


def clear_filters(scope: str) -> None:
    agencies, lead_only, part = filter_keys(scope)
    st.session_state[agencies] = []
    st.session_state[lead_only] = False
    st.session_state[part] = ALL_PARTS


def filter_controls(scope: str, notice: Notice, slots: Sequence | None = None,
                    agencies_help: str = "") -> FilterChoice:
    """The agency, lead-only and part filters with a Clear button, drawn into four slots (default: here).

    Agencies match by substring of "SIPO · State Intellectual Property Office", never fuzzily,
    and there is no "Select N matches" row: typing "SIPO" and Enter selects the SIPO alone.
    """
    agencies_slot, lead_slot, part_slot, clear_slot = slots or (st, st, st, st)
    agencies_key, lead_key, part_key = filter_keys(scope)
    agency_ids = agencies_slot.multiselect(
        "Agencies", AGENCY_IDS, format_func=agency_option_label, key=agencies_key,
        placeholder="Any agency (type a name or SIPO, MOFCOM...)", help=agencies_help or None,
        filter_mode="contains", select_all=False, wrap=True, persist_state="session",
    )
    lead_only = lead_slot.checkbox("Only tasks they lead", key=lead_key, disabled=not agency_ids,
                                   help="Keep only the tasks the selected agencies lead.", persist_state="session")
    part = part_slot.selectbox("Part of the notice", [ALL_PARTS, *(p.number for p in notice.parts)],
                               format_func=lambda p: part_label(p, notice), key=part_key, persist_state="session")
    choice = FilterChoice(tuple(agency_ids), lead_only, part)
    clear_slot.button("Clear filters", icon=":material/filter_alt_off:", key=f"{scope}_clear_filters",
                      on_click=clear_filters, args=(scope,), disabled=choice.empty)
    return choice


# --- the task card -----------------------------------------------------------------------------------

def task_card(task: Task) -> None:
    st.markdown(task_details_markdown(task))
    st.caption(agency_wording_line(task))
    since = reorganisation_line(task)
    if since:
        st.caption(since)


def _close_task_card() -> None:
    if TASK_PARAM in st.query_params:
        del st.query_params[TASK_PARAM]


def task_card_from_url(notice: Notice) -> None:
    """The card of the task a `?task=N` address names, in a dialog over the page (closing it drops the N)."""
    try:
        number = parse_task_param(st.query_params.get(TASK_PARAM), notice)
    except UnknownTask as error:
        st.warning(f"This link names no task of the notice: {error}.", icon=":material/link_off:")
        return
    if number is None:
        return
    task = notice.task(number)

    def card() -> None:
        task_card(task)

    st.dialog(f"Task {task.number}", width="large", on_dismiss=_close_task_card)(card)()


def _open_selected_task(table_key: str, numbers: list[int]) -> None:
    rows = list(st.session_state[table_key].selection.rows or [])
    if rows and rows[0] < len(numbers):
        st.query_params[TASK_PARAM] = str(numbers[rows[0]])


def task_table(tasks: list[Task], rows: list[dict], columns: dict, key: str, max_height: int) -> None:
    """A table of tasks, one row each; selecting a row opens that task's card (and puts it in the address)."""
    st.dataframe(rows, hide_index=True, width="stretch", height="auto" if len(tasks) <= 10 else max_height,
                 column_config=columns,
                 on_select=functools.partial(_open_selected_task, key, [t.number for t in tasks]),
                 selection_mode="single-row", key=key)


# --- citations ---------------------------------------------------------------------------------------

def citations(numbers: list[int], notice: Notice, key: str) -> None:
    """The cited tasks to check: one expander each, or one compact table when there are many."""
    cited = [notice.task(n) for n in numbers if notice.has_task(n)]
    if not cited:
        return
    if len(cited) > MAX_CITATION_EXPANDERS:
        compact_list(cited, key)
        return
    st.caption("Cited tasks: open one to check it against the notice.")
    for task in cited:
        with st.expander(citation_label(task), icon=":material/format_quote:"):
            task_card(task)


def compact_list(tasks: list[Task], key: str) -> None:
    st.caption(f"The {len(tasks)} cited tasks: each number opens the task's card in a new tab.")
    height = "content" if len(tasks) <= COMPACT_LIST_ROWS else (COMPACT_LIST_ROWS + 1) * COMPACT_ROW_PX
    with st.container(height=height, key=f"{key}_compact"):
        st.markdown(compact_markdown(tasks))
    st.download_button("Download these tasks (CSV)", tasks_csv(tasks), file_name="ip-tasks.csv", mime="text/csv",
                       icon=":material/download:", on_click="ignore", key=f"{key}_csv")


# --- copy, announce, focus ---------------------------------------------------------------------------

def copy_button(text: str, element_id: str, announce: str = "") -> None:
    """A "Copy" button for `text`. With `announce`, screen readers hear it read out once (a new answer)."""
    attributes = {
        "data-ipqa-copy": text,
        "data-ipqa-id": element_id,
    }
    if announce:
        attributes["data-ipqa-announce"] = announce
    rendered = " ".join(f'{name}="{html.escape(value, quote=True)}"' for name, value in attributes.items())
    st.html(f'<button type="button" class="ipqa-copy" {rendered}>'
            '<span class="ipqa-copy-label">Copy answer</span></button>', width="content")


# Page-wide CSS. Captions and quoted text at 4.5:1 or more (WCAG AA): Streamlit draws both at 60 %
# opacity, 2.9:1 and 3.9:1 measured; #64615c is 6.2:1 on white and 5.8:1 on the sidebar's grey.
# Also the copy button, whole agency names in the filters, and the hidden box of the script below.
PAGE_CSS = """
<style>
[data-testid="stCaptionContainer"] { color: #64615c; opacity: 1; }
[data-testid="stMarkdownContainer"] blockquote { color: #2f2d2b; opacity: 1; border-left-color: #8a8782; }
.st-key-ipqa-behaviour, [class*="st-key-ipqa-address-"] { display: none; }
/* The sidebar's starting width (set_page_config) can lose a race with the first render. */
@media (min-width: 1100px) {
  [data-testid="stSidebar"][data-collapsed="false"] { min-width: @SIDEBAR_PX@px; }
}
/* Selected agencies show their whole names, on as many lines as they need. */
[data-testid="stMultiSelectTagsContainer"] [data-tag] { height: auto; max-width: 100%; }
[data-testid="stMultiSelectTagsContainer"] [data-tag] > span[title] {
  white-space: normal; overflow: visible; text-overflow: clip; max-width: none;
}
.ipqa-copy {
  font: inherit; font-size: 0.875rem; color: #2f2d2b; background: transparent; cursor: pointer;
  border: 1px solid #8a8782; border-radius: 0.5rem; padding: 0.2rem 0.6rem; margin-top: 0.25rem;
  display: inline-flex; align-items: center; gap: 0.35rem;
}
.ipqa-copy:hover { border-color: #1f5fa8; color: #1f5fa8; }
.ipqa-copy:focus-visible { outline: 2px solid #1f5fa8; outline-offset: 2px; }
.ipqa-sr-only {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;
}
</style>
""".replace("@SIDEBAR_PX@", str(SIDEBAR_PX))

# Installed once per browser tab (later runs find window.ipqaInstalled):
# - a polite live region, so a screen reader reads each new answer (its copy button carries the text);
# - the copy buttons (Clipboard API, with a fallback for pages not served over https or localhost);
# - the chat input focused on load on wide screens (on phones that would pop the keyboard up);
# - on phones, the sidebar closed once a page is picked in it.
PAGE_SCRIPT = """
<script>
(() => {
  if (window.ipqaInstalled) return;
  window.ipqaInstalled = true;
  const live = document.createElement("div");
  live.id = "ipqa-live";
  live.className = "ipqa-sr-only";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  document.body.appendChild(live);
  const say = (text) => { live.textContent = ""; setTimeout(() => { live.textContent = text; }, 150); };
  const announced = new Set();
  const scan = () => {
    document.querySelectorAll("[data-ipqa-announce]").forEach((el) => {
      const id = el.getAttribute("data-ipqa-id");
      if (announced.has(id)) return;
      announced.add(id);
      say(el.getAttribute("data-ipqa-announce"));
    });
  };
  new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
  scan();

  const copy = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (error) {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      const ok = document.execCommand("copy");
      area.remove();
      return ok;
    }
  };
  document.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-ipqa-copy]");
    if (!button) return;
    const ok = await copy(button.getAttribute("data-ipqa-copy"));
    const label = button.querySelector(".ipqa-copy-label");
    label.textContent = ok ? "Copied" : "Copy failed";
    say(ok ? "Answer copied." : "The answer could not be copied.");
    setTimeout(() => { label.textContent = "Copy answer"; }, 2000);
  });

  const narrow = () => window.matchMedia("(max-width: 640px)").matches;
  if (!narrow()) {
    const started = Date.now();
    const focusChat = () => {
      const input = document.querySelector('[data-testid="stChatInputTextArea"]');
      const free = !document.activeElement || document.activeElement === document.body;
      if (input && free) { input.focus(); return; }
      if (!input && Date.now() - started < 15000) setTimeout(focusChat, 100);
    };
    focusChat();
  }
  document.addEventListener("click", (event) => {
    if (!narrow() || !event.target.closest('[data-testid="stSidebarNav"] a')) return;
    setTimeout(() => {
      const sidebar = document.querySelector('[data-testid="stSidebar"]');
      const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (sidebar && close && sidebar.dataset.collapsed === "false") close.click();
    }, 50);
  });
})();
</script>
"""


def keep_in_address(name: str, value: str) -> None:
    """Set (or with "" remove) `?name=value` in the address bar without a new history entry.

    `st.query_params` pushes one entry per change, so Back would step through every answer
    and land on the same page; replacing the entry keeps Back for leaving the page.
    """
    script = f"""<script>(() => {{
      const url = new URL(window.location.href);
      const name = {json.dumps(name)}, value = {json.dumps(value)};
      if (value) url.searchParams.set(name, value); else url.searchParams.delete(name);
      if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url.href);
    }})();</script>"""
    with st.container(key=f"ipqa-address-{name}"):
        st.html(script, unsafe_allow_javascript=True)


def install_page_behaviour() -> None:
    st.html(PAGE_CSS)
    with st.container(key="ipqa-behaviour"):
        st.html(PAGE_SCRIPT, unsafe_allow_javascript=True)
