"""What a model folder holds: its files' names, in one place."""

CONFIG_FILE = "config.json"
WEIGHTS_FILE = "weights.npz"
TOKENIZER_FILE = "tokenizer.json"
LEXICON_FILE = "lexicon.tsv.gz"
THRESHOLDS_FILE = "thresholds.json"
#: Optional: models trained before the pair table lack one.
PAIRS_FILE = "pairs.npz"
#: The files every model folder must have.
MODEL_FILES = (CONFIG_FILE, WEIGHTS_FILE, TOKENIZER_FILE, LEXICON_FILE, THRESHOLDS_FILE)
#: Files whose bytes decide a passage's scores (the lexicon's part is in each cache key).
SCORING_FILES = (CONFIG_FILE, WEIGHTS_FILE, TOKENIZER_FILE)
