"""Charts: accessible SVG bar charts for the dashboards, and PNG images (matplotlib) for reports.

Every chart is drawn from the same numbers shown in a table beside it; hidden (suppressed) counts
are drawn as empty bars labelled with the words the table uses.
"""

from __future__ import annotations

import io
from html import escape


def svg_bars(title: str, labels: list[str], values: list[int | None], texts: list[str]) -> str:
    """A horizontal bar chart as SVG, labelled with its numbers for screen readers."""
    bar_h, gap, label_w, chart_w = 22, 10, 260, 300
    height = len(labels) * (bar_h + gap) + gap
    top = max([v for v in values if v is not None] or [0]) or 1
    summary = f"{title}: " + "; ".join(f"{label}: {text}" for label, text in zip(labels, texts, strict=True))
    # No <title> element: the page has one title. The same numbers are in a table beside the chart.
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="analytics-chart" '
        f'viewBox="0 0 {label_w + chart_w + 120} {height}" width="100%" aria-label="{escape(summary)}">'
    ]
    for i, (label, value, text) in enumerate(zip(labels, values, texts, strict=True)):
        y = gap + i * (bar_h + gap)
        width = 0 if value is None else round(chart_w * value / top)
        short = label if len(label) <= 40 else label[:38] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="14" fill="#0b0c0c">'
            f"{escape(short)}</text>"
        )
        parts.append(f'<rect x="{label_w}" y="{y}" width="{width}" height="{bar_h}" fill="#1d70b8"/>')
        parts.append(
            f'<text x="{label_w + width + 6}" y="{y + 16}" font-size="14" fill="#0b0c0c">'
            f"{escape(text)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def png_bars(title: str, labels: list[str], values: list[int | None]) -> bytes:
    """A horizontal bar chart as PNG (matplotlib's Agg backend: no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    shown = [v or 0 for v in values]
    figure, axes = pyplot.subplots(figsize=(6.5, 0.45 * len(labels) + 1.2), dpi=100)
    try:
        positions = list(range(len(labels)))[::-1]
        axes.barh(positions, shown, color="#1d70b8")
        axes.set_yticks(positions, [label if len(label) <= 45 else label[:43] + "…" for label in labels])
        axes.set_title(title if len(title) <= 70 else title[:68] + "…", fontsize=10)
        axes.set_xlabel("Number of responses")
        for position, value in zip(positions, values, strict=True):
            axes.text((value or 0) + 0.05, position, "hidden" if value is None else str(value), va="center")
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="png")
        return out.getvalue()
    finally:
        pyplot.close(figure)
