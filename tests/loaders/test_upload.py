"""Uploads: valid rows join the national data for the session; every bad input gets a message
naming the file, row, field, the value given and what was expected; nothing crashes."""

from __future__ import annotations

import csv
import doctest
import io
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from loaders import issues as issues_module
from loaders import upload_files
from loaders.models import FigureRecord, Scheme, Source
from loaders.paths import SHIPPED_DATA_DIR
from loaders.store import FIGURE_COLUMNS, Store
from loaders.templates import TEMPLATE_DIR, template_csv, template_rows, template_workbook
from loaders.upload import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    NEGATIVE_SAVING,
    REPORT_COLUMNS,
    TEMPLATE_KINDS,
    UploadResult,
    issues_table,
    merge_user_data,
    parse_upload,
    user_row_counts,
)

FORMULA = "=cmd|' /C calc'!A0"


def example(kind: str, **changes: str) -> dict[str, str]:
    """The template's example row, with some cells changed (notes blank unless given)."""
    header, row = template_rows(kind)
    return {**dict(zip(header, row, strict=True)), "notes": "", **changes}


def csv_bytes(
    kind: str, *rows: dict[str, str] | list[str], header: list[str] | None = None
) -> bytes:
    columns = header or template_rows(kind)[0]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns] if isinstance(row, dict) else row)
    return out.getvalue().encode("utf-8")


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def source_and_scheme() -> list[UploadResult]:
    """The example source and scheme that the example figure refers to."""
    return [
        parse_upload("sources.csv", csv_bytes("sources", example("sources"))),
        parse_upload("schemes.csv", csv_bytes("schemes", example("schemes"))),
    ]


def merged_with(store: Store, *files: tuple[str, bytes]) -> Store:
    uploads = source_and_scheme() + [parse_upload(name, content) for name, content in files]
    return merge_user_data(store, uploads)


def messages(store: Store) -> list[str]:
    return [str(issue) for issue in store.user_issues]


def notes(store: Store) -> list[str]:
    return [str(issue) for issue in store.user_notes]


# --- templates and valid uploads ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "model", "shipped"),
    [
        ("schemes", Scheme, "schemes.csv"),
        ("figures", FigureRecord, "figures.csv"),
        ("sources", Source, "sources.csv"),
    ],
)
def test_templates_have_the_shipped_columns(kind: str, model: type, shipped: str) -> None:
    header = template_rows(kind)[0]
    with (SHIPPED_DATA_DIR / shipped).open(encoding="utf-8-sig", newline="") as handle:
        assert header == next(csv.reader(handle)) == list(model.model_fields)
    assert len(template_rows(kind)) == 2  # the header and one example row
    assert (TEMPLATE_DIR / "README.md").is_file()


def test_valid_upload_joins_the_national_data_marked_user(store: Store) -> None:
    uploads = [parse_upload(f"{k}_template.csv", template_csv(k)) for k in TEMPLATE_KINDS]
    merged = merge_user_data(store, uploads)

    assert merged.user_issues == []
    assert notes(merged) == [
        f"{kind}_template.csv row 2, field 'notes': this is the template's example row: it is "
        "used as it stands unless replaced"
        for kind in TEMPLATE_KINDS
    ]
    assert user_row_counts(merged) == {"sources": 1, "schemes": 1, "figures": 1}
    assert len(merged.figures) == len(store.figures) + 1
    assert list(merged.figures.columns) == FIGURE_COLUMNS
    figure = merged.figures.set_index("figure_id").loc["suffolk-sw-001"]
    # "an estimated £48,000 a year": £48,000, exact, per year, so £48,000 a year annualised
    assert (figure.value, figure.unit, figure.recurrence, figure.annual_value) == (
        48000.0,
        "GBP",
        "per_year",
        48000.0,
    )
    assert (figure.origin, figure.theme, figure.area_id, figure.price_year) == (
        "user",
        "wider-collaboration",
        "suffolk",
        2023,
    )
    scheme = merged.schemes.set_index("scheme_id").loc["wc-suffolk-joint-safe-and-well-visits"]
    assert (scheme.origin, scheme.n_figures, scheme.service_types) == ("user", 1, "fire;police")
    assert set(merged.scheme_organisations.query("scheme_id == @scheme.name")["org_id"]) == {
        "frs-suffolk",
        "pol-suffolk",
    }
    assert merged.sources.set_index("source_id").loc[
        "suffolk-safe-and-well-review-2023"
    ].origin == ("user")
    assert set(merged.figures["origin"]) == {"shipped", "user"}
    assert merged.figures.dtypes.equals(store.figures.dtypes)


def test_excel_template_holds_the_csv_rows_and_uploads_cleanly(store: Store) -> None:
    result = parse_upload("template.xlsx", template_workbook())
    assert result.issues == ()
    assert [(n.file, n.row, n.field) for n in result.notes] == [
        (f"template.xlsx, sheet '{kind}'", 2, "notes") for kind in TEMPLATE_KINDS
    ]
    assert [t.kind for t in result.tables] == ["schemes", "figures", "sources"]
    for table in result.tables:
        header, row = template_rows(table.kind)
        assert table.rows == ((2, dict(zip(header, row, strict=True))),)
    merged = merge_user_data(store, [result])
    assert (merged.user_issues, user_row_counts(merged)) == (
        [],
        {"sources": 1, "schemes": 1, "figures": 1},
    )


def test_user_figure_may_belong_to_a_national_scheme(store: Store) -> None:
    figure = example("figures", scheme_id="se-cheshire-shared-hq")
    merged = merged_with(store, ("f.csv", csv_bytes("figures", figure)))
    assert messages(merged) == []
    schemes = merged.schemes.set_index("scheme_id")
    before = store.schemes.set_index("scheme_id").loc["se-cheshire-shared-hq", "n_figures"]
    assert schemes.loc["se-cheshire-shared-hq", "n_figures"] == before + 1
    assert schemes.loc["se-cheshire-shared-hq", "origin"] == "shipped"


# --- sessions: no mutation, no sharing, nothing written -------------------------------------------


def test_merge_does_not_mutate_the_input_store(store: Store) -> None:
    before = {name: frame.copy() for name, frame in store.tables().items()}
    issues_before = list(store.issues)
    uploads = [parse_upload(f"{k}.csv", template_csv(k)) for k in TEMPLATE_KINDS]
    merged = merge_user_data(store, uploads + [parse_upload("bad.csv", b"")])

    for name, frame in store.tables().items():
        pd.testing.assert_frame_equal(frame, before[name])
        assert merged.tables()[name] is not frame
    assert store.issues == issues_before
    assert store.user_issues == [] and store.user_notes == []
    assert len(merged.user_issues) == 1


def test_one_session_never_sees_another_sessions_rows(store: Store) -> None:
    first = merge_user_data(
        store, [parse_upload(f"{k}.csv", template_csv(k)) for k in TEMPLATE_KINDS]
    )
    other = merge_user_data(store, [parse_upload("empty.csv", b"")])
    assert user_row_counts(first)["figures"] == 1
    assert user_row_counts(other) == {"sources": 0, "schemes": 0, "figures": 0}
    assert "suffolk-sw-001" not in set(other.figures["figure_id"])
    assert messages(other) == [
        "empty.csv, field '(file)': the file is empty: expected a header row and data rows "
        "(see the templates)"
    ]


def test_nothing_is_written_to_data(store: Store) -> None:
    def snapshot() -> set[tuple[str, int, int]]:
        return {
            (str(p), p.stat().st_size, p.stat().st_mtime_ns)
            for p in SHIPPED_DATA_DIR.rglob("*")
            if p.is_file()
        }

    before = snapshot()
    uploads = [parse_upload("template.xlsx", template_workbook())]
    uploads += [parse_upload(f"{k}.csv", template_csv(k)) for k in TEMPLATE_KINDS]
    merge_user_data(store, uploads)
    assert snapshot() == before


# --- encodings ----------------------------------------------------------------------------------


def test_utf8_with_bom_reads_without_a_note(store: Store) -> None:
    content = "\ufeff".encode() + csv_bytes("sources", example("sources", title="Café £ review"))
    result = parse_upload("sources.csv", content)
    assert (result.issues, result.notes) == ((), ())
    assert result.tables[0].rows[0][1]["title"] == "Café £ review"


def test_windows_1252_is_read_with_a_warning(store: Store) -> None:
    text = csv_bytes("sources", example("sources", title="Café £ review")).decode()
    merged = merge_user_data(store, [parse_upload("sources.csv", text.encode("cp1252"))])
    assert messages(merged) == []
    assert notes(merged) == [
        "sources.csv, field '(file)': not UTF-8: read as Windows-1252 (Excel's plain 'CSV'); "
        "check that £ signs and accented letters look right, or save as 'CSV UTF-8'"
    ]
    assert "Café £ review" in set(merged.sources["title"])


def test_undecodable_bytes_name_the_file() -> None:
    result = parse_upload("local.csv", b"source_id,title\n\x81\x8d\x90")
    assert [str(i) for i in result.issues] == [
        "local.csv, field '(file)': the file is not UTF-8 or Windows-1252 text (byte 0x81 at "
        "position 16): save it as 'CSV UTF-8'"
    ]
    assert result.tables == ()


def test_utf16_or_binary_text_is_refused() -> None:
    content = csv_bytes("sources", example("sources")).decode().encode("utf-16")
    assert [str(i) for i in parse_upload("u16.csv", content).issues] == [
        "u16.csv, field '(file)': the file holds NUL bytes (binary or UTF-16 text): "
        "save it as 'CSV UTF-8'"
    ]


# --- columns ------------------------------------------------------------------------------------


def test_missing_required_column_refuses_the_table(store: Store) -> None:
    header = [c for c in template_rows("figures")[0] if c != "quote"]
    merged = merged_with(
        store, ("figs.csv", csv_bytes("figures", example("figures"), header=header))
    )
    assert messages(merged) == [
        "figs.csv row 1, field 'quote': required column is missing (the figures template has it)"
    ]
    assert user_row_counts(merged)["figures"] == 0


def test_missing_optional_column_is_read_as_blank_with_a_note(store: Store) -> None:
    header = [c for c in template_rows("figures")[0] if c != "override_reason"]
    merged = merged_with(
        store, ("figs.csv", csv_bytes("figures", example("figures"), header=header))
    )
    assert messages(merged) == []
    assert notes(merged) == [
        "figs.csv row 1, field 'override_reason': optional column is missing: read as blank"
    ]
    assert user_row_counts(merged)["figures"] == 1


def test_extra_column_is_ignored_with_a_note(store: Store) -> None:
    header = template_rows("figures")[0] + ["Comment"]
    row = example("figures", comment="checked by finance")
    merged = merged_with(store, ("figs.csv", csv_bytes("figures", row, header=header)))
    assert messages(merged) == []
    assert notes(merged) == [
        "figs.csv row 1, field 'comment': unknown column ignored (expected only: "
        + ", ".join(FigureRecord.model_fields)
        + ")"
    ]
    assert user_row_counts(merged)["figures"] == 1


def test_column_names_may_use_capitals_and_spaces_but_not_be_blank() -> None:
    header = [c.replace("_", " ").title() for c in template_rows("sources")[0]] + ["", "Kind 2"]
    row = list(example("sources").values()) + ["scribble", ""]
    result = parse_upload("s.csv", csv_bytes("sources", row, header=header))
    assert result.issues == ()
    assert [str(n) for n in result.notes] == [
        "s.csv row 1, field '(header)': column 9 has no name: its cells are ignored",
        "s.csv row 1, field 'kind_2': unknown column ignored (expected only: source_id, title, "
        "publisher, date, year, kind, seed_file, notes)",
    ]
    assert result.tables[0].rows[0][1]["source_id"] == "suffolk-safe-and-well-review-2023"


def test_repeated_column_refuses_the_table() -> None:
    header = template_rows("sources")[0] + ["title"]
    result = parse_upload(
        "s.csv", csv_bytes("sources", list(example("sources").values()) + ["x"], header=header)
    )
    assert [str(i) for i in result.issues] == [
        "s.csv row 1, field 'title': column appears twice (columns 2 and 9)"
    ]


def test_more_cells_than_columns_refuses_the_row() -> None:
    row = list(example("sources").values()) + ["stray"]
    result = parse_upload("s.csv", csv_bytes("sources", row))
    assert [str(i) for i in result.issues] == [
        "s.csv row 2, field '(row)': more cells than columns: the header has 8 columns "
        "(given 'stray')"
    ]


def test_unrecognised_header_says_what_was_expected() -> None:
    result = parse_upload("budget.csv", b"date,amount\n2023,5\n")
    assert [str(i) for i in result.issues] == [
        "budget.csv row 1, field '(header)': could not tell which table this is: expected the "
        "column names of the schemes, figures or sources template in the first row "
        "(given 'date, amount')"
    ]


def test_semicolon_separated_file_gets_a_hint() -> None:
    content = ";".join(template_rows("sources")[0]).encode() + b"\n"
    (issue,) = parse_upload("s.csv", content).issues
    assert issue.problem.endswith(
        "(the columns look separated by ';' or tabs: save as comma-separated CSV)"
    )


# --- ids and references -------------------------------------------------------------------------


def test_duplicated_ids_within_the_upload(store: Store) -> None:
    figure = example("figures")
    merged = merged_with(
        store,
        ("a.csv", csv_bytes("figures", figure, figure)),
        ("b.csv", csv_bytes("figures", figure)),
    )
    assert messages(merged) == [
        "a.csv row 3, field 'figure_id': duplicate id: already used on row 2; choose another "
        "(given 'suffolk-sw-001')",
        "b.csv row 2, field 'figure_id': duplicate id: already used on row 2 of a.csv; choose "
        "another (given 'suffolk-sw-001')",
    ]
    assert user_row_counts(merged)["figures"] == 1


def test_ids_already_used_by_the_national_data_are_refused(store: Store) -> None:
    scheme = example("schemes", scheme_id="fr-london-cardiac-arrest")
    figure = example("figures", figure_id="ov-fr-001", scheme_id="fr-london-cardiac-arrest")
    merged = merge_user_data(
        store,
        [
            parse_upload("s.csv", csv_bytes("sources", example("sources"))),
            parse_upload("plan.csv", csv_bytes("schemes", scheme)),
            parse_upload("figs.csv", csv_bytes("figures", figure)),
        ],
    )
    assert messages(merged) == [
        "plan.csv row 2, field 'scheme_id': id already used by the national data; choose another "
        "(given 'fr-london-cardiac-arrest')",
        "figs.csv row 2, field 'figure_id': id already used by the national data; choose another "
        "(given 'ov-fr-001')",
    ]
    assert len(merged.figures) == len(store.figures)


def test_figure_of_a_refused_scheme_is_not_attached_to_the_national_one(store: Store) -> None:
    scheme = example("schemes", scheme_id="fr-london-cardiac-arrest")
    figure = example("figures", scheme_id="fr-london-cardiac-arrest")
    merged = merge_user_data(
        store,
        [
            parse_upload("s.csv", csv_bytes("sources", example("sources"))),
            parse_upload("plan.csv", csv_bytes("schemes", scheme)),
            parse_upload("figs.csv", csv_bytes("figures", figure)),
        ],
    )
    assert messages(merged)[1] == (
        "figs.csv row 2, field 'scheme_id': scheme 'fr-london-cardiac-arrest' is in your upload "
        "but was refused (see its row): fix it first (given 'fr-london-cardiac-arrest')"
    )
    assert user_row_counts(merged)["figures"] == 0


def test_unknown_organisation_names_the_id_and_suggests_one(store: Store) -> None:
    scheme = example("schemes", org_ids="pol-suffolk;Essex Police;pol-atlantis")
    merged = merge_user_data(
        store,
        [
            parse_upload("s.csv", csv_bytes("sources", example("sources"))),
            parse_upload("plan.csv", csv_bytes("schemes", scheme)),
        ],
    )
    assert messages(merged) == [
        "plan.csv row 2, field 'org_ids': unknown organisation: expected an org_id from the "
        "national organisations list; did you mean 'pol-essex'? (given 'Essex Police')",
        "plan.csv row 2, field 'org_ids': unknown organisation: expected an org_id from the "
        "national organisations list (given 'pol-atlantis')",
    ]
    assert user_row_counts(merged)["schemes"] == 0


def test_unknown_measure(store: Store) -> None:
    merged = merged_with(
        store, ("f.csv", csv_bytes("figures", example("figures", measure="savings")))
    )
    assert messages(merged) == [
        "f.csv row 2, field 'measure': unknown measure: expected a measure from the national "
        "measures list; did you mean 'saving'? (given 'savings')"
    ]


def test_unknown_area_and_theme(store: Store) -> None:
    scheme = example("schemes", theme="estates", area_ids="suffolk;atlantis")
    merged = merge_user_data(
        store,
        [
            parse_upload("s.csv", csv_bytes("sources", example("sources"))),
            parse_upload("plan.csv", csv_bytes("schemes", scheme)),
        ],
    )
    assert messages(merged) == [
        "plan.csv row 2, field 'theme': unknown theme: expected a theme_id from the national "
        "themes list (given 'estates')",
        "plan.csv row 2, field 'area_ids': unknown area: expected an area_id from the national "
        "areas list (given 'atlantis')",
    ]


def test_bad_cells_get_plain_expectations(store: Store) -> None:
    source = example(
        "sources", source_id="My Source", date="June 2023", year="twenty", seed_file="report.pdf"
    )
    scheme = example("schemes", status="ongoing", area_ids="", summary="too short")
    merged = merge_user_data(
        store,
        [
            parse_upload("s.csv", csv_bytes("sources", source)),
            parse_upload("plan.csv", csv_bytes("schemes", scheme)),
        ],
    )
    assert messages(merged) == [
        "s.csv row 2, field 'source_id': expected an id of lower-case letters, digits and "
        "hyphens, such as 'my-local-scheme' (given 'My Source')",
        "s.csv row 2, field 'date': expected a date written 2015, 2015-11 or 2015-11-17 "
        "(given 'June 2023')",
        "s.csv row 2, field 'year': expected a valid integer, unable to parse string as an "
        "integer (given 'twenty')",
        "s.csv row 2, field 'seed_file': leave seed_file blank (or write 'user'): uploaded "
        "documents are not read (given 'report.pdf')",
        "plan.csv row 2, field 'area_ids': expected at least one id (several are separated by "
        "';') (given '')",
        "plan.csv row 2, field 'status': expected 'live', 'pilot', 'planned' or 'completed' "
        "(given 'ongoing')",
        "plan.csv row 2, field 'summary': expected at least 20 characters (given 'too short')",
    ]


# --- values -------------------------------------------------------------------------------------


def test_negative_savings_are_refused(store: Store) -> None:
    rows = [
        example("figures", figure_id="sw-1", quote="-£48,000 a year"),
        example("figures", figure_id="sw-2", quote="(£5,000)"),
        example(
            "figures",
            figure_id="sw-3",
            override_value="-5000",
            override_unit="GBP",
            override_reason="net of costs",
        ),
    ]
    merged = merged_with(store, ("f.csv", csv_bytes("figures", *rows)))
    assert NEGATIVE_SAVING == "a negative saving is a cost: use measure running_cost or investment"
    assert messages(merged) == [
        f"f.csv row 2, field 'quote': {NEGATIVE_SAVING} (given '-£48,000 a year')",
        f"f.csv row 3, field 'quote': {NEGATIVE_SAVING} (given '(£5,000)')",
        f"f.csv row 4, field 'override_value': {NEGATIVE_SAVING} (given '-5000')",
    ]
    assert user_row_counts(merged)["figures"] == 0


def test_negative_cost_and_count_are_refused_too(store: Store) -> None:
    rows = [
        example("figures", figure_id="sw-1", measure="running_cost", quote="-£3,000 a year"),
        example("figures", figure_id="sw-2", measure="calls_handled", quote="-40 calls"),
    ]
    merged = merged_with(store, ("f.csv", csv_bytes("figures", *rows)))
    assert messages(merged) == [
        "f.csv row 2, field 'quote': expected a positive amount: a negative running cost is "
        "money going the other way; use the measure that says what it is (a cost is "
        "running_cost or investment) (given '-£3,000 a year')",
        "f.csv row 3, field 'quote': expected a positive number: describe a fall in the subject "
        "and give its size (given '-40 calls')",
    ]


def test_huge_numbers_are_refused(store: Store) -> None:
    rows = [
        example("figures", figure_id="sw-1", quote="£150bn a year"),
        example("figures", figure_id="sw-2", measure="calls_handled", quote="200 million calls"),
        example(
            "figures",
            figure_id="sw-3",
            override_value="1e400",
            override_unit="GBP",
            override_reason="typo",
        ),
        example("figures", figure_id="sw-4", quote="£" + "9" * 40),
    ]
    merged = merged_with(store, ("f.csv", csv_bytes("figures", *rows)))
    assert messages(merged) == [
        "f.csv row 2, field 'quote': £150,000,000,000 is more than £100bn: check the amount and "
        "its units (k, m, bn) (given '£150bn a year')",
        "f.csv row 3, field 'quote': 200,000,000 is more than 100 million: check the number "
        "(given '200 million calls')",
        "f.csv row 4, field 'override_value': expected a finite number (given '1e400')",
        f"f.csv row 5, field 'quote': cannot parse quote '£{'9' * 40}': expected a number of at "
        f"most 18 digits, not '{'9' * 24}'...; give override_value, override_unit and "
        f"override_reason (given '£{'9' * 40}')",
    ]


def test_money_written_without_a_pound_sign_gets_a_hint(store: Store) -> None:
    merged = merged_with(store, ("f.csv", csv_bytes("figures", example("figures", quote="48000"))))
    assert messages(merged) == [
        "f.csv row 2, field 'measure': measure 'saving' expects money (GBP) but the quote "
        "'48000' reads as count; write amounts with a £ sign, e.g. '£250,000 a year' "
        "(given 'saving')"
    ]


def test_shared_compare_key_is_noted(store: Store) -> None:
    figure = example("figures", compare_key="se-cheshire-shared-hq:annual-savings")
    merged = merged_with(store, ("f.csv", csv_bytes("figures", figure)))
    assert messages(merged) == []
    assert notes(merged) == [
        "f.csv row 2, field 'compare_key': compare_key is also on national figure(s) ov-se-003: "
        "they will be read as the same fact and never added together "
        "(given 'se-cheshire-shared-hq:annual-savings')"
    ]


def test_formula_like_text_stays_inert_text(store: Store) -> None:
    source = example("sources", title=FORMULA, notes="+SUM(A1:A9)")
    scheme = example("schemes", name=FORMULA)
    figure = example("figures", subject=FORMULA, notes="@cmd")
    merged = merge_user_data(
        store,
        [
            parse_upload("s.csv", csv_bytes("sources", source)),
            parse_upload("plan.csv", csv_bytes("schemes", scheme)),
            parse_upload("f.csv", csv_bytes("figures", figure)),
        ],
    )
    assert messages(merged) == []
    user = merged.figures[merged.figures["origin"] == "user"].iloc[0]
    assert (user.subject, user.notes) == (FORMULA, "@cmd")
    assert merged.schemes[merged.schemes["origin"] == "user"].iloc[0]["name"] == FORMULA
    assert merged.sources[merged.sources["origin"] == "user"].iloc[0]["title"] == FORMULA


def test_formulas_in_a_workbook_are_never_run() -> None:
    header, row = template_rows("sources")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "sources"
    sheet.append(header)
    sheet.append(row)
    sheet["B2"] = FORMULA  # openpyxl stores this as a formula with no cached value
    sheet["H2"] = "=1+1"
    out = io.BytesIO()
    book.save(out)
    (table,) = parse_upload("book.xlsx", out.getvalue()).tables
    cells = table.rows[0][1]
    assert (cells["title"], cells["notes"]) == ("", "")  # formulas are not evaluated: no value


# --- files --------------------------------------------------------------------------------------


def test_empty_and_blank_files() -> None:
    assert [str(i) for i in parse_upload("e.csv", b"").issues] == [
        "e.csv, field '(file)': the file is empty: expected a header row and data rows "
        "(see the templates)"
    ]
    assert [str(i) for i in parse_upload("b.csv", b"\xef\xbb\xbf \r\n\r\n,,\n").issues] == [
        "b.csv, field '(file)': the file is blank: expected a header row and data rows "
        "(see the templates)"
    ]


def test_header_only_file() -> None:
    result = parse_upload("figures.csv", csv_bytes("figures"))
    assert [str(i) for i in result.issues] == [
        "figures.csv, field '(file)': the table has a header but no data rows"
    ]
    assert result.tables == ()


def test_blank_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers() -> None:
    header, row = template_rows("sources")
    content = ",".join(header) + "\n\n" + ",".join(f'"{c}"' for c in row) + "\n,,,\n"
    (table,) = parse_upload("s.csv", content.encode()).tables
    assert [number for number, _ in table.rows] == [3]


def test_oversized_file() -> None:
    result = parse_upload("huge.csv", b"x" * (MAX_FILE_BYTES + 1))
    assert [str(i) for i in result.issues] == [
        "huge.csv, field '(file)': the file is 5.1 MB; the limit is 5.0 MB per file: split it "
        "into smaller files"
    ]


def test_workbook_that_unpacks_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    assert upload_files.MAX_UNPACKED_BYTES == 50 * 1024 * 1024
    monkeypatch.setattr(upload_files, "MAX_UNPACKED_BYTES", 1024 * 1024)  # keep the test quick
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (3 * 1024 * 1024))
    assert len(out.getvalue()) < 10_000  # a zip bomb in miniature
    assert [str(i) for i in parse_upload("bomb.xlsx", out.getvalue()).issues] == [
        "bomb.xlsx, field '(file)': the workbook unpacks to 3.0 MB; the limit is 1.0 MB: "
        "split it into smaller files"
    ]


def test_too_many_rows() -> None:
    rows = [example("sources", source_id=f"s-{i}") for i in range(MAX_ROWS + 1)]
    result = parse_upload("many.csv", csv_bytes("sources", *rows))
    assert [str(i) for i in result.issues] == [
        "many.csv, field '(file)': more than 5,000 rows: the limit is 5,000 rows per table; "
        "split it into smaller files"
    ]
    assert result.tables == ()
    assert len(parse_upload("ok.csv", csv_bytes("sources", *rows[:MAX_ROWS])).tables[0].rows) == (
        MAX_ROWS
    )


def test_overlong_cell_is_refused() -> None:
    result = parse_upload("s.csv", csv_bytes("sources", example("sources", notes="x" * 6000)))
    assert [str(i) for i in result.issues] == [
        "s.csv row 2, field 'notes': text of 6,000 characters: expected at most 5,000 "
        f"(given '{'x' * 60}...')"
    ]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("notes.pdf", b"%PDF-1.4", "expected a .csv or .xlsx file, not '.pdf'"),
        (
            "old.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
            "an old-style .xls workbook or a password-protected file cannot be read: save it as "
            ".xlsx without a password, or as 'CSV UTF-8'",
        ),
        ("fake.xlsx", b"scheme_id,name\n", "the file is named .xlsx but is not an Excel workbook"),
        (
            "broken.xlsx",
            b"PK\x03\x04 not really a zip",
            "not a readable .xlsx workbook (the file is damaged or not Excel)",
        ),
    ],
)
def test_files_that_are_not_csv_or_xlsx(name: str, content: bytes, problem: str) -> None:
    assert [str(i) for i in parse_upload(name, content).issues] == [
        f"{name}, field '(file)': {problem}"
    ]


def test_broken_csv_quoting_is_reported() -> None:
    header = ",".join(template_rows("sources")[0]).encode()
    content = header + b'\nx-1,"never closed,' + b"x" * 200_000
    assert [str(i) for i in parse_upload("q.csv", content).issues] == [
        "q.csv, field '(file)': not valid CSV (row 2: field larger than field limit (131072)): "
        "is a quote mark opened in a cell and never closed?"
    ]


def test_xml_entity_bomb_in_a_workbook_is_refused() -> None:
    template = zipfile.ZipFile(io.BytesIO(template_workbook()))
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE x [{entities}]><worksheet xmlns="http://schemas.'
        'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" '
        't="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in template.namelist():
            is_sheet = name == "xl/worksheets/sheet1.xml"
            archive.writestr(name, sheet.encode() if is_sheet else template.read(name))
    result = parse_upload("lol.xlsx", out.getvalue())
    assert [str(i) for i in result.issues] == [
        "lol.xlsx, field '(file)': not a readable .xlsx workbook (ParseError)"
    ]
    assert result.tables == ()


def test_folder_names_sent_by_a_browser_are_dropped() -> None:
    assert parse_upload("C:\\Users\\me\\plan.csv", b"").name == "plan.csv"
    assert parse_upload("../../etc/plan.csv", b"").name == "plan.csv"


# --- Excel ----------------------------------------------------------------------------------------


def test_excel_with_several_sheets(store: Store) -> None:
    def sheet(kind: str) -> list[list[object]]:
        return [list(r) for r in template_rows(kind)]

    content = workbook(
        {
            "Read me": [["Fill in the other sheets"]],
            "Sources": sheet("sources"),
            "schemes": sheet("schemes"),
            "figures": sheet("figures"),
            "Figures ": [["figure_id"]],
            "Sheet2": [],
        }
    )
    result = parse_upload("local.xlsx", content)
    assert [str(i) for i in result.issues] == [
        "local.xlsx, sheet 'Figures ', field '(file)': a second figures sheet: only the first, "
        "'figures', is read"
    ]
    assert [str(n) for n in result.notes if n.field == "(file)"] == [
        "local.xlsx, field '(file)': sheet 'Read me' ignored: only sheets named schemes, figures "
        "and sources are read",
        "local.xlsx, field '(file)': sheet 'Sheet2' ignored: only sheets named schemes, figures "
        "and sources are read",
    ]
    assert [t.label for t in result.tables] == [
        "local.xlsx, sheet 'Sources'",
        "local.xlsx, sheet 'schemes'",
        "local.xlsx, sheet 'figures'",
    ]
    merged = merge_user_data(store, [result])
    assert user_row_counts(merged) == {"sources": 1, "schemes": 1, "figures": 1}


def test_excel_without_a_known_sheet_and_with_an_empty_one() -> None:
    result = parse_upload("x.xlsx", workbook({"Sheet1": [["a", "b"], [1, 2]]}))
    assert [str(i) for i in result.issues] == [
        "x.xlsx, field '(file)': no sheet named schemes, figures or sources: rename the sheets "
        "to match the template"
    ]
    result = parse_upload("y.xlsx", workbook({"schemes": []}))
    assert [str(i) for i in result.issues] == [
        "y.xlsx, sheet 'schemes', field '(sheet)': the sheet is blank: expected a header row and "
        "data rows (see the templates)"
    ]


def test_excel_dates_and_numbers_read_as_the_csv_would(store: Store) -> None:
    import datetime as dt

    header, row = template_rows("schemes")
    cells: list[object] = list(row)
    cells[header.index("start_date")] = dt.datetime(2022, 4, 1)
    src_header, src_row = template_rows("sources")
    src_cells: list[object] = list(src_row)
    src_cells[src_header.index("year")] = 2023.0
    content = workbook({"schemes": [header, cells], "sources": [src_header, src_cells]})
    merged = merge_user_data(store, [parse_upload("dates.xlsx", content)])
    assert messages(merged) == []
    user = merged.schemes[merged.schemes["origin"] == "user"].iloc[0]
    assert user.start_date == "2022-04-01"
    assert merged.sources[merged.sources["origin"] == "user"].iloc[0]["year"] == 2023


# --- the report ---------------------------------------------------------------------------------


def test_report_lists_file_row_field_value_and_expectation(store: Store) -> None:
    merged = merged_with(store, ("f.csv", csv_bytes("figures", example("figures", basis="hoped"))))
    report = issues_table(merged.user_issues)
    assert list(report.columns) == REPORT_COLUMNS == ["file", "row", "field", "value", "expected"]
    assert report.to_dict("records") == [
        {
            "file": "f.csv",
            "row": 2,
            "field": "basis",
            "value": "hoped",
            "expected": "expected 'actual', 'estimate', 'target', 'anecdotal' or 'context'",
        }
    ]
    assert list(issues_table([]).columns) == REPORT_COLUMNS


def test_upload_notes_from_merge_reach_the_store(store: Store) -> None:
    result = parse_upload(
        "book.xlsx", workbook({"Notes": [["x"]], "sources": template_rows("sources")})
    )
    merged = merge_user_data(store, [result])
    assert notes(merged) == [str(n) for n in result.notes]
    assert Path(TEMPLATE_DIR).name == "templates"


@pytest.mark.parametrize("module", [upload_files, issues_module], ids=["upload_files", "issues"])
def test_doctests(module: object) -> None:
    failed, attempted = doctest.testmod(module)  # type: ignore[arg-type]
    assert attempted and not failed
