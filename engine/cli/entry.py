"""The `maluppfyllelse` console script and `python -m engine`: `engine.cli.main`, then exit
without tearing the interpreter down.

A command's data lives until the process ends; freeing it object by object at exit took
about 0,2 s after a national period (180 000 outcomes and 60 000 results), for nothing.
So once `main` has returned (every file it writes is written and closed by then, atomically,
see engine.output.atomic) the standard streams are flushed and the process ends with
`os._exit`, and a command may leave its data to it (`engine.inputs.memory.outlive`). The
tool registers no atexit handlers; a caller that runs `main` in its own process (the tests,
a script) is not affected.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

from engine.cli import main
from engine.inputs.memory import end_by_exit


def run() -> NoReturn:
    end_by_exit()
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader is gone, or the stream closed
            pass
    os._exit(code)
