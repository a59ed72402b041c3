"""Thin entry point: `python scripts/validate_corpus.py [corpus]` == `wirespan validate`."""
import sys

from wirespan.commands.cli import main

sys.exit(main(["validate", *sys.argv[1:]]))
