"""Is a model folder whole? If not, name the damaged file and how to get a good one back.

A lost or truncated model file otherwise surfaces as a traceback from deep inside numpy,
zipfile or the tokenizer. `check_model_dir` runs on every load, so it reads only what is
cheap (JSON, zip framing, array headers) or what the model takes from it (the tokenizer and
the lexicon, by their loaders); `diagnose` runs the other loaders one by one, after a load has
failed anyway, to find which file a subtler corruption is in.
"""

from __future__ import annotations

import gzip
import json
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from galleyproof.english.lexicon import Lexicon
from galleyproof.model import versions
from galleyproof.model.folder import (
    CONFIG_FILE,
    LEXICON_FILE,
    ONNX_FILE,
    PAIR_THRESHOLDS,
    PAIRS_FILE,
    THRESHOLDS_FILE,
    TOKENIZER_FILE,
    WEIGHTS_FILE,
)
from galleyproof.model.numpy_tagger import NumpyTagger
from galleyproof.model.onnx_tagger import OnnxTagger
from galleyproof.model.tokenizer import Tokenizer

#: Config entries the numpy forward pass reads; each a positive integer.
CONFIG_INTS = ("n_layer", "n_head", "n_embd", "max_len", "n_labels")
#: Arrays the forward pass reads; `{i}` runs over the config's layers.
TOP_ARRAYS = ("tok_emb.weight", "lex_emb.weight", "norm.weight", "head.weight", "head.bias")
BLOCK_ARRAYS = ("norm1.weight", "attn.qkv.weight", "attn.proj.weight", "norm2.weight",
                "ffn.gate_up.weight", "ffn.down.weight")


class ModelFilesError(ValueError):
    """A model file that is missing or damaged: which one, what is wrong, what to do.

    A ValueError, so every command that already refuses an unusable model refuses this one too.
    """

    def __init__(self, path: str | Path, reason: str, remedy: str) -> None:
        self.path = str(path)
        self.reason = " ".join(reason.split())  # one line, whatever a library's message held
        self.remedy = remedy
        super().__init__(f"{self.path} {self.reason}; {remedy}")


def remedy(model_dir: str | Path) -> str:
    """How to get a whole model back, which depends on whose folder it is."""
    folder = Path(model_dir).resolve()
    if folder == versions.model_dir(versions.DEFAULT).resolve():
        return ("the shipped model is damaged: reinstall galleyproof (`pip install --force-reinstall "
                "galleyproof`; in a source checkout, restore src/galleyproof/models/default)")
    if folder.parent == versions.versions_dir().resolve():
        return (f"model version {folder.name!r} is damaged: `galleyproof model rollback` goes back one "
                "version, `galleyproof model use default` to the shipped model")
    return "retrain or re-export this model folder"


def _fail(model_dir: Path, name: str, reason: str) -> ModelFilesError:
    return ModelFilesError(model_dir / name, reason, remedy(model_dir))


def _require(model_dir: Path, name: str) -> Path:
    path = model_dir / name
    if not path.exists():
        raise _fail(model_dir, name, "is missing")
    if not path.is_file():
        raise _fail(model_dir, name, "is not a file")
    return path


def _read(model_dir: Path, name: str) -> bytes:
    path = _require(model_dir, name)
    try:
        return path.read_bytes()
    except OSError as err:
        raise _fail(model_dir, name, f"cannot be read ({err.strerror or err})") from None


def _json_object(model_dir: Path, name: str) -> dict:
    data = _read(model_dir, name)
    try:
        value = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise _fail(model_dir, name, f"is not valid JSON ({err})") from None
    if not isinstance(value, dict):
        raise _fail(model_dir, name, "is not a JSON object")
    return value


def _check_config(model_dir: Path) -> dict:
    cfg = _json_object(model_dir, CONFIG_FILE)
    for key in CONFIG_INTS:
        value = cfg.get(key)
        if type(value) is not int or value <= 0:
            raise _fail(model_dir, CONFIG_FILE, f"has no positive integer {key!r}")
    if cfg["n_embd"] % cfg["n_head"] or (cfg["n_embd"] // cfg["n_head"]) % 2:
        raise _fail(model_dir, CONFIG_FILE, "has an n_embd that does not split into even-sized heads")
    return cfg


def _check_thresholds(model_dir: Path) -> None:
    thresholds = _json_object(model_dir, THRESHOLDS_FILE)
    for key, value in thresholds.items():
        ok = (
            all(isinstance(r, str) for r in value) if key == "rules" and isinstance(value, list)
            else isinstance(value, (int, float)) and not isinstance(value, bool)
        )
        if not ok:
            raise _fail(model_dir, THRESHOLDS_FILE, f"has a bad value for {key!r}")
    used = sorted(PAIR_THRESHOLDS & thresholds.keys())
    if used and not (model_dir / PAIRS_FILE).exists():
        # Thresholds tuned with the pair table: without it the model finds less, silently.
        raise _fail(model_dir, PAIRS_FILE, f"is missing (the model's thresholds use it: {', '.join(used)})")


def _check_tokenizer(model_dir: Path) -> Tokenizer:
    """The folder's tokenizer, loaded by its real loader (which the model then takes: parsing
    its JSON once more to check it cost a start 7-12 ms)."""
    path = _require(model_dir, TOKENIZER_FILE)
    try:
        return Tokenizer.load(path)
    except (ValueError, IndexError) as err:  # IndexError: token ids beyond its vocabulary's size
        raise _fail(model_dir, TOKENIZER_FILE, f"is not a tokenizer.json with a vocabulary ({err})") from None
    except OSError as err:
        raise _fail(model_dir, TOKENIZER_FILE, f"cannot be read ({err.strerror or err})") from None


def _array_headers(model_dir: Path) -> dict[str, tuple[tuple[int, ...], np.dtype]]:
    """Shape and dtype of every array in weights.npz, from the headers alone: reading the
    data too would double the time a load takes."""
    path = _require(model_dir, WEIGHTS_FILE)
    headers = {}
    try:
        with zipfile.ZipFile(path) as npz:
            for member in npz.namelist():
                with npz.open(member) as fh:
                    version = np.lib.format.read_magic(fh)
                    read = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                            else np.lib.format.read_array_header_2_0)
                    shape, _, dtype = read(fh)
                headers[member.removesuffix(".npy")] = (shape, dtype)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as err:
        raise _fail(model_dir, WEIGHTS_FILE, f"is damaged ({err})") from None
    except OSError as err:
        raise _fail(model_dir, WEIGHTS_FILE, f"cannot be read ({err.strerror or err})") from None
    return headers


def _check_weights(model_dir: Path, cfg: dict, max_token_id: int) -> None:
    headers = _array_headers(model_dir)
    names = [*TOP_ARRAYS, *(f"blocks.{i}.{a}" for i in range(cfg["n_layer"]) for a in BLOCK_ARRAYS)]
    for name in names:
        if name not in headers:
            raise _fail(model_dir, WEIGHTS_FILE, f"lacks the array {name!r}")
        shape, dtype = headers[name]
        if dtype.kind != "f":
            raise _fail(model_dir, WEIGHTS_FILE, f"holds {dtype} for {name!r}, not floats")
    shape, _ = headers["tok_emb.weight"]
    if len(shape) != 2 or shape[0] <= max_token_id:
        raise _fail(model_dir, WEIGHTS_FILE, f"has {shape} token embeddings for token ids up to "
                    f"{max_token_id} (not the tokenizer's model)")


def _check_lexicon(model_dir: Path) -> Lexicon:
    """The folder's lexicon, loaded by its real loader (which the model then takes: a second
    decompression to check it cost a start 4-7 ms)."""
    path = _require(model_dir, LEXICON_FILE)
    try:
        return Lexicon.load(path)
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as err:
        if isinstance(err, OSError) and not isinstance(err, gzip.BadGzipFile) and err.strerror:
            raise _fail(model_dir, LEXICON_FILE, f"cannot be read ({err.strerror})") from None
        raise _fail(model_dir, LEXICON_FILE, f"is damaged ({err})") from None
    except ValueError:
        raise _fail(model_dir, LEXICON_FILE, "is not word<TAB>count<TAB>capitalised lines") from None


@dataclass(frozen=True)
class CheckedFiles:
    """What `check_model_dir` read whole to check it, for the model to take rather than read again."""

    tokenizer: Tokenizer
    lexicon: Lexicon


def check_model_dir(model_dir: str | Path) -> CheckedFiles:
    """Raise `ModelFilesError` for the first missing or visibly damaged file of a model folder;
    the tokenizer and lexicon it loaded to check them."""
    model_dir = Path(model_dir)
    if not model_dir.is_dir():
        raise ModelFilesError(model_dir, "is not a model folder (no such directory)", remedy(model_dir))
    cfg = _check_config(model_dir)
    _check_thresholds(model_dir)
    tokenizer = _check_tokenizer(model_dir)
    _check_weights(model_dir, cfg, tokenizer.vocab_size - 1)
    return CheckedFiles(tokenizer, _check_lexicon(model_dir))


def diagnose(model_dir: str | Path) -> ModelFilesError | None:
    """After a load failed past `check_model_dir`: run each file's real loader to find the culprit."""

    model_dir = Path(model_dir)
    loaders = [
        (WEIGHTS_FILE, lambda: NumpyTagger.load(model_dir)),
        (TOKENIZER_FILE, lambda: Tokenizer.load(model_dir / TOKENIZER_FILE)),
        (LEXICON_FILE, lambda: Lexicon.load(model_dir / LEXICON_FILE)),
    ]
    if (model_dir / ONNX_FILE).exists():
        loaders.append((ONNX_FILE, lambda: OnnxTagger.load(model_dir)))
    for name, load in loaders:
        try:
            load()
        except Exception as err:  # any failure of a loader means its file is bad
            return _fail(model_dir, name, f"is damaged ({type(err).__name__}: {err})")
    return None
