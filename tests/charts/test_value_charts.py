"""Value-for-money charts on the shipped data: finding titles, bands, markers, source and notes."""

from __future__ import annotations

import pandas as pd
import pytest

from charts.briefing import plain_text, source_line
from charts.value import (
    abbreviations_note,
    investment_chart,
    investment_display,
    investment_title,
    plain_name,
    ratio_chart,
    ratio_display,
    ratio_title,
    short_name,
)
from loaders.store import Store
from metrics.value import investments_and_savings, value_for_money

SOURCE = source_line(["Emergency Services Collaboration Working Group, National Overview 2016"])
CRIT = "wc-greater-manchester-crit"
SALFORD = "wc-greater-manchester-salford-prevention-hub"
INVESTING = (
    "se-south-yorkshire-maltby",
    "jcr-merseyside-joint-command-control",
    "jcr-norfolk-control-room-integration",
)


def figures_of(store: Store, *scheme_ids: str) -> pd.DataFrame:
    return store.figures[store.figures["scheme_id"].isin(scheme_ids)]


@pytest.fixture(scope="module")
def ratios(store: Store) -> pd.DataFrame:
    return value_for_money(figures_of(store, CRIT, SALFORD), store.schemes)


@pytest.fixture(scope="module")
def investments(store: Store) -> pd.DataFrame:
    return investments_and_savings(figures_of(store, *INVESTING), store.schemes)


def annotation_texts(fig) -> dict[str, str]:
    return {a.name: plain_text(a.text) for a in fig.layout.annotations if a.name}


def trace(fig, name: str):
    (found,) = [t for t in fig.data if t.name == name]
    return found


def test_ratio_title_states_the_finding(ratios: pd.DataFrame) -> None:
    # quoted 1.6, 1.3 and 1.8: all above 1; the highest is Salford's 1:1.8 = £1.80 per £1
    assert ratio_title(ratios) == (
        "All 3 quoted cost-benefit ratios return more than £1 per £1; the best is £1.80"
    )


def test_ratio_title_for_one_ratio_and_for_ratios_below_one(ratios: pd.DataFrame) -> None:
    salford = ratios[ratios["scheme_id"] == SALFORD]
    assert ratio_title(salford) == (
        "Salford Integrated Prevention Hub returns £1.80 for each £1 spent"
    )
    lowered = {"ov-wc-001": 0.8, "ov-wc-004": 0.9}  # pretend two quotes were below 1
    poor = ratios.assign(ratio=ratios["figure_ids"].map(lowered).fillna(ratios["ratio"]))
    assert ratio_title(poor).startswith("2 of 3 quoted cost-benefit ratios return less than £1")


def test_ratio_chart_markers_bands_source_and_notes(ratios: pd.DataFrame) -> None:
    fig = ratio_chart(ratios, source=SOURCE, filters=["theme: wider collaboration"])
    assert plain_text(fig.layout.title.text) == ratio_title(ratios)
    quoted = trace(fig, "Quoted")
    assert sorted(quoted.x) == [1.3, 1.6, 1.8]
    assert set(quoted.text) == {"1 : 1.3", "1 : 1.6", "1 : 1.8"}
    recomputed = trace(fig, "Recomputed from quoted £")
    assert recomputed.x[0] == pytest.approx(1356589 / 820152)
    assert list(recomputed.text) == ["1 : 1.65"]
    assert recomputed.marker.symbol == "diamond-open"
    # four shaded bands plus the £1 break-even line
    rects = [s for s in fig.layout.shapes if s.type == "rect"]
    assert [(r.x0, r.x1) for r in rects] == [(0.0, 1.0), (1.0, 1.5), (1.5, 2.0), (2.0, 2.5)]
    assert any(s.type == "line" and s.x0 == 1 for s in fig.layout.shapes)
    band_labels = {a.text for a in fig.layout.annotations if not a.name}
    assert band_labels == {"Poor", "Low", "Medium", "High"}
    texts = annotation_texts(fig)
    assert texts["briefing-source"] == SOURCE
    assert "theme: wider collaboration" in texts["briefing-subtitle"]
    notes = texts["briefing-notes"]
    assert "DfT value-for-money bands" in notes and "(grade B)" in notes
    # £1,356,589 / £820,152 = 1.654 -> 1 : 1.65, against the quoted 1:1.6
    assert (
        "CRIT recomputed: £1.36m benefits / £820k cost a year = 1 : 1.65, consistent with the "
        "quoted 1 : 1.6." in notes
    )
    assert "CRIT: Greater Manchester Community Risk Intervention Team" in notes
    assert list(fig.layout.xaxis.ticktext) == ["£0", "£0.50", "£1", "£1.50", "£2", "£2.50"]


def test_ratio_rows_name_scheme_and_coverage(ratios: pd.DataFrame) -> None:
    fig = ratio_chart(ratios, source=SOURCE)
    labels = [plain_text(label) for label in fig.layout.yaxis.categoryarray]
    # bottom to top: Salford, CRIT partners only, CRIT all agencies
    assert labels == [
        "SIPH <i>all beneficiaries, fiscal</i>",
        "CRIT <i>some beneficiaries only, fiscal</i>",
        "CRIT <i>all beneficiaries, fiscal</i>",
    ]


def test_investment_chart_shows_payback_and_why_there_is_none(investments: pd.DataFrame) -> None:
    fig = investment_chart(investments, source=SOURCE)
    # £1.2m / about £16,000 a year = about 75 years
    assert investment_title(investments) == (
        "Maltby fire and police shared station: £1.2m takes about 75 years to pay back"
    )
    assert plain_text(fig.layout.title.text) == investment_title(investments)
    invest = trace(fig, "Investment")
    assert sorted(invest.x) == [1_200_000, 6_600_000, 150_000_000]
    assert set(invest.text) == {"£1.2m", "£6.6m", "about £150m"}
    saving = trace(fig, "Saving a year")
    assert list(saving.x) == [16_000] and list(saving.text) == ["about £16,000"]
    assert fig.layout.xaxis.type == "log"
    labels = " ".join(plain_text(label) for label in fig.layout.yaxis.categoryarray)
    assert "payback about 75 years" in labels
    assert "no saving quoted; amount queried" in labels  # Norfolk's 'circa £150m'
    assert annotation_texts(fig)["briefing-source"] == SOURCE
    notes = annotation_texts(fig)["briefing-notes"]
    assert "Payback = one-off investment / saving a year" in notes
    assert (
        "Maltby fire and police shared station: £40k of savings with no stated period left out"
        in notes
    )


def test_investment_sensitivity_adds_unstated_savings(investments: pd.DataFrame) -> None:
    fig = investment_chart(investments, source=SOURCE, include_unspecified=True)
    unstated = trace(fig, "Saving, period not stated")
    assert list(unstated.x) == [40_000]
    labels = " ".join(plain_text(label) for label in fig.layout.yaxis.categoryarray)
    # £1.2m / (£16,000 + £40,000) = 21.4 years
    assert "payback about 75 years (21.4 years*)" in labels
    notes = annotation_texts(fig)["briefing-notes"]
    assert "* If Maltby fire and police shared station's £40k of savings with no stated" in notes


def test_investment_title_when_no_payback_can_be_worked_out(investments: pd.DataFrame) -> None:
    none = investments[investments["payback_years"].isna()]
    assert investment_title(none) == (
        "None of the 2 quoted investments has a recurring saving to pay it back"
    )


def test_empty_tables_are_refused(ratios: pd.DataFrame, investments: pd.DataFrame) -> None:
    with pytest.raises(ValueError):
        ratio_chart(ratios.iloc[0:0], source=SOURCE)
    with pytest.raises(ValueError):
        investment_chart(investments.iloc[0:0], source=SOURCE)


def test_display_tables_format_every_number(
    store: Store, ratios: pd.DataFrame, investments: pd.DataFrame
) -> None:
    titles = dict(zip(store.sources["source_id"], store.sources["title"], strict=True))
    shown = ratio_display(ratios, titles)
    recomputed = shown[shown["Ratio"] == "Recomputed"].iloc[0]
    assert recomputed["Benefit per £1"] == "1 : 1.65"
    assert recomputed["Annual benefit"] == "£1.36m"
    assert recomputed["Annual cost"] == "£820k"
    assert recomputed["Value for money"] == "Medium"
    assert recomputed["Source"] == "National Overview 2016"
    assert set(shown["Quote"]) >= {"1:1.6", "1:1.3", "1:1.8"}
    table = investment_display(investments, titles).set_index("Investment quote")
    maltby = table.loc["total cost of £1.2 million"]
    assert maltby["Payback (years)"] == "about 75"
    assert maltby["Payback if unstated periods were annual (years)"] == "21.4"
    assert maltby["Recurring saving per year"] == "about £16,000"


def test_names_shortened_for_labels_and_titles() -> None:
    crit = "Greater Manchester Community Risk Intervention Team (CRIT)"
    assert short_name(crit) == "CRIT"
    assert short_name("Maltby fire and police shared station (South Yorkshire)") == (
        "Maltby fire and police shared station (South Yorkshire)"
    )
    assert plain_name("Maltby fire and police shared station (South Yorkshire)") == (
        "Maltby fire and police shared station"
    )
    assert abbreviations_note(pd.Series([crit, crit, "Norfolk control room"])) == (
        "CRIT: Greater Manchester Community Risk Intervention Team."
    )
    assert abbreviations_note(pd.Series(["Norfolk control room"])) == ""
