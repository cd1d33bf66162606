"""`galleyproof eval`: score a detector (or another tool's output) on hand-marked errors."""

from __future__ import annotations

import json
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from galleyproof.cli import common
from galleyproof.issues import detector_takes
from galleyproof.model.sensitivity import DEFAULT, SENSITIVITIES, AtSensitivity

if TYPE_CHECKING:
    from rich.table import Table

    from galleyproof.evals.clean import CleanResult
    from galleyproof.evals.compare import Comparison
    from galleyproof.evals.data import EvalData
    from galleyproof.evals.scoring import EvalResult, Metrics

# rich's tables and the evals are imported by the functions that use them: every command's
# start (`check` above all) imports this module to register `eval` (start-up time).

#: One line to stderr and the exit code scripts read as a usage/input error.
fail = partial(common.fail, command="galleyproof eval")


def _load_other(path: Path) -> EvalResult:
    # Imported when used, not on every command's start (start-up time).
    from galleyproof.evals.scoring import EvalResult
    from galleyproof.text.io import InputError, read_text

    try:
        return EvalResult.from_json(json.loads(read_text(path)))
    except InputError as err:
        raise fail(str(err)) from None
    except json.JSONDecodeError as err:
        raise fail(f"{path}: line {err.lineno}: not valid JSON ({err.msg})") from None
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        raise fail(f"{path}: not a result written by `galleyproof eval --json`") from None


def _rate(value: float, ci: tuple[float, float]) -> str:
    return f"{value:.3f} [{ci[0]:.2f}–{ci[1]:.2f}]"


def _metrics_table(result: EvalResult, data: EvalData) -> Table:
    # Imported when used, not on every command's start (start-up time).
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=f"{data.path}  (sha256 {data.sha256[:12]}…)  model {result.model_version}",
        caption=f"[…]: 95% bootstrap intervals, paragraphs resampled {result.n_resamples}× (seed {result.seed}); "
        f"{result.words_per_flag:.2f} words per flag (a flag over 4 words longer than an error does not find it)",
    )
    for name in ("category", "paras", "TP", "FP", "FN"):
        table.add_column(name, justify="left" if name == "category" else "right")
    for name in ("recall", "precision", "F0.5"):
        table.add_column(name, justify="right")

    def row(name: str, m: Metrics, **style) -> None:
        table.add_row(
            Text(name), str(m.items), str(m.tp), str(m.fp), str(m.fn),
            _rate(m.recall, m.recall_ci), _rate(m.precision, m.precision_ci), _rate(m.f05, m.f05_ci),
            **style,
        )

    for name, m in result.categories.items():
        row(name, m)
    table.add_section()
    row("overall", result.overall, style="bold")
    return table


def _suggestion_table(result: EvalResult) -> Table:
    # Imported when used, not on every command's start (start-up time).
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title="suggestions on the found errors",
        caption="top-k: the right fix is among the first k suggestions of a flag on the error",
    )
    for name in ("category", "found", "top-1", "top-3"):
        table.add_column(name, justify="left" if name == "category" else "right")
    for name, a in result.suggestions.items():
        if name == "overall":
            table.add_section()
        table.add_row(
            Text(name), str(a.found), f"{a.top1_rate:.3f} ({a.top1})", f"{a.top3_rate:.3f} ({a.top3})",
            style="bold" if name == "overall" else None,
        )
    return table


def _compare_tables(this: EvalResult, other: EvalResult, cmp: Comparison) -> list:
    # Imported when used, not on every command's start (start-up time).
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"this run ({cmp.this_version}) vs other ({cmp.other_version}, {cmp.other_date})")
    table.add_column("category")
    for name in ("recall", "precision", "F0.5"):
        table.add_column(f"{name}: other → this", justify="right")
    groups = [(c, m, other.categories[c]) for c, m in this.categories.items() if c in other.categories]
    for name, a, b in [*groups, ("overall", this.overall, other.overall)]:
        table.add_row(
            Text(name),
            *(f"{getattr(b, k):.3f} → {getattr(a, k):.3f} ({getattr(a, k) - getattr(b, k):+.3f})"
              for k in ("recall", "precision", "f05")),
            style="bold" if name == "overall" else None,
        )
    t = cmp.mcnemar
    verdict = Text(
        f"McNemar on {sum(i.score.tp + i.score.fn for i in this.items)} gold errors: "
        f"found by this run only b = {t.b}, by the other only c = {t.c}; "
        f"exact two-sided p = {t.p_value:.4g} (chi² with continuity correction = {t.chi2:.3f})"
    )
    out: list = [table, verdict]
    if cmp.flips:
        flips = Table(title="gold errors that flipped")
        for name in ("item", "category", "span", "error", "found by"):
            flips.add_column(name)
        for f in cmp.flips:
            flips.add_row(
                Text(f.item_id), Text(f.category), f"[{f.start}, {f.end})",
                Text(f"{f.wrong!r} → {f.correct!r}"), "this run" if f.found_by_this else "other",
            )
        out.append(flips)
    return out


def _clean_tables(clean: CleanResult) -> list:
    # Imported when used, not on every command's start (start-up time).
    from rich.table import Table
    from rich.text import Text

    from galleyproof.evals.clean import per_1000

    files = Table(title="false alarms on clean text")
    for name in ("file", "words", "flags", "per 1,000 words"):
        files.add_column(name, justify="left" if name == "file" else "right")
    for f in clean.files:
        files.add_row(Text(f.path), f"{f.words:,}", f"{f.flags:,}", f"{f.per_1000_words:.2f}")
    files.add_section()
    files.add_row("all", f"{clean.words:,}", f"{clean.flags:,}", f"{clean.per_1000_words:.2f}", style="bold")
    cats = Table(title="by flag category")
    for name in ("category", "flags", "per 1,000 words"):
        cats.add_column(name, justify="left" if name == "category" else "right")
    for c, n in clean.by_category.items():
        cats.add_row(Text(c or "-"), f"{n:,}", f"{per_1000(n, clean.words):.2f}")
    top = Table(title="most often flagged")
    for name in ("flagged text", "category", "count"):
        top.add_column(name, justify="right" if name == "count" else "left")
    for s, c, n in clean.top:
        top.add_row(Text(repr(s)), Text(c or "-"), str(n))
    return [files, cats, top]


def evaluate(
    data: Optional[Path] = typer.Option(
        None, "--data", metavar="EVAL.jsonl", help="Eval set: one JSON paragraph a line with its gold errors."
    ),
    predictions: Optional[Path] = typer.Option(
        None, "--predictions", metavar="CHECK.json",
        help="Score this `check --format json` output instead of running the detector; "
        "a file named <item id>.txt holds that item's flags (also matches --clean files by name).",
    ),
    json_out: Optional[Path] = typer.Option(
        None, "--json", metavar="OUT.json", help="Write the full result: data SHA-256, model, metrics, every flag."
    ),
    compare: Optional[Path] = typer.Option(
        None, "--compare", metavar="RESULT.json",
        help="Paired comparison with a result saved by --json on the same data (McNemar, deltas, flips).",
    ),
    clean: Optional[list[Path]] = typer.Option(
        None, "--clean", metavar="TEXTFILE",
        help="Prose assumed error-free: report its false alarms per 1,000 words. Repeatable.",
    ),
    write_texts_dir: Optional[Path] = typer.Option(
        None, "--write-texts", metavar="DIR",
        help="Only write each item's text to DIR/<item id>.txt, for `check` or another tool to read.",
    ),
    model: Optional[Path] = typer.Option(
        None, "--model", metavar="MODEL_DIR",
        help="Score this model folder (as `train` wrote it) instead of the active version under your "
        "dictionary and decisions: a candidate measured as trained, beside the one in use.",
    ),
    sensitivity: Optional[str] = typer.Option(
        None, "--sensitivity", help=f"How much the model flags, as `check --sensitivity`: precise or thorough "
        f"(default {DEFAULT}).",
    ),
    top: int = typer.Option(20, "--top", min=0, help="How many most-flagged strings to list for --clean."),
    resamples: int = typer.Option(1000, "--resamples", min=1, help="Bootstrap resamples for the intervals."),
    seed: int = typer.Option(0, "--seed", help="Bootstrap seed; fixed so reruns print the same intervals."),
) -> None:
    """Score flags against hand-marked errors: recall, precision and F0.5 with 95% intervals.

    A gold error overlapped by any flag is found (TP); a flag overlapping no gold error is a
    false positive. Exit 0: scored; 2: bad usage or input.

    Examples: `galleyproof eval --data frankenstein_eval.jsonl --json run.json`;
    `galleyproof eval --data frankenstein_eval.jsonl --compare old.json`;
    `galleyproof eval --data E.jsonl --write-texts items/` then
    `galleyproof check --format json items/*.txt > check.json` and
    `galleyproof eval --data E.jsonl --predictions check.json`.
    """
    # Imported when used, not on every command's start (start-up time).
    from rich.console import Console
    from rich.progress import track

    from galleyproof.evals.clean import clean_report
    from galleyproof.evals.compare import compare_results
    from galleyproof.evals.data import Prediction, load_eval, load_predictions, write_texts
    from galleyproof.evals.scoring import evaluate_predictions, run_eval
    from galleyproof.text.io import InputError, read_text

    clean = clean or []
    if data is None and not clean:
        raise fail("nothing to score: give --data EVAL.jsonl and/or --clean TEXTFILE")
    if data is None and (compare or write_texts_dir):
        raise fail("--compare and --write-texts need --data EVAL.jsonl")
    if write_texts_dir and (predictions or compare or clean or json_out):
        raise fail("--write-texts runs alone: it only writes the item texts")
    if model and predictions:
        raise fail("--model and --predictions exclude each other: the flags come from one or the other")
    if sensitivity is not None and sensitivity not in SENSITIVITIES:
        raise fail(f"--sensitivity: unknown sensitivity {sensitivity!r}; known: {', '.join(SENSITIVITIES)}")
    if predictions and sensitivity is not None:
        raise fail("--sensitivity goes with the model, not with --predictions (give it to `check`)")
    sensitivity = sensitivity or DEFAULT
    try:
        eval_data = load_eval(data) if data else None
        if eval_data and write_texts_dir:
            written = write_texts(eval_data.items, write_texts_dir)
            print(f"wrote {len(written)} files to {write_texts_dir}")
            return
        flags = load_predictions(predictions) if predictions else None
        clean_texts = {str(p): read_text(p) for p in clean}
    except InputError as err:
        raise fail(str(err)) from None
    except OSError as err:
        raise fail(f"{write_texts_dir}: cannot write: {err.strerror or err}") from None
    other = _load_other(compare) if compare else None
    if other and eval_data and other.data_sha256 != eval_data.sha256:
        raise fail(
            f"{compare} was scored on different data (sha256 {other.data_sha256[:12]}…, "
            f"{data} is {eval_data.sha256[:12]}…); a paired comparison needs the same eval file"
        )
    if flags is not None:
        known = {i.id for i in eval_data.items} if eval_data else set()
        unmatched = sorted(set(flags) - known - {Path(p).stem for p in clean_texts})
        if unmatched:
            print(f"galleyproof eval: note: {len(unmatched)} predicted files match no item "
                  f"or --clean file (e.g. {unmatched[0]!r}); ignored", file=sys.stderr)

    detector = None
    if flags is None:
        if model is None:
            detector = common.load_proofreader(command="galleyproof eval")
        else:
            # Imported here, not at the top: scoring saved predictions needs no model code.
            from galleyproof.model.files import ModelFilesError
            from galleyproof.proofreader import Proofreader

            try:
                detector = Proofreader.from_dir(model)
            except ModelFilesError as err:
                raise fail(str(err)) from None
            except (OSError, ValueError) as err:
                raise fail(f"cannot load the model: {err}") from None
    if detector is not None and detector_takes(detector, "sensitivity"):
        detector = AtSensitivity(detector, sensitivity)
    model_version = detector.version if detector else f"predictions from {predictions}"
    progress = Console(stderr=True)
    meta = dict(data_path=str(data), data_sha256=eval_data.sha256 if eval_data else "", n_resamples=resamples, seed=seed)

    # Detector errors are bugs and keep their traceback; only bad input files exit 2 below.
    result = None
    if detector is not None:
        if eval_data:
            result = run_eval(
                eval_data.items, detector,
                track=lambda xs: track(xs, "checking items", console=progress, transient=True),
                **meta,
            )
        clean_flags = {
            path: [Prediction.from_issue(i) for i in detector.detect(clean_texts[path])]
            for path in track(list(clean_texts), "checking clean files", console=progress, transient=True)
        }
    else:
        clean_flags = {path: flags.get(Path(path).stem, []) for path in clean_texts}
    try:
        if detector is None and eval_data:
            result = evaluate_predictions(eval_data.items, flags, model_version=model_version, **meta)
        clean_result = clean_report(clean_texts, clean_flags, top=top) if clean else None
        comparison = compare_results(result, other) if other and result else None
    except ValueError as err:
        raise fail(str(err)) from None

    console = Console(highlight=False)
    if result and eval_data:
        console.print(_metrics_table(result, eval_data))
        if result.suggestions:
            console.print(_suggestion_table(result))
    if comparison and other and result:
        for part in _compare_tables(result, other, comparison):
            console.print(part)
    if clean_result:
        for part in _clean_tables(clean_result):
            console.print(part)

    if json_out:
        payload = result.to_json() if result else {"model_version": model_version}
        if clean_result:
            payload["clean"] = clean_result.to_json()
        if comparison:
            payload["comparison"] = comparison.to_json()
        try:
            json_out.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        except OSError as err:
            raise fail(f"{json_out}: cannot write: {err.strerror or err}") from None
