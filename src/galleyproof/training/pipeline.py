"""`galleyproof train`: from a folder of raw books to a shipped model folder, in one command.

corpus -> split by book -> tokenizer -> lexicons -> noisy examples -> training loop ->
export (numpy weights, and the int8 ONNX graph `check` runs) -> thresholds calibrated on the
synthetic validation set -> model card.

With `nproc` > 1 (or under `torchrun`) every process reads the corpus and trains its share
of each step (`training/distributed.py`); rank 0 trains the tokenizer and hands it to the
others, and alone writes the folder, exports and calibrates.
"""

from __future__ import annotations

import json
import platform
import random
import shutil
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from fnmatch import fnmatch
from pathlib import Path

import torch

from galleyproof.corpus import load_books, split_books
from galleyproof.english.lexicon import Lexicon
from galleyproof.model.detector import ModelDetector
from galleyproof.model.folder import LEXICON_FILE, PAIRS_FILE, THRESHOLDS_FILE, TOKENIZER_FILE
from galleyproof.model.numpy_tagger import export_weights
from galleyproof.model.onnx_export import export_onnx
from galleyproof.model.pairs import PairTable
from galleyproof.model.tagger import ModelConfig
from galleyproof.model.tokenizer import Tokenizer
from galleyproof.noise import MIXES, NoiseConfig, for_corpus
from galleyproof.noise.valset import build_valset
from galleyproof.training.calibrate import cache_items, calibrate
from galleyproof.training.distributed import SINGLE, Ranks, broadcast, launched_by_torchrun, run_under_torchrun, spawn
from galleyproof.training.examples import BookLexicons, ExampleStream, trainable_paragraphs
from galleyproof.training.learn import load_tagger
from galleyproof.training.loop import LoopConfig, rank_seed, train, use_bf16
from galleyproof.training.replay import REPLAY_FILE, write_replay

VALSET_FILE = "valset.jsonl"
CARD_FILE = "MODEL_CARD.md"
METRICS_FILE = "training_summary.json"


@dataclass
class TrainConfig:
    corpus: Path
    out: Path
    tokenizer: Path | None = None
    exclude: tuple[str, ...] = ()
    vocab_size: int = 4096
    val_fraction: float = 0.1
    seed: int = 0
    model: ModelConfig = field(default_factory=ModelConfig)
    loop: LoopConfig = field(default_factory=LoopConfig)
    val_paragraphs: int = 400
    # Untouched validation paragraphs beside the synthetic ones (None: half as many): the more
    # of them, the more calibration weighs false alarms on clean prose against recall.
    clean_paragraphs: int | None = None
    val_batches: int = 8
    min_precision: float = 0.8
    command: str = ""
    # Only recalibrate the thresholds of the model folder `out` already holds (see `recalibrate`).
    calibrate_only: bool = False
    #: Training processes on this machine (`--nproc`), each making batch_size / nproc rows of
    #: every step; under `torchrun` its own process count rules instead.
    nproc: int = 1
    #: The noise mixture (`noise.parse_mix`: a name such as "real", or settings); "" the default.
    noise: str = ""
    #: A model folder to start from (fine-tuning): its tokenizer, shape and weights; the
    #: steps and learning-rate schedule are this run's own.
    init_from: Path | None = None


def _work_dir(out: Path) -> Path:
    """Checkpoints and logs live beside the model, not in it, so the shipped folder stays small."""
    return out.parent / f"{out.name}.work"


def run(cfg: TrainConfig, show_progress: bool = True, say=print) -> dict | None:
    """Train, export and calibrate; returns the summary also written to the model folder
    (None in a process `torchrun` started other than rank 0)."""
    if cfg.calibrate_only:
        return recalibrate(cfg, say)
    if launched_by_torchrun():
        return run_under_torchrun(_run, cfg.loop.device, (cfg, show_progress, say))
    if cfg.nproc < 1:
        raise ValueError(f"--nproc must be at least 1, not {cfg.nproc}")
    if cfg.nproc > 1:
        if cfg.loop.batch_size % cfg.nproc:
            raise ValueError(f"batch size {cfg.loop.batch_size} does not split evenly among {cfg.nproc} processes")
        # The spawned processes print (what `say` is need not pickle); rank 0 writes the summary.
        spawn(_run, cfg.nproc, cfg.loop.device, (cfg, show_progress, None))
        return json.loads((cfg.out / METRICS_FILE).read_text(encoding="utf-8"))
    return _run(SINGLE, cfg, show_progress, say)


def _quiet(*_) -> None:
    pass


def _say(*args) -> None:
    print(*args, flush=True)


def _run(ranks: Ranks, cfg: TrainConfig, show_progress: bool, say) -> dict | None:
    """`run` in one process of `ranks` (all of them, when there is one)."""
    say = (say or _say) if ranks.main else _quiet
    started = time.perf_counter()
    work = _work_dir(cfg.out)
    if ranks.main:
        work.mkdir(parents=True, exist_ok=True)
        cfg.out.mkdir(parents=True, exist_ok=True)

    train_books, val_books = _split(cfg)
    say(f"books: {len(train_books)} train, {len(val_books)} validation ({', '.join(b.name for b in val_books)})")
    if ranks.distributed:
        say(f"training in {ranks.world} processes, {cfg.loop.batch_size // ranks.world} rows each per step")
    if ranks.main:
        write_replay(train_books, cfg.out, seed=cfg.seed)  # for `learn` (training/replay.py)

    init_state, init_summary = _init_from(cfg)
    if cfg.init_from:
        tokenizer = Tokenizer.load(cfg.init_from / TOKENIZER_FILE)
        say(f"starting from {cfg.init_from} ({init_summary.get('version', 'unknown version')}), its tokenizer and shape")
    elif cfg.tokenizer:
        tokenizer = Tokenizer.load(cfg.tokenizer)
    else:
        tokenizer = None
        if ranks.main:
            t0 = time.perf_counter()
            tokenizer = Tokenizer.train((p.text for b in train_books for p in b.paragraphs), cfg.vocab_size)
            say(f"tokenizer: {tokenizer.vocab_size} tokens trained in {time.perf_counter() - t0:.1f} s")
        tokenizer = broadcast(tokenizer, ranks)  # the others wait for rank 0's
    if ranks.main:
        tokenizer.save(cfg.out / TOKENIZER_FILE)
    cfg.model.vocab_size = tokenizer.vocab_size

    lexicons = BookLexicons(train_books)
    full_lexicon = lexicons.full()
    if ranks.main:
        full_lexicon.save(cfg.out / LEXICON_FILE)  # what check looks words up in
        PairTable.from_texts(p.text for b in train_books for p in b.paragraphs).save(cfg.out / PAIRS_FILE)
    paragraphs = trainable_paragraphs(train_books)
    say(f"training paragraphs: {len(paragraphs):,}")

    noise = _noise(full_lexicon, cfg.noise)
    val_batches = []
    if ranks.main:
        val_counts = BookLexicons(val_books)
        val_stream = ExampleStream(
            trainable_paragraphs(val_books), lambda _: full_lexicon, val_counts.document_counts,
            tokenizer, cfg.model.max_len, seed=cfg.seed + 1, noise=noise, dictionary=cfg.model.dictionary_bucket,
        )
        val_batches = [val_stream.batch(cfg.loop.batch_size) for _ in range(cfg.val_batches)]
    stream = ExampleStream(
        paragraphs, lexicons.without, lexicons.document_counts, tokenizer, cfg.model.max_len,
        seed=rank_seed(cfg.seed, ranks.rank), noise=noise, dictionary=cfg.model.dictionary_bucket,
    )

    model = train(cfg.model, cfg.loop, stream, val_batches, work, seed=cfg.seed, show_progress=show_progress,
                  ranks=ranks, init_state=init_state)
    if not ranks.main:
        return None
    config = cfg.model.to_dict() | {"version": f"alm-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}"}
    export_weights(model.state_dict(), config, cfg.out)
    export_onnx(cfg.out)  # what `check` runs: the thresholds are calibrated on its scores

    thresholds, val_metrics = _calibrate(cfg, val_books, noise, work, say)

    log = [json.loads(line) for line in (work / "train_log.jsonl").read_text().splitlines()]
    summary = {
        "version": config["version"],
        "command": cfg.command,
        "corpus": str(cfg.corpus),
        "excluded": list(cfg.exclude),
        "train_books": [b.name for b in train_books],
        "validation_books": [b.name for b in val_books],
        "model": cfg.model.to_dict(),
        "noise": cfg.noise or "default",
        "init_from": ({"path": str(cfg.init_from), "version": init_summary.get("version"),
                       "command": init_summary.get("command"), "recalibrations": init_summary.get("recalibrations", [])}
                      if cfg.init_from else None),
        "parameters": sum(p.numel() for p in model.parameters()),
        "loop": asdict(cfg.loop),
        "seed": cfg.seed,
        "training_seconds": log[-1]["elapsed_s"] if log else 0.0,
        "pipeline_seconds": time.perf_counter() - started,
        "final_log": log[-1] if log else {},
        "thresholds": thresholds,
        "validation": val_metrics,
        "autocast": "bf16 autocast" if use_bf16(cfg.loop.precision, cfg.loop.device) else "fp32",
        "machine": _machine(ranks, cfg.loop.device),
    }
    (cfg.out / METRICS_FILE).write_text(json.dumps(summary, indent=1), encoding="utf-8")
    shutil.copy(work / "train_log.jsonl", cfg.out / "train_log.jsonl")
    (cfg.out / CARD_FILE).write_text(model_card(summary), encoding="utf-8")
    return summary


def _machine(ranks: Ranks, device: str) -> str:
    """What trained: the machine, threads or GPU, and the processes when there were several."""
    where = (torch.cuda.get_device_name() if device == "cuda" else f"{torch.get_num_threads()} threads")
    processes = f"{ranks.world} processes (DDP, {'nccl' if device == 'cuda' else 'gloo'}) x " if ranks.distributed else ""
    return f"{platform.machine()}, {processes}{where}, torch {torch.__version__}"


def _split(cfg: TrainConfig) -> tuple[list, list]:
    """The corpus's books less `--exclude`, split into training and validation books."""
    books = [b for b in load_books(cfg.corpus) if not any(fnmatch(b.name, pat) for pat in cfg.exclude)]
    if len(books) < 2:
        raise ValueError(f"{cfg.corpus}: need at least 2 books (one is held out for validation)")
    return split_books(books, val_fraction=cfg.val_fraction, seed=cfg.seed)


def _noise(lexicon: Lexicon, mix: str = "") -> NoiseConfig:
    """Misspellings should be non-words (a slip that makes a real word is a word-choice error),
    and verbs are those of the training books; the mixture is `mix` (`noise.parse_mix`)."""
    return for_corpus(lexicon.counts).mixed(mix)


def _init_from(cfg: TrainConfig) -> tuple[dict | None, dict]:
    """The weights and training summary of the model `cfg.init_from` (None, {} without one);
    `cfg.model` takes that model's shape, which the weights need."""
    if cfg.init_from is None:
        return None, {}
    folder = Path(cfg.init_from)
    if not (folder / TOKENIZER_FILE).is_file() or not (folder / "config.json").is_file():
        raise ValueError(f"{folder}: not a model folder (no {TOKENIZER_FILE} or config.json) to start from")
    model, config = load_tagger(folder)
    shape = ModelConfig.from_dict(config)
    cfg.model = shape
    summary_path = folder / METRICS_FILE
    summary = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.is_file() else {}
    summary.setdefault("version", config.get("version"))
    return model.state_dict(), summary


def _calibrate(cfg: TrainConfig, val_books, noise: NoiseConfig, work: Path, say) -> tuple[dict, dict]:
    """Choose the thresholds of the model in `cfg.out` on a synthetic validation set drawn
    from `val_books` (written to `work`), and write them to the folder."""
    valset = build_valset(val_books, n_paragraphs=cfg.val_paragraphs, seed=cfg.seed, config=noise)
    with open(work / VALSET_FILE, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(item, ensure_ascii=False) + "\n" for item in valset)
    (cfg.out / THRESHOLDS_FILE).write_text(json.dumps({}), encoding="utf-8")
    detector = ModelDetector(cfg.out)
    t0 = time.perf_counter()
    # Clean paragraphs too: most of a manuscript is right, and every flag there is a false alarm.
    clean = cfg.val_paragraphs // 2 if cfg.clean_paragraphs is None else cfg.clean_paragraphs
    calibration = valset + clean_items(val_books, clean, seed=cfg.seed)
    # Each paragraph read twice: as part of its whole book (a writer checking a manuscript:
    # the book's names and coinages recur) and alone (a passage checked by itself).
    val_counts = BookLexicons(val_books)
    book_counts = {b.name: val_counts.document_counts(b.name) for b in val_books}
    cached = cache_items(detector, calibration, book_counts) + cache_items(detector, calibration)
    thresholds, val_metrics = calibrate(cached, min_precision=cfg.min_precision)
    (cfg.out / THRESHOLDS_FILE).write_text(json.dumps(thresholds, indent=1), encoding="utf-8")
    say(f"thresholds calibrated in {time.perf_counter() - t0:.0f} s: {val_metrics}")
    return thresholds, val_metrics


def recalibrate(cfg: TrainConfig, say=print) -> dict:
    """Only the last stage of `run`, on the model folder `cfg.out` already holds: its
    thresholds chosen again with this code's decoding and lookups, on the synthetic set `run`
    draws (same corpus, `--exclude`, split and seeds; the noise judged by the folder's own
    lexicon, which `run` counted on the same training books). Weights, tokenizer, lexicon
    and pair table stay as they are; the folder gets a new version stamp (its flags change),
    and its summary and card record the recalibration. A folder made before `learn`'s replay
    sample existed gets the one `run` would have written (same training books and seed)."""
    summary_path = cfg.out / METRICS_FILE
    if not summary_path.is_file():
        raise ValueError(f"{cfg.out}: no {METRICS_FILE}; --calibrate-only needs a folder `train` made")
    started = time.perf_counter()
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    train_books, val_books = _split(cfg)
    if [b.name for b in val_books] != summary["validation_books"]:
        raise ValueError(f"{cfg.corpus}: the split gives other validation books than the model's "
                         f"({', '.join(summary['validation_books'])}); use its corpus, --exclude and --seed")
    if not (cfg.out / REPLAY_FILE).is_file():
        write_replay(train_books, cfg.out, seed=cfg.seed)
    noise = _noise(Lexicon.load(cfg.out / LEXICON_FILE), cfg.noise or summary.get("noise", ""))
    work = _work_dir(cfg.out)
    work.mkdir(parents=True, exist_ok=True)
    thresholds, val_metrics = _calibrate(cfg, val_books, noise, work, say)
    config_path = cfg.out / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    version = f"alm-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}"
    summary["recalibrations"] = summary.get("recalibrations", []) + [{
        "command": cfg.command, "from_version": config.get("version"), "version": version,
        "seconds": round(time.perf_counter() - started, 1),
    }]
    config["version"] = summary["version"] = version
    summary["thresholds"], summary["validation"] = thresholds, val_metrics
    config_path.write_text(json.dumps(config, indent=1), encoding="utf-8")
    summary_path.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    (cfg.out / CARD_FILE).write_text(model_card(summary), encoding="utf-8")
    return summary


def clean_items(books, n: int, seed: int, min_words: int = 40) -> list[dict]:
    """`n` untouched validation paragraphs as eval-shaped items with no errors."""
    pool = [(b.name, p.text) for b in books for p in b.paragraphs
            if not p.is_heading and len(p.text.split()) >= min_words]
    rng = random.Random(seed + 2)
    return [{"id": f"clean-{i}", "category": "clean", "source": name, "text": t, "errors": []}
            for i, (name, t) in enumerate(rng.sample(pool, min(n, len(pool))))]


def _precision(s: dict) -> str:
    """The arithmetic training used, as asked for (`--precision`) and as it resolved."""
    asked = s["loop"].get("precision", "fp32")
    used = s.get("autocast") or ("bf16 autocast" if asked == "bf16" else "fp32" if asked == "fp32" else None)
    return f"precision {asked}" + (f" (ran as {used})" if used and asked == "auto" else "")


def model_card(s: dict) -> str:
    """A human-readable record of how this model was made and how it scored on validation."""
    m, v = s["model"], s["validation"]
    return f"""# galleyproof model {s['version']}

A bidirectional transformer token tagger trained from scratch by `galleyproof train`.

## Made by
```
{s['command']}
```
Seed {s['seed']}; {s['machine']}; training {s['training_seconds'] / 60:.1f} min, whole pipeline
{s['pipeline_seconds'] / 60:.1f} min.

## Data
Corpus `{s['corpus']}`, split by book; books left out by `--exclude`: {', '.join(s['excluded']) or 'none'}. Training books ({len(s['train_books'])}):
{', '.join(s['train_books'])}.
Validation books ({len(s['validation_books'])}): {', '.join(s['validation_books'])}.
Errors are synthetic (`galleyproof.noise`), drawn fresh for every batch; noise mixture
{s.get('noise', 'default')}{_mix_settings(s.get('noise', 'default'))}.
{_started_from(s)}
## Model
{m['n_layer']} layers x {m['n_embd']} wide, {m['n_head']} heads, SwiGLU {m['ffn_mult']}x, RoPE,
RMSNorm, window {m['max_len']} tokens, vocabulary {m['vocab_size']} (own byte-level BPE),
{s['parameters']:,} parameters. Each token also reads its word's corpus-count bucket{
    ' (and whether the English word list has a word the corpus lacks)' if m.get('dictionary_bucket') else ''}. Steps {s['loop']['steps']}, batch {s['loop']['batch_size']} window rows
({'packed with whole paragraphs, attention kept inside each' if s['loop'].get('pack') else 'one paragraph each'}),
{_precision(s)},
AdamW lr {s['loop']['lr']} with warm-up and cosine decay.
Final training loss {s['final_log'].get('loss', float('nan')):.4f}, validation loss
{s['final_log'].get('val_loss', float('nan')):.4f}.

## Thresholds (calibrated on the synthetic validation set plus clean validation paragraphs)
{json.dumps(s['thresholds'])}

Synthetic validation at those thresholds: precision {v['precision']:.3f}, recall {v['recall']:.3f},
F0.5 {v['f']:.3f} (TP {v['tp']}, FP {v['fp']}, FN {v['fn']}).
Scores on the public eval set are in the project's BENCHMARKS.md.
{_recalibrations(s)}"""


def _mix_settings(name: str) -> str:
    return f" ({MIXES[name]})" if MIXES.get(name) else ""


def _started_from(s: dict) -> str:
    """The card's record of the model a fine-tuning run started from, and how that was made."""
    init = s.get("init_from")
    if not init:
        return ""
    made = [init.get("command")] + [r["command"] for r in init.get("recalibrations", [])]
    lines = "\n".join(f"    {c}" for c in made if c)
    return (f"\nStarted from model {init['version']} (`{init['path']}`), itself made by:\n{lines}\n"
            "and trained on from its weights for the steps below.\n")


def _recalibrations(s: dict) -> str:
    """The card's record of thresholds chosen again on the same weights (`--calibrate-only`)."""
    rows = s.get("recalibrations", [])
    if not rows:
        return ""
    lines = [f"- `{r['command']}`: {r['from_version']} -> {r['version']} ({r['seconds']:.0f} s)" for r in rows]
    return ("\n## Recalibrated\nThe weights above, thresholds chosen again with later decoding and lookup code:\n"
            + "\n".join(lines) + "\n")
