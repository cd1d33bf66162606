"""galleyproof: an offline proofreader for English prose.

    >>> import galleyproof
    >>> for issue in galleyproof.check("They were rough in there manners."):
    ...     print(issue.start, issue.end, issue.category, issue.rule, issue.suggestions[0])
    19 24 word_choice confusions their

`check(text)` finds what `galleyproof check` finds (the active model, the writer's dictionary
and rejections); `Proofreader` is for repeated use with options: `Proofreader.from_dir(folder,
threads=2)` for a model folder with no writer's filter, `load_default(threads=..., cache=...)`
for what the command runs. Each `Issue` holds `start`, `end` (Python str offsets into the text),
`category`, `rule`, `message`, `suggestions`, `score`.
"""

import os

__version__ = "0.1.0"
__all__ = ["Issue", "Proofreader", "check", "load_default"]

# numpy's BLAS threads busy-wait: on a loaded machine several of them slow inference many
# times over. One per process unless the user sets OPENBLAS_NUM_THREADS.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def __getattr__(name: str):
    """The API's names, loaded on first use, not on `import galleyproof`: the CLI imports this
    package for every command, most of which check nothing (start-up time)."""
    if name == "Issue":
        # Loaded on first use (start-up time).
        from galleyproof.issues import Issue

        return Issue
    if name in ("Proofreader", "check", "load_default"):
        # Loaded on first use (start-up time).
        from galleyproof import proofreader

        return getattr(proofreader, name)
    raise AttributeError(f"module 'galleyproof' has no attribute {name!r}")
