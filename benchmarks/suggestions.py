"""Suggestion accuracy on synthetic errors: top-1 / top-3 per category, scored as `galleyproof eval` does.

    uv run python benchmarks/suggestions.py [--paragraphs 160] [--seed 0] [--gold-spans] [--data VALSET.jsonl]
    uv run python benchmarks/suggestions.py --data ../shared/evals/real/cweb_dev.jsonl --errors-only
    uv run python benchmarks/suggestions.py --only missing_word --kinds function_word=1,article=1,content_word=0 \
        --paragraphs 400 --seed 5

Paragraphs of validation books (never trained on) get eval-shaped errors from the noise
generators, which know each one's correction. The shipped model flags them and suggests
fixes (`Proofreader.check`); `galleyproof.evals` judges each found error by the repaired
paragraph. `--gold-spans` also suggests for every gold error at its own span, as if the
flag were perfect: more errors per category, and the suggester measured apart from the flags.
`--only GENERATOR --kinds K=W,...`: paragraphs with a few errors (3) of one generator's kinds
only, e.g. the function words and articles writers leave out, or the words they put in twice
or by mistake (`--only extra_word --kinds function_word=1,repeat=1,near_duplicate=1,common_word=0`),
as the eval-shaped set holds too few of these found to choose by. `--errors-only`: a saved set's
paragraphs without gold errors are skipped (they bear on no suggestion; cweb_dev is mostly such).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from galleyproof.corpus import load_books
from galleyproof.evals.data import EvalItem, GoldError, Prediction, load_eval
from galleyproof.evals.scoring import EvalResult, evaluate_predictions
from galleyproof.issues import Issue
from galleyproof.model.detector import MESSAGES
from galleyproof.model.versions import shipped_model_dir
from galleyproof.noise import NoiseConfig, default_is_word, inject
from galleyproof.noise.valset import build_valset
from galleyproof.proofreader import Proofreader
from galleyproof.suggest import with_suggestions
from galleyproof.text.words import document_counts, iter_words

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "train"
# Validation books of the shipped model: held out of its training, not of the corpus.
BOOKS = ("austen_persuasion", "eliot_middlemarch", "hardy_far_from_the_madding_crowd")
# Eval paragraph categories -> the issue category a flag on them would carry.
FLAG_CATEGORY = {"extra_words": "grammar", "missing_words": "grammar"}
# Noise generators -> the eval paragraph category their errors are counted under.
KIND_CATEGORY = {"missing_word": "missing_words", "extra_word": "extra_words"}


def synthetic_items(corpus: Path, books: list[str], paragraphs: int, seed: int, noise: str = "default") -> list[EvalItem]:
    """Eval items of the noise's errors (`noise`: a mixture `galleyproof.noise.parse_mix` reads)."""
    loaded = [b for name in books for b in load_books(corpus / f"{name}.txt")]
    config = NoiseConfig(is_word=default_is_word())
    raw = build_valset(loaded, n_paragraphs=paragraphs, seed=seed,
                       config=config if noise == "default" else config.mixed(noise))
    return [
        EvalItem(r["id"], r["category"], r["text"],
                 tuple(GoldError(e["start"], e["end"], e["wrong"], e["correct"]) for e in r["errors"]), r["source"])
        for r in raw
    ]


def kind_items(corpus: Path, books: list[str], paragraphs: int, seed: int, generator: str, kinds: dict[str, float],
               errors: int = 3) -> list[EvalItem]:
    """`paragraphs` paragraphs of 80-250 words, each with up to `errors` errors from one generator's kinds."""
    rng = random.Random(seed)
    config = NoiseConfig(is_word=default_is_word(), kinds={generator: kinds}).only(generator)
    pool = [(b.name, p.text) for name in books for b in load_books(corpus / f"{name}.txt") for p in b.paragraphs
            if not p.is_heading and 80 <= sum(1 for _ in iter_words(p.text)) <= 250]
    rng.shuffle(pool)
    items = []
    for source, text in pool:
        if len(items) == paragraphs:
            break
        noisy, edits = inject(text, rng, errors, config)
        if edits:
            category = KIND_CATEGORY.get(generator, generator)
            items.append(EvalItem(f"{category}-{len(items) + 1}", category, noisy,
                                  tuple(GoldError(e.start, e.end, e.wrong, e.correct) for e in edits), source))
    return items


def gold_span_predictions(items: list[EvalItem], detector: Proofreader) -> dict[str, list[Prediction]]:
    """One flag per gold error, at its span, of its paragraph's category: the suggester alone."""
    out = {}
    for item in items:
        counts = document_counts(item.text)
        category = FLAG_CATEGORY.get(item.category, item.category)
        out[item.id] = [
            Prediction.from_issue(with_suggestions(
                item.text, Issue(e.start, e.end, category, MESSAGES[category]), detector.model.lexicon, detector.model,
                doc_counts=counts))
            for e in item.errors
        ]
    return out


def report(title: str, result: EvalResult, issues: int, seconds: float) -> None:
    print(f"\n{title}: {issues} issues, {1000 * seconds / max(issues, 1):.0f} ms per issue (flags included)")
    print(f"{'category':16s} {'errors':>6s} {'found':>6s} {'top-1':>7s} {'top-3':>7s}")
    for name, a in sorted(result.suggestions.items(), key=lambda kv: kv[0] == "overall"):
        errors = sum(len(i.errors) for i in result.items if name in ("overall", i.category))
        print(f"{name:16s} {errors:6d} {a.found:6d} {a.top1_rate:7.3f} {a.top3_rate:7.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--books", nargs="+", default=list(BOOKS))
    parser.add_argument("--paragraphs", type=int, default=160)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", type=Path, default=shipped_model_dir())
    parser.add_argument("--gold-spans", action="store_true", help="Also suggest at every gold span.")
    parser.add_argument("--json", type=Path, help="Write every flag, suggestion and fix rank here.")
    parser.add_argument("--data", type=Path, help="Score this eval-shaped set (a saved valset) instead.")
    parser.add_argument("--errors-only", action="store_true", help="Skip the set's paragraphs with no gold error.")
    parser.add_argument("--only", metavar="GENERATOR", help="Errors of this noise generator only (3 a paragraph).")
    parser.add_argument("--kinds", default="", help="With --only: the generator's kinds, KIND=WEIGHT,...")
    args = parser.parse_args()

    if args.data:
        items = list(load_eval(args.data).items)
        if args.errors_only:
            items = [i for i in items if i.errors]
    elif args.only:
        kinds = {k: float(w) for k, _, w in (part.partition("=") for part in args.kinds.split(",") if part)}
        items = kind_items(args.corpus, args.books, args.paragraphs, args.seed, args.only, kinds)
    else:
        items = synthetic_items(args.corpus, args.books, args.paragraphs, args.seed)
    detector = Proofreader.from_dir(args.model)
    what = f"{args.only} ({args.kinds}) " if args.only and not args.data else ""
    print(f"model {detector.version}; {len(items)} paragraphs of {args.data}" if args.data else
          f"model {detector.version}; {len(items)} synthetic {what}paragraphs (seed {args.seed}) from {', '.join(args.books)}")

    started = time.perf_counter()
    flagged = {item.id: [Prediction.from_issue(i) for i in detector.detect(item.text)] for item in items}
    seconds = time.perf_counter() - started
    result = evaluate_predictions(items, flagged, model_version=detector.version, n_resamples=1)
    report("model flags", result, sum(map(len, flagged.values())), seconds)
    saved = {"model flags": result.to_json()}

    if args.gold_spans:
        started = time.perf_counter()
        gold = gold_span_predictions(items, detector)
        seconds = time.perf_counter() - started
        result = evaluate_predictions(items, gold, model_version=detector.version, n_resamples=1)
        report("gold spans", result, sum(map(len, gold.values())), seconds)
        saved["gold spans"] = result.to_json()
    if args.json:
        args.json.write_text(json.dumps(saved, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
