"""End to end: a tiny model trained from raw books finds an injected error, and its
exported (numpy) form scores exactly as the torch model does."""

import json
from collections import Counter

import numpy as np
import pytest

pytestmark = pytest.mark.torch
torch = pytest.importorskip("torch")

from toy_books import write_books  # noqa: E402

from galleyproof.model.detector import ModelDetector  # noqa: E402
from galleyproof.model.numpy_tagger import NumpyTagger  # noqa: E402
from galleyproof.model.onnx_tagger import OnnxTagger  # noqa: E402
from galleyproof.model.tagger import ModelConfig, Tagger  # noqa: E402
from galleyproof.text.paragraphs import passages  # noqa: E402
from galleyproof.training.loop import LoopConfig  # noqa: E402
from galleyproof.training.pipeline import TrainConfig, run  # noqa: E402


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    root = tmp_path_factory.mktemp("e2e")
    write_books(root / "corpus")
    cfg = TrainConfig(
        corpus=root / "corpus",
        out=root / "model",
        vocab_size=300,
        val_fraction=0.34,
        model=ModelConfig(n_layer=1, n_head=2, n_embd=32, max_len=64),
        loop=LoopConfig(steps=150, batch_size=16, lr=3e-3, warmup_steps=10, eval_every=50, checkpoint_every=50),
        val_paragraphs=16,
        val_batches=2,
        min_precision=0.0,
        command="test",
    )
    summary = run(cfg, show_progress=False, say=lambda *_: None)
    return cfg, summary


def test_trained_model_finds_an_injected_misspelling(trained):
    cfg, summary = trained
    assert (cfg.out / "MODEL_CARD.md").read_text().count("test") >= 1
    detector = ModelDetector(cfg.out)
    text = "The old man walked slowly along the quiet raod towards the village."
    parts = passages(text)
    (offsets, probs), = detector.token_probs(parts, Counter())
    err = 1 - probs[:, 0]
    worst = offsets[int(err.argmax())]
    assert text[worst[0] : worst[1]].strip() in {"raod", "ra", "od", "r", "aod", "rao"} or (
        worst[0] < text.index("raod") + 4 and worst[1] > text.index("raod")
    )
    clean = [e for (s, t), e in zip(offsets, err) if t <= text.index("raod") - 1 or s >= text.index("raod") + 4]
    assert err.max() > 2 * max(np.mean(clean), 1e-3)


def test_exported_model_scores_as_the_torch_model(trained):
    cfg, _ = trained
    config = json.loads((cfg.out / "config.json").read_text())
    model_cfg = ModelConfig.from_dict(config)
    model = Tagger(model_cfg).eval()
    ckpt = torch.load(cfg.out.parent / "model.work" / "checkpoint.pt", weights_only=False)
    model.load_state_dict(ckpt["model"])
    detector = ModelDetector(cfg.out)
    enc = detector.tokenizer.encode("The dog followed him along the river.")
    ids = np.asarray([enc.ids])
    lex = np.ones_like(ids) * 5
    mask = np.ones_like(ids, dtype=bool)
    with torch.no_grad():
        expected = torch.softmax(model(torch.from_numpy(ids), torch.from_numpy(lex), torch.from_numpy(mask)), -1)
    np.testing.assert_allclose(NumpyTagger.load(cfg.out).probs(ids, lex, mask), expected.numpy(), atol=1e-5)
    # `check` runs the int8 graph `train` wrote beside the weights: near the same scores.
    assert isinstance(detector.tagger, OnnxTagger)
    np.testing.assert_allclose(detector.tagger.probs(ids, lex, mask), expected.numpy(), atol=0.05)


def test_calibration_ran_on_a_synthetic_validation_set(trained):
    cfg, summary = trained
    assert summary["validation"]["tp"] + summary["validation"]["fn"] > 0
    thresholds = json.loads((cfg.out / "thresholds.json").read_text())
    assert set(thresholds) >= {"spelling", "grammar", "missing"}


def test_training_resumes_from_its_checkpoint(trained):
    cfg, _ = trained
    log_path = cfg.out.parent / "model.work" / "train_log.jsonl"
    before = [json.loads(line)["step"] for line in log_path.read_text().splitlines()]
    assert before[-1] == 150
    cfg.loop.steps = 160
    run(cfg, show_progress=False, say=lambda *_: None)
    after = [json.loads(line)["step"] for line in log_path.read_text().splitlines()]
    assert after[: len(before)] == before and after[len(before) :] == [160]


def test_an_interrupted_run_resumes_to_the_same_weights(tmp_path):
    """Batches are made ahead on a thread; the checkpoint must still record where the
    stream stood after the last batch trained on, so resuming draws the same batches."""
    from galleyproof.corpus import load_books
    from galleyproof.english.lexicon import Lexicon
    from galleyproof.model.tokenizer import Tokenizer
    from galleyproof.training.examples import ExampleStream, trainable_paragraphs
    from galleyproof.training.loop import train

    write_books(tmp_path / "corpus", n_books=2, paragraphs=8)
    books = load_books(tmp_path / "corpus")
    paragraphs = trainable_paragraphs(books)
    tokenizer = Tokenizer.train((t for _, t in paragraphs), 300)
    lexicon = Lexicon.from_texts(t for _, t in paragraphs)
    cfg = ModelConfig(vocab_size=tokenizer.vocab_size, n_layer=1, n_head=2, n_embd=16, max_len=48)
    loop = LoopConfig(steps=12, batch_size=4, warmup_steps=2, log_every=4, eval_every=100, checkpoint_every=3)

    def stream():
        return ExampleStream(paragraphs, lambda _: lexicon, lambda _: {}, tokenizer, cfg.max_len, seed=5)

    straight = train(cfg, loop, stream(), [], tmp_path / "straight", show_progress=False)

    class Interrupted(Exception):
        pass

    def stop_at_8(record):
        if record["step"] == 8:
            raise Interrupted  # after the step-6 checkpoint, before the step-9 one

    with pytest.raises(Interrupted):
        train(cfg, loop, stream(), [], tmp_path / "resumed", show_progress=False, on_log=stop_at_8)
    assert torch.load(tmp_path / "resumed" / "checkpoint.pt", weights_only=False)["step"] == 6
    resumed = train(cfg, loop, stream(), [], tmp_path / "resumed", show_progress=False)
    for name, value in straight.state_dict().items():
        torch.testing.assert_close(resumed.state_dict()[name], value, rtol=0, atol=0, msg=name)


def test_calibrate_only_rechooses_thresholds_on_the_same_weights_under_a_new_version(trained, tmp_path):
    import shutil

    from galleyproof.training.pipeline import TrainConfig as Cfg

    cfg, _ = trained
    from galleyproof.training.replay import REPLAY_FILE, read_replay

    folder = tmp_path / "model"
    shutil.copytree(cfg.out, folder)
    summary = json.loads((folder / "training_summary.json").read_text())  # the folder's last run
    sample = read_replay(cfg.out)  # train wrote learn's replay sample, from the training books only
    validation = "".join((cfg.corpus / f"{b}.txt").read_text() for b in summary["validation_books"])
    assert sample and not any(p[:40] in validation for p in sample)
    (folder / REPLAY_FILE).unlink()  # as in a folder made before the sample existed
    weights = (folder / "weights.npz").read_bytes()
    (folder / "thresholds.json").write_text(json.dumps({"spelling": 0.123}))
    again = Cfg(**{**cfg.__dict__, "out": folder, "calibrate_only": True, "command": "recal"})
    got = run(again, show_progress=False, say=lambda *_: None)
    assert (folder / "weights.npz").read_bytes() == weights
    assert read_replay(folder) == sample  # the sample train would have written
    assert json.loads((folder / "thresholds.json").read_text()) == got["thresholds"] == summary["thresholds"]
    assert got["recalibrations"][-1]["command"] == "recal" and got["version"] != summary["version"]
    assert json.loads((folder / "config.json").read_text())["version"] == got["version"]
    assert "## Recalibrated" in (folder / "MODEL_CARD.md").read_text()
    wrong = Cfg(**{**again.__dict__, "seed": 1})
    with pytest.raises(ValueError, match="other validation books"):
        run(wrong, show_progress=False, say=lambda *_: None)


@pytest.mark.parametrize("clean, expected", [(None, 8), (0, 0), (5, 5)])
def test_calibration_weighs_as_many_clean_paragraphs_as_asked(trained, tmp_path, monkeypatch, clean, expected):
    import shutil

    from galleyproof.training import pipeline

    cfg, _ = trained
    folder = tmp_path / "model"
    shutil.copytree(cfg.out, folder)
    seen, real = {}, pipeline.calibrate

    def calibrate(cached, min_precision):
        seen["clean"] = sum(not item.gold for item in cached)
        seen["noisy"] = sum(bool(item.gold) for item in cached)
        return real(cached, min_precision=min_precision)

    monkeypatch.setattr(pipeline, "calibrate", calibrate)
    again = TrainConfig(**{**cfg.__dict__, "out": folder, "calibrate_only": True, "clean_paragraphs": clean})
    run(again, show_progress=False, say=lambda *_: None)
    # each paragraph is read twice (in its book and alone); None: half of val_paragraphs (16)
    assert seen["clean"] == 2 * expected and seen["noisy"] > 0


def test_a_missing_word_weight_makes_the_model_readier_to_call_a_word_missing(tmp_path):
    """`--missing-weight` weighs the rarest label's tokens more in the loss: the same run
    with it ends scoring "missing" higher on the same windows."""
    from galleyproof.corpus import load_books
    from galleyproof.english.lexicon import Lexicon
    from galleyproof.model.tagging import MISSING
    from galleyproof.model.tokenizer import Tokenizer
    from galleyproof.training.examples import ExampleStream, collate, trainable_paragraphs
    from galleyproof.training.loop import train

    write_books(tmp_path / "corpus", n_books=2, paragraphs=8)
    paragraphs = trainable_paragraphs(load_books(tmp_path / "corpus"))
    tokenizer = Tokenizer.train((t for _, t in paragraphs), 300)
    lexicon = Lexicon.from_texts(t for _, t in paragraphs)
    cfg = ModelConfig(vocab_size=tokenizer.vocab_size, n_layer=1, n_head=2, n_embd=16, max_len=48)

    def stream():
        return ExampleStream(paragraphs, lambda _: lexicon, lambda _: {}, tokenizer, cfg.max_len, seed=5)

    probe = [torch.from_numpy(a) for a in collate(stream().batch(32))]
    missing = {}
    for weight in (1.0, 8.0):
        loop = LoopConfig(steps=40, batch_size=8, lr=1e-2, warmup_steps=2, eval_every=100, checkpoint_every=100,
                          missing_weight=weight)
        model = train(cfg, loop, stream(), [], tmp_path / f"w{weight}", show_progress=False)
        with torch.no_grad():
            probs = model(probe[0], probe[1], probe[3]).softmax(-1)
        missing[weight] = probs[..., MISSING][probe[3]].mean().item()
    assert missing[8.0] > 1.5 * missing[1.0]


def test_fine_tuning_starts_from_the_given_model_with_its_tokenizer_and_records_it(trained, tmp_path):
    """`--init-from`: the run starts from the model's weights (its first logged loss is near that
    model's last, far below a run from scratch), keeps its tokenizer, and the summary and card
    say what it started from and with which noise mixture."""
    cfg, _ = trained
    out = tmp_path / "tuned"
    tuned = run(TrainConfig(
        corpus=cfg.corpus, out=out, vocab_size=300, val_fraction=0.34, init_from=cfg.out, noise="real",
        model=ModelConfig(n_layer=3, n_head=4, n_embd=64, max_len=64),  # the init model's shape wins
        loop=LoopConfig(steps=30, batch_size=16, lr=1e-3, warmup_steps=5, log_every=10, eval_every=50,
                        checkpoint_every=50),
        val_paragraphs=16, val_batches=2, min_precision=0.0, command="tune",
    ), show_progress=False, say=lambda *_: None)
    assert (out / "tokenizer.json").read_bytes() == (cfg.out / "tokenizer.json").read_bytes()
    assert tuned["model"]["n_embd"] == 32 and tuned["model"]["n_layer"] == 1
    version = json.loads((cfg.out / "config.json").read_text())["version"]  # another test may recalibrate it
    assert tuned["init_from"]["version"] == version and tuned["noise"] == "real"
    card = (out / "MODEL_CARD.md").read_text()
    assert f"Started from model {version}" in card and "noise mixture\nreal" in card
    scratch_first = json.loads((cfg.out / "train_log.jsonl").read_text().splitlines()[0])["loss"]
    tuned_first = json.loads((out / "train_log.jsonl").read_text().splitlines()[0])["loss"]
    assert tuned_first < 0.6 * scratch_first, (tuned_first, scratch_first)


def test_a_bad_noise_mixture_is_refused_before_training(tmp_path):
    from typer.testing import CliRunner

    from galleyproof.cli.main import app

    result = CliRunner().invoke(app, ["train", "--corpus", str(tmp_path), "--out", str(tmp_path / "m"),
                                      "--noise", "grammar.nonsense=2"])
    assert result.exit_code == 2
    assert "grammar has no kind 'nonsense'" in result.output
