"""Toy books for the training tests: a few paragraphs of sentences drawn from a small word
list, enough for a tiny model to learn the look of clean prose in seconds."""

import random

WORDS = (
    "the old man walked slowly along the quiet road towards the village and his dog followed him "
    "while the evening light fell upon the fields and the river ran cold beside the path"
).split()


def write_books(folder, n_books=3, paragraphs=30, seed=0):
    """`n_books` .txt files of `paragraphs` paragraphs of 12 sentences each, in `folder`."""
    rng = random.Random(seed)
    folder.mkdir()
    for b in range(n_books):
        paras = []
        for _ in range(paragraphs):
            sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 14))).capitalize() + "."
                         for _ in range(12)]
            paras.append(" ".join(sentences))
        (folder / f"book{b}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
