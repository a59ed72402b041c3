"""The command line: one module per command (argument parsing and exit codes only); `cli.main` runs them."""
