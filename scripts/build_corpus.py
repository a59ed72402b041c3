"""Thin entry point: `python scripts/build_corpus.py` == `wirespan build`."""
import sys

from wirespan.commands.cli import main

sys.exit(main(["build", *sys.argv[1:]]))
