"""Wrap spans of a text in nested HTML elements, server-side, at exact code-point offsets.

Offsets in the corpus are Python code points while browsers count UTF-16
units, so the spans are cut here and never in JavaScript. Spans of several
layers nest (a figure inside a quote inside a body segment); where two spans
cross, the inner one is closed and reopened, so one span may become several
elements that share its `data-span` key: joining their text gives the span's
text exactly. Every piece of article text goes through `escape`, so markup in
an article is shown as text and never interpreted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

#: Outermost first when two spans start and end at the same offsets.
RANK = {"segments": 0, "variants": 1, "quotes": 2, "speaker": 3, "cue": 4, "figures": 5, "locations": 6}


@dataclass(frozen=True)
class Mark:
    """One span to highlight.

    `label` is the short text a screen reader announces before the span
    ("quote, direct, by Volodymyr Zelenskyy"); `info` the lines the
    tooltip shows; `data` extra `data-*` attributes (links to other spans).
    """

    start: int
    end: int
    layer: str
    key: str
    label: str
    info: str = ""
    classes: tuple[str, ...] = ()
    data: tuple[tuple[str, str], ...] = field(default=())

    def sort_key(self) -> tuple[int, int, int, str]:
        return (self.start, -self.end, RANK.get(self.layer, 9), self.key)


def _open(mark: Mark, first: bool, focusable: bool) -> str:
    tag = "span" if mark.layer == "segments" else "mark"
    classes = " ".join(("m", mark.layer, *mark.classes))
    attrs = [f'class="{escape(classes)}"', f'data-span="{escape(mark.key)}"', f'data-layer="{escape(mark.layer)}"']
    if first:
        attrs.append(f'id="{escape(mark.key)}"')
        attrs.append(f'data-sr="{escape(mark.label)}"')
        if focusable and mark.layer != "segments":
            attrs.append('tabindex="0"')
    else:
        attrs.append('data-cont="1"')
    if mark.info:
        attrs.append(f'data-info="{escape(mark.info)}"')
    attrs += [f'data-{escape(k)}="{escape(v)}"' for k, v in mark.data]
    return f"<{tag} {' '.join(attrs)}>"


def _close(mark: Mark) -> str:
    return "</span>" if mark.layer == "segments" else "</mark>"


def text_html(text: str) -> str:
    """Escaped text; a carriage return as a character reference so the HTML parser keeps it."""
    return str(escape(text)).replace("\r", "&#13;")


def render(text: str, marks: Iterable[Mark], focusable: bool = True) -> Markup:
    """The text as HTML with every mark wrapped around exactly its characters.

    Raises ValueError on a span outside the text or an empty span (the
    corpus checks forbid both; a viewer must not hide them silently).
    """
    marks = sorted(marks, key=Mark.sort_key)
    for m in marks:
        if not 0 <= m.start < m.end <= len(text):
            raise ValueError(f"span {m.key} [{m.start}, {m.end}) is empty or outside the text ({len(text)} characters)")
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    out: list[str] = []
    active: list[Mark] = []  # spans covering the current piece, in nesting order
    stack: list[Mark] = []  # elements open in the output
    opened: set[str] = set()
    for lo, hi in zip(bounds, bounds[1:]):
        active = [m for m in active if m.end > lo] + starts.get(lo, [])
        active.sort(key=Mark.sort_key)
        common = 0
        while common < min(len(stack), len(active)) and stack[common] is active[common]:
            common += 1
        for m in reversed(stack[common:]):
            out.append(_close(m))
        del stack[common:]
        for m in active[common:]:
            out.append(_open(m, m.key not in opened, focusable))
            opened.add(m.key)
            stack.append(m)
        out.append(text_html(text[lo:hi]))
    out += [_close(m) for m in reversed(stack)]
    return Markup("".join(out))


def info_lines(pairs: Sequence[tuple[str, object]]) -> str:
    """Tooltip text: one `name: value` line per attribute that has a value."""
    return "\n".join(f"{name}: {value}" for name, value in pairs if value is not None and value != "")
