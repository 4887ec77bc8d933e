"""Criteria annexes imported as methodologies: ``import_table`` reads a path, bytes or a
DataFrame through the engine's one importer (the one ``par methodology import`` runs)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from . import _native
from ._native import Methodology

if TYPE_CHECKING:
    import pandas

@dataclass(frozen=True)
class TableImport:
    """A methodology imported from a criteria annex or table.

    ``rows`` says what every row was read as (``row``, ``number`` as printed, ``code`` given,
    ``name``, ``max`` as a ``Decimal``, ``read_as``; ``sheet`` for a row of another sheet), for
    a person to check against the annex. ``warnings`` are the rows to look at (``code``, ``row``,
    ``node``, ``message``); ``warning_lines`` the same as lines.
    """

    methodology: Methodology
    rows: list[dict[str, Any]]
    warnings: list[dict[str, Any]]
    warning_lines: list[str] = field(repr=False)
    _json: str = field(repr=False)

    def to_json(self) -> str:
        """``{"methodology": …, "rows": […], "warnings": […]}``, as every binding gives it."""
        return self._json


def _from_native(result: tuple[Methodology, str, list[str]]) -> TableImport:
    methodology, text, lines = result
    document = json.loads(text)
    rows = document["rows"]
    for row in rows:
        if "max" in row:
            row["max"] = Decimal(row["max"])
    return TableImport(methodology, rows, document["warnings"], lines, text)


def import_table(
    source: Union[str, "os.PathLike[str]", bytes, "pandas.DataFrame"],
    *,
    sheet: Union[str, int, None] = None,
    id: Optional[str] = None,
    name: Optional[str] = None,
    decision: Optional[str] = None,
    date: Optional[str] = None,
    level: Optional[str] = None,
    lang: Optional[str] = None,
) -> TableImport:
    """Imports a criteria annex as a province publishes it — title rows, ``STT``, Roman-numeral
    fields with numbering restarting in each, scoring guidance in prose, a ``TỔNG ĐIỂM`` row,
    the classification below it or on a ``Xếp loại`` sheet — or a criteria table in the
    project's own columns (``code, name, max, rule, options, bands …``).

    ``source`` is a path (``.xlsx``, ``.xls``, ``.ods``, ``.csv``, ``.txt``), the bytes of such a
    file, or a DataFrame (read with or without ``header=None``). ``id`` defaults to the file's
    name; the name, decision and date default to what the title rows say.

    Raises a :class:`ParError` listing every problem, each naming its row.
    """
    about = dict(id=id, name=name, decision=decision, date=date, level=level, lang=lang)
    chosen = _sheet_asked(sheet, lang)
    if isinstance(source, (str, os.PathLike)):
        return _from_native(_native.import_table_file(Path(source), sheet=chosen, **about))
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _from_native(_native.import_table_bytes(bytes(source), sheet=chosen, **about))
    if type(source).__module__.startswith("pandas") and hasattr(source, "columns"):
        import pandas

        from . import _columns_named, _table_columns

        header, columns, floats = _table_columns(source)
        named = _columns_named(source)
        return _from_native(
            _native.import_table_columns(header, columns, floats, pandas.NA, named, **about)
        )
    given = type(source).__name__
    raise TypeError(_native.table_shape_refused("criteria_table", given, lang=lang))


def _sheet_asked(sheet: Union[str, int, None], lang: Optional[str] = None) -> Optional[str]:
    """A sheet as the engine is asked for it: an int is a sheet's number from 1 (``#2``, never
    the sheet named 2), a str its name or number (a number that names one sheet and numbers
    another is refused, naming both)."""
    return _native.sheet_asked(sheet, lang=lang)
