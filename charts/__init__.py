"""Chart house style for briefings: one template, one number format, titles and notes inside.

No Streamlit here: charts are plotly figures that work the same in a notebook.

- charts.formatting: format_money, format_duration, format_percent, format_ratio, format_count,
  format_value, money_ticks (money axes in the same style)
- charts.style: the "briefing" plotly template (TEMPLATE = "briefing_white": plotly_white+briefing
  merged once), PALETTE, SEQUENTIAL, SERVICE_COLOURS, BASIS_COLOURS
- charts.briefing: apply_briefing_layout, source_line, plotly_config
- charts.export: to_png, to_svg, export_available, presets SLIDE and DOCUMENT
"""
