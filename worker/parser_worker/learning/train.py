"""Trains the base models into the model directory unless it has them for the current corpus.

    python3 -m parser_worker.learning.train [MODEL_DIR]     # default: PARSER_MODEL_DIR
"""

import sys
import time

from parser_worker.learning.registry import ModelRegistry
from parser_worker.settings import Settings

if __name__ == "__main__":
    directory = sys.argv[1] if len(sys.argv) > 1 else Settings.from_env().model_dir
    started = time.monotonic()
    registry = ModelRegistry(directory)
    registry.prepare()
    print(f"models ready in {directory} ({registry.fields().version}, "
          f"{registry.layouts().version}) after {time.monotonic() - started:.1f} s")
