"""`galleyproof train`: tokenizer and model from scratch, on a CPU."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Optional

import typer

from galleyproof.cli.common import fail


def train(
    corpus: Path = typer.Option(..., "--corpus", help="Folder of .txt books (any Gutenberg texts)."),
    out: Path = typer.Option(..., "--out", help="Model folder to write (checkpoints go in OUT.work/)."),
    tokenizer: Path = typer.Option(None, "--tokenizer", help="Use this tokenizer.json instead of training one."),
    exclude: list[str] = typer.Option([], "--exclude", help="Leave out books whose name matches (glob; repeatable)."),
    vocab_size: int = typer.Option(8192, "--vocab-size", help="BPE vocabulary size when training a tokenizer."),
    layers: int = typer.Option(4, "--layers"),
    width: int = typer.Option(192, "--width", help="Embedding width."),
    heads: int = typer.Option(6, "--heads"),
    max_len: int = typer.Option(128, "--max-len", help="Tokens per training window."),
    steps: int = typer.Option(4500, "--steps"),
    batch_size: int = typer.Option(64, "--batch-size", help="Window rows per step (each packed with paragraphs)."),
    pack: bool = typer.Option(True, "--pack/--no-pack", help="Several paragraphs per window row."),
    precision: str = typer.Option("auto", "--precision", help="auto, bf16 or fp32 (auto: bf16 if the CPU has it)."),
    lr: float = typer.Option(1.5e-3, "--lr", help="Peak learning rate."),
    missing_weight: float = typer.Option(
        1.0, "--missing-weight", help="Loss weight of the missing-word label (1: as every other label)."),
    seed: int = typer.Option(0, "--seed"),
    threads: int = typer.Option(0, "--threads", help="Torch threads per process (0: the cores shared among them)."),
    nproc: int = typer.Option(
        1, "--nproc", min=1, help="Training processes on this machine (DistributedDataParallel); each makes "
        "BATCH_SIZE / NPROC rows of every step, so the step and the learning-rate schedule stay those of one "
        "process. Under torchrun, its own process count rules."),
    device: str = typer.Option("cpu", "--device", help="cpu, or cuda: each process its own GPU, bf16 autocast "
                               "unless --precision fp32; the exported model is the same numpy folder."),
    val_paragraphs: int = typer.Option(400, "--val-paragraphs", help="Synthetic validation paragraphs for thresholds."),
    clean_paragraphs: Optional[int] = typer.Option(
        None, "--clean-paragraphs", min=0, help="Untouched validation paragraphs calibrated on beside the "
        "synthetic ones, where every flag is a false alarm (default: half --val-paragraphs).", show_default=False),
    noise: str = typer.Option(
        "default", "--noise", help="Noise mixture: 'default', 'real' (shaped like real writers' errors), or "
        "settings such as 'punctuation=2,missing_word.article=3' (generator=weight, generator.kind=weight)."),
    init_from: Optional[Path] = typer.Option(
        None, "--init-from", help="Start from this model folder's weights, tokenizer and shape (fine-tuning) "
        "instead of from scratch; --steps and --lr are this run's.", show_default=False),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar."),
    calibrate_only: bool = typer.Option(
        False, "--calibrate-only",
        help="Only choose the thresholds again for the model already in OUT (same corpus, --exclude and --seed).",
    ),
) -> None:
    """Train the proofreading model from raw text: split, tokenizer, noise, training, export,
    threshold calibration and a model card. Re-running the same command resumes, with any
    --nproc; with --calibrate-only, only the thresholds of the model in OUT are chosen again
    (after the decoding or lookup code changed), under a new version stamp."""
    try:
        # Imported when the command runs, not when any command starts (start-up time).
        from galleyproof.model.tagger import ModelConfig
        from galleyproof.training.distributed import RankFailed
        from galleyproof.training.loop import LoopConfig
        from galleyproof.training.pipeline import TrainConfig, run
    except ImportError as err:
        raise fail(f"training needs PyTorch ({err}); see README, 'Training'") from None
    # Imported when the command runs, not when any command starts (start-up time).
    from galleyproof.corpus import HeldOutCorpusError
    from galleyproof.noise import parse_mix

    try:
        parse_mix(noise)
    except ValueError as err:
        raise fail(str(err)) from None

    cfg = TrainConfig(
        corpus=corpus,
        out=out,
        tokenizer=tokenizer,
        exclude=tuple(exclude),
        vocab_size=vocab_size,
        seed=seed,
        model=ModelConfig(n_layer=layers, n_embd=width, n_head=heads, max_len=max_len),
        loop=LoopConfig(
            steps=steps, batch_size=batch_size, lr=lr, threads=threads, pack=pack, precision=precision,
            missing_weight=missing_weight, device=device,
        ),
        val_paragraphs=val_paragraphs,
        clean_paragraphs=clean_paragraphs,
        command="galleyproof " + shlex.join(sys.argv[1:]),
        calibrate_only=calibrate_only,
        nproc=nproc,
        noise="" if noise == "default" else noise,
        init_from=init_from,
    )
    try:
        summary = run(cfg, show_progress=not quiet, say=typer.echo)
    except (HeldOutCorpusError, ValueError, OSError, RankFailed) as err:
        raise fail(str(err)) from None
    if summary is None:  # a process torchrun started, other than rank 0: rank 0 reports
        return
    # A recalibration keeps the training run's summary; its own time is its record's.
    seconds = summary["recalibrations"][-1]["seconds"] if calibrate_only else summary["pipeline_seconds"]
    typer.echo(f"model {summary['version']} written to {out} ({seconds / 60:.1f} min)")
