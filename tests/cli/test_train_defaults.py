"""`galleyproof train --corpus DIR --out DIR` trains what ships: its defaults are the shipped
model's recipe, as its training summary records the command."""

import inspect
import json
import shlex

from galleyproof.cli.train import train
from galleyproof.model.versions import shipped_model_dir

#: Options of the shipped command that are where and how, not what: the corpus, the folder,
#: the book kept out for the learning benchmark, the progress bar.
NOT_RECIPE = {"--corpus", "--out", "--exclude", "--quiet"}


def test_the_defaults_are_the_shipped_recipe():
    command = json.loads((shipped_model_dir() / "training_summary.json").read_text(encoding="utf-8"))["command"]
    words = shlex.split(command)[2:]
    defaults = {}
    for param in inspect.signature(train).parameters.values():
        option = param.default
        for name in getattr(option, "param_decls", ()) or ():
            if name.startswith("--"):
                defaults[name] = option.default
    recipe = {}
    for i, word in enumerate(words):
        if word.startswith("--") and word not in NOT_RECIPE and i + 1 < len(words) and not words[i + 1].startswith("--"):
            recipe[word] = words[i + 1]
    assert recipe, command
    for name, value in recipe.items():
        assert type(defaults[name])(value) == defaults[name], f"{name}: default {defaults[name]}, shipped {value}"
