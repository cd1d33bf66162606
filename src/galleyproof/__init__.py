"""galleyproof: an offline proofreader for English prose."""

import os

__version__ = "0.1.0"

# numpy's BLAS threads busy-wait: on a loaded machine several of them slow inference many
# times over. One per process unless the user sets OPENBLAS_NUM_THREADS.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
