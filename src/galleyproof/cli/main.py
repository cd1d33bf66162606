"""The `galleyproof` command: wires each command group's Typer app into one."""

from __future__ import annotations

from importlib import metadata

import typer

from galleyproof.cli import (
    check,
    corpus,
    dictionary,
    evaluate,
    feedback,
    learn,
    lexicon,
    model,
    noise,
    project,
    rules,
    serve,
    stats,
    tokenizer,
    train,
)

app = typer.Typer(
    name="galleyproof",
    help="An offline proofreader for English prose: flags suspect spans with a category, "
    "a message and suggestions.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"galleyproof {metadata.version('galleyproof')}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """An offline proofreader for English prose: flags suspect spans with a category, a message and suggestions."""

app.command("check")(check.check)
app.command("init")(project.init)
app.command("eval")(evaluate.evaluate)
app.command("stats")(stats.stats)
app.command("rules")(rules.rules)
app.command("train")(train.train)
app.add_typer(lexicon.app, name="lexicon")
app.add_typer(corpus.app, name="corpus")
app.add_typer(tokenizer.app, name="tokenizer")
app.add_typer(noise.app, name="noise")
app.add_typer(feedback.app, name="feedback")
app.add_typer(dictionary.app, name="dict")
app.add_typer(model.app, name="model")
app.command("learn")(learn.learn)
app.command("serve")(serve.serve)
