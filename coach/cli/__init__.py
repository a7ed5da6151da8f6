"""The `coach` command line: every operation of the product, scriptable with --json."""
