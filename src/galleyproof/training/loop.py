"""The training loop: AdamW, warm-up then cosine decay, clipping, checkpoints that resume.

The same loop runs in one process or in several under DistributedDataParallel
(`distributed.py` starts them): each rank makes `batch_size / world` rows from its own
seeded stream, the loss is normalised by the whole step's tokens so the averaged gradient is
the one a single process would get from all the rows, and rank 0 alone evaluates, logs and
writes checkpoints. A checkpoint holds every rank's stream state: resumed with as many
processes, a run draws exactly the batches it would have; with another number, each rank's
stream starts afresh from (seed, rank, step).
"""

from __future__ import annotations

import json
import math
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.distributed as dist
import torch.nn.functional as F
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from galleyproof.model.tagger import ModelConfig, Tagger
from galleyproof.model.tagging import LABELS, MISSING
from galleyproof.training.distributed import SINGLE, Ranks, broadcast, cpu_threads, gather, torch_device
from galleyproof.training.examples import ExampleStream, collate, collate_packed

CHECKPOINT = "checkpoint.pt"
LOG = "train_log.jsonl"


@dataclass
class LoopConfig:
    steps: int = 3000
    batch_size: int = 32
    lr: float = 1e-3
    min_lr_ratio: float = 0.1
    warmup_steps: int = 100
    weight_decay: float = 0.05
    grad_clip: float = 1.0
    log_every: int = 25
    eval_every: int = 250
    checkpoint_every: int = 100
    threads: int = 0  # 0: torch's default (all cores)
    pack: bool = True  # several paragraphs per window row (see ExampleStream.packed)
    precision: str = "auto"  # "bf16" autocast, "fp32", or "auto": bf16 where the CPU has it natively
    #: Loss weight of the "a word is missing here" label, the rarest (about one token in 300)
    #: and the one the model finds least of; 1.0 weighs every label alike.
    missing_weight: float = 1.0
    device: str = "cpu"  # "cpu" or "cuda" (each process its own GPU; bf16 autocast unless precision fp32)


def use_bf16(precision: str, device: str = "cpu") -> bool:
    """bf16 autocast pays only on CPUs with native bf16 dot products (AVX512-BF16, AMX);
    elsewhere it is emulated and slower than fp32. On a GPU, "auto" is bf16 where the GPU has
    it. The master weights stay fp32 either way."""
    if precision not in ("auto", "bf16", "fp32"):
        raise ValueError(f"precision must be auto, bf16 or fp32, not {precision!r}")
    if precision == "auto":
        if device == "cuda":
            return torch.cuda.is_available() and torch.cuda.is_bf16_supported()
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    return precision == "bf16"


def rank_seed(seed: int, rank: int):
    """The seed of rank `rank`'s example stream: rank 0 draws what a single process draws."""
    return seed if rank == 0 else f"{seed}/rank{rank}"


def lr_at(step: int, cfg: LoopConfig) -> float:
    """Linear warm-up, then cosine decay to `min_lr_ratio` of the peak."""
    if step < cfg.warmup_steps:
        return cfg.lr * (step + 1) / cfg.warmup_steps
    progress = min((step - cfg.warmup_steps) / max(cfg.steps - cfg.warmup_steps, 1), 1.0)
    return cfg.lr * (cfg.min_lr_ratio + (1 - cfg.min_lr_ratio) * 0.5 * (1 + math.cos(math.pi * progress)))


def _tensors(batch):
    ids, lex, labels, mask = collate(batch)
    return torch.from_numpy(ids), torch.from_numpy(lex), torch.from_numpy(labels), torch.from_numpy(mask)


def _packed_tensors(rows):
    return tuple(torch.from_numpy(a) for a in collate_packed(rows))


class Prefetcher:
    """Makes the next batches on a thread while torch computes this one.

    Noise and tokenising are Python and hold the GIL; torch's kernels release it, so the two
    overlap. Each batch comes with the stream's RNG state right after it was made: saving
    that state in a checkpoint makes a resumed run draw exactly the batches it would have."""

    def __init__(self, make: Callable[[], object], rng_state: Callable[[], object], depth: int = 2) -> None:
        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._make, self._rng_state = make, rng_state
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                item = (self._make(), self._rng_state())
            except BaseException as err:  # surfaced in the training thread
                item = (err, None)
            while not self._stop.is_set():
                try:
                    self._queue.put(item, timeout=0.1)
                    break
                except queue.Full:
                    continue
            if isinstance(item[0], BaseException):
                return

    def next(self):
        batch, state = self._queue.get()
        if isinstance(batch, BaseException):
            raise batch
        return batch, state

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


def evaluate_loss(model: Tagger, val_batches: list, device: torch.device | str = "cpu") -> dict:
    """Validation loss and token-level error detection precision/recall (label != ok)."""
    model.eval()
    total, n, tp, fp, fn = 0.0, 0, 0, 0, 0
    with torch.no_grad():
        for batch in val_batches:
            ids, lex, labels, mask = (t.to(device) for t in _tensors(batch))
            logits = model(ids, lex, mask)
            total += F.cross_entropy(logits.flatten(0, 1), labels.flatten(), ignore_index=-100, reduction="sum").item()
            n += int(mask.sum())
            pred = logits.argmax(-1)
            real = labels != -100
            tp += int(((pred != 0) & (labels > 0) & real).sum())
            fp += int(((pred != 0) & (labels == 0) & real).sum())
            fn += int(((pred == 0) & (labels > 0) & real).sum())
    model.train()
    return {
        "val_loss": total / max(n, 1),
        "val_token_precision": tp / max(tp + fp, 1),
        "val_token_recall": tp / max(tp + fn, 1),
    }


def train(
    model_cfg: ModelConfig,
    loop: LoopConfig,
    stream: ExampleStream,
    val_batches: list,
    out_dir: Path,
    seed: int = 0,
    show_progress: bool = True,
    on_log: Callable[[dict], None] | None = None,
    ranks: Ranks = SINGLE,
    init_state: dict | None = None,
) -> Tagger:
    """Train (or resume from `out_dir/checkpoint.pt`) and return the model; with `init_state`
    (and no checkpoint yet) from those weights instead of random ones (fine-tuning).

    Under several processes (`ranks`, the process group already joined) `stream` is this
    rank's own and `loop.batch_size` the rows of the whole step; only rank 0 writes to `out_dir`
    and evaluates on `val_batches` (the others may pass none)."""
    if loop.batch_size % ranks.world:
        raise ValueError(f"batch size {loop.batch_size} does not split evenly among {ranks.world} processes")
    rows = loop.batch_size // ranks.world
    device = torch_device(loop.device, ranks)
    if ranks.main:
        out_dir.mkdir(parents=True, exist_ok=True)
    if loop.threads or ranks.local_world > 1:
        torch.set_num_threads(cpu_threads(ranks, loop.threads))
    torch.manual_seed(seed)
    bf16 = use_bf16(loop.precision, loop.device)
    model = Tagger(model_cfg).to(device)
    decay = [p for n, p in model.named_parameters() if p.ndim >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.ndim < 2]
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": loop.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=loop.lr,
        betas=(0.9, 0.98),
    )
    step, elapsed = 0, 0.0
    ckpt_path = out_dir / CHECKPOINT
    # Rank 0 reads the checkpoint and hands it to the others (on other machines there is none):
    # the optimizer's moments must be the same everywhere for the weights to stay so.
    ckpt = torch.load(ckpt_path, map_location="cpu", weights_only=False) if ranks.main and ckpt_path.exists() else None
    ckpt = broadcast(ckpt, ranks)
    if ckpt is not None:
        model.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["optimizer"])
        step, elapsed = ckpt["step"], ckpt["elapsed"]
        saved = ckpt.get("stream_rngs", [ckpt["stream_rng"]])
        if len(saved) == ranks.world:  # as many processes as before: the very batches it would have drawn
            stream.rng.setstate(saved[ranks.rank])
        else:  # another number: fresh streams, none repeating what rank 0 or the others drew before
            stream.rng.seed(f"{seed}/rank{ranks.rank}/of{ranks.world}/step{step}")
        torch.set_rng_state(ckpt["torch_rng"])
    elif init_state is not None:
        model.load_state_dict(init_state)
    net = model
    if ranks.distributed:
        # Broadcasts rank 0's weights, then averages gradients during backward.
        net = torch.nn.parallel.DistributedDataParallel(model, device_ids=[device] if device.type == "cuda" else None)
    log_file = open(out_dir / LOG, "a", encoding="utf-8") if ranks.main else None

    def log(record: dict) -> None:
        log_file.write(json.dumps(record) + "\n")
        log_file.flush()
        if on_log:
            on_log(record)

    if loop.pack:
        make = lambda: _packed_tensors(stream.packed(rows))  # noqa: E731
    else:
        make = lambda: (*_tensors(stream.batch(rows)), None)  # noqa: E731
    prefetch = Prefetcher(make, stream.rng.getstate)
    stream_rng = stream.rng.getstate()  # the state after the last batch trained on

    def save() -> None:
        stream_rngs = gather(stream_rng, ranks)  # a collective: every rank calls it
        if not ranks.main:
            return
        tmp = ckpt_path.with_suffix(".tmp")
        torch.save(
            {
                "model": model.state_dict(),
                "optimizer": opt.state_dict(),
                "step": step,
                "elapsed": elapsed,
                "stream_rng": stream_rngs[0],
                "stream_rngs": stream_rngs,
                "world_size": ranks.world,
                "torch_rng": torch.get_rng_state(),
                "model_config": model_cfg.to_dict(),
            },
            tmp,
        )
        tmp.replace(ckpt_path)  # atomic: an interruption never leaves half a checkpoint

    label_weight = None
    if loop.missing_weight != 1.0:
        label_weight = torch.ones(len(LABELS), device=device)
        label_weight[MISSING] = loop.missing_weight
    model.train()
    tokens_seen, window_start, window_tokens, loss_sum, loss_n = 0, time.perf_counter(), 0, 0.0, 0
    columns = (TextColumn("training"), BarColumn(), TextColumn("{task.completed}/{task.total} steps"),
               TextColumn("{task.fields[info]}"), TimeElapsedColumn(), TimeRemainingColumn())
    try:
        with Progress(*columns, disable=not (show_progress and ranks.main), transient=False) as progress:
            task = progress.add_task("train", total=loop.steps, completed=step, info="")
            while step < loop.steps:
                started = time.perf_counter()
                (ids, lex, labels, mask, segments), stream_rng = prefetch.next()
                if device.type != "cpu":
                    ids, lex, labels, mask = (t.to(device, non_blocking=True) for t in (ids, lex, labels, mask))
                    segments = None if segments is None else segments.to(device, non_blocking=True)
                for group in opt.param_groups:
                    group["lr"] = lr_at(step, loop)
                with torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
                    logits = net(ids, lex, mask, segments)
                if ranks.distributed:
                    loss, step_loss = _shared_loss(logits, labels, label_weight, ranks.world)
                else:
                    loss = F.cross_entropy(logits.float().flatten(0, 1), labels.flatten(), weight=label_weight,
                                           ignore_index=-100)
                    step_loss = loss.detach()
                opt.zero_grad(set_to_none=True)
                loss.backward()
                grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), loop.grad_clip)
                opt.step()
                step += 1
                elapsed += time.perf_counter() - started
                n_tokens = int(mask.sum())
                tokens_seen += n_tokens
                window_tokens += n_tokens
                loss_sum += step_loss.item()
                loss_n += 1
                if step % loop.log_every == 0 or step == loop.steps:
                    if ranks.distributed:  # the whole step's loss and tokens: each rank holds its share
                        totals = torch.tensor([loss_sum, float(window_tokens)], dtype=torch.float64, device=device)
                        dist.all_reduce(totals)
                        loss_sum, window_tokens = totals[0].item(), int(totals[1].item())
                    now = time.perf_counter()
                    if ranks.main:
                        record = {
                            "step": step,
                            "loss": loss_sum / loss_n,
                            "lr": lr_at(step - 1, loop),
                            "grad_norm": float(grad_norm),
                            "tokens_per_s": window_tokens / max(now - window_start, 1e-9),
                            "elapsed_s": elapsed,
                        }
                        if ranks.distributed:
                            record["processes"] = ranks.world
                        if step % loop.eval_every == 0 or step == loop.steps:
                            record |= evaluate_loss(model, val_batches, device)
                        log(record)
                        progress.update(task, info=f"loss {record['loss']:.4f} {record['tokens_per_s']:,.0f} tok/s")
                    window_start, window_tokens, loss_sum, loss_n = now, 0, 0.0, 0
                if step % loop.checkpoint_every == 0 or step == loop.steps:
                    save()
                progress.update(task, completed=step)
    finally:
        prefetch.close()
        if log_file:
            log_file.close()
    return model


def _shared_loss(logits, labels, label_weight, world: int):
    """This rank's share of the whole step's loss, and that share's value.

    The step's loss is the (weighted) mean over the tokens of every rank's rows. Each rank
    sums its tokens' losses and divides by the weight of all ranks' tokens; DDP averages the
    gradients (divides by `world`), so the loss backpropagated is `world` times the share."""
    flat = labels.flatten()
    total = F.cross_entropy(logits.float().flatten(0, 1), flat, weight=label_weight, ignore_index=-100,
                            reduction="sum")
    real = flat != -100
    weight = label_weight[flat[real]].sum() if label_weight is not None else real.sum()
    denominator = weight.detach().to(torch.float32).reshape(1)
    dist.all_reduce(denominator)
    share = total / denominator.clamp_min(1e-9)
    return share * world, share.detach()
