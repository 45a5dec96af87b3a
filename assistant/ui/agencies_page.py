"""The agencies: who leads and who takes part in how many tasks, and one agency's tasks."""

from __future__ import annotations

import streamlit as st

from assistant.notice.agencies import BY_ID
from assistant.ui import widgets
from assistant.ui.text import AgencyCount, agency_counts, agency_label, escape_markdown, sentence_case

CHOICE_KEY = "agency_choice"
# The two roles' colours: a dark and a mid blue, each at least 3:1 against white (WCAG 1.4.11 for
# graphics; "Takes part" was #9cc3e6, 1.85:1) and told apart by lightness too.
LEAD_COLOUR = "#1f5fa8"
TAKES_PART_COLOUR = "#6f8fb3"
LABEL_COLOUR = "#2f2d2b"
# One agency per band: its name on the first line, its bar below, so phones keep the bars.
ROW_PX = 40


def chart(counts: list[AgencyCount]):
    """One band per agency, busiest first: its name and counts on top, its two bars below."""
    import altair as alt

    rows = [
        {"agency": c.agency.name, "role": role, "tasks": n, "total": c.total, "start": start}
        for c in counts
        for role, n, start in (("Leads", c.leads, 0), ("Takes part", c.takes_part, c.leads))
    ]
    order = [c.agency.name for c in counts]
    y = alt.Y("agency:N", sort=order, title=None, axis=None)
    base = alt.Chart(alt.Data(values=rows))
    bars = base.mark_bar(height=14, yOffset=8).encode(
        y=y,
        x=alt.X("start:Q", title="Tasks", axis=alt.Axis(labelColor=LABEL_COLOUR, titleColor=LABEL_COLOUR,
                                                         orient="top")),
        x2="end:Q",
        color=alt.Color("role:N", title=None, sort=["Leads", "Takes part"],
                        scale=alt.Scale(domain=["Leads", "Takes part"], range=[LEAD_COLOUR, TAKES_PART_COLOUR]),
                        legend=alt.Legend(orient="top", labelColor=LABEL_COLOUR, labelFontSize=13)),
        tooltip=[alt.Tooltip("agency:N", title="Agency"), alt.Tooltip("role:N", title="Role"),
                 alt.Tooltip("tasks:Q", title="Tasks"), alt.Tooltip("total:Q", title="Involved in")],
    ).transform_calculate(end="datum.start + datum.tasks")
    names = base.transform_filter("datum.role === 'Leads'").mark_text(
        align="left", baseline="middle", dy=-9, fontSize=12, color=LABEL_COLOUR,
        limit=alt.ExprRef("width"),  # never wider than the plot, which would squeeze the bars away
    ).encode(
        y=y,
        x=alt.value(0),
        text=alt.Text("label:N"),
    ).transform_calculate(label="datum.agency + ': leads ' + datum.tasks + ' · takes part ' + (datum.total - datum.tasks)")
    return (bars + names).properties(height=alt.Step(ROW_PX))


def page() -> None:
    notice = widgets.notice_or_stop()
    widgets.task_card_from_url(notice)
    counts = agency_counts(notice)
    st.title("Agencies", anchor=False)
    st.caption(f"The {len(counts)} agencies the notice names: how many of its {len(notice.tasks)} tasks each "
               "leads, and how many more it takes part in.")
    st.altair_chart(chart(counts), width="stretch")

    ids = [c.agency.id for c in counts]
    choice = st.selectbox("Choose an agency to list its tasks", ids, key=CHOICE_KEY, persist_state="session",
                          format_func=lambda i: agency_label(BY_ID[i]))
    agency = BY_ID[choice]
    led = notice.tasks_led_by(agency.id)
    joined = [t for t in notice.tasks_involving(agency.id) if not t.led_by(agency.id)]
    st.subheader(agency.name, anchor=False)
    facts = [agency.chinese]
    if agency.abbreviations:
        facts.append("also " + ", ".join(agency.abbreviations))
    st.caption(escape_markdown(" · ".join(facts)))
    if agency.successor:
        st.caption(escape_markdown(f"Since 2018: {sentence_case(agency.successor)}."))
    lead_metric, part_metric = st.columns(2)
    lead_metric.metric("Leads", len(led))
    part_metric.metric("Takes part in (without leading)", len(joined))
    listed = [*led, *joined]
    st.caption("Select a row to read the task in full.")
    widgets.task_table(
        listed,
        [{"task": t.number, "role": "Lead" if t.led_by(agency.id) else "Takes part", "part": t.part, "text": t.text,
          "with": "; ".join(a.name for a in t.agencies if a.id != agency.id)} for t in listed],
        max_height=420,
        columns={
            "task": st.column_config.NumberColumn("Task", width=56, format="%d", pinned=True),
            "role": st.column_config.TextColumn("Role", width=90),
            "part": st.column_config.NumberColumn("Part", width=48, format="%d"),
            "text": st.column_config.TextColumn("Text", width=420),
            "with": st.column_config.TextColumn("With", width=300),
        },
        key=f"agency_tasks_{agency.id}",
    )
