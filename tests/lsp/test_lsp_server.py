"""The language server driven over stdio by a real LSP client (pytest-lsp), on the shipped model."""

import asyncio
import os
import sys
import time
from pathlib import Path
from typing import Union

import pytest
import pytest_asyncio
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from galleyproof.feedback.store import FeedbackStore

pytestmark = pytest.mark.asyncio
TEXT = "🎉 She walked into teh house and sat down.\n\nIt was late.\n"
#: How long to wait for diagnostics: generous, as a bound and not a measure (on this shared
#: 2-core machine under load, starting the server and loading the model has taken over 40 s).
WAIT_S = 180
HERE = Path(__file__).resolve().parent


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def converter():
    """pygls's converter, reading a code action as an action even when it carries a command:
    lsprotocol takes any object with a `command` member for a bare Command, where editors look
    at whether `command` is a string."""
    conv = default_converter()

    def action_or_command(obj, _):
        kind = types.Command if isinstance(obj.get("command"), str) else types.CodeAction
        return conv.structure(obj, kind)

    conv.register_structure_hook(Union[types.Command, types.CodeAction], action_or_command)
    return conv


async def start(root, options=None, capabilities=None):
    """A client connected to a fresh `galleyproof lsp`, initialised with `options`; every
    publishDiagnostics it gets is kept in `client.published[uri]`, in order."""
    client = LanguageClient(converter_factory=converter)
    register_lsp_features(client, {m: f for m, f in DEFAULT_CLIENT_FEATURES.items()
                                   if m != types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS})
    client.published = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams):
        client.published.setdefault(params.uri, []).append(params)

    await client.start_io(sys.executable, "-m", "galleyproof", "lsp")
    result = await client.initialize_session(types.InitializeParams(
        capabilities=capabilities or types.ClientCapabilities(), root_uri=root.as_uri(),
        initialization_options={"debounceMs": 100, **(options or {})}))
    client.result = result
    return client


@pytest_asyncio.fixture
async def lsp(galleyproof_home, tmp_path):
    client = await start(tmp_path)
    yield client
    await client.shutdown_session()


async def diagnostics(client, uri, version):
    """The diagnostics published for `version` of `uri`, waiting for them."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        for params in client.published.get(uri, []):
            if params.version == version:
                return list(params.diagnostics)
        await asyncio.sleep(0.02)
    raise AssertionError(f"no diagnostics for {uri} version {version}; got {client.published.get(uri)}")


def open_doc(client, path, text, language="plaintext", version=1):
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    return uri


def spelling_on(diags, word_at):
    return [d for d in diags if d.data["category"] == "spelling" and d.range.start.character == word_at]


async def test_initialize_answers_before_the_model_loads_and_lists_the_features(lsp):
    caps = lsp.result.capabilities
    assert caps.hover_provider and caps.code_action_provider and caps.execute_command_provider
    assert set(caps.execute_command_provider.commands) == {"galleyproof.accept", "galleyproof.ignore",
                                                           "galleyproof.addWord"}


async def test_initialize_and_requests_are_answered_while_the_model_still_loads(galleyproof_home, tmp_path,
                                                                                monkeypatch):
    # Behaviour, not a stopwatch: on a loaded machine starting Python alone can take seconds,
    # so "at once" is asserted as "without waiting for the model". The model's load here waits
    # until the test releases it: everything answered before that did not wait for it.
    started, release = tmp_path / "load-started", tmp_path / "load-release"
    monkeypatch.setenv("GALLEYPROOF_DETECTOR", "slow_detector:make")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(HERE), str(HERE.parent / "review")]))
    monkeypatch.setenv("SLOW_LOAD_STARTED", str(started))
    monkeypatch.setenv("SLOW_LOAD_RELEASE", str(release))
    client = await start(tmp_path)
    try:
        assert client.result.capabilities.hover_provider  # `initialize` was answered, the model not loaded
        uri = open_doc(client, tmp_path / "draft.txt", "She walked into teh house.\n")
        deadline = time.monotonic() + WAIT_S
        while not started.exists():  # the load begins once the editor has been answered
            assert time.monotonic() < deadline, "the model never started loading"
            await asyncio.sleep(0.02)
        hover = await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=17)))
        assert hover is None and uri not in client.published  # answered: nothing checked yet
        release.touch()
        diags = await diagnostics(client, uri, 1)
        assert [(d.range.start.character, d.message) for d in diags] == [(16, "Unknown word.")]
    finally:
        release.touch()
        await client.shutdown_session()


async def test_open_publishes_diagnostics_with_utf16_ranges_after_an_emoji(lsp, tmp_path):
    uri = open_doc(lsp, tmp_path / "draft.txt", TEXT)
    diags = await diagnostics(lsp, uri, 1)
    at = utf16(TEXT[: TEXT.index("teh")])
    assert at == TEXT.index("teh") + 1  # the emoji is two UTF-16 units, one Python character
    (d,) = spelling_on(diags, at)
    assert d.range == types.Range(start=types.Position(0, at), end=types.Position(0, at + 3))
    assert d.source == "galleyproof" and d.code == "model.spelling"
    assert d.severity == types.DiagnosticSeverity.Warning
    assert d.data["score"] > 0.5 and d.data["suggestions"][0] == "the"


async def test_a_change_rechecks_and_a_newer_version_cancels_the_older_check(lsp, tmp_path):
    uri = open_doc(lsp, tmp_path / "draft.txt", TEXT)
    await diagnostics(lsp, uri, 1)
    at = utf16(TEXT[: TEXT.index("teh")])
    where = types.Range(start=types.Position(0, at), end=types.Position(0, at + 3))
    for version, word in ((2, "tha"), (3, "the")):
        lsp.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=where, text=word)]))
    diags = await diagnostics(lsp, uri, 3)
    assert not spelling_on(diags, at)
    assert [p.version for p in lsp.published[uri]] == [1, 3]  # version 2 was never checked


async def test_after_a_run_of_edits_the_diagnostics_are_a_fresh_full_checks(lsp, tmp_path):
    # The server re-checks only what each edit touched (`rules.memo`, `suggest.memo`, the
    # passage cache): what it publishes must be what a fresh check of the final text lists.
    from galleyproof.feedback.filter import PersonalFilter
    from galleyproof.lsp import documents
    from galleyproof.lsp.settings import EditorSettings, project_settings
    from galleyproof.model.versions import shipped_model_dir
    from galleyproof.proofreader import Proofreader

    paragraphs = ["She walked into teh house and sat down by the fire.",
                  "We sailed from london at dawn, and their was no wind.",
                  "It was late; the the rain had stopped.", "“You should of told me,” he said.",
                  "The colour of the sky was grey, and the color of the sea was gray."]
    text = "\n\n".join(paragraphs * 4) + "\n"
    path = tmp_path / "chapter.txt"
    uri = open_doc(lsp, path, text)
    await diagnostics(lsp, uri, 1)
    edits = [(2, 0, 17, 20, "the"), (6, 0, 0, 0, "So "), (12, 0, 19, 25, "London"), (8, 0, 0, 0, "\n\n"),
             (16, 0, 4, 10, "Colour")]
    for version, (line, _, start, end, new) in enumerate(edits, start=2):
        lsp.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line, start), end=types.Position(line, end)), text=new)]))
        published = await diagnostics(lsp, uri, version)
        lines = text.split("\n")
        lines[line] = lines[line][:start] + new + lines[line][end:]
        text = "\n".join(lines)
    fresh = Proofreader.from_dir(shipped_model_dir())
    settings = EditorSettings.parse({"debounceMs": 100}).over(project_settings(path))  # as `start` set them
    expected = documents.check(PersonalFilter.from_store(fresh), uri, path, None, text, "text", settings,
                               "utf-16").diagnostics()
    fresh.close()
    assert len(expected) >= 10 and published == expected


async def test_markdown_and_latex_are_read_as_their_format(lsp, tmp_path):
    md = "# A title\n\nShe *walked* into teh house and sat down.\n"
    uri = open_doc(lsp, tmp_path / "draft.md", md, "markdown")
    diags = await diagnostics(lsp, uri, 1)
    line = md.split("\n")[2]
    flagged = [d.range.start.character for d in diags if d.range.start.line == 2]
    assert flagged == [line.index("teh")]  # in the file's columns, past the markup
    tex = "\\section{Intro}\nShe walked into teh house and sat down.\n"
    uri = open_doc(lsp, tmp_path / "draft.tex", tex, "latex")
    diags = await diagnostics(lsp, uri, 1)
    assert any(d.range.start.line == 1 and d.range.start.character == tex.split("\n")[1].index("teh") for d in diags)


async def test_code_actions_apply_a_suggestion_and_fix_all(lsp, tmp_path):
    uri = open_doc(lsp, tmp_path / "draft.txt", TEXT)
    diags = await diagnostics(lsp, uri, 1)
    at = utf16(TEXT[: TEXT.index("teh")])
    (d,) = spelling_on(diags, at)
    found = await lsp.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=d.range,
        context=types.CodeActionContext(diagnostics=[d])))
    titles = [a.title for a in found]
    assert titles[0] == "Replace “teh” with “the”" and found[0].is_preferred
    assert 1 <= sum(t.startswith("Replace") for t in titles) <= 3  # the top three suggestions at most
    assert "Add “teh” to the dictionary" in titles and "Not an error: ignore this spelling flag" in titles
    (change,) = found[0].edit.document_changes
    assert change.text_document.version == 1
    assert [(e.range, e.new_text) for e in change.edits] == [(d.range, "the")]
    fix_all = [a for a in found if a.kind == "source.fixAll.galleyproof"]
    assert fix_all and any(e.new_text == "the" for e in fix_all[0].edit.document_changes[0].edits)
    # Applying it records the fix as the writer's decision, as `check -i` does.
    await lsp.workspace_execute_command_async(types.ExecuteCommandParams(
        command=found[0].command.command, arguments=found[0].command.arguments))
    with FeedbackStore() as store:
        (decision,) = store.decisions()
    assert (decision.verdict, decision.span, decision.replacement) == ("accepted", "teh", None)


async def test_ignore_records_a_rejection_and_the_flag_goes(lsp, tmp_path):
    uri = open_doc(lsp, tmp_path / "draft.txt", TEXT)
    at = utf16(TEXT[: TEXT.index("teh")])
    (d,) = spelling_on(await diagnostics(lsp, uri, 1), at)
    found = await lsp.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=d.range,
        context=types.CodeActionContext(diagnostics=[d], only=[types.CodeActionKind.QuickFix])))
    assert all(a.kind == types.CodeActionKind.QuickFix for a in found)
    (ignore,) = [a for a in found if a.title.startswith("Not an error")]
    before = len(lsp.published[uri])
    await lsp.workspace_execute_command_async(types.ExecuteCommandParams(
        command=ignore.command.command, arguments=ignore.command.arguments))
    with FeedbackStore() as store:
        (decision,) = store.decisions()
    assert (decision.verdict, decision.span, decision.category) == ("rejected", "teh", "spelling")
    deadline = time.monotonic() + WAIT_S
    while len(lsp.published[uri]) == before and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    assert not spelling_on(lsp.published[uri][-1].diagnostics, at)


async def test_add_word_puts_it_in_the_dictionary(lsp, tmp_path):
    text = "Mowgli saw the zorblax by the river.\n"
    uri = open_doc(lsp, tmp_path / "draft.txt", text)
    diags = await diagnostics(lsp, uri, 1)
    (d,) = [d for d in diags if text[d.range.start.character : d.range.end.character] == "zorblax"]
    word = await lsp.workspace_execute_command_async(types.ExecuteCommandParams(
        command="galleyproof.addWord", arguments=[{"uri": uri, "version": 1, "start": d.data["start"],
                                                   "end": d.data["end"], "category": d.data["category"]}]))
    assert word == "zorblax"
    with FeedbackStore() as store:
        assert "zorblax" in store.words()


async def test_hover_shows_message_suggestions_and_score(lsp, tmp_path):
    uri = open_doc(lsp, tmp_path / "draft.txt", TEXT)
    at = utf16(TEXT[: TEXT.index("teh")])
    (d,) = spelling_on(await diagnostics(lsp, uri, 1), at)
    hover = await lsp.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, at + 1)))
    assert hover.range == d.range
    assert d.message in hover.contents.value and "“the”" in hover.contents.value
    assert f"score {d.data['score']:.2f}" in hover.contents.value
    nothing = await lsp.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(2, 1)))
    assert nothing is None


async def test_settings_turn_a_category_off_and_back_on(galleyproof_home, tmp_path):
    client = await start(tmp_path, {"ignore": ["spelling"]})
    try:
        uri = open_doc(client, tmp_path / "draft.txt", TEXT)
        diags = await diagnostics(client, uri, 1)
        assert not [d for d in diags if d.data["category"] == "spelling"]
        before = len(client.published[uri])
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"galleyproof": {"ignore": [], "minScore": 0.5}}))
        deadline = time.monotonic() + WAIT_S
        while len(client.published[uri]) == before and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        diags = client.published[uri][-1].diagnostics
        assert spelling_on(diags, utf16(TEXT[: TEXT.index("teh")]))
        assert all(d.data["score"] >= 0.5 for d in diags)
    finally:
        await client.shutdown_session()


async def test_the_project_config_is_the_default(galleyproof_home, tmp_path):
    (tmp_path / "galleyproof.toml").write_text('ignore = ["spelling"]\n')
    client = await start(tmp_path)
    try:
        uri = open_doc(client, tmp_path / "draft.txt", TEXT)
        assert not [d for d in await diagnostics(client, uri, 1) if d.data["category"] == "spelling"]
    finally:
        await client.shutdown_session()


async def test_a_failing_request_is_an_error_response_and_the_server_goes_on(lsp, tmp_path):
    uri = open_doc(lsp, tmp_path / "draft.txt", TEXT)
    await diagnostics(lsp, uri, 1)
    with pytest.raises(JsonRpcException):
        await lsp.workspace_execute_command_async(types.ExecuteCommandParams(
            command="galleyproof.ignore", arguments=["not a flag"]))
    with pytest.raises(JsonRpcException):
        await lsp.workspace_execute_command_async(types.ExecuteCommandParams(
            command="galleyproof.ignore", arguments=[{"uri": uri, "version": 99, "start": 0, "end": 1}]))
    with pytest.raises(JsonRpcException):
        await lsp.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=(tmp_path / "never-opened.txt").as_uri()),
            position=types.Position(0, 0)))
    at = utf16(TEXT[: TEXT.index("teh")])
    hover = await lsp.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, at)))
    assert hover is not None


async def test_a_negotiated_utf8_encoding_counts_bytes(galleyproof_home, tmp_path):
    client = await start(tmp_path, capabilities=types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf8])))
    try:
        assert client.result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
        uri = open_doc(client, tmp_path / "draft.txt", TEXT)
        at = len(TEXT[: TEXT.index("teh")].encode("utf-8"))
        assert spelling_on(await diagnostics(client, uri, 1), at)
    finally:
        await client.shutdown_session()


async def test_save_checks_at_once(lsp, tmp_path):
    uri = open_doc(lsp, tmp_path / "draft.txt", TEXT)
    await diagnostics(lsp, uri, 1)
    lsp.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text="It was a dark  night.\n")]))
    lsp.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    diags = await diagnostics(lsp, uri, 2)
    assert [p.version for p in lsp.published[uri]] == [1, 2]
    assert not spelling_on(diags, utf16(TEXT[: TEXT.index("teh")]))
