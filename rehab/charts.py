"""Small server-side SVG charts: no JavaScript, no inline style (the CSP forbids it).

Colours come from classes styled in static/css/pulih.css (dark mode included); each shape also
carries its colour as a presentation attribute, which CSS overrides in the browser and which is
all WeasyPrint's SVG renderer reads in a PDF (it ignores the page's CSS inside an inline SVG: the
bars and tracks printed black). Sizes are presentation attributes.
Every chart has a <title> for screen readers, and the pages print the numbers in a table beside
it. Labels are escaped by format_html.
"""

import re
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import count
from pathlib import Path

from django.utils.html import format_html
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

WIDTH = 480
_ids = count(1)
GRID = "#bbbbbb"
TRACK = "#eeeeee"  # on screen the track follows the theme (a CSS variable)
STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "css" / "pulih.css"


@lru_cache(maxsize=1)
def _colours() -> dict[str, str]:
    """`.chart-…{ fill: #hex }` of static/css/pulih.css: the one place the colours are set."""
    rules = re.findall(
        r"\.(chart-[\w-]+)\s*\{\s*fill:\s*(#[0-9a-fA-F]{3,8})\s*;", STYLESHEET.read_text()
    )
    return {"chart-track": TRACK, **dict(rules)}


def paint(css_class: str) -> str:
    colours = _colours()
    return colours.get(css_class, colours["chart-fill-1"])


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | int | None
    css_class: str = "chart-fill-1"


def _number(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) or hasattr(value, "quantize"):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def _join(parts: Sequence[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def _svg(title: str, height: int, body: Sequence[SafeString]) -> SafeString:
    chart_id = f"chart-{next(_ids)}"
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="100%" role="img" '
        'aria-labelledby="{id}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}">{title}</title>{body}</svg>',
        w=WIDTH,
        h=height,
        id=chart_id,
        title=title,
        body=_join(body),
    )


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    max_value: float | None = None,
    unit: str = "",
    label_width: int = 170,
    fmt: Callable = _number,
) -> SafeString:
    """Horizontal bars, one per row: label, bar, value."""
    row, top = 26, 6
    height = top * 2 + row * max(len(bars), 1)
    scale_max = max_value or max([b.value or 0 for b in bars] + [1])
    track = WIDTH - label_width - 60
    body = []
    for i, bar in enumerate(bars):
        y = top + i * row
        length = 0 if not bar.value else max(2, round(track * float(bar.value) / scale_max))
        body.append(
            format_html(
                '<text x="{lx}" y="{ty}" text-anchor="end" class="chart-label">{label}</text>'
                '<rect x="{x}" y="{y}" width="{track}" height="16" rx="3" class="chart-track"'
                ' fill="{track_fill}"/>'
                '<rect x="{x}" y="{y}" width="{len}" height="16" rx="3" class="{cls}" fill="{fill}"/>'
                '<text x="{vx}" y="{ty}" class="chart-value">{value}{unit}</text>',
                lx=label_width - 8,
                ty=y + 13,
                label=bar.label,
                x=label_width,
                y=y,
                track=track,
                len=length,
                cls=bar.css_class,
                track_fill=TRACK,
                fill=paint(bar.css_class),
                vx=label_width + track + 6,
                value=fmt(bar.value),
                unit=unit if bar.value is not None else "",
            )
        )
    if not bars:
        body.append(format_html('<text x="10" y="24" class="chart-label">{}</text>', "–"))
    return _svg(title, height, body)


def column_chart(
    columns: Sequence[Bar], *, title: str, max_value: float | None = None, unit: str = ""
) -> SafeString:
    """Vertical columns along a time axis, with gridlines at 0, 50 and 100 % of the scale."""
    left, bottom, top, plot_height = 34, 28, 18, 150
    height = top + plot_height + bottom
    scale_max = max_value or max([c.value or 0 for c in columns] + [1])
    slot = (WIDTH - left - 6) / max(len(columns), 1)
    body = []
    for fraction in (0, 0.5, 1):
        y = top + plot_height - fraction * plot_height
        body.append(
            format_html(
                '<line x1="{x1}" x2="{x2}" y1="{y}" y2="{y}" class="chart-grid" stroke="{grid}"/>'
                '<text x="{tx}" y="{ty}" text-anchor="end" class="chart-axis">{v}</text>',
                x1=left,
                x2=WIDTH - 6,
                grid=GRID,
                y=round(y, 1),
                tx=left - 4,
                ty=round(y + 4, 1),
                v=_number(round(scale_max * fraction)),
            )
        )
    for i, column in enumerate(columns):
        x = left + i * slot + slot * 0.18
        width = slot * 0.64
        value = float(column.value or 0)
        bar_height = plot_height * value / scale_max
        y = top + plot_height - bar_height
        body.append(
            format_html(
                '<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="2" class="{cls}" fill="{fill}">'
                "<title>{label}: {value}{unit}</title></rect>"
                '<text x="{cx}" y="{vy}" text-anchor="middle" class="chart-value">{value}</text>'
                '<text x="{cx}" y="{ly}" text-anchor="middle" class="chart-axis">{label}</text>',
                x=round(x, 1),
                y=round(y, 1),
                w=round(width, 1),
                h=round(bar_height, 1),
                cls=column.css_class if column.value is not None else "chart-track",
                fill=paint(column.css_class if column.value is not None else "chart-track"),
                label=column.label,
                value=_number(column.value),
                unit=unit if column.value is not None else "",
                cx=round(x + width / 2, 1),
                vy=round(max(y - 4, top - 4), 1),
                ly=top + plot_height + 16,
            )
        )
    return _svg(title, height, body)


def grouped_column_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[int]]],
    *,
    title: str,
) -> SafeString:
    """Columns side by side per category; `series` is (name, css class, values)."""
    left, bottom, top, plot_height = 34, 46, 18, 130
    height = top + plot_height + bottom
    scale_max = max([v for _n, _c, values in series for v in values] + [1])
    slot = (WIDTH - left - 6) / max(len(categories), 1)
    width = slot * 0.7 / max(len(series), 1)
    body = [
        format_html(
            '<line x1="{x1}" x2="{x2}" y1="{y}" y2="{y}" class="chart-grid" stroke="{grid}"/>',
            x1=left,
            x2=WIDTH - 6,
            grid=GRID,
            y=top + plot_height,
        )
    ]
    for i, category in enumerate(categories):
        base = left + i * slot + slot * 0.15
        for s, (name, css_class, values) in enumerate(series):
            bar_height = plot_height * values[i] / scale_max
            body.append(
                _grouped_column(
                    category=category,
                    name=name,
                    css_class=css_class,
                    value=values[i],
                    x=base + s * width,
                    y=top + plot_height - bar_height,
                    width=width,
                    height=bar_height,
                )
            )
        body.append(
            format_html(
                '<text x="{cx}" y="{ly}" text-anchor="middle" class="chart-axis">{label}</text>',
                cx=round(base + slot * 0.35, 1),
                ly=top + plot_height + 16,
                label=category,
            )
        )
    body.extend(_legend(series, left=left, height=height))
    return _svg(title, height, body)


def _grouped_column(
    *, category: str, name: str, css_class: str, value, x: float, y: float, width, height
) -> SafeString:
    """One column of a group, with its value above it and a tooltip naming its series."""
    return format_html(
        '<rect x="{x}" y="{y}" width="{w}" height="{h}" class="{cls}" fill="{fill}">'
        "<title>{category} — {name}: {value}</title></rect>"
        '<text x="{cx}" y="{vy}" text-anchor="middle" class="chart-value">{value}</text>',
        x=round(x, 1),
        y=round(y, 1),
        w=round(width - 2, 1),
        h=round(height, 1),
        cls=css_class,
        fill=paint(css_class),
        category=category,
        name=name,
        value=value,
        cx=round(x + width / 2 - 1, 1),
        vy=round(y - 4, 1),
    )


def _legend(
    series: Sequence[tuple[str, str, Sequence[int]]], *, left: int, height: int
) -> list[SafeString]:
    """A colour swatch and name per series along the bottom edge."""
    legend = []
    for s, (name, css_class, _values) in enumerate(series):
        x = left + s * 150
        legend.append(
            format_html(
                '<rect x="{x}" y="{y}" width="12" height="12" class="{cls}" fill="{fill}"/>'
                '<text x="{tx}" y="{ty}" class="chart-label">{name}</text>',
                x=x,
                y=height - 16,
                cls=css_class,
                fill=paint(css_class),
                tx=x + 17,
                ty=height - 6,
                name=name,
            )
        )
    return legend


@dataclass(frozen=True)
class Tile:
    """One province on the tile-grid cartogram."""

    row: int
    col: int
    label: str
    title: str
    value: float | int | None
    href: str = ""


MAP_LEVELS = 5


def tile_map(tiles: Sequence[Tile], *, title: str, unit: str = "") -> SafeString:
    """A tile-grid cartogram of the provinces, one square per province, shaded by its value.

    Provinces without a value are grey (class map-none); the others fall in MAP_LEVELS equal
    steps from 0 to the largest value (classes map-0 … map-4), styled in pulih.css.
    """
    size, gap, pad = 54, 4, 4
    columns = max([t.col for t in tiles] + [0]) + 1
    rows = max([t.row for t in tiles] + [0]) + 1
    top = max([t.value for t in tiles if t.value is not None] + [0])
    body = []
    for tile in tiles:
        if tile.value is None:
            level = "map-none"
        else:
            step = int(tile.value * MAP_LEVELS / top) if top else 0
            level = f"map-{min(step, MAP_LEVELS - 1)}"
        x, y = pad + tile.col * (size + gap), pad + tile.row * (size + gap)
        square = format_html(
            '<rect x="{x}" y="{y}" width="{s}" height="{s}" rx="4" class="{cls}">'
            "<title>{t}: {v}{u}</title></rect>"
            '<text x="{tx}" y="{ty}" text-anchor="middle" class="map-label">{label}</text>'
            '<text x="{tx}" y="{vy}" text-anchor="middle" class="map-value">{v}</text>',
            x=x,
            y=y,
            s=size,
            cls=level,
            t=tile.title,
            v=_number(tile.value),
            u=unit,
            tx=x + size / 2,
            ty=y + 22,
            vy=y + 40,
            label=tile.label,
        )
        if tile.href:
            square = format_html('<a href="{}">{}</a>', tile.href, square)
        body.append(square)
    chart_id = f"chart-{next(_ids)}"
    # With links to drill down, the map is a group of links; an "img" may not hold any.
    role = "group" if any(tile.href for tile in tiles) else "img"
    return format_html(
        '<svg class="chart tile-map" viewBox="0 0 {w} {h}" width="100%" role="{role}" '
        'aria-labelledby="{id}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}">{title}</title>{body}</svg>',
        w=pad * 2 + columns * (size + gap),
        h=pad * 2 + rows * (size + gap),
        role=role,
        id=chart_id,
        title=title,
        body=_join(body),
    )
