"""`python -m wirespan` runs the command line."""

from wirespan.commands.cli import main

raise SystemExit(main())
