"""One self-contained HTML page: each file's whole text with its issues highlighted.

Inline CSS and JS only, nothing fetched, so the page can be mailed or opened offline.
Each issue is a `<mark>` with `data-category`, `data-start` and `data-end` (offsets into the
file as read) and its message and suggestions as a `title` and a CSS popup on hover or
focus. Overlapping issues are cut at each other's edges: each piece is one `<mark>` in the
colour of the shortest issue covering it, and its tooltip lists every issue that does.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from itertools import pairwise

from galleyproof.issues import CATEGORIES, Issue
from galleyproof.views.terminal import category_counts, show_replacement

COLOURS = {
    "spelling": "#d62728",
    "word_choice": "#9c27b0",
    "punctuation": "#b26a00",
    "whitespace": "#00838f",
    "capitalization": "#1f5fd6",
    "grammar": "#2e7d32",
}

_CSS = """
body { font: 17px/1.6 Georgia, "Times New Roman", serif; color: #222; background: #fdfcf7;
       max-width: 50em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.4em; margin: 0; } h2 { font-size: 1.1em; margin: 2em 0 .2em; }
.summary, .help { font: 14px/1.4 system-ui, sans-serif; color: #555; }
.legend { display: flex; flex-wrap: wrap; gap: .4em; padding: 0; list-style: none;
          font: 14px/1.4 system-ui, sans-serif; }
.legend button { font: inherit; border: 1px solid #ccc; border-radius: 4px; background: #fff;
                 padding: .2em .6em; cursor: pointer; }
.legend button[aria-pressed="false"] { opacity: .45; text-decoration: line-through; }
.swatch { display: inline-block; width: .9em; height: .9em; margin-right: .4em;
          vertical-align: -.1em; border-radius: 2px; }
pre.text { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; margin: 0; }
mark.gp { position: relative; color: inherit; border-bottom: 2px solid; cursor: help; }
mark.gp:focus { outline: 2px solid #222; outline-offset: 1px; }
mark.gp:hover::after, mark.gp:focus::after {
  content: attr(data-tip); position: absolute; left: 0; top: calc(100% + 4px); z-index: 10;
  width: max-content; max-width: 28em; white-space: pre-wrap; pointer-events: none;
  font: 13px/1.4 system-ui, sans-serif; color: #fff; background: #222;
  padding: .4em .6em; border-radius: 4px; box-shadow: 0 2px 8px rgba(0, 0, 0, .3); }
"""

_CATEGORY_CSS = """
mark.gp[data-category="{c}"] {{ background: {colour}2e; border-bottom-color: {colour}; }}
.swatch[data-category="{c}"] {{ background: {colour}; }}
body.hide-{c} mark.gp[data-category="{c}"] {{ background: none; border-bottom-color: transparent; }}
body.hide-{c} mark.gp[data-category="{c}"]::after {{ content: none; }}
"""

# Legend buttons toggle a category's highlights; n / p move focus to the next / previous issue.
_JS = """
document.querySelectorAll('.legend button').forEach(b => b.addEventListener('click', () => {
  const hidden = document.body.classList.toggle('hide-' + b.dataset.category);
  b.setAttribute('aria-pressed', String(!hidden));
}));
const marks = [...document.querySelectorAll('mark.gp')];
document.addEventListener('keydown', e => {
  if ((e.key !== 'n' && e.key !== 'p') || e.ctrlKey || e.metaKey || e.altKey) return;
  const shown = marks.filter(m => !document.body.classList.contains('hide-' + m.dataset.category));
  if (!shown.length) return;
  const i = shown.indexOf(document.activeElement);
  const next = e.key === 'n' ? (i + 1) % shown.length : (i <= 0 ? shown.length - 1 : i - 1);
  shown[next].focus();
  shown[next].scrollIntoView({block: 'center'});
});
"""


def _attr(s: str) -> str:
    """Escaped for a double-quoted attribute, line breaks kept as character references."""
    return escape(s, quote=True).replace("\r", "&#13;").replace("\n", "&#10;")


def page_css() -> str:
    """The stylesheet of a page of highlighted text: layout, then each category's colours."""
    return _CSS + "".join(_CATEGORY_CSS.format(c=c, colour=COLOURS[c]) for c in CATEGORIES)


def tooltip(issue: Issue) -> str:
    """Category, message and score, then the suggestions (with their scores when known)."""
    lines = [f"{issue.category}: {issue.message} (score {issue.score:.2f})"]
    if issue.suggestions:
        scores = issue.suggestion_scores
        shown = [
            show_replacement(s) + (f" ({scores[k]:.2f})" if k < len(scores) else "")
            for k, s in enumerate(issue.suggestions)
        ]
        lines.append("→ " + " | ".join(shown))
    return "\n".join(lines)


def highlighted(text: str, issues: list[Issue], ids: bool = False) -> str:
    """`text` HTML-escaped, each stretch covered by issues wrapped in a `<mark>`; with `ids`,
    each mark also names the issues covering it by their place in `issues` (`data-ids`,
    the mark's own issue first), for a page that acts on them."""
    bounds = sorted({0, len(text), *(i.start for i in issues), *(i.end for i in issues)})
    starting: dict[int, list[tuple[int, Issue]]] = defaultdict(list)
    for k, issue in enumerate(issues):
        starting[issue.start].append((k, issue))
    out = []
    active: list[tuple[int, Issue]] = []
    for a, b in pairwise(bounds):
        active = [(k, i) for k, i in active if i.end > a] + starting.get(a, [])
        piece = escape(text[a:b], quote=False)
        if not active:
            out.append(piece)
            continue
        main_k, main = min(active, key=lambda ki: (ki[1].end - ki[1].start, ki[1].start))
        tip = _attr("\n\n".join(tooltip(i) for _, i in active))
        numbers = ""
        if ids:
            numbers = f' data-ids="{",".join(str(k) for k in [main_k] + [k for k, _ in active if k != main_k])}"'
        out.append(
            f'<mark class="gp" tabindex="0" data-category="{main.category}" '
            f'data-start="{main.start}" data-end="{main.end}"{numbers} title="{tip}" '
            f'data-tip="{tip}">{piece}</mark>'
        )
    return "".join(out)


def _counts(issues: list[Issue]) -> str:
    n = len(issues)
    if not n:
        return "no issues found"
    parts = ", ".join(f"{c} {k}" for c, k in category_counts(issues))
    return f"{n} issue{'s' if n != 1 else ''} ({parts})"


def render_page(files: list[tuple[str, str, list[Issue]]]) -> str:
    """The page for `(path, text, issues)` per file: legend, then each file's text."""
    everything = [i for _, _, issues in files for i in issues]
    totals = dict(category_counts(everything))
    legend = "".join(
        f'<li><button type="button" data-category="{c}" aria-pressed="true">'
        f'<span class="swatch" data-category="{c}"></span>{c} {totals.get(c, 0)}</button></li>'
        for c in CATEGORIES
    )
    sections = "".join(
        f'<section class="file"><h2>{escape(path)}</h2><p class="summary">{_counts(issues)}</p>'
        f'<pre class="text">{highlighted(text, issues)}</pre></section>'
        for path, text, issues in files
    )
    title = escape(files[0][0]) if len(files) == 1 else f"{len(files)} files"
    css = page_css()
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>galleyproof: {title}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f'<header><h1>galleyproof: {title}</h1><p class="summary">{_counts(everything)}</p>\n'
        f'<ul class="legend">{legend}</ul>\n<p class="help">Hover over or focus a highlight for '
        "its message and suggestions; <kbd>n</kbd> / <kbd>p</kbd> go to the next / previous "
        "issue; a category in the legend hides or shows its highlights.</p></header>\n"
        f"<main>{sections}</main>\n<script>{_JS}</script>\n</body>\n</html>\n"
    )
