"""The SVG charts: escaped labels, no inline style, sizes that follow the values."""

import re
import subprocess

from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import Image
from weasyprint import CSS
from weasyprint import HTML

from rehab.charts import Bar
from rehab.charts import bar_chart
from rehab.charts import column_chart
from rehab.charts import grouped_column_chart


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


def test_each_shape_carries_its_colour_from_the_stylesheet():
    svg = str(bar_chart([Bar("a", 4), Bar("b", 2, "chart-fill-2")], title="t"))
    css = (settings.BASE_DIR / "static" / "css" / "pulih.css").read_text()
    blue = re.search(r"\.chart-fill-2 \{ fill: (#\w+); \}", css).group(1)
    assert f'class="chart-fill-2" fill="{blue}"' in svg
    assert 'class="chart-track" fill="#' in svg


def test_a_chart_in_a_pdf_prints_in_colour_not_black(tmp_path):
    """WeasyPrint ignores the page's CSS inside an inline SVG: the bars printed black."""
    svg = bar_chart([Bar("Hadir", 8), Bar("Alpa", 2, "chart-fill-bad")], title="t")
    stylesheet = CSS(filename=finders.find("css/report_pdf.css"))
    HTML(string=f"<html><body>{svg}</body></html>").write_pdf(
        tmp_path / "chart.pdf", stylesheets=[stylesheet]
    )
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-singlefile", tmp_path / "chart.pdf", tmp_path / "p"],
        check=True,
    )
    colours = {rgb for _n, rgb in Image.open(tmp_path / "p.png").convert("RGB").getcolors(1 << 20)}
    green, red = (0x19, 0x87, 0x54), (0xDC, 0x35, 0x45)
    assert green in colours and red in colours
