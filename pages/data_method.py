"""Data & method: where the numbers come from, how they are graded and adjusted, what is wrong
with them, and every table to download.

Thin page: metrics.quality finds the issues, metrics.evidence holds the grading, and
metrics.downloads makes the files safe to open in a spreadsheet.
"""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd
import streamlit as st

from loaders.reference import DEFLATOR_ATTRIBUTION, MAP_ATTRIBUTION
from loaders.upload import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    TEMPLATE_KINDS,
    issues_table,
    merge_user_data,
    parse_upload,
    template_csv,
    template_name,
    template_workbook,
    user_row_counts,
)
from metrics.downloads import to_safe_csv, to_safe_excel, to_safe_zip
from metrics.evidence import grading_table
from metrics.quality import ISSUE_TYPES, quality_summary, quality_table, select_issues
from metrics.value import VFM_SOURCE
from pages.shared import USER_STORE_KEY, filter_caption, filtered, get_store, shipped_store

ISSUE_PARAM = "issue"
QUALITY_ORDER = (
    "issue",
    "figure_ids",
    "quotes",
    "why",
    "values",
    "money_kind",
    "sources",
    "locators",
    "subject",
    "scheme_ids",
)

METHOD = f"""
- **One figure per fact.** When two documents state the same fact, both rows are kept (they share
  a comparison key) so agreement or conflict shows; totals and counts use one of them, the
  National Overview's where it has one.
- **Money is never summed blindly.** Only money of kind *saving* counts as savings. Wider
  benefits, capital receipts, costs (investment and running costs), grants, transfers between
  services (not a saving to the public purse), spend baselines and context figures are reported
  apart. Savings are split by recurrence: per year, one-off, total over a stated period,
  cumulative by a date, and *period not stated* (shown apart, never assumed to be annual).
- **Bounds.** Each money figure gives a lower, central and upper value: exact and approximate
  figures give the value three times; *at least* gives the value with no upper bound (totals then
  say "at least"); *up to* and *less than* give 0 as the lower bound; a range gives its low end,
  midpoint and high end.
- **Prudent values.** Every headline total of quoted savings is shown beside a prudent total: the
  central value reduced by the evidence grade's adjustment (table below), in the spirit of the
  HM Treasury Green Book's optimism-bias adjustment.
- **Real terms.** Money is in cash as quoted unless a price base year is chosen. A figure priced
  in year Y (the document's year unless it says otherwise) is taken to be in financial year Y to
  Y+1 and rebased with the GDP deflator: value x index(target year) / index(Y to Y+1).
- **Value for money.** {VFM_SOURCE}. Payback = one-off investment / recurring saving per year,
  in cash, not discounted.
"""

st.title("Data & method")
st.caption(
    "Where every number comes from, how strong the evidence is, what is uncertain or disputed "
    "in the data, and the whole figure store to download."
)

store = get_store()
result = filtered(store, keep_context=True)

# --- sources and vocabulary ---------------------------------------------------------------------

st.header("Sources")
st.caption(f"{len(store.sources)} documents; every figure quotes one of them word for word.")
st.dataframe(
    store.sources[["title", "publisher", "date", "kind", "notes"]],
    hide_index=True,
    width="stretch",
)

st.header("What is measured")
st.caption(
    "The controlled vocabulary of measures. *Money kind* says which money counts as a saving "
    "(only `saving`) and which is reported apart."
)
st.dataframe(
    store.measures[["measure", "label", "unit_kind", "better", "money_kind", "description"]],
    hide_index=True,
    width="stretch",
)

st.header("Strength of evidence and prudent adjustment")
st.caption(
    "Each figure's basis sets its grade. Prudent values remove the share shown; pages that "
    "offer it let you change these shares."
)
st.dataframe(
    grading_table(),
    hide_index=True,
    width="stretch",
    column_config={
        "prudent_adjustment": st.column_config.NumberColumn("prudent adjustment", format="percent")
    },
)

# --- data quality -------------------------------------------------------------------------------

st.header("Data quality")
filter_caption(store, result)
issues = quality_table(result.figures, store.sources)
summary = quality_summary(issues)
st.dataframe(
    summary[["issue", "meaning", "n_issues", "n_figures"]],
    hide_index=True,
    width="stretch",
    column_config={
        "n_issues": st.column_config.NumberColumn("issues"),
        "n_figures": st.column_config.NumberColumn("figures involved"),
    },
)

if "dm_issues" not in st.session_state:
    wanted = st.query_params.get(ISSUE_PARAM, "").split(",")
    st.session_state["dm_issues"] = [w for w in wanted if w in ISSUE_TYPES]
st.multiselect(
    "Issue types",
    list(ISSUE_TYPES),
    key="dm_issues",
    format_func=lambda kind: ISSUE_TYPES[kind].label,
    placeholder="All issue types",
)
if st.session_state["dm_issues"]:
    st.query_params[ISSUE_PARAM] = ",".join(st.session_state["dm_issues"])
else:
    st.query_params.pop(ISSUE_PARAM, None)

chosen = select_issues(issues, st.session_state["dm_issues"])
if chosen.empty:
    kinds = ", ".join(ISSUE_TYPES[k].label.lower() for k in st.session_state["dm_issues"])
    st.info(
        f"{len(result.figures)} figures match the filters; none has an issue of the chosen "
        f"type ({kinds or 'any'})."
    )
else:
    st.caption(
        f"{len(chosen)} issue(s) among {len(result.figures)} figures. Each row names the figures, "
        "their verbatim quotes and sources, and why it is listed."
    )
    st.dataframe(
        chosen,
        hide_index=True,
        width="stretch",
        column_order=QUALITY_ORDER,
        column_config={
            "issue": st.column_config.TextColumn("issue", width="medium"),
            "quotes": st.column_config.TextColumn("verbatim quotes", width="medium"),
            "values": st.column_config.TextColumn("values read", width="small"),
            "why": st.column_config.TextColumn("why it is listed", width="large"),
            "money_kind": st.column_config.TextColumn("money kind"),
        },
    )

st.header("Load problems")
if store.issues:
    st.warning(
        f"{len(store.issues)} problem(s) found while loading the data: those rows are left out "
        "of every page until they are fixed."
    )
    st.dataframe(pd.DataFrame([asdict(i) for i in store.issues]), hide_index=True, width="stretch")
else:
    st.success("Every row of every table loaded without problems.")

# --- method and reference data ------------------------------------------------------------------

st.header("How the numbers are worked out")
st.markdown(METHOD)

st.header("Reference data")
st.markdown(f"- {DEFLATOR_ATTRIBUTION}\n- {MAP_ATTRIBUTION}")

# --- bring your own data -------------------------------------------------------------------------

st.header("Add your own schemes and figures")
st.caption(
    "See local schemes beside the national ones. Fill in the templates (same columns as the "
    "national tables), upload them as CSV or one Excel workbook, and valid rows join every page "
    f"for this session only, marked as yours. Nothing is saved. Limits: {MAX_FILE_BYTES // 2**20} "
    f"MB per file, {MAX_ROWS:,} rows per table."
)
templates = st.columns(len(TEMPLATE_KINDS) + 1)
for column, kind in zip(templates, TEMPLATE_KINDS, strict=False):
    column.download_button(
        f"{kind} template (CSV)",
        data=template_csv(kind),
        file_name=template_name(kind),
        mime="text/csv",
        key=f"tpl-{kind}",
        on_click="ignore",
        width="stretch",
    )
templates[-1].download_button(
    "All templates (Excel)",
    data=template_workbook,
    file_name="bluelight-upload-template.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="tpl-xlsx",
    on_click="ignore",
    width="stretch",
)
files = st.file_uploader(
    "Your files",
    type=["csv", "xlsx"],
    accept_multiple_files=True,
    key="user_files",
    help="CSV files are recognised by their header row; an Excel workbook needs sheets named "
    "schemes, figures and (optionally) sources.",
)
signature = tuple((f.name, f.size, f.file_id) for f in files or [])
if signature != st.session_state.get("user_files_signature", ()):
    # New or removed files: merge once, then rerun so every table on this page includes them.
    st.session_state["user_files_signature"] = signature
    if files:
        uploads = [parse_upload(f.name, f.getvalue()) for f in files]
        st.session_state[USER_STORE_KEY] = merge_user_data(shipped_store(), uploads)
    else:
        st.session_state.pop(USER_STORE_KEY, None)
    st.rerun()
if files and USER_STORE_KEY in st.session_state:
    merged = st.session_state[USER_STORE_KEY]
    counts = user_row_counts(merged)
    report = issues_table(merged.user_issues)
    if counts["schemes"] or counts["figures"]:
        st.success(
            f"Added {counts['schemes']} scheme(s), {counts['figures']} figure(s) and "
            f"{counts['sources']} source(s) from your files. They now appear on every page, "
            "marked as yours (origin: user)."
        )
    if len(report):
        st.error(
            f"{len(report)} row(s) or file(s) were not added. Each line says the file, row, "
            "field, the value given and what was expected:"
        )
        st.dataframe(report, hide_index=True, width="stretch")
    elif not (counts["schemes"] or counts["figures"]):
        st.warning("Nothing was added: the files held no data rows.")
    notes = issues_table(merged.user_notes)
    if len(notes):
        with st.expander(f"{len(notes)} note(s) on your files (read, with a warning)"):
            st.dataframe(notes, hide_index=True, width="stretch")

# --- downloads ----------------------------------------------------------------------------------

st.header("Download the data")
st.caption(
    "The whole figure store (not only the filtered rows), with the evidence grading and the "
    "data-quality table. Text that a spreadsheet could run as a formula starts with an "
    "apostrophe."
)
tables = {
    **store.tables(),
    "evidence_grading": grading_table(),
    "data_quality": quality_table(store.figures, store.sources),
}
whole = st.columns(2)
whole[0].download_button(
    "All tables (zip of CSV files)",
    data=lambda: to_safe_zip(tables),
    file_name="bluelight-collaboration-data.zip",
    mime="application/zip",
    key="dl-zip",
    on_click="ignore",
    width="stretch",
)
whole[1].download_button(
    "All tables (Excel workbook)",
    data=lambda: to_safe_excel(tables),
    file_name="bluelight-collaboration-data.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="dl-xlsx",
    on_click="ignore",
    width="stretch",
)
columns = st.columns(4)
for index, (name, frame) in enumerate(tables.items()):
    columns[index % 4].download_button(
        f"{name}.csv ({len(frame)} rows)",
        data=lambda frame=frame: to_safe_csv(frame),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"dl-csv-{name}",
        on_click="ignore",
        width="stretch",
    )
