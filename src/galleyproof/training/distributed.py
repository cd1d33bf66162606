"""Training in several processes, on one machine or many, with PyTorch's own engine.

`galleyproof train --nproc N` starts N processes here (`torch.multiprocessing` spawn, a
rendezvous on a free local port); `torchrun` starts them itself and says so in the
environment (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR...). Either way every process runs
the same training loop under DistributedDataParallel: `gloo` between CPUs, `nccl`
between GPUs. Rank 0 alone writes; the others only compute.
"""

from __future__ import annotations

import os
import re
import socket
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.distributed as dist
import torch.multiprocessing as mp


@dataclass(frozen=True)
class Ranks:
    """Where this process stands among those training together."""

    rank: int = 0
    world: int = 1
    local_rank: int = 0  # its number on its own machine
    local_world: int = 1  # processes on its own machine

    @property
    def main(self) -> bool:
        """Rank 0: the one that writes checkpoints, the log and the model."""
        return self.rank == 0

    @property
    def distributed(self) -> bool:
        return self.world > 1


SINGLE = Ranks()


class RankFailed(RuntimeError):
    """One training process failed; the others were stopped."""


def launched_by_torchrun() -> bool:
    """True in a process `torchrun` (or any launcher setting its variables) started."""
    return all(name in os.environ for name in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT"))


def backend(device: str) -> str:
    return "nccl" if device == "cuda" else "gloo"


def torch_device(device: str, ranks: Ranks) -> torch.device:
    """The device this rank computes on: its own GPU (by local rank) or the CPU."""
    if device == "cuda":
        if not torch.cuda.is_available():
            raise ValueError("--device cuda: no GPU here (or this torch was built without CUDA)")
        return torch.device("cuda", ranks.local_rank % torch.cuda.device_count())
    if device != "cpu":
        raise ValueError(f"device must be cpu or cuda, not {device!r}")
    return torch.device("cpu")


def cpu_threads(ranks: Ranks, asked: int) -> int:
    """Torch threads per process: as asked, else the machine's cores shared among its processes."""
    if asked:
        return asked
    return max(1, (os.cpu_count() or 1) // ranks.local_world)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _entry(rank: int, world: int, port: int, device: str, failures: str, fn: Callable, args: tuple) -> None:
    """One spawned process: join the group, run `fn(ranks, *args)`, leave. A failure is noted
    in `failures` with its time: the first to fail is the cause, the others (a peer gone from
    a collective) its consequence."""
    ranks = Ranks(rank=rank, world=world, local_rank=rank, local_world=world)
    try:
        if device == "cuda":
            torch.cuda.set_device(torch_device(device, ranks))
        dist.init_process_group(backend(device), init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=world)
    except BaseException as err:
        _note_failure(failures, rank, err)
        raise
    try:
        fn(ranks, *args)
    except BaseException as err:
        _note_failure(failures, rank, err)  # before leaving the group: that is what the others notice
        raise
    finally:
        dist.destroy_process_group()


def _note_failure(failures: str, rank: int, err: BaseException) -> None:
    lines = "".join(traceback.format_exception_only(type(err), err)).strip().splitlines()
    (Path(failures) / str(rank)).write_text(f"{time.time()!r}\n{lines[0] if lines else type(err).__name__}")


def spawn(fn: Callable, nproc: int, device: str, args: tuple) -> None:
    """Run `fn(ranks, *args)` in `nproc` new processes on this machine and wait for them all.

    If one fails, `torch.multiprocessing` stops the others; this raises `RankFailed` naming
    the process that failed first and its error (the last checkpoint stays, and the same
    command resumes)."""
    with tempfile.TemporaryDirectory(prefix="galleyproof-ranks-") as failures:
        try:
            mp.spawn(_entry, args=(nproc, _free_port(), device, failures, fn, args), nprocs=nproc, join=True)
        except mp.ProcessRaisedException as err:
            rank, line = _first_failure(failures) or (err.error_index, _error_line(str(err)))
            raise RankFailed(f"training process {rank} of {nproc} failed, so the others were stopped: {line}") from None
        except mp.ProcessExitedException as err:
            first = _first_failure(failures)
            if first:
                raise RankFailed(f"training process {first[0]} of {nproc} failed, so the others were stopped: "
                                 f"{first[1]}") from None
            raise RankFailed(f"training process {err.error_index} of {nproc} died (exit code {err.exit_code}), "
                             "so the others were stopped") from None


def _first_failure(failures: str) -> tuple[int, str] | None:
    """(rank, error line) of the process that failed first, as `_entry` noted them."""
    noted = []
    for path in Path(failures).iterdir():
        when, _, line = path.read_text().partition("\n")
        noted.append((float(when), int(path.name), line))
    return tuple(min(noted)[1:]) if noted else None


def _error_line(spawned_traceback: str) -> str:
    """The "Type: message" line that ends a traceback a spawned process sent back."""
    lines = [line for line in spawned_traceback.splitlines() if line.strip()]
    errors = [line for line in lines if re.match(r"[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Failed)\b", line)]
    return (errors or lines or [spawned_traceback])[-1].strip()


def run_under_torchrun(fn: Callable, device: str, args: tuple):
    """Run `fn(ranks, *args)` in a process `torchrun` started: the group from its environment.
    A failure is said with the rank before it propagates; torchrun then stops the others."""
    env = os.environ
    ranks = Ranks(rank=int(env["RANK"]), world=int(env["WORLD_SIZE"]), local_rank=int(env["LOCAL_RANK"]),
                  local_world=int(env.get("LOCAL_WORLD_SIZE", env["WORLD_SIZE"])))
    if device == "cuda":
        torch.cuda.set_device(torch_device(device, ranks))
    dist.init_process_group(backend(device), init_method="env://", rank=ranks.rank, world_size=ranks.world)
    try:
        return fn(ranks, *args)
    except BaseException as err:
        print(f"galleyproof train: process {ranks.rank} of {ranks.world} failed: "
              f"{''.join(traceback.format_exception_only(type(err), err)).strip()}", file=sys.stderr)
        raise
    finally:
        dist.destroy_process_group()


def broadcast(obj, ranks: Ranks):
    """Rank 0's `obj`, on every rank (pickled)."""
    if not ranks.distributed:
        return obj
    box = [obj if ranks.main else None]
    dist.broadcast_object_list(box, src=0)
    return box[0]


def gather(obj, ranks: Ranks) -> list:
    """Every rank's `obj`, in rank order, on every rank."""
    if not ranks.distributed:
        return [obj]
    out = [None] * ranks.world
    dist.all_gather_object(out, obj)
    return out
