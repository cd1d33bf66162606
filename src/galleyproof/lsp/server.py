"""The language server: diagnostics on open, change and save; quick fixes; hover; settings.

Threads: the protocol runs on pygls's event loop; the model runs on one worker thread of its
own (`_model_thread`), which first loads the model (started once `initialize` has been
answered) and then runs the checks one at a time. A change schedules its document's check
after a pause in typing (`debounceMs`), cancelling the check scheduled before it; a check
whose version is already out of date when its turn comes is skipped, and one overtaken while
it ran is not published. A failure in one request is logged and answered with an error
response (pygls's), a failure in one check is logged: neither stops the server.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from galleyproof.feedback.dictionary import dictionary_key
from galleyproof.feedback.filter import PersonalFilter
from galleyproof.feedback.store import FeedbackStore, StoreError, make_decisions
from galleyproof.issues import Detector
from galleyproof.lsp import actions, documents
from galleyproof.lsp.documents import Snapshot
from galleyproof.lsp.settings import EditorSettings, project_settings

log = logging.getLogger(__name__)

#: Versions of a document kept after checking, so a command made on an older one still finds its issue.
KEPT_VERSIONS = 4


class GalleyproofServer(LanguageServer):
    """The server around one detector, loaded by `load` (unfiltered: the writer's filter is
    read afresh from the feedback store for every check, so a decision counts at once)."""

    def __init__(self, load: Callable[[], Detector]) -> None:
        try:
            version = metadata.version("galleyproof")
        except metadata.PackageNotFoundError:
            version = "0"
        super().__init__("galleyproof", version, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.load = load
        self.model: Detector | None = None
        self.editor = EditorSettings()
        self._model_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="galleyproof-model")
        self._loading: asyncio.Future | None = None
        self._tasks: dict[str, asyncio.Task] = {}
        self._wanted: dict[str, int | None] = {}  # uri -> the version its next check is for
        self.snapshots: dict[str, OrderedDict[int | None, Snapshot]] = {}
        self._said: set[str] = set()

    # --- the model and the checks ---------------------------------------------------------

    def start_loading(self) -> asyncio.Future:
        """Load the model on the model thread, once."""
        if self._loading is None:
            self._loading = asyncio.get_running_loop().run_in_executor(self._model_thread, self._load)
        return self._loading

    def _load(self) -> None:
        self.model = self.load()
        log.info("model %s loaded", self.model.version)

    def _detector(self) -> Detector:
        try:
            return PersonalFilter.from_store(self.model)
        except StoreError as err:
            log.warning("%s; checking without your decisions and dictionary", err)
            return self.model

    @property
    def encoding(self) -> str:
        chosen = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return getattr(chosen, "value", chosen)

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """Check `uri` after `delay` seconds, instead of any check scheduled for it before."""
        old = self._tasks.pop(uri, None)
        if old is not None:
            old.cancel()
        self._wanted[uri] = self.workspace.get_text_document(uri).version
        self._tasks[uri] = asyncio.ensure_future(self._check(uri, delay))

    def schedule_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri)

    async def _check(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            try:
                await self.start_loading()
            except Exception as err:  # noqa: BLE001 - said once, at load; nothing to check with
                self._say_once(f"galleyproof cannot load its model: {err or 'see the server log'}")
                return
            if uri not in self.workspace.text_documents:
                return
            doc = self.workspace.get_text_document(uri)
            path = _path(uri)
            settings = self.editor.over(project_settings(path))
            args = (uri, path, doc.version, doc.source, documents.format_for(doc.language_id, path), settings,
                    self.encoding)
            snapshot = await asyncio.get_running_loop().run_in_executor(self._model_thread, self._run, *args)
            if snapshot is None or self._wanted.get(uri) != snapshot.version:
                return  # a newer version came meanwhile: its own check publishes
            kept = self.snapshots.setdefault(uri, OrderedDict())
            kept[snapshot.version] = snapshot
            while len(kept) > KEPT_VERSIONS:
                kept.popitem(last=False)
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, version=snapshot.version, diagnostics=snapshot.diagnostics()))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("checking %s failed", uri)
            self.window_log_message(types.LogMessageParams(
                type=types.MessageType.Error, message=f"galleyproof: checking {uri} failed (see the server's log)"))

    def _run(self, uri: str, path: Path | None, version: int | None, *rest) -> Snapshot | None:
        """On the model thread: the check, unless a newer version was asked for while it waited."""
        if self._wanted.get(uri) != version:
            return None
        return documents.check(self._detector(), uri, path, version, *rest)

    def _say_once(self, message: str) -> None:
        if message not in self._said:
            self._said.add(message)
            log.error("%s", message)
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))

    # --- what requests read ---------------------------------------------------------------

    def current(self, uri: str) -> Snapshot | None:
        """The latest check of `uri` if it is of the text the editor has now, else None."""
        kept = self.snapshots.get(uri)
        if not kept or uri not in self.workspace.text_documents:
            return None
        latest = next(reversed(kept.values()))
        return latest if latest.text == self.workspace.get_text_document(uri).source else None

    def snapshot(self, uri: str, version: int | None) -> Snapshot:
        kept = self.snapshots.get(uri, {})
        if version not in kept:
            raise LookupError(f"{uri} version {version} is no longer held; check again")
        return kept[version]

    def forget(self, uri: str) -> None:
        task = self._tasks.pop(uri, None)
        if task is not None:
            task.cancel()
        self._wanted.pop(uri, None)
        self.snapshots.pop(uri, None)

    def configure(self, raw: object) -> None:
        self.editor = EditorSettings.parse(raw)
        log.info("settings: %s", self.editor)

    # --- commands -------------------------------------------------------------------------

    def decide(self, ref: dict, verdict: str, replacement: str | None = None) -> None:
        """Record the writer's verdict on the issue `ref` names, then re-check every document."""
        snapshot = self.snapshot(ref["uri"], ref["version"])
        issue = snapshot.find(int(ref["start"]), int(ref["end"]), str(ref["category"]))
        path = _path(snapshot.uri) or Path(snapshot.uri)
        decisions = make_decisions(path, snapshot.text, [(issue, verdict, replacement)], snapshot.model_version)
        with FeedbackStore() as store:
            store.add_decisions(decisions)
        self.schedule_all()

    def add_word(self, ref: dict) -> str:
        snapshot = self.snapshot(ref["uri"], ref["version"])
        word = dictionary_key(snapshot.text[int(ref["start"]) : int(ref["end"])])
        if word is None:
            raise ValueError("only a single word can go into the dictionary")
        with FeedbackStore() as store:
            store.add_words([word])
        self.schedule_all()
        return word


def _path(uri: str) -> Path | None:
    """The file a `file:` URI names, or None (an unsaved buffer)."""
    fs = to_fs_path(uri) if uri.startswith("file:") else None
    return Path(fs) if fs else None


def _ref(args: tuple) -> dict:
    if len(args) != 1 or not isinstance(args[0], dict) or not {"uri", "version", "start", "end"} <= set(args[0]):
        raise ValueError(f"expected one argument {{uri, version, start, end, category}}, got {list(args)!r}")
    return args[0]


def create_server(load: Callable[[], Detector]) -> GalleyproofServer:
    """The server with every feature registered; `start_io()` runs it on stdin/stdout."""
    server = GalleyproofServer(load)

    @server.feature(types.INITIALIZE)
    def initialize(ls: GalleyproofServer, params: types.InitializeParams) -> None:
        ls.configure(params.initialization_options)

    @server.feature(types.INITIALIZED)
    def initialized(ls: GalleyproofServer, params: types.InitializedParams) -> None:
        ls.start_loading()  # after `initialize` was answered: the editor does not wait for the model

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: GalleyproofServer, params: types.DidChangeConfigurationParams) -> None:
        if params.settings is None:
            return  # a client that expects its settings pulled: keep what `initialize` gave
        ls.configure(params.settings)
        ls.schedule_all()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: GalleyproofServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: GalleyproofServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.editor.debounce_ms / 1000)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: GalleyproofServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: GalleyproofServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri,
                                                                            diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: GalleyproofServer, params: types.HoverParams) -> types.Hover | None:
        snapshot = ls.current(params.text_document.uri)
        if snapshot is None:
            if params.text_document.uri not in ls.workspace.text_documents:
                raise LookupError(f"{params.text_document.uri} is not open")
            return None
        offset = snapshot.offset(params.position)
        found = snapshot.at(offset, offset)
        if not found:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                         value="\n\n---\n\n".join(snapshot.hover(i) for i in found)),
            range=snapshot.range(found[0]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL_KIND]))
    def code_action(ls: GalleyproofServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        snapshot = ls.current(params.text_document.uri)
        if snapshot is None:
            if params.text_document.uri not in ls.workspace.text_documents:
                raise LookupError(f"{params.text_document.uri} is not open")
            return None
        return actions.code_actions(snapshot, snapshot.offset(params.range.start), snapshot.offset(params.range.end),
                                    params.context.only) or None

    @server.command(actions.ACCEPT)
    def accept(ls: GalleyproofServer, *args) -> None:
        ref = _ref(args)
        issue = ls.snapshot(ref["uri"], ref["version"]).find(int(ref["start"]), int(ref["end"]), str(ref["category"]))
        chosen = str(ref.get("replacement", ""))
        top = bool(issue.suggestions) and chosen == issue.suggestions[0]
        ls.decide(ref, "accepted" if top else "edited", None if top else chosen)

    @server.command(actions.IGNORE)
    def ignore(ls: GalleyproofServer, *args) -> None:
        ls.decide(_ref(args), "rejected")

    @server.command(actions.ADD_WORD)
    def add_word(ls: GalleyproofServer, *args) -> str:
        return ls.add_word(_ref(args))

    return server
