"""How many flags on a novel carry a generic message ("This may be ungrammatical ..."), per book.

    uv run python benchmarks/messages.py [--chars 60000] [--books NAME ...] [--show 5]

A stretch of each book (`--chars` characters from a paragraph a tenth of the way in, a few
chapters, past the front matter) is checked by the shipped model as `galleyproof check`
checks it, with no writer's filter. A message is generic when it is the category's fallback
(`model.detector.MESSAGES`), which says neither what is wrong nor where. The books are
validation books of the shipped model (held out of its training), never reserved or eval ones.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from pathlib import Path

from galleyproof.model.detector import MESSAGES
from galleyproof.model.versions import shipped_model_dir
from galleyproof.proofreader import Proofreader
from galleyproof.text.io import read_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "train"
BOOKS = ("austen_persuasion", "wells_the_war_of_the_worlds", "crane_the_red_badge_of_courage")
GENERIC = frozenset(MESSAGES.values())
_QUOTED = re.compile(r"“[^”]*”|`[^`]*`")


def stretch(text: str, chars: int) -> str:
    """`chars` characters of `text` from the first paragraph break a tenth of the way in, cut at a paragraph break."""
    start = text.find("\n\n", len(text) // 10)
    start = 0 if start < 0 else start + 2
    end = text.find("\n\n", start + chars)
    return text[start : end if end > 0 else len(text)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--books", nargs="+", default=list(BOOKS))
    parser.add_argument("--chars", type=int, default=60_000)
    parser.add_argument("--model", type=Path, default=shipped_model_dir())
    parser.add_argument("--show", type=int, default=0, help="Print this many flags of each message kind.")
    args = parser.parse_args()

    detector = Proofreader.from_dir(args.model)
    print(f"{'book':34s} {'words':>7s} {'flags':>6s} {'generic':>8s} {'share':>6s} {'seconds':>8s}")
    total = generic_total = 0
    kinds: Counter[str] = Counter()
    shown: dict[str, list[str]] = {}
    for name in args.books:
        text = stretch(read_text(args.corpus / f"{name}.txt"), args.chars)
        started = time.perf_counter()
        issues = detector.check(text)
        seconds = time.perf_counter() - started
        generic = [i for i in issues if i.message in GENERIC]
        total += len(issues)
        generic_total += len(generic)
        for issue in issues:
            kind = issue.message if issue.message in GENERIC else _kind(issue.message)
            kinds[kind] += 1
            context = text[max(0, issue.start - 30) : issue.end + 30].replace("\n", " ")
            shown.setdefault(kind, []).append(f"    {issue.message}  | …{context}…  → {' | '.join(issue.suggestions[:3])}")
        share = len(generic) / max(len(issues), 1)
        print(f"{name:34s} {len(text.split()):7d} {len(issues):6d} {len(generic):8d} {share:6.1%} {seconds:8.1f}")
    print(f"{'all':34s} {'':7s} {total:6d} {generic_total:8d} {generic_total / max(total, 1):6.1%}")
    print("\nmessages by kind:")
    for kind, n in kinds.most_common():
        print(f"{n:6d}  {kind}")
        for line in shown[kind][: args.show]:
            print(line)


def _kind(message: str) -> str:
    """A message with its quoted words blanked, so messages of one form count together."""
    return _QUOTED.sub("`…`", message)


if __name__ == "__main__":
    main()
