"""The ``halfsky`` command: ``main`` parses the arguments, one module per group."""

from halfsky.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
