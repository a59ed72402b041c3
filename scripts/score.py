"""Thin entry point: `python scripts/score.py LAYER` == `wirespan score LAYER`."""
import sys

from wirespan.commands.cli import main

sys.exit(main(["score", *sys.argv[1:]]))
