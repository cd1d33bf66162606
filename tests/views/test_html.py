from html.parser import HTMLParser

from galleyproof.issues import CATEGORIES, Issue
from galleyproof.views.html import render_page

TEXT = "\ufeffThe road was icey.\r\n<script>alert('x')</script> & \"so\" on\r\n\r\nteh end."


def issues_for(text):
    def at(word, *rest):
        start = text.index(word)
        return Issue(start, start + len(word), *rest)

    return [
        at("icey", "spelling", "Unknown word.", ("icy", "ice"), 0.91),
        at("<script>", "punctuation", 'Odd "<mark>" & more', ("<b>",), 0.5),
        at("teh", "spelling", "Unknown word.", ("the",), 0.97),
    ]


class Page(HTMLParser):
    """The parts of the page a test looks at: the text in each <pre>, the marks, tags used."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.marks, self.tags, self.legend = [], [], [], []
        self._in_pre = self._in_mark = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "pre":
            self._in_pre = True
            self.texts.append("")
        elif tag == "mark":
            self._in_mark = True
            self.marks.append({**attrs, "text": ""})
        elif tag == "button":
            self.legend.append(attrs["data-category"])

    def handle_endtag(self, tag):
        self._in_pre = self._in_pre and tag != "pre"
        self._in_mark = self._in_mark and tag != "mark"

    def handle_data(self, data):
        if self._in_pre:
            self.texts[-1] += data
        if self._in_mark:
            self.marks[-1]["text"] += data


def parse(page):
    parser = Page()
    parser.feed(page)
    return parser


def test_page_holds_the_whole_text_escaped_with_a_mark_per_issue():
    issues = issues_for(TEXT)
    page = render_page([("draft.txt", TEXT, issues)])
    parsed = parse(page)
    assert parsed.texts == [TEXT]  # line breaks (CRLF) and every character kept
    assert "<script>alert" not in page and parsed.tags.count("script") == 1
    assert [(int(m["data-start"]), int(m["data-end"]), m["data-category"]) for m in parsed.marks] == [
        (i.start, i.end, i.category) for i in issues
    ]
    for m, i in zip(parsed.marks, issues):
        assert m["text"] == TEXT[i.start : i.end]
        assert m["title"] == m["data-tip"] and i.message in m["title"]
    assert parsed.marks[1]["title"] == 'punctuation: Odd "<mark>" & more (score 0.50)\n→ <b>'
    assert parsed.legend == list(CATEGORIES)


def test_page_is_self_contained():
    page = render_page([("a.txt", TEXT, issues_for(TEXT)), ("b.txt", "fine", [])])
    assert "http://" not in page and "https://" not in page
    assert not {"link", "img", "iframe"} & set(parse(page).tags)
    assert 'src="' not in page
    assert "no issues found" in page and "3 issues (spelling 2, punctuation 1)" in page


def test_overlapping_issues_are_cut_into_pieces_listing_every_issue():
    text = "one two three"
    outer = Issue(0, 13, "grammar", "Whole clause.")
    inner = Issue(4, 7, "spelling", "Word.")
    marks = parse(render_page([("f", text, [outer, inner])])).marks
    assert [m["text"] for m in marks] == ["one ", "two", " three"]
    assert [m["data-category"] for m in marks] == ["grammar", "spelling", "grammar"]
    assert "Whole clause." in marks[1]["title"] and "Word." in marks[1]["title"]


def test_highlights_render_and_a_tooltip_shows_on_hover_in_chromium(tmp_path, chromium):
    path = tmp_path / "report.html"
    path.write_text(render_page([("draft.txt", TEXT, issues_for(TEXT))]), encoding="utf-8")
    page = chromium.new_page()
    page.set_default_timeout(5000)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    assert requests == [path.as_uri()]  # nothing else fetched
    marks = page.locator("mark.gp")
    assert marks.count() == 3
    assert page.locator("pre.text").inner_text().startswith("\ufeffThe road was icey.\n")
    teh = page.locator(f'mark[data-category="spelling"][data-start="{TEXT.index("teh")}"]')
    assert teh.inner_text() == "teh" and teh.is_visible()

    def background(el):
        return el.evaluate("m => getComputedStyle(m).backgroundColor")

    def popup(el):
        return el.evaluate("m => getComputedStyle(m, '::after').content")

    assert background(teh) not in ("rgba(0, 0, 0, 0)", "transparent")
    assert popup(teh) == "none"
    teh.hover()
    assert "Unknown word." in popup(teh) and "→ the" in popup(teh)

    page.locator('.legend button[data-category="spelling"]').click()
    assert background(teh) == "rgba(0, 0, 0, 0)"
    page.keyboard.press("n")  # spelling is hidden: the first shown issue is punctuation
    focused = page.evaluate("document.activeElement.dataset.category")
    assert focused == "punctuation"

