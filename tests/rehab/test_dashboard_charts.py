"""The SVG charts: escaped labels, no inline style, sizes that follow the values."""

import re

from rehab.charts import Bar, bar_chart, column_chart, grouped_column_chart


def test_it_escapes_labels_and_uses_no_style_attribute():
    svg = str(bar_chart([Bar('<script>alert("x")</script>', 3)], title="Uji & coba"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Uji &amp; coba" in svg
    assert "style=" not in svg


def test_it_draws_bars_in_proportion_to_their_values():
    svg = str(bar_chart([Bar("a", 10), Bar("b", 5), Bar("c", 0)], title="t", label_width=100))
    widths = [
        int(w) for w in re.findall(r'width="(\d+)" height="16" rx="3" class="chart-fill', svg)
    ]
    assert widths[0] == 2 * widths[1] and widths[2] == 0


def test_it_draws_empty_weeks_and_groups_without_failing():
    weekly = str(
        column_chart([Bar("1 Des", None), Bar("8 Des", 80)], title="t", max_value=100, unit="%")
    )
    assert "80%" in weekly and "–" in weekly
    grouped = str(grouped_column_chart(["Nov"], [("Selesai", "chart-fill-ok", [0])], title="t"))
    assert "<svg" in grouped and "Selesai" in grouped
