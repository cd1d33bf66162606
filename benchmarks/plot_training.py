"""Plot a training log (loss, validation loss, token precision/recall) to a PNG.

    uv run --with matplotlib python benchmarks/plot_training.py MODEL_DIR/train_log.jsonl OUT.png
"""

from __future__ import annotations

import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main() -> None:
    log_path, out = sys.argv[1], sys.argv[2]
    rows = [json.loads(line) for line in open(log_path, encoding="utf-8")]
    val = [r for r in rows if "val_loss" in r]
    fig, (a, b) = plt.subplots(1, 2, figsize=(11, 4))
    a.plot([r["step"] for r in rows], [r["loss"] for r in rows], label="training loss")
    a.plot([r["step"] for r in val], [r["val_loss"] for r in val], "o-", label="validation loss")
    a.set_xlabel("step")
    a.set_ylabel("cross-entropy per token")
    a.set_ylim(0, max(0.2, min(r["loss"] for r in rows) * 3))
    a.legend()
    b.plot([r["step"] for r in val], [r["val_token_precision"] for r in val], "o-", label="token precision")
    b.plot([r["step"] for r in val], [r["val_token_recall"] for r in val], "o-", label="token recall")
    b.set_xlabel("step")
    b.set_ylim(0, 1)
    b.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=100)


if __name__ == "__main__":
    main()
