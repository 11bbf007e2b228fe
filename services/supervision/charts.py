"""Server-rendered SVG bar charts: no JavaScript, no CDN.

Each chart is an <svg role="img"> with a <title> and <desc> (read by screen readers), visible labels on every
bar, and the same numbers as an HTML table right after it (the fallback for people and tools that do not
read the picture).
"""

from dataclasses import dataclass

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

PALETTE = ("#1f5fa8", "#d9822b", "#b03a2e", "#3c8d5a", "#6b5b95")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class BarChart:
    """Grouped vertical bars: one group per category, one bar per series."""

    chart_id: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""

    @property
    def total(self) -> int:
        return sum(sum(s.values) for s in self.series)


def bar_chart(chart_id, title, categories, series, unit="") -> BarChart:
    return BarChart(
        chart_id=chart_id,
        title=title,
        categories=tuple(str(c) for c in categories),
        series=tuple(Series(name, tuple(int(v) for v in values)) for name, values in series),
        unit=unit,
    )


def describe(chart: BarChart) -> str:
    parts = []
    for index, category in enumerate(chart.categories):
        values = "，".join(f"{s.name}{s.values[index]}{chart.unit}" for s in chart.series)
        parts.append(f"{category}：{values}")
    return "；".join(parts) if parts else "暂无数据"


def render_svg(chart: BarChart, width: int = 560, height: int = 240) -> str:
    left, right, top, bottom = 40, 10, 30, 50
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([v for s in chart.series for v in s.values] + [1])
    groups = max(len(chart.categories), 1)
    group_w = plot_w / groups
    bar_w = max(min(group_w * 0.8 / max(len(chart.series), 1), 48), 4)
    title_id, desc_id = f"{chart.chart_id}-title", f"{chart.chart_id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(describe(chart))}</desc>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#555"/>',
    ]
    for index, category in enumerate(chart.categories):
        group_x = left + index * group_w
        inner = group_x + (group_w - bar_w * len(chart.series)) / 2
        for s_index, series in enumerate(chart.series):
            value = series.values[index]
            bar_h = plot_h * value / peak
            x = inner + s_index * bar_w
            y = top + plot_h - bar_h
            colour = PALETTE[s_index % len(PALETTE)]
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{bar_h:.1f}" fill="{colour}">'
                f"<title>{escape(category)} {escape(series.name)}：{value}{escape(chart.unit)}</title></rect>"
            )
            out.append(
                f'<text x="{x + (bar_w - 2) / 2:.1f}" y="{y - 3:.1f}" font-size="11" text-anchor="middle">'
                f"{value}</text>"
            )
        out.append(
            f'<text x="{group_x + group_w / 2:.1f}" y="{top + plot_h + 16}" font-size="12" text-anchor="middle">'
            f"{escape(category)}</text>"
        )
    legend_x = left
    for s_index, series in enumerate(chart.series):
        colour = PALETTE[s_index % len(PALETTE)]
        out.append(f'<rect x="{legend_x}" y="{height - 18}" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{legend_x + 14}" y="{height - 9}" font-size="12">{escape(series.name)}</text>')
        legend_x += 14 + 14 * len(series.name) + 16
    out.append("</svg>")
    return "".join(out)


def render_table(chart: BarChart) -> str:
    head = format_html_join("", '<th scope="col">{}</th>', ((s.name,) for s in chart.series))
    rows = format_html_join(
        "",
        '<tr><th scope="row">{}</th>{}</tr>',
        (
            (category, format_html_join("", "<td>{}</td>", ((s.values[i],) for s in chart.series)))
            for i, category in enumerate(chart.categories)
        ),
    )
    return format_html(
        '<table class="chart-data"><caption>{}（数据表）</caption><thead><tr><th scope="col">类别</th>{}</tr>'
        "</thead><tbody>{}</tbody></table>",
        chart.title,
        head,
        rows,
    )


def render(chart: BarChart) -> str:
    """The figure: SVG plus its data table."""
    return mark_safe(
        f'<figure class="chart-figure" id="{chart.chart_id}">{render_svg(chart)}'
        f"<figcaption>{escape(chart.title)}</figcaption>{render_table(chart)}</figure>"
    )
