"""What every command of ``python -m data_access`` shares: exit statuses and a German argument parser."""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
"""0 done, 1 input rejected (nothing changed), 2 usage error."""

_ARGPARSE_GERMAN = (
    (r"the following arguments are required: (.*)", r"Diese Angaben fehlen: \1"),
    (
        r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
        r"Ungültiger Wert \2 für \1; möglich: \3",
    ),
    (r"argument (\S+): invalid int value: (.*)", r"\1 erwartet eine ganze Zahl, nicht \2"),
    (r"unrecognized arguments: (.*)", r"Unbekannte Angaben: \1"),
    (r"argument (\S+): expected one argument", r"\1 braucht einen Wert"),
    (r"argument (\S+): not allowed with argument (\S+)", r"\1 lässt sich nicht mit \2 kombinieren"),
)


class GermanArgumentParser(argparse.ArgumentParser):
    """An argument parser whose error messages are German and exit with status 2."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and a German error message to stderr, then exit 2."""
        for pattern, replacement in _ARGPARSE_GERMAN:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, replacement, message)
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Fehler beim Aufruf: {message}\n")
