"""Synthetic errors for clean prose: the training signal of the proofreading model.

Each generator makes one error of its kind, `(text, rng) -> (new_text, [GoldEdit]) | None`;
`corrupt` composes several per paragraph, never overlapping, with gold spans in the
corrupted text's coordinates. Applying the corrections right to left (`restore`) gives back
the original text exactly.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.verbs import LISTED_VERBS, VerbForms, corpus_verbs
from galleyproof.noise import capitalization, grammar, punctuation, spelling, whitespace, word_choice
from galleyproof.noise import words as missing_extra
from galleyproof.noise.edits import Generator, GoldEdit, restore, weighted_choice
from galleyproof.text.words import iter_words, normalise

__all__ = ["GENERATORS", "KIND_WEIGHTS", "MIXES", "GoldEdit", "NoiseConfig", "corrupt", "default_is_word", "for_corpus", "generator",
           "inject", "parse_mix", "restore", "shipped_noise"]

#: Generator names, the keys of `NoiseConfig.weights` and `.kinds`. The last two are grammar.
GENERATORS: tuple[str, ...] = (
    "spelling",
    "word_choice",
    "punctuation",
    "whitespace",
    "capitalization",
    "grammar",
    "missing_word",
    "extra_word",
)
DEFAULT_WEIGHTS: dict[str, float] = {
    "spelling": 1.0,
    "word_choice": 1.0,
    "punctuation": 1.0,
    "whitespace": 0.5,
    "capitalization": 0.8,
    "grammar": 1.0,
    "missing_word": 0.8,
    "extra_word": 0.8,
}


#: Each generator's own default mixture of kinds: what a `parse_mix` setting of one kind changes.
KIND_WEIGHTS: dict[str, Mapping[str, float]] = {
    "spelling": spelling.WEIGHTS,
    "word_choice": word_choice.WEIGHTS,
    "punctuation": punctuation.WEIGHTS,
    "whitespace": whitespace.WEIGHTS,
    "capitalization": capitalization.WEIGHTS,
    "grammar": grammar.WEIGHTS,
    "missing_word": missing_extra.MISSING_WEIGHTS,
    "extra_word": missing_extra.EXTRA_WEIGHTS,
}

#: Named mixtures for `--noise`. "real": half the default mixture, half the shares of the error
#: types in the real dev sets (cweb_dev and GUM weighed alike, rewordings left out; counts in
#: docs/experiments/real_errors.md): more missing and extra words, commas, word forms and noun
#: number, missing articles; fewer word-choice swaps, which real writers seldom make.
MIXES: dict[str, str] = {
    "default": "",
    "real": ("spelling=1.2,word_choice=0.8,punctuation=1.8,whitespace=0.55,capitalization=0.85,grammar=1.9,"
             "missing_word=1.55,extra_word=1.4,"
             "missing_word.article=2,grammar.noun_number=3,grammar.agreement=3.5,"
             "punctuation.drop_comma=5,punctuation.stray_comma=2.5"),
}


@dataclass(frozen=True)
class NoiseConfig:
    """How much noise and of what sort.

    `errors_per_100_words` is the mean of a Poisson count per paragraph; `clean_fraction` of
    paragraphs are, besides, left untouched. `weights` is the mixture
    of generators, `kinds` overrides the mixture inside one (e.g. ``{"spelling": {"common": 1}}``).
    `is_word` rejects spellings and run-together words that happen to be real words; `verbs`
    are the verbs the grammar kinds inflect wrongly (`for_corpus` adds a corpus's own).
    """

    errors_per_100_words: float = 3.0
    clean_fraction: float = 0.0
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    kinds: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    is_word: Callable[[str], bool] | None = None
    verbs: VerbForms = LISTED_VERBS
    margin: int = 1
    tries: int = 8

    def __post_init__(self) -> None:
        unknown = (set(self.weights) | set(self.kinds)) - set(GENERATORS)
        if unknown:
            raise ValueError(f"unknown generators {sorted(unknown)}; known: {list(GENERATORS)}")
        if not any(w > 0 for w in self.weights.values()):
            raise ValueError("no generator has a positive weight")

    def with_rate(self, errors_per_100_words: float) -> NoiseConfig:
        return replace(self, errors_per_100_words=errors_per_100_words)

    def only(self, name: str) -> NoiseConfig:
        """The same knobs, errors from one generator only."""
        return replace(self, weights={name: 1.0})

    def mixed(self, spec: str) -> NoiseConfig:
        """The same knobs with the mixture `parse_mix(spec)` gives."""
        weights, kinds = parse_mix(spec)
        return replace(self, weights=weights, kinds=kinds)


def parse_mix(spec: str) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """A noise mixture from text: a name of `MIXES`, or comma-separated settings, each
    `generator=weight` (over the default mixture) or `generator.kind=weight` (over that
    generator's default kinds), e.g. ``"real"`` or ``"punctuation=2,grammar.noun_number=3"``.
    Returns `(weights, kinds)` for `NoiseConfig`."""
    spec = MIXES.get(spec.strip(), spec)
    weights, kinds = dict(DEFAULT_WEIGHTS), {}
    for setting in filter(None, (part.strip() for part in spec.split(","))):
        name, eq, value = setting.partition("=")
        try:
            weight = float(value)
        except ValueError:
            weight = -1.0
        if not eq or weight < 0 or math.isnan(weight):
            raise ValueError(f"noise setting {setting!r}: write NAME=WEIGHT (a number >= 0), or one of {sorted(MIXES)}")
        generator_name, dot, kind = name.strip().partition(".")
        if generator_name not in GENERATORS:
            raise ValueError(f"noise setting {setting!r}: unknown generator {generator_name!r}; known: {list(GENERATORS)}")
        if not dot:
            weights[generator_name] = weight
            continue
        own = kinds.setdefault(generator_name, dict(KIND_WEIGHTS[generator_name]))
        if kind not in own:
            raise ValueError(f"noise setting {setting!r}: {generator_name} has no kind {kind!r}; known: {sorted(own)}")
        own[kind] = weight
    for generator_name, own in kinds.items():
        if not any(w > 0 for w in own.values()):
            raise ValueError(f"noise mixture: every kind of {generator_name} has weight 0")
    return weights, kinds


def generator(name: str, config: NoiseConfig = NoiseConfig()) -> Generator:
    """The generator `name` with the config's kind mixture (and `is_word` where it matters)."""
    kinds = config.kinds.get(name)
    is_word = config.is_word
    table: dict[str, Generator] = {
        "spelling": lambda t, r: spelling.generate(t, r, kinds, is_word),
        "word_choice": lambda t, r: word_choice.generate(t, r, kinds, is_word),
        "punctuation": lambda t, r: punctuation.generate(t, r, kinds),
        "whitespace": lambda t, r: whitespace.generate(t, r, kinds, is_word),
        "capitalization": lambda t, r: capitalization.generate(t, r, kinds),
        "grammar": lambda t, r: grammar.generate(t, r, kinds, grammar.kinds_with(config.verbs)),
        "missing_word": lambda t, r: missing_extra.missing_word(t, r, kinds),
        "extra_word": lambda t, r: missing_extra.extra_word(t, r, kinds),
    }
    return table[name]


def inject(text: str, rng: random.Random, n: int, config: NoiseConfig = NoiseConfig()) -> tuple[str, list[GoldEdit]]:
    """Up to `n` errors, generators drawn by `config.weights`; an error that would touch or
    overlap an earlier one (closer than `config.margin`) is drawn again, up to `config.tries`."""
    generators = {name: generator(name, config) for name, w in config.weights.items() if w > 0}
    weights = {name: config.weights[name] for name in generators}
    edits: list[GoldEdit] = []
    for _ in range(n):
        for _ in range(config.tries):
            result = generators[weighted_choice(rng, weights)](text, rng)
            if result is None:
                continue
            new_text, (edit,) = result
            placed = _place(edits, edit, config.margin)
            if placed is not None:
                text, edits = new_text, placed
                break
    return text, sorted(edits, key=lambda e: e.start)


def _place(edits: list[GoldEdit], new: GoldEdit, margin: int) -> list[GoldEdit] | None:
    """`edits` moved into the new text's coordinates plus `new`, or None if they would meet."""
    old_end = new.start + len(new.correct)  # where the changed stretch ended before the change
    shift = len(new.wrong) - len(new.correct)
    placed = [new]
    for e in edits:
        if e.end + margin <= new.start:
            placed.append(e)
        elif e.start >= old_end + margin:
            placed.append(GoldEdit(e.start + shift, e.end + shift, e.category, e.wrong, e.correct, e.kind))
        else:
            return None
    return placed


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: fine for the small means of a paragraph."""
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def corrupt(text: str, rng: random.Random, config: NoiseConfig = NoiseConfig()) -> tuple[str, list[GoldEdit]]:
    """A noisy copy of one paragraph and its gold edits (sorted, non-overlapping)."""
    if rng.random() < config.clean_fraction:
        return text, []
    n_words = sum(1 for _ in iter_words(text))
    return inject(text, rng, _poisson(rng, config.errors_per_100_words * n_words / 100), config)


def for_corpus(counts: Mapping[str, int], min_count: int = 5) -> NoiseConfig:
    """The noise for training on a corpus with these word counts: a misspelling or slip is
    judged a real word if the corpus writes it `min_count` times, and the grammar kinds
    inflect the corpus's own regular verbs as well as the listed ones."""
    return NoiseConfig(is_word=lambda w: counts.get(normalise(w), 0) >= min_count,
                       verbs=VerbForms.of(corpus_verbs(counts)))


def shipped_noise() -> NoiseConfig:
    """`for_corpus` on the shipped lexicon's counts: the noise the default model trained on."""
    return for_corpus(Lexicon.load_default().counts)


def default_is_word(min_count: int = 5) -> Callable[[str], bool]:
    """Real common words: those the shipped lexicon (from the training books) has seen often."""
    lexicon = Lexicon.load_default()
    return lambda word: lexicon.count(word) >= min_count
