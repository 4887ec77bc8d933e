"""parindex: Vietnam's Public Administration Reform Index (PAR INDEX, *Chỉ số cải cách hành chính*)
scored by the ``par`` engine, from Python.

>>> import parindex
>>> m = parindex.Methodology.builtin("camau-1880-2013-field1-excerpt")
>>> results = parindex.score(m, [{"unit": "Sở Nội vụ", "entries": {...}}])  # doctest: +SKIP
>>> results.rank_table()  # doctest: +SKIP

Every computation happens in the Rust engine (``par-core``); this package converts inputs and
outputs only. Amounts come back as :class:`decimal.Decimal` at the methodology's scale
(``Decimal("86.10")``); inputs take ``str``, ``int`` or ``Decimal``. A ``float`` raises
``TypeError`` (it is not exact), except in a pandas column of floats, where each value is read
through its shortest round-trip text and the results carry a ``float_converted`` warning.
Problems raise a :class:`ParError` subclass, one per error code, listing every problem found.

Messages are in Vietnamese, the language of the officials who read them, unless English is asked
for: every function that produces text takes a keyword ``lang`` (``"vi"`` or ``"en"``); without
it, the ``PAR_LANG`` environment variable is read, and without that, Vietnamese is used. Another
code raises :class:`UnknownOptionError`.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, Union

from . import _native
from ._errors import (
    TableWarning,
    BadCodeError,
    BadDecimalError,
    BadEncodingError,
    BadJsonError,
    BadRoundError,
    BadRuleError,
    BadTypeError,
    BandGapError,
    BandOverlapError,
    ConflictingInputError,
    DuplicateCodeError,
    DuplicateUnitError,
    LimitExceededError,
    MaxMismatchError,
    MissingFieldError,
    MissingLeafError,
    NotAppraisedError,
    NotSurveyError,
    OutOfRangeError,
    ParError,
    ReasonRequiredError,
    SurveyOnlyError,
    UnknownBlockError,
    UnknownFieldError,
    UnknownMethodologyError,
    UnknownNodeError,
    UnknownOptionError,
    UnknownUnitError,
    UnreadableFileError,
    UnsupportedSchemaError,
)
from ._native import (
    ERROR_CODES,
    AppraisalRecord,
    BlockStatistics,
    BuiltinInfo,
    Chart,
    Comparison,
    ComponentResult,
    Form,
    LostPoints,
    Methodology,
    Move,
    NodeResult,
    Results,
    TreeNode,
    UnitResult,
    Warning,
    __version__,
)

if TYPE_CHECKING:
    import pandas

__all__ = [
    "ERROR_CODES",
    "AppraisalRecord",
    "BlockStatistics",
    "BuiltinInfo",
    "Chart",
    "Comparison",
    "ComponentResult",
    "Form",
    "LostPoints",
    "Methodology",
    "Move",
    "NodeResult",
    "Results",
    "TreeNode",
    "UnitResult",
    "Warning",
    "__version__",
    "compare",
    "import_table",
    "read_table",
    "schema",
    "score",
    "TableImport",
    "TableWarning",
    "ParError",
    "BadCodeError",
    "BadDecimalError",
    "BadEncodingError",
    "BadJsonError",
    "BadRoundError",
    "BadRuleError",
    "BadTypeError",
    "BandGapError",
    "BandOverlapError",
    "ConflictingInputError",
    "DuplicateCodeError",
    "DuplicateUnitError",
    "LimitExceededError",
    "MaxMismatchError",
    "MissingFieldError",
    "MissingLeafError",
    "NotAppraisedError",
    "NotSurveyError",
    "OutOfRangeError",
    "ReasonRequiredError",
    "SurveyOnlyError",
    "UnknownBlockError",
    "UnknownFieldError",
    "UnknownMethodologyError",
    "UnknownNodeError",
    "UnknownOptionError",
    "UnknownUnitError",
    "UnreadableFileError",
    "UnsupportedSchemaError",
]

PathLike = Union[str, "os.PathLike[str]"]
Assessments = Union[
    Iterable[Mapping[str, Any]],
    Mapping[str, Any],
    PathLike,
    bytes,
    bytearray,
    memoryview,
    "pandas.DataFrame",
]


def _is_dataframe(obj: object) -> bool:
    return type(obj).__module__.startswith("pandas") and hasattr(obj, "columns")


def _columns_named(df: pandas.DataFrame) -> bool:
    """Whether a DataFrame's columns are headings: read with ``header=None`` they are only their
    positions, and the sheet's header is the first row."""
    return list(df.columns) != list(range(df.shape[1]))


def _table_columns(df: pandas.DataFrame) -> tuple[list[str], list[list[Any]], list[bool]]:
    """A DataFrame as header, columns of Python values, and which columns may hold floats: a
    column of floats, and a column of objects, where ``pd.read_excel`` puts the numbers of a
    column that also holds text (a score typed ``2,5`` beside one typed 3.5)."""
    import pandas
    from pandas.api.types import is_float_dtype, is_object_dtype

    # A named index (`set_index("Đơn vị")`) is a column of the table, unless it is one already
    # (`drop=False`).
    apart = [n for n in df.index.names if n is not None and n not in df.columns]
    if apart:
        df = df.reset_index(level=apart)
    # A header of several rows (`header=[1, 2]`: `Điểm` merged over `Tự chấm` and `Thẩm định`)
    # is given as the sheet has it, its first row the header and the others above the cells,
    # where the engine reads it as it reads the sheet's.
    rows = [list(df.columns.get_level_values(k)) for k in range(df.columns.nlevels)]
    header, *under = _as_merged([[_heading(h) for h in row] for row in rows])
    columns: list[list[Any]] = []
    floats: list[bool] = []
    for i in range(df.shape[1]):
        column = df.iloc[:, i]
        if isinstance(column.dtype, pandas.SparseDtype):
            # A sparse column (`astype(pd.SparseDtype(float))` to save memory) as its values.
            column = column.sparse.to_dense()
        if isinstance(column.dtype, pandas.CategoricalDtype):
            # `astype("category")` to save memory: its values as a column of its categories'
            # kind (floats as floats; others as objects, where a missing one is not refused).
            kind = column.cat.categories.dtype
            column = column.astype(kind if is_float_dtype(kind) else object)
        is_float = bool(is_float_dtype(column.dtype))
        values = _float_values(column) if is_float else _values(column)
        columns.append([row[i] for row in under] + values if under else values)
        floats.append(is_float or bool(is_object_dtype(column.dtype)))
    return header, columns, floats


def _values(column: pandas.Series) -> list[Any]:
    """A column's values as Python objects. A column of text held as Python strings (pandas 3's
    `str`) is listed from its array of them, the same objects: `Series.tolist` reads it an item
    at a time, half again as long for a national run's seven columns."""
    import pandas

    if isinstance(column.dtype, pandas.StringDtype) and column.dtype.storage == "python":
        return column.to_numpy().tolist()
    return column.tolist()


def _as_merged(rows: list[list[str]]) -> list[list[str]]:
    """A header of several rows as the sheet holds it. pandas repeats a heading merged over
    several columns (`Điểm các lĩnh vực` over `1.1 | 1.2 | 1.3`) in each of them; the sheet holds
    it in the first, the cells right of it blank. A heading is so repeated where it and every
    heading above it are those of the column to its left; the last row heads each column."""
    shown = [list(row) for row in rows]
    for level in range(len(rows) - 1):
        for i in range(len(rows[level]) - 1, 0, -1):
            if rows[level][i] and all(rows[k][i] == rows[k][i - 1] for k in range(level + 1)):
                shown[level][i] = ""
    return shown


def _heading(heading: object) -> str:
    """A column's heading as its cell has it. pandas names a column whose heading cell is blank
    `Unnamed: 4`, or `Unnamed: 4_level_1` in a header of several rows (a heading merged over the
    columns right of it, or below it): the engine reads it blank, as in the sheet."""
    text = str(heading)
    return "" if re.fullmatch(r"Unnamed: \d+(_level_\d+)?", text) else text


def _float_values(column: pandas.Series) -> list[Any]:
    """A column of floats, NaN where a value is missing. A float32 or float16 column (``astype``
    to save memory, a Parquet ``float``) gives numpy scalars of its own width, which the engine
    reads as the shortest text of that width: widened to Python's float64, the 36.675 a float32
    holds would be read as 36.67499923706055."""
    import numpy

    bits = 8 * column.dtype.itemsize
    if bits < 64:
        return list(column.to_numpy(dtype=numpy.dtype(f"float{bits}"), na_value=numpy.nan))
    return column.astype("float64").tolist()


def score(
    methodology: Union[Methodology, str],
    assessments: Assessments,
    *,
    sheet: Union[str, int, None] = None,
    lang: Optional[str] = None,
    detail: Optional[str] = None,
) -> Results:
    """Scores and ranks units.

    ``methodology`` is a :class:`Methodology` or a built-in id. ``assessments`` is one of:

    - a list of dicts shaped like ``par.assessments/1`` units:
      ``{"unit": "Sở Tư pháp", "block": "so", "entries": {"1.1.1": {"self": "1",
      "evidence": ["KH 12"], "appraisals": [{"round": 1, "value": "0.5", "reason": "…"}]}}}``,
      or the whole document as a dict (``json.load`` of a ``par.assessments/1`` file); values
      are ``str``, ``int``, ``Decimal`` (or ``bool`` for yes/no rules), never ``float``. They are
      checked as the JSON file would be, and a problem is reported in the same words;
    - a path to a ``par.assessments/1`` JSON file, to a CSV file (``.csv``, or Excel's "Unicode
      Text" ``.txt``; any encoding Excel saves) or to a workbook (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``;
      its first sheet, past a cover or a guide holding no table, or ``sheet`` by name (a
      ``str``) or number from 1 (an ``int``; a ``str`` of digits that names one sheet and
      numbers another is refused); a first sheet whose table has no unit column, before one that has, is refused with
      a ``MissingFieldError`` naming both), in the wide shape (``unit``,
      optional ``block``, one column per node code holding its points) or the long shape
      (``unit, block, code, self, appraised, evidence, reason`` …), Vietnamese headings, title
      rows and an ``STT`` column as departments send them;
    - the bytes of any of these files (an upload a portal's back end received): a workbook or a
      JSON document is told by its content, any other file is read as a text table in whichever
      encoding it was saved;
    - a pandas DataFrame in the wide or long shape, read as the sheet it came from: a header of
      two rows (``header=[1, 2]``: ``Điểm`` over ``Tự chấm`` and ``Thẩm định``), headings pandas
      renamed (``Unnamed: 4`` for a blank one, ``STT.1`` for a repeated ``STT``). Row numbers in
      errors count the header as row 1, so DataFrame position ``i`` is row ``i + 2`` (``i + 3``
      under a header of two rows).

    ``lang`` (``"vi"`` or ``"en"``; default ``PAR_LANG``, else Vietnamese) is the language of
    the results' warnings and rule notes and of a :class:`ParError`'s messages.

    ``detail`` is how much of their inputs the results keep: ``"full"`` (the default: every node
    repeats the self-score, appraisal rounds, evidence and explanation behind it) or ``"scores"``
    (each node's figures and the source of its points only; ``"detail": "scores"`` in
    :meth:`Results.to_json`): a national run's results in a fraction of the memory. Rankings,
    statistics, :func:`compare` and the reports need only the scores.

    Raises a :class:`ParError` subclass listing every problem of the input; a ``ValueError`` for a
    path whose name says no kind of assessments (``.json``, a table or a workbook), as ``par score``
    refuses it.
    """
    if isinstance(methodology, str):
        methodology = Methodology.builtin(methodology, lang=lang)
    if _is_dataframe(assessments):
        header, columns, floats = _table_columns(assessments)  # type: ignore[arg-type]
        import pandas

        # Read with `header=None`, the columns are only positions and the first row is the sheet's.
        named = _columns_named(assessments)  # type: ignore[arg-type]
        return _native.score_columns(
            methodology, header, columns, floats, pandas.NA, named=named, lang=lang, detail=detail
        )
    if isinstance(assessments, (str, os.PathLike)):
        path = Path(assessments)
        suffix = path.suffix.lower()
        if suffix in (".csv", ".txt", ".tsv"):
            return _native.score_table_file(methodology, path, lang=lang, detail=detail)
        if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
            chosen = _sheet_asked(sheet, lang)
            return _native.score_sheet_file(
                methodology, path, sheet=chosen, lang=lang, detail=detail
            )
        # A name of another kind, or none, is refused as the command line refuses it.
        text = _native.read_text_file(path, "assessments", lang=lang)
        return _native.score_json(methodology, text, lang=lang, detail=detail)
    if isinstance(assessments, Mapping):
        return _native.score_units(methodology, assessments, lang=lang, detail=detail)
    if isinstance(assessments, (bytes, bytearray, memoryview)):
        # A file's bytes (an upload): a workbook, JSON or a table, never a list of numbers.
        return _native.score_file_bytes(
            methodology, bytes(assessments), sheet=_sheet_asked(sheet, lang), lang=lang, detail=detail
        )
    if not isinstance(assessments, Iterable):
        # Nothing the package reads (`None`, a number): refused in the call's language.
        return _native.score_units(methodology, assessments, lang=lang, detail=detail)
    return _native.score_units(methodology, list(assessments), lang=lang, detail=detail)


def read_table(
    methodology: Union[Methodology, str],
    table: Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, "pandas.DataFrame"],
    *,
    sheet: Union[str, int, None] = None,
    lang: Optional[str] = None,
) -> dict[str, Any]:
    """Reads a score sheet into assessments without scoring them, and says what reading did with
    it: ``{"assessments": {...}, "warnings": [...]}``.

    ``table`` is a score sheet as :func:`score` reads one: the path of a CSV file (``.csv``, or
    Excel's "Unicode Text" ``.txt``; any encoding Excel saves) or of a workbook (``.xlsx``,
    ``.xls``, ``.ods``; its first sheet past a cover, or ``sheet`` by name or number from 1), the
    bytes of such a file (an upload; a workbook is told by its content), or a pandas DataFrame in
    the wide or long shape (its float columns said in a warning, as :func:`score` says them). A
    ``par.assessments/1`` JSON file, or its bytes, comes back as it reads, with no warning (its
    codes are checked when it is scored). ``assessments`` is the
    ``par.assessments/1`` document (decimals as text, as typed), to send to a portal or score
    with :func:`score`; ``warnings`` are what scoring the same file says in its results' warnings
    about reading it, each a dict with ``code`` and ``message``: the sheet read past a cover,
    summary rows passed over, reasons typed where no score keeps them, a guessed encoding.

    Raises a :class:`ParError` listing every problem of reading (a code no criterion has, a cell
    that is no number), each with its row; scoring's own problems (a score above its max) are
    found by :func:`score`. A path to another kind of file raises ``ValueError``.
    """
    if isinstance(methodology, str):
        methodology = Methodology.builtin(methodology, lang=lang)
    if _is_dataframe(table):
        import pandas

        header, columns, floats = _table_columns(table)  # type: ignore[arg-type]
        named = _columns_named(table)  # type: ignore[arg-type]
        text = _native.read_table_columns(
            methodology, header, columns, floats, pandas.NA, named=named, lang=lang
        )
    elif isinstance(table, (str, os.PathLike)):
        text = _native.read_table_file(
            methodology, Path(table), sheet=_sheet_asked(sheet, lang), lang=lang
        )
    elif isinstance(table, (bytes, bytearray, memoryview)):
        text = _native.read_file_bytes(
            methodology, bytes(table), sheet=_sheet_asked(sheet, lang), lang=lang
        )
    else:
        given = type(table).__name__
        raise TypeError(_native.table_shape_refused("score_sheet", given, lang=lang))
    document: dict[str, Any] = json.loads(text)
    return document


def schema(document: str, *, lang: Optional[str] = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a document the engine reads or writes: ``"methodology"``
    (``par.methodology/1``), ``"assessments"`` (``par.assessments/1``), ``"results"``
    (``par.results/1``) or ``"problems"`` (what a :class:`ParError` lists), to check a document
    with any validator before sending it. Generated from the engine's own types. Another name
    raises :class:`UnknownOptionError`, in ``lang`` (else ``PAR_LANG``, else Vietnamese)."""
    return json.loads(_native.schema(document, lang=lang))


def compare(
    previous: Union[Results, PathLike],
    current: Union[Results, PathLike],
    *,
    sheet: Union[str, int, None] = None,
    lang: Optional[str] = None,
) -> Comparison:
    """Year-over-year moves (change of index and of rank) between two rankings, each a
    :class:`Results` (or its JSON text, ``to_json()``), the path to a saved ``par.results/1`` JSON
    file, or the path to a ranking as published (``.csv``, ``.xlsx``…: unit, index and rank
    columns, such as ``Tỉnh, thành phố | Chỉ số PAR INDEX 2022 (%) | Xếp hạng``, below title
    rows; a workbook is read on every sheet holding a ranking, as :meth:`Results.to_excel`
    writes one a block, or on ``sheet`` (a name, or a number from 1) where a workbook ranks a
    unit on two sheets). The comparison names the
    methodology of each side (``previous_methodology``, ``current_methodology``; ``None`` for a
    published table) and ``methodologies_differ`` says when the indexes measure different things;
    ``previous_ranked_in_blocks`` says when a previous ranking of every unit together had its
    ranks recounted within the current blocks. A results file is read a piece at a time keeping
    its scores only, as ``par compare`` reads one: a national run's document, whatever its size.
    ``lang`` (``"vi"`` or ``"en"``; default ``PAR_LANG``, else Vietnamese) is the language of a
    :class:`ParError`'s messages when a file cannot be read."""

    def scored(r: Union[Results, PathLike]) -> Union[Results, PathLike]:
        # A results file read a piece at a time, its scores kept: a national run's document,
        # whatever its size. Another file, or one with a problem, is read whole below.
        if isinstance(r, Results):
            return r
        # Results' JSON text (`to_json()`, kept in a database, a byte-order mark before it),
        # unless it names a file (`{2023}.json`).
        if isinstance(r, str) and r.lstrip("\ufeff \t\r\n").startswith("{"):
            if not (len(r) < 4096 and os.path.exists(r)):
                return Results.from_json(r, lang=lang)
        if not isinstance(r, (str, os.PathLike)):
            raise TypeError(_native.table_shape_refused("ranking", type(r).__name__, lang=lang))
        read = _native.results_file_scores(Path(r), lang=lang)
        return r if read is None else read

    previous, current = scored(previous), scored(current)
    if isinstance(previous, Results) and isinstance(current, Results):
        return _native.compare_results(previous, current, lang=lang)

    def text(r: Union[Results, PathLike]) -> str:
        if isinstance(r, Results):
            return r.to_json()
        kind = "results" if Path(r).suffix.lower() == ".json" else "ranking"
        return _native.read_text_file(Path(r), kind, sheet=_sheet_asked(sheet, lang), lang=lang)

    return _native.compare_json(text(previous), text(current), lang=lang)


# Last: the importer uses the DataFrame reading above.
from ._tables import TableImport, _sheet_asked, import_table  # noqa: E402
