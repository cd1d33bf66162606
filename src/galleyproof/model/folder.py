"""What a model folder holds: its files' names, in one place."""

CONFIG_FILE = "config.json"
WEIGHTS_FILE = "weights.npz"
TOKENIZER_FILE = "tokenizer.json"
LEXICON_FILE = "lexicon.tsv.gz"
THRESHOLDS_FILE = "thresholds.json"
#: The tagger as an int8 ONNX graph (`onnx_export`); optional: a folder without one runs the
#: numpy forward pass on weights.npz.
ONNX_FILE = "tagger.int8.onnx"
#: Optional for models trained before the pair table, which lack one; required by a model whose
#: thresholds name `PAIR_THRESHOLDS` (they were tuned with it).
PAIRS_FILE = "pairs.npz"
#: Thresholds that only the pair table's spans use (`tagging.flags_from_probs`).
PAIR_THRESHOLDS = frozenset({"odd_pair", "odd_missing"})
#: The files every model folder must have.
MODEL_FILES = (CONFIG_FILE, WEIGHTS_FILE, TOKENIZER_FILE, LEXICON_FILE, THRESHOLDS_FILE)
#: Files whose bytes decide a passage's scores (the lexicon's part is in each cache key).
SCORING_FILES = (CONFIG_FILE, WEIGHTS_FILE, TOKENIZER_FILE)
