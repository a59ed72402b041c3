"""Bar charts as inline SVG: where people would rather look than read.

Each chart is an `<svg role="img">` with a title and a description that
states every number, so it has a text equivalent; bars carry a `<title>`
too. Series colours come from the Okabe-Ito palette (see `style.css`),
and each series also has its own hatching-free shape: a legend with names,
so no reader depends on telling colours apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, Mapping[str, int]]],
              series: Sequence[str], width: int = 640) -> Markup:
    """Horizontal stacked bars: one bar per row, one segment per series, labelled with its total."""
    label_w, bar_h, gap, legend_h = 150, 18, 8, 24
    total_max = max([sum(values.get(s, 0) for s in series) for _, values in rows] + [1])
    plot_w = width - label_w - 60
    height = legend_h + len(rows) * (bar_h + gap) + gap
    desc = "; ".join(f"{name}: " + ", ".join(f"{s} {values.get(s, 0)}" for s in series) for name, values in rows)
    out = [f'<svg class="chart" id="{escape(chart_id)}" role="img" aria-labelledby="{escape(chart_id)}-t '
           f'{escape(chart_id)}-d" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           'xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{escape(chart_id)}-t">{escape(title)}</title>',
           f'<desc id="{escape(chart_id)}-d">{escape(desc)}</desc>']
    x = label_w
    for i, s in enumerate(series):  # legend
        colour = OKABE_ITO[i % len(OKABE_ITO)]
        out.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>'
                   f'<text x="{x + 16}" y="15">{escape(s)}</text>')
        x += 24 + 8 * len(s)
    for r, (name, values) in enumerate(rows):
        y = legend_h + gap + r * (bar_h + gap)
        out.append(f'<text class="rowlabel" x="{label_w - 6}" y="{y + bar_h - 5}" text-anchor="end">'
                   f'{escape(name)}</text>')
        x = float(label_w)
        for i, s in enumerate(series):
            n = values.get(s, 0)
            if not n:
                continue
            w = plot_w * n / total_max
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                       f'fill="{OKABE_ITO[i % len(OKABE_ITO)]}" stroke="#111" stroke-width="0.5"><title>{escape(name)}: '
                       f'{escape(s)} {n}</title></rect>')
            x += w
        total = sum(values.get(s, 0) for s in series)
        out.append(f'<text x="{x + 4:.1f}" y="{y + bar_h - 5}">{total}</text>')
    out.append("</svg>")
    return Markup("".join(out))
