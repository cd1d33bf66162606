"""A tiny random model folder, complete as `ModelDetector` needs it, built in about a second."""

import json

import pytest

from galleyproof.english.lexicon import Lexicon
from galleyproof.model.numpy_tagger import export_weights
from galleyproof.model.tokenizer import Tokenizer

PROSE = [
    "The old house stood at the end of the lane, and nobody had lived in it for years.",
    "Mara walked to the gate every morning, looked at the dark windows, and went home again.",
    "One day she found the door open, and a smell of bread came from the kitchen inside.",
    "She called out, but nobody answered, so she stepped over the threshold and waited.",
    "Tobin, the baker from the village, was kneading dough at the long table by the fire.",
]


def make_tiny_model(folder, seed=0, threshold=0.3):
    """Export a 2-layer, 32-wide random `Tagger` with its tokenizer, lexicon and thresholds.

    Random weights put ~0.75 of every token's mass on error labels, so a low threshold
    makes it flag nearly everything: learning then has something to unlearn.
    """
    torch = pytest.importorskip("torch")
    from galleyproof.model.tagger import ModelConfig, Tagger

    tokenizer = Tokenizer.train(PROSE * 20, vocab_size=320)
    torch.manual_seed(seed)
    cfg = ModelConfig(vocab_size=tokenizer.vocab_size, n_layer=2, n_head=2, n_embd=32, max_len=64)
    export_weights(Tagger(cfg).state_dict(), cfg.to_dict() | {"version": "tiny-0"}, folder)
    tokenizer.save(folder / "tokenizer.json")
    Lexicon.from_texts(PROSE, min_count=1).save(folder / "lexicon.tsv.gz")
    keys = ("spelling", "word_choice", "punctuation", "whitespace", "capitalization", "grammar", "missing")
    (folder / "thresholds.json").write_text(json.dumps({k: threshold for k in keys}), encoding="utf-8")
    return folder
