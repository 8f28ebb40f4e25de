"""Command-line entry points that behave in a pipeline (`... | head`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable


def exit_with(main: Callable[[], int]) -> None:
    """Run `main` and exit with its code; a reader that stops early (`| head`) ends the
    output quietly, as other Unix tools do, instead of a BrokenPipeError traceback."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python flushes stdout again at exit: point it at /dev/null so that flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)
