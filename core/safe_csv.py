"""Every CSV file the plugin writes, safe to open in a spreadsheet.

A text cell starting with = + - @, a tab or a carriage return runs as a
formula in Excel or LibreOffice ("CSV injection"): an agreement's reference
or a delivery's identifier such as ``=HYPERLINK(...)`` would. As OWASP
advises, such a cell gets a leading single quote and is quoted, so the
spreadsheet shows it as text; numbers (``-1234,56`` included) stay numbers.
"""
import csv
import re
from contextlib import contextmanager
from typing import Iterable, Iterator, TextIO

# The longest cell an import reads (csv's own default): longer is no data a
# SIT delivery holds. Set for each read, since csv's limit is process-wide
# and another reader (the commune referential's geometries) raises it.
MAX_CELL = 128 * 1024


@contextmanager
def field_limit(size: int = MAX_CELL) -> Iterator[None]:
    """csv's field size limit set to `size` while reading, then restored."""
    previous = csv.field_size_limit(size)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+([.,]\d+)?")


def cell(value: object, delimiter: str) -> str:
    """The text of one cell, quoted when needed."""
    text = "" if value is None else str(value)
    if _NUMBER.fullmatch(text):
        return text
    formula = text.startswith(FORMULA_START)
    if formula:
        text = "'" + text
    if formula or any(c in text for c in (delimiter, '"', "\r", "\n")):
        return '"%s"' % text.replace('"', '""')
    return text


class Writer:
    """csv.writer's writerow/writerows, each cell made safe by `cell`."""

    def __init__(self, f: TextIO, delimiter: str, lineterminator: str) -> None:
        self._f, self._delimiter, self._end = f, delimiter, lineterminator

    def writerow(self, row: Iterable[object]) -> None:
        self._f.write(self._delimiter.join(cell(v, self._delimiter) for v in row) + self._end)

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(f: TextIO, delimiter: str = ",", lineterminator: str = "\r\n") -> Writer:
    """A writer on the text file `f` (opened with newline="")."""
    return Writer(f, delimiter, lineterminator)
