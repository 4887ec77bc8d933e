"""Exceptions: one class per error code of the engine, all subclasses of :class:`ParError`.

The engine reports every problem of an input at once. The exception raised is of the class of the
first problem's code and carries that problem's attributes; ``.problems`` lists every problem, each
an instance of its own code's class with the same attributes.

Texts are in the language of the call that raised (its ``lang`` option, else ``PAR_LANG``, else
Vietnamese): ``str(e)`` is one line per problem, where it is and what is wrong, e.g.
``đơn vị Sở Y tế: điểm tự chấm của tiêu chí 1.3 “Kiểm tra công tác CCHC”: 4 vượt điểm tối đa 3
(mã lỗi: out_of_range)``; codes and field names stay the same in every language.
"""

from __future__ import annotations

from typing import Optional


class ParError(Exception):
    """A problem the engine found in an input (base class of every ``parindex`` error).

    Attributes: ``code`` (the engine's wire code, e.g. ``"out_of_range"``), ``message`` (what is
    wrong, in the language of the call), ``unit``, ``node`` (node code), ``path`` (the field
    inside the unit or node, e.g. ``"appraisals[0].value"``), ``value`` (the offending value as
    text), ``sheet`` (the workbook's sheet the table was read from in place of its first, no sheet
    being asked for: a cover or a guide before it), ``row`` (1-based table row, header = 1), ``limit`` (for ``limit_exceeded``:
    the name of the limit, e.g. ``"table_bytes"``), and ``problems`` (every problem found, this
    one first).
    """

    code: str = ""

    def __init__(
        self,
        text: str,
        *,
        code: str = "",
        message: str = "",
        unit: Optional[str] = None,
        node: Optional[str] = None,
        path: Optional[str] = None,
        value: Optional[str] = None,
        sheet: Optional[str] = None,
        row: Optional[int] = None,
        limit: Optional[str] = None,
        problems: Optional[list[ParError]] = None,
        json: str = "",
    ) -> None:
        super().__init__(text)
        self.code = code or type(self).code
        self.message = message or text
        self.unit = unit
        self.node = node
        self.path = path
        self.value = value
        self.sheet = sheet
        self.row = row
        self.limit = limit
        self.problems: list[ParError] = problems if problems is not None else [self]
        self._json = json

    def to_json(self) -> str:
        """The problems as the engine's JSON text (``{"problems": [...]}``), byte-identical to
        every other binding's."""
        return self._json


class BadJsonError(ParError):
    """The text is not valid JSON (or CSV), or has the wrong shape."""

    code = "bad_json"


class UnknownFieldError(ParError):
    """A field the format does not know."""

    code = "unknown_field"


class MissingFieldError(ParError):
    """A required field is absent."""

    code = "missing_field"


class BadTypeError(ParError):
    """A value has the wrong type (e.g. a number where a decimal string is expected)."""

    code = "bad_type"


class BadDecimalError(ParError):
    """A decimal that cannot be read, has more than 28 significant digits, or is too large."""

    code = "bad_decimal"


class OutOfRangeError(ParError):
    """A value outside what its node or rule allows."""

    code = "out_of_range"


class UnknownNodeError(ParError):
    """An input names a node code the methodology does not have."""

    code = "unknown_node"


class UnknownOptionError(ParError, ValueError):
    """A name that is not among the choices: a label the rule does not list, or a name a call is
    given (a results detail, a schema, a chart's kind, a DataFrame's level) that the engine does
    not have. A ``ValueError`` too, as Python's own refusals of an argument's value are."""

    code = "unknown_option"


class UnknownBlockError(ParError):
    """A unit names a block the methodology does not declare."""

    code = "unknown_block"


class DuplicateUnitError(ParError):
    """Two units with the same name in one input."""

    code = "duplicate_unit"


class DuplicateCodeError(ParError):
    """Two nodes (or adjustments) with the same code."""

    code = "duplicate_code"


class BadCodeError(ParError):
    """A node code that is not a dotted number matching its place in the tree."""

    code = "bad_code"


class MaxMismatchError(ParError):
    """A parent whose max differs from the sum of its children's maxima."""

    code = "max_mismatch"


class BadRuleError(ParError):
    """A rule that is inconsistent with its node."""

    code = "bad_rule"


class BandOverlapError(ParError):
    """Classification or rule bands that overlap."""

    code = "band_overlap"


class BandGapError(ParError):
    """Rule bands that leave a gap between them."""

    code = "band_gap"


class MissingLeafError(ParError):
    """A leaf with no input, under the ``missing_leaf: error`` policy."""

    code = "missing_leaf"


class NotAppraisedError(ParError):
    """A self-score that was never appraised, under ``unappraised_self: error``."""

    code = "not_appraised"


class ReasonRequiredError(ParError):
    """An appraisal changed a score without a reason, under ``reason_required``."""

    code = "reason_required"


class SurveyOnlyError(ParError):
    """Self-assessment or appraisal given for a survey-assessed leaf."""

    code = "survey_only"


class NotSurveyError(ParError):
    """Survey input given for a leaf that is not survey-assessed."""

    code = "not_survey"


class ConflictingInputError(ParError):
    """Conflicting inputs, e.g. a node given by value while a descendant has input."""

    code = "conflicting_input"


class BadRoundError(ParError):
    """Appraisal rounds that are not strictly increasing."""

    code = "bad_round"


class LimitExceededError(ParError):
    """The input exceeds a hard limit (depth, node count, unit count, text size)."""

    code = "limit_exceeded"


class UnknownMethodologyError(ParError):
    """A methodology id that is not built in."""

    code = "unknown_methodology"


class UnsupportedSchemaError(ParError):
    """The ``schema`` field names a format this version does not read."""

    code = "unsupported_schema"


class UnknownUnitError(ParError):
    """A unit named in a request does not exist in the results."""

    code = "unknown_unit"


class BadEncodingError(ParError):
    """Text that is not in a readable encoding (UTF-8 is expected)."""

    code = "bad_encoding"


class UnreadableFileError(ParError):
    """A file that cannot be read as the kind its name says (a damaged or mislabelled xlsx, ...)."""

    code = "unreadable_file"


_CLASSES: dict[str, type[ParError]] = {
    cls.code: cls for cls in ParError.__subclasses__()  # every class defined above
}


def _from_engine(
    json: str,
    text: str,
    items: list[
        tuple[
            str,
            str,
            Optional[str],
            Optional[str],
            Optional[str],
            Optional[str],
            Optional[str],
            Optional[int],
            Optional[str],
            str,
            str,
        ]
    ],
) -> ParError:
    """Builds the exception for the engine's problems (called by the extension module)."""
    problems = [
        _CLASSES.get(code, ParError)(
            display,
            code=code,
            message=message,
            unit=unit,
            node=node,
            path=path,
            value=value,
            sheet=sheet,
            row=row,
            limit=limit,
            json=single,
        )
        for code, message, unit, node, path, value, sheet, row, limit, display, single in items
    ]
    first = problems[0]
    return type(first)(
        text,
        code=first.code,
        message=first.message,
        unit=first.unit,
        node=first.node,
        path=first.path,
        value=first.value,
        sheet=first.sheet,
        row=first.row,
        limit=first.limit,
        problems=problems,
        json=json,
    )

for _cls in (ParError, *_CLASSES.values()):
    _cls.__module__ = "parindex"


class TableWarning(UserWarning):
    """Something to check in an imported criteria annex: scoring guidance not read with
    certainty (the criterion is scored as points 0..max), a column not read, a row skipped. The
    message names the row, like ``dòng 18, tiêu chí 2.1.2: … (cảnh báo: guidance_not_read)``."""
