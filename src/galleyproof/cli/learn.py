"""`galleyproof learn`: fine-tune on the recorded decisions, keep the result only if it is no worse."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from galleyproof.cli.common import fail
from galleyproof.config import ConfigError, settings_for
from galleyproof.model.sensitivity import SENSITIVITIES


def learn(
    eval_file: Optional[Path] = typer.Option(
        None, "--eval", help="Eval JSONL for the recall gate; without it the gate checks the decisions only."
    ),
    force: bool = typer.Option(False, "--force", help="Keep the new version even if the gate refuses it."),
    steps: int = typer.Option(300, "--steps", help="Training steps, at most."),
    max_seconds: float = typer.Option(180.0, "--max-seconds", help="Stop training after this long."),
    blocks: int = typer.Option(1, "--blocks", help="How many of the last transformer blocks to train."),
    lr: float = typer.Option(1e-5, "--lr", help="Peak learning rate."),
    min_honoured: float = typer.Option(
        0.9, "--min-honoured", help="Share of rejected spans `check` must no longer flag with the new model "
        "(the model behind your filter; what the model alone learned is reported, not gated)."
    ),
    min_kept: float = typer.Option(0.9, "--min-kept", help="Share of accepted errors it must still flag."),
    seed: int = typer.Option(0, "--seed"),
    sensitivity: Optional[str] = typer.Option(
        None, "--sensitivity", help="The sensitivity you check at (thorough or precise): the gate judges the new "
        "version's flags there. Default: the galleyproof.toml of this folder or above, else thorough, as `check`."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Train a new model version on your accepted and rejected flags, mixed with replayed
    synthetic errors, then gate it. Exit 0: kept and made active; 1: refused; 2: bad input."""
    try:
        # Imported when the command runs, not when any command starts (start-up time).
        from galleyproof.training.learn import LearnConfig, NothingToLearn
        from galleyproof.training.learn import learn as run_learn
    except ImportError as err:
        raise fail(f"learning needs PyTorch (pip install 'galleyproof[train]'): {err}") from None
    # Imported when the command runs, not when any command starts (start-up time).
    from galleyproof.model.files import ModelFilesError
    from galleyproof.text.io import InputError

    if sensitivity is None:  # the writer's project setting, as `check` run here would use it
        try:
            sensitivity = settings_for(Path.cwd()).sensitivity
        except ConfigError as err:
            raise fail(str(err)) from None
    if sensitivity not in SENSITIVITIES:
        raise fail(f"unknown sensitivity {sensitivity!r}; known: {', '.join(SENSITIVITIES)}")
    cfg = LearnConfig(steps=steps, max_seconds=max_seconds, blocks=blocks, lr=lr, seed=seed,
                      eval_path=eval_file, min_rejected_honoured=min_honoured,
                      min_accepted_kept=min_kept, force=force, sensitivity=sensitivity)
    say = (lambda _: None) if as_json else typer.echo
    try:
        result = run_learn(cfg, say=say)
    except NothingToLearn as err:
        raise fail(str(err)) from None
    except (InputError, ModelFilesError) as err:
        raise fail(str(err)) from None
    except OSError as err:
        raise fail(f"cannot load the model: {err}") from None
    g = result.gate
    if as_json:
        typer.echo(json.dumps({"version": result.version, "parent": result.parent, "kept": result.kept,
                               "steps": result.steps, "seconds": result.seconds, "decisions": result.decisions,
                               "replay_paragraphs": result.replay_paragraphs,
                               "voice_paragraphs": result.voice_paragraphs,
                               "threshold_matching": result.threshold_matching, "warnings": result.warnings,
                               "gate": g.to_json()}, indent=1))
    else:
        for w in result.warnings:
            typer.echo(f"warning: {w}", err=True)
        typer.echo(f"gate, decisions: rejected spans no longer flagged (model + your filter) "
                   f"{g.rejected_honoured_before}/{g.rejected} → {g.rejected_honoured}/{g.rejected} "
                   f"(need {g.min_rejected_honoured:.0%}; by the model alone {g.rejected_learned_before} → "
                   f"{g.rejected_learned}, not gated); accepted still flagged "
                   f"{g.accepted_kept_before}/{g.accepted} → {g.accepted_kept}/{g.accepted} "
                   f"(need {g.min_accepted_kept:.0%}): "
                   + ("pass" if g.decisions_pass else "FAIL"))
        typer.echo(f"gate, flags ({g.sensitivity}, with your filter) on {g.unseen_paragraphs} of your paragraphs it "
                   f"never trained on: {g.flags_before} → {g.flags_after} (need no more): "
                   + ("pass" if g.alarms_pass else "FAIL"))
        if result.voice_paragraphs:
            typer.echo(f"read as your voice: {result.voice_paragraphs} flagged paragraphs of documents where you "
                       "rejected nearly every flag, trained on as written")
        m = result.threshold_matching
        if m:
            typer.echo(f"thresholds x{m['scale']}: synthetic recall on {m['items']} held-out paragraphs of yours "
                       f"{m['parent_recall']:.3f} (parent) → {m['recall']:.3f}")
            if m.get("raised"):
                (freed_before, freed), (recall_before, recall) = m["rejections_freed"], m["raise_recall"]
                typer.echo("raised for the kinds of flag you rejected: "
                           + ", ".join(f"{k} {a:.2f} → {b:.2f}" for k, (a, b) in m["raised"].items())
                           + f" (rejected spans no longer flagged {freed_before} → {freed}; "
                           f"synthetic recall {recall_before:.3f} → {recall:.3f})")
        if g.eval_pass is None:
            typer.echo("gate, eval: skipped (no --eval)")
        else:
            typer.echo(f"gate, eval on {g.eval_path}: recall {g.recall_before:.3f} → {g.recall_after:.3f} "
                       f"({g.recall_delta:+.3f}); McNemar b={g.mcnemar_b} c={g.mcnemar_c} p={g.p_value:.3g} "
                       f"(pass: drop ≤ {g.max_recall_drop}, and p ≥ {g.alpha} if it dropped at all): "
                       + ("pass" if g.eval_pass else "FAIL"))
        if result.kept:
            forced = "" if g.passed else " despite the gate (--force)"
            typer.echo(f"kept {result.version} (parent {result.parent}){forced}; "
                       f"now active. `galleyproof model rollback` undoes it.")
        else:
            typer.echo(f"refused {result.version}: the gate failed; {result.parent} stays active "
                       "(--force keeps it anyway)")
    raise typer.Exit(0 if result.kept else 1)
