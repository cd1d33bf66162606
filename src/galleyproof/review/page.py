"""The page `galleyproof serve` shows: the manuscript highlighted, and a panel to act on a flag.

The page holds no state of its own: it asks the server for the document (text already
highlighted by `views.html.highlighted`, issues as JSON) and sends each verdict back,
receiving the re-checked document in answer. Every string from the server goes into the
page as text (`textContent`), never as markup, except the highlighted text, which the
server escaped. Nothing is fetched from outside this machine.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from galleyproof.views.html import page_css

_REVIEW_CSS = """
body { max-width: 72em; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 22em; gap: 2em; align-items: start; }
aside { position: sticky; top: 1em; font: 14px/1.5 system-ui, sans-serif; border: 1px solid #ddd;
        border-radius: 6px; background: #fff; padding: .8em 1em; }
aside h2 { margin: 0 0 .3em; font-size: 1em; }
aside .message { margin: .2em 0 .6em; }
aside .span { font-family: Georgia, serif; background: #f3f0e6; padding: 0 .2em; }
aside button, header button { font: inherit; border: 1px solid #bbb; border-radius: 4px; background: #f7f7f7;
                              padding: .25em .7em; margin: .15em .2em .15em 0; cursor: pointer; }
aside button.suggestion { background: #eaf5ea; border-color: #8bbd8b; }
aside button:disabled, header button:disabled { opacity: .45; cursor: default; }
aside input { font: inherit; width: 12em; }
mark.gp.selected { outline: 2px solid #222; outline-offset: 1px; }
mark.gp:hover::after, mark.gp:focus::after { content: none; }
#status { min-height: 1.4em; color: #555; }
#recorded-box { margin-top: 1em; border-top: 1px solid #ddd; padding-top: .5em; }
#recorded { list-style: none; padding: 0; margin: .3em 0; max-height: 20em; overflow-y: auto; }
#recorded li { margin: .2em 0; }
#recorded .date { color: #777; }
#status.error { color: #b00020; }
"""

_REVIEW_JS = """
const $ = id => document.getElementById(id);
let state = null, current = -1, busy = false;

function setStatus(message, error = false) {
  $('status').textContent = message;
  $('status').className = error ? 'error' : '';
}

async function call(method, url, body) {
  const response = await fetch(url, {
    method, headers: {'Content-Type': 'application/json'},
    body: body === undefined ? undefined : JSON.stringify(body)});
  const data = await response.json();
  if (!response.ok) throw new Error(data.detail || response.statusText);
  return data;
}

function show(next) {
  state = next;
  $('text').innerHTML = state.html;
  const n = state.issues.length;
  $('summary').textContent = (n ? `${n} issue${n === 1 ? '' : 's'} (${state.counts})` : 'no issues found')
    + ` · model ${state.model_version} · ${state.decisions} decision${state.decisions === 1 ? '' : 's'} this session`;
  $('save').disabled = !state.unsaved;
  $('save').textContent = 'Save to ' + state.save_target.split(/[\\/]/).pop();
  $('save').title = state.save_target;
  document.querySelectorAll('mark.gp').forEach(m => m.addEventListener('click', () => select(firstId(m))));
  showRecorded();
  select(Math.min(Math.max(current, 0), n - 1));
}

function showRecorded() {
  const list = $('recorded');
  list.replaceChildren();
  $('recorded-count').textContent = String(state.recorded.length);
  state.recorded.slice().reverse().forEach(d => {
    const item = document.createElement('li');
    const date = document.createElement('span');
    date.className = 'date';
    date.textContent = `${d.date} `;
    const what = document.createElement('span');
    what.textContent = `${d.verdict} “${d.span}”` + (d.replacement !== null ? ` → “${d.replacement}”` : '')
      + (d.scope === null ? ' (everywhere)' : '') + ' ';
    item.append(date, what, button('Undo', 'undo', () => act(() => call('POST', '/api/undo', {ids: [d.id]}),
      `decision on “${d.span}” undone`)));
    list.append(item);
  });
}

function firstId(mark) { return Number(mark.dataset.ids.split(',')[0]); }

function marksOf(i) {
  return [...document.querySelectorAll('mark.gp')].filter(m => m.dataset.ids.split(',').map(Number).includes(i));
}

function button(label, cls, onclick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (cls) b.className = cls;
  b.addEventListener('click', onclick);
  return b;
}

function shown(s) { return s === '' ? '(delete)' : (s.trim() !== s ? JSON.stringify(s) : s); }

function select(i) {
  document.querySelectorAll('mark.gp.selected').forEach(m => m.classList.remove('selected'));
  current = i;
  const panel = $('issue');
  panel.replaceChildren();
  if (i < 0 || !state.issues.length) {
    panel.textContent = state.unsaved ? 'No issues left. Save to keep the changes.' : 'No issues.';
    return;
  }
  const issue = state.issues[i];
  const marks = marksOf(i);
  marks.forEach(m => m.classList.add('selected'));
  if (marks.length) marks[0].scrollIntoView({block: 'nearest'});
  const title = document.createElement('h2');
  title.textContent = `${i + 1} of ${state.issues.length}: ${issue.category} (score ${issue.score.toFixed(2)})`;
  const span = document.createElement('p');
  const quoted = document.createElement('span');
  quoted.className = 'span';
  quoted.textContent = state.text.slice(issue.start, issue.end);
  span.append(quoted);
  const message = document.createElement('p');
  message.className = 'message';
  message.textContent = issue.message;
  const choices = document.createElement('div');
  issue.suggestions.forEach((s, k) => {
    const score = k < issue.suggestion_scores.length ? ` (${issue.suggestion_scores[k].toFixed(2)})` : '';
    choices.append(button(`${k + 1}) ${shown(s)}${score}`, 'suggestion',
      () => k === 0 ? decide('accepted') : decide('edited', s)));
  });
  const actions = document.createElement('div');
  actions.append(button('Not an error', 'reject', () => decide('rejected')));
  if (issue.category === 'spelling' && /^[\\p{L}\\p{M}'’-]+$/u.test(quoted.textContent))
    actions.append(button('Add to dictionary', 'add-word', addWord));
  const edit = document.createElement('form');
  const input = document.createElement('input');
  input.value = quoted.textContent;
  input.setAttribute('aria-label', 'replacement');
  edit.append(input, button('Replace', 'edit', () => {}));
  edit.addEventListener('submit', e => { e.preventDefault(); decide('edited', input.value); });
  edit.querySelector('button').type = 'submit';
  panel.append(title, span, message, choices, actions, edit);
}

async function act(request, done) {
  if (busy) return;
  busy = true;
  document.querySelectorAll('aside button, header button').forEach(b => b.disabled = true);
  setStatus('checking…');
  try {
    show(await request());
    setStatus(done);
  } catch (err) {
    setStatus(err.message, true);
    try { show(await call('GET', '/api/document')); } catch (_) {}
  } finally {
    busy = false;
    document.querySelectorAll('aside button').forEach(b => b.disabled = false);
    $('save').disabled = !(state && state.unsaved);
  }
}

function decide(verdict, replacement) {
  const issue = state.issues[current];
  const what = state.text.slice(issue.start, issue.end);
  const done = verdict === 'rejected' ? `“${what}”: not flagged again`
    : `“${what}” → “${verdict === 'accepted' ? issue.suggestions[0] : replacement}”`;
  act(() => call('POST', '/api/decision', {revision: state.revision, index: current, verdict, replacement}), done);
}

function addWord() {
  const issue = state.issues[current];
  const word = state.text.slice(issue.start, issue.end);
  act(() => call('POST', '/api/dictionary', {revision: state.revision, index: current}), `“${word}” added to the dictionary`);
}

$('save').addEventListener('click', () => act(() => call('POST', '/api/save', {}), 'saved'));

document.addEventListener('keydown', e => {
  if (!state || e.ctrlKey || e.metaKey || e.altKey || e.target.tagName === 'INPUT') return;
  const n = state.issues.length;
  if (!n) return;
  if (e.key === 'n') select((current + 1) % n);
  else if (e.key === 'p') select(current <= 0 ? n - 1 : current - 1);
  else if (e.key === 'a' && state.issues[current].suggestions.length) decide('accepted');
  else if (e.key === 'r') decide('rejected');
  else if (/^[1-5]$/.test(e.key)) {
    const k = Number(e.key) - 1, s = state.issues[current].suggestions;
    if (k < s.length) k === 0 ? decide('accepted') : decide('edited', s[k]);
  }
});

window.addEventListener('beforeunload', e => { if (state && state.unsaved) e.preventDefault(); });

act(() => call('GET', '/api/document'), '');
"""


def _css() -> str:
    return page_css() + _REVIEW_CSS


def _sha256(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy() -> str:
    """A policy that lets the page run only its own script and style (named by hash) and talk
    only to the server it came from: an injected script, frame or form goes nowhere."""
    return (
        f"default-src 'none'; script-src {_sha256(_REVIEW_JS)}; style-src {_sha256(_css())}; "
        "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def render_review_page(title: str) -> str:
    """The page's markup; its content comes from the server's `/api/document`."""
    css = _css()
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>galleyproof: {escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f"<header><h1>galleyproof: {escape(title)}</h1><p class=\"summary\" id=\"summary\">loading…</p>\n"
        '<p><button type="button" id="save" disabled>Save</button> <span id="status" role="status"></span></p>\n'
        '<p class="help">Click a highlight, or press <kbd>n</kbd> / <kbd>p</kbd>, to choose an issue; '
        "<kbd>a</kbd> or <kbd>1</kbd>-<kbd>5</kbd> takes a suggestion, <kbd>r</kbd> says it is not an "
        "error (recorded: that flag and flags of its kind stop at once). Nothing is written until you save.</p>"
        "</header>\n"
        '<div class="layout"><main><pre class="text" id="text"></pre></main>\n'
        '<aside aria-label="issue"><div id="issue"></div>\n'
        '<details id="recorded-box"><summary>Decisions on this file (<span id="recorded-count">0</span>)</summary>'
        '<p class="help">Undo forgets a decision, so its flags come back; a change it made to the text stays.</p>'
        '<ul id="recorded"></ul></details></aside></div>\n'
        f"<script>{_REVIEW_JS}</script>\n</body>\n</html>\n"
    )
