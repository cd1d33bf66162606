"""`galleyproof serve`: the review state and its JSON API, with a fixed-word detector."""

import os
import sys

import pytest
from fastapi.testclient import TestClient

from galleyproof.feedback.store import FeedbackStore, record_decision
from galleyproof.issues import Issue
from galleyproof.review.fix import FixError, backup_path, fixed_path
from galleyproof.review.server import create_app
from galleyproof.review.session import Review, ReviewError, StaleRevision

sys.path.insert(0, os.path.dirname(__file__))
from fake_detector import FakeDetector  # noqa: E402

TEXT = "\ufeffWe saw teh ship.\r\nIt was icey  and grey.\r\n"


@pytest.fixture
def draft(tmp_path):
    p = tmp_path / "draft.txt"
    p.write_bytes(TEXT.encode("utf-8"))
    return p


def signed_in(app, **kw):
    """A client that opened the URL `serve` prints (the token), and so holds the cookie."""
    client = TestClient(app, **kw)
    assert client.get("/", params={"token": app.state.token}).status_code == 200
    return client


@pytest.fixture
def client(draft):
    return signed_in(create_app(Review(draft, FakeDetector()), hosts=("testserver",)))


def spans(state):
    return [state["text"][i["start"] : i["end"]] for i in state["issues"]]


def decisions():
    with FeedbackStore() as store:
        return [(d.span, d.verdict, d.replacement, d.model_version) for d in store.decisions()]


def test_document_lists_issues_with_marks_naming_them(client):
    state = client.get("/api/document").json()
    assert state["text"] == TEXT and state["revision"] == 0 and not state["unsaved"]
    assert spans(state) == ["teh", "icey", "  "]
    assert state["html"].count('<mark class="gp"') == 3
    assert 'data-ids="0"' in state["html"] and 'data-ids="2"' in state["html"]


def test_accepting_applies_the_top_suggestion_records_it_and_rechecks(client, draft):
    state = client.post("/api/decision", json={"revision": 0, "index": 0, "verdict": "accepted"}).json()
    assert state["text"] == TEXT.replace("teh", "the")
    assert state["revision"] == 1 and state["unsaved"] and state["decisions"] == 1
    assert spans(state) == ["icey", "  "]
    assert decisions() == [("teh", "accepted", None, "fake-1")]
    assert draft.read_bytes() == TEXT.encode("utf-8")  # nothing written before a save


def test_picking_another_suggestion_or_typing_one_is_an_edit(client):
    state = client.post("/api/decision", json={"revision": 0, "index": 1, "verdict": "edited",
                                               "replacement": "ice"}).json()
    assert "It was ice  and" in state["text"]
    state = client.post("/api/decision", json={"revision": 1, "index": 1, "verdict": "edited",
                                               "replacement": " "}).json()
    assert "It was ice and grey." in state["text"]
    assert [d[:3] for d in decisions()] == [("icey", "edited", "ice"), ("  ", "edited", " ")]


def test_rejecting_records_it_and_the_filter_drops_the_flag_at_once(client, draft):
    state = client.post("/api/decision", json={"revision": 0, "index": 0, "verdict": "rejected"}).json()
    assert state["text"] == TEXT and not state["unsaved"]
    assert spans(state) == ["icey", "  "]  # the writer's filter, rebuilt from the store
    assert "+filter-" in state["model_version"]
    assert decisions() == [("teh", "rejected", None, "fake-1")]
    # and a second review of the same file (or `check`) honours it too
    again = signed_in(create_app(Review(draft, FakeDetector()), hosts=("testserver",)))
    assert spans(again.get("/api/document").json()) == ["icey", "  "]


def test_adding_a_word_to_the_dictionary(client):
    state = client.post("/api/dictionary", json={"revision": 0, "index": 1}).json()
    assert spans(state) == ["teh", "  "]
    with FeedbackStore() as store:
        assert store.words() == ["icey"]
    answer = client.post("/api/dictionary", json={"revision": 1, "index": 1})  # the two spaces
    assert answer.status_code == 400 and "single word" in answer.json()["detail"]


def test_decisions_on_the_file_are_listed_and_one_is_undone(client, draft, tmp_path):
    state = client.post("/api/decision", json={"revision": 0, "index": 0, "verdict": "rejected"}).json()
    assert spans(state) == ["icey", "  "]
    (listed,) = state["recorded"]
    assert (listed["verdict"], listed["span"], listed["file"]) == ("rejected", "teh", str(draft.resolve()))
    # A decision made in another file speaks for that file alone: not listed here, not undone from here.
    other = tmp_path / "other.txt"
    record_decision(other, "teh", Issue(0, 3, "spelling", "Possible misspelling"), "rejected")
    state = client.post("/api/decision", json={"revision": 1, "index": 0, "verdict": "edited",
                                               "replacement": "icy"}).json()
    assert [d["span"] for d in state["recorded"]] == ["teh", "icey"]
    with FeedbackStore() as store:
        other_id = next(r["id"] for r in store.listed(str(other.resolve())))
    answer = client.post("/api/undo", json={"ids": [other_id]})
    assert answer.status_code == 400 and "bears on this file" in answer.json()["detail"]
    state = client.post("/api/undo", json={"ids": [listed["id"]]}).json()
    assert spans(state) == ["teh", "  "]  # the rejected flag is back; the edit stays in the text
    assert "It was icy  and" in state["text"]
    assert [d["span"] for d in state["recorded"]] == ["icey"]
    assert sorted(d[:2] for d in decisions()) == [("icey", "edited"), ("teh", "rejected")]  # the other file's
    assert client.post("/api/undo", json={"ids": []}).status_code == 400


def test_a_request_against_an_older_revision_is_refused(client):
    assert client.post("/api/decision", json={"revision": 0, "index": 0, "verdict": "accepted"}).status_code == 200
    answer = client.post("/api/decision", json={"revision": 0, "index": 0, "verdict": "accepted"})
    assert answer.status_code == 409 and "reload" in answer.json()["detail"]
    assert len(decisions()) == 1


@pytest.mark.parametrize("body, message", [
    ({"revision": 0, "index": 3, "verdict": "accepted"}, "no issue 3"),
    ({"revision": 0, "index": 0, "verdict": "maybe"}, "verdict must be"),
    ({"revision": 0, "index": 0, "verdict": "edited"}, "replacement"),
])
def test_bad_requests_say_why_and_change_nothing(client, body, message):
    answer = client.post("/api/decision", json=body)
    assert answer.status_code == 400 and message in answer.json()["detail"]
    assert decisions() == [] and client.get("/api/document").json()["revision"] == 0


def test_saving_writes_beside_the_file_keeping_bom_and_crlf(client, draft):
    client.post("/api/decision", json={"revision": 0, "index": 0, "verdict": "accepted"})
    state = client.post("/api/save", json={}).json()
    assert not state["unsaved"] and state["saved_to"] == str(fixed_path(draft))
    assert fixed_path(draft).read_bytes() == TEXT.replace("teh", "the").encode("utf-8")
    assert draft.read_bytes() == TEXT.encode("utf-8")


def test_saving_in_place_backs_the_original_up_once(draft):
    review = Review(draft, FakeDetector(), in_place=True)
    review.decide(0, 0, "accepted")
    review.save()
    review.decide(1, 0, "edited", "icy")
    review.save()
    assert draft.read_bytes() == TEXT.replace("teh", "the").replace("icey", "icy").encode("utf-8")
    assert backup_path(draft).read_bytes() == TEXT.encode("utf-8")


def test_saving_in_place_refuses_to_overwrite_a_file_changed_on_disk(draft):
    review = Review(draft, FakeDetector(), in_place=True)
    review.decide(0, 0, "accepted")
    draft.write_text("Rewritten elsewhere.\n", encoding="utf-8")
    with pytest.raises(ReviewError, match="changed on disk"):
        review.save()
    assert draft.read_text(encoding="utf-8") == "Rewritten elsewhere.\n"


def test_in_place_review_refuses_an_existing_backup_unless_forced(draft):
    backup_path(draft).write_text("older backup", encoding="utf-8")
    with pytest.raises(FixError):
        Review(draft, FakeDetector(), in_place=True)
    Review(draft, FakeDetector(), in_place=True, force=True)


def test_stale_revision_is_a_review_error(draft):
    review = Review(draft, FakeDetector())
    with pytest.raises(StaleRevision):
        review.decide(5, 0, "rejected")


def test_only_json_posts_from_expected_hosts_are_answered(draft):
    app = create_app(Review(draft, FakeDetector()))  # loopback names only
    assert TestClient(app).get("/api/document", params={"token": app.state.token}).status_code == 400  # Host
    local = signed_in(app, base_url="http://127.0.0.1:8765")
    assert local.get("/api/document").status_code == 200
    form = local.post("/api/decision", content="revision=0&index=0&verdict=rejected",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert form.status_code == 415 and decisions() == []


def test_page_is_served_and_names_the_file(client):
    page = client.get("/")
    assert page.status_code == 200 and "<title>galleyproof: draft.txt</title>" in page.text


@pytest.fixture
def served(draft):
    """The app on a real socket (uvicorn in a thread), as `galleyproof serve` runs it."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(Review(draft, FakeDetector()))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}/", app.state.token
    server.should_exit = True
    thread.join(10)


def test_a_writer_accepts_rejects_and_saves_in_chromium(served, draft, chromium):
    from playwright.sync_api import expect

    served, token = served
    page = chromium.new_page()
    page.set_default_timeout(10000)
    outside = []
    page.on("request", lambda r: None if r.url.startswith(served) else outside.append(r.url))
    page.goto(f"{served}?token={token}")
    assert page.url == served  # the token went into a cookie, out of the address bar
    expect(page.locator("mark.gp")).to_have_count(3)
    expect(page.locator("#summary")).to_contain_text("3 issues (spelling 2, whitespace 1)")

    page.locator("mark.gp", has_text="teh").click()
    expect(page.locator("#issue h2")).to_have_text("1 of 3: spelling (score 0.97)")
    page.locator("#issue button.suggestion").first.click()  # "1) the"
    expect(page.locator("mark.gp")).to_have_count(2)
    expect(page.locator("#text")).to_contain_text("We saw the ship.")
    expect(page.locator("#status")).to_have_text("“teh” → “the”")

    page.keyboard.press("r")  # the selected issue, now "icey": not an error
    expect(page.locator("mark.gp")).to_have_count(1)
    expect(page.locator("#status")).to_have_text("“icey”: not flagged again")

    page.locator("#issue input").fill(" ")
    page.locator("#issue button.edit").click()  # the two spaces, replaced by one
    expect(page.locator("mark.gp")).to_have_count(0)
    expect(page.locator("#issue")).to_have_text("No issues left. Save to keep the changes.")

    page.locator("#save").click()
    expect(page.locator("#status")).to_have_text("saved")
    expect(page.locator("#save")).to_be_disabled()
    assert outside == []
    assert fixed_path(draft).read_bytes() == TEXT.replace("teh", "the").replace("icey  and", "icey and").encode("utf-8")
    assert [d[:3] for d in decisions()] == [("teh", "accepted", None), ("icey", "rejected", None),
                                            ("  ", "edited", " ")]


def test_a_writer_undoes_a_rejection_in_chromium(served, draft, chromium):
    from playwright.sync_api import expect

    served, token = served
    page = chromium.new_page()
    page.set_default_timeout(10000)
    page.goto(f"{served}?token={token}")
    expect(page.locator("mark.gp")).to_have_count(3)
    page.keyboard.press("r")  # "teh": not an error
    expect(page.locator("mark.gp")).to_have_count(2)
    page.locator("#recorded-box summary").click()
    expect(page.locator("#recorded-count")).to_have_text("1")
    expect(page.locator("#recorded li")).to_contain_text("rejected “teh”")
    page.locator("#recorded button.undo").click()
    expect(page.locator("#status")).to_have_text("decision on “teh” undone")
    expect(page.locator("mark.gp")).to_have_count(3)
    expect(page.locator("#recorded li")).to_have_count(0)
    assert decisions() == []


def serve_cli(*args):
    from typer.testing import CliRunner

    from galleyproof.cli.main import app

    return CliRunner().invoke(app, ["serve", "--no-open", *map(str, args)])


@pytest.fixture
def fake_loaded(monkeypatch):
    from galleyproof import proofreader

    monkeypatch.setattr(proofreader, "load_default", lambda **_: FakeDetector())


def test_serve_refuses_a_busy_port_in_one_line(fake_loaded, draft):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        result = serve_cli(draft, "--port", s.getsockname()[1])
    assert result.exit_code == 2
    assert "cannot listen on 127.0.0.1:" in result.stderr and "pick another --port" in result.stderr


def test_serve_refuses_bad_input_before_listening(fake_loaded, tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        result = serve_cli(binary, "--port", s.getsockname()[1])  # the file is refused first
    assert result.exit_code == 2 and "image.txt" in result.stderr and "listen" not in result.stderr
    draft = tmp_path / "draft.txt"
    draft.write_text("teh\n", encoding="utf-8")
    (tmp_path / "draft.txt.bak").write_text("older", encoding="utf-8")
    result = serve_cli(draft, "--in-place", "--port", 1)
    assert result.exit_code == 2 and "already exists" in result.stderr


def test_saving_in_place_refuses_a_backup_made_after_the_review_started(draft):
    review = Review(draft, FakeDetector(), in_place=True)
    review.decide(0, 0, "accepted")
    backup_path(draft).write_text("a backup the writer made meanwhile", encoding="utf-8")
    with pytest.raises(FixError, match="already exists"):
        review.save()
    assert backup_path(draft).read_text(encoding="utf-8") == "a backup the writer made meanwhile"
    assert draft.read_bytes() == TEXT.encode("utf-8")


def test_saving_sets_an_earlier_fixed_file_aside_once(draft):
    fixed_path(draft).write_text("edited by hand", encoding="utf-8")
    review = Review(draft, FakeDetector())
    review.decide(0, 0, "accepted")
    state = review.save()
    kept = draft.parent / "draft.fixed.txt.~1~"
    assert kept.read_text(encoding="utf-8") == "edited by hand" and state["set_aside"] == str(kept)
    review.decide(1, 0, "accepted")
    review.save()  # its own earlier save is simply replaced
    assert not (draft.parent / "draft.fixed.txt.~2~").exists()
    assert fixed_path(draft).read_bytes() == TEXT.replace("teh", "the").replace("icey", "icy").encode("utf-8")


def test_saving_in_place_keeps_hard_links(draft):
    other = draft.parent / "linked.txt"
    os.link(draft, other)
    review = Review(draft, FakeDetector(), in_place=True)
    review.decide(0, 0, "accepted")
    review.save()
    assert other.read_bytes() == draft.read_bytes() == TEXT.replace("teh", "the").encode("utf-8")


def test_a_slow_recheck_does_not_keep_the_page_from_reading_the_document(draft):
    import threading

    started, release = threading.Event(), threading.Event()

    class Slow(FakeDetector):
        def detect(self, text):
            if "the ship" in text:  # the re-check after the accepted fix
                started.set()
                release.wait(10)
            return super().detect(text)

    review = Review(draft, Slow())
    worker = threading.Thread(target=review.decide, args=(0, 0, "accepted"))
    worker.start()
    assert started.wait(5)
    reader = threading.Thread(target=lambda: seen.append(review.snapshot()))
    seen = []
    reader.start()
    reader.join(2)
    release.set()
    worker.join(10)
    assert seen and seen[0]["revision"] == 0 and seen[0]["text"] == TEXT  # the last whole state
    assert review.snapshot()["revision"] == 1


def test_an_overlong_replacement_is_refused(draft):
    review = Review(draft, FakeDetector())
    with pytest.raises(ReviewError, match="at most"):
        review.decide(0, 0, "edited", "x" * 200_000)


def test_a_replacement_holding_a_lone_surrogate_is_refused_not_a_server_error(client, draft):
    # Valid JSON ("\\ud800"), but no UTF-8 file or store can hold it: it was a 500 from the store.
    body = '{"revision": 0, "index": 0, "verdict": "edited", "replacement": "ice\\ud800"}'
    answer = client.post("/api/decision", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 400 and "lone surrogate" in answer.json()["detail"]
    assert decisions() == [] and client.get("/api/document").json()["revision"] == 0
    assert client.post("/api/save", json={}).status_code == 200
    assert fixed_path(draft).read_bytes() == TEXT.encode("utf-8")


def test_every_request_needs_the_token(draft):
    app = create_app(Review(draft, FakeDetector()), hosts=("testserver",))
    stranger = TestClient(app)
    for answer in (stranger.get("/"), stranger.get("/api/document"), stranger.get("/api/document?token=wrong"),
                   stranger.post("/api/save", json={})):
        assert answer.status_code == 403 and "token" in answer.json()["detail"]
    assert stranger.get("/api/document", params={"token": app.state.token}).status_code == 200
    assert not fixed_path(draft).exists()


def test_the_token_goes_into_a_strict_cookie_and_out_of_the_address(draft):
    app = create_app(Review(draft, FakeDetector()), hosts=("testserver",))
    answer = TestClient(app, follow_redirects=False).get("/", params={"token": app.state.token})
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"].lower()
    assert app.state.token.lower() in cookie and "httponly" in cookie and "samesite=strict" in cookie


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "http://127.0.0.1:9999"},  # another server on this machine is another site
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
])
def test_requests_from_other_sites_are_refused_even_with_the_cookie(client, headers):
    answer = client.post("/api/decision", json={"revision": 0, "index": 0, "verdict": "rejected"}, headers=headers)
    assert answer.status_code == 403 and "other sites" in answer.json()["detail"]
    assert client.get("/api/document", headers=headers).status_code == 403
    assert decisions() == []
    same = client.get("/api/document", headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 200


def test_answers_forbid_framing_and_run_only_the_page_own_script(client):
    for answer in (client.get("/"), client.get("/api/document"), TestClient(client.app).get("/")):
        assert answer.headers["x-frame-options"] == "DENY"
        policy = answer.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy
        assert "'unsafe-inline'" not in policy and "script-src 'sha256-" in policy
        assert answer.headers["referrer-policy"] == "no-referrer" and answer.headers["cache-control"] == "no-store"


def test_an_oversized_body_is_refused(client):
    answer = client.post("/api/decision", content=b'{"x": "' + b"y" * (2 << 20) + b'"}',
                         headers={"Content-Type": "application/json"})
    assert answer.status_code == 413


def test_on_every_address_only_this_machine_names_are_answered():
    from galleyproof.review.server import allowed_hosts

    everywhere = allowed_hosts("0.0.0.0", ["proofs.example"])
    assert "*" not in everywhere and {"127.0.0.1", "localhost", "proofs.example"} <= set(everywhere)
    assert allowed_hosts("::1", []) == tuple(sorted({"127.0.0.1", "localhost", "[::1]"}))


def test_serve_prints_a_url_with_the_token_and_warns_loudly_off_loopback(fake_loaded, draft, monkeypatch):
    import socket

    import uvicorn

    apps = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self: apps.append(self.config.app))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = serve_cli(draft, "--port", port)
    token = apps[0].state.token
    assert result.exit_code == 0 and f"reviewing at http://127.0.0.1:{port}/?token={token} " in result.stdout
    assert len(token) >= 40 and "WARNING" not in result.stderr
    result = serve_cli(draft, "--host", "0.0.0.0", "--port", port)
    assert result.exit_code == 0 and "WARNING: listening on 0.0.0.0, not on this machine only" in result.stderr
    assert apps[1].state.token != token


def test_the_page_says_which_flags_it_left_out_as_the_manuscripts_voice(tmp_path):
    draft = tmp_path / "dialect.txt"
    text = "We saw teh ship, icey there. Zzyzx: monday, then monday, and monday again.\n"
    draft.write_text(text, encoding="utf-8")
    before = Review(draft, FakeDetector()).state()
    assert spans(before).count("monday") == 3 and not before["voiced"]
    for word in ("teh", "icey", "there"):  # three rejections in this manuscript turn its voice on
        start = text.index(word)
        record_decision(draft, text, Issue(start, start + len(word), "spelling", "?"), "rejected")
    state = Review(draft, FakeDetector()).state()
    assert "monday" not in spans(state)  # a casing flagged three times: the writer's usage
    assert state["voiced"] == {"monday": 3}
    assert "3 not listed as this manuscript's own usage" in state["counts"] and "“monday” ×3" in state["counts"]


def test_the_page_checks_at_the_manuscripts_sensitivity(tmp_path):
    class Sensitive(FakeDetector):
        asked = []

        def detect(self, text, sensitivity="precise"):
            self.asked.append(sensitivity)
            return super().detect(text)

    draft = tmp_path / "draft.txt"
    draft.write_text("It was teh night.\n", encoding="utf-8")
    (tmp_path / "galleyproof.toml").write_text('sensitivity = "thorough"\n', encoding="utf-8")
    detector = Sensitive()
    Review(draft, detector)
    assert detector.asked == ["thorough"]
    (tmp_path / "galleyproof.toml").write_text('sensitivity = "loud"\n', encoding="utf-8")
    review = Review(draft, detector)  # a broken config: the page still shows the flags
    assert detector.asked[-1] == "precise" and [draft.read_text()[i.start : i.end] for i in review.issues] == ["teh"]
