"""Type stubs of the extension module; the public names are re-exported by ``parindex``.

``lang`` (keyword-only, ``"vi"`` or ``"en"``) is the language of the texts a call produces: a
``ParError``'s messages, and the warnings and rule notes of scored results. Without it the
``PAR_LANG`` environment variable is read, and without that Vietnamese is used; another code
raises ``UnknownOptionError``.
"""

from decimal import Decimal
from os import PathLike
from typing import Any, Iterator, Literal, Mapping, Optional, Sequence, TypedDict, Union

import pandas

__version__: str
ERROR_CODES: list[str]

def schema(document: str, lang: Optional[str] = None) -> str: ...

class RankRow(TypedDict):
    rank: int
    unit: str
    block: Optional[str]
    band: Optional[str]
    points: Decimal
    max: Decimal
    index: Decimal

class BuiltinInfo:
    """A built-in methodology in the catalogue."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def decision(self) -> Optional[str]: ...
    @property
    def date(self) -> Optional[str]: ...
    @property
    def level(self) -> Optional[str]: ...
    @property
    def completeness(self) -> Optional[str]: ...
    @property
    def sources(self) -> list[str]: ...

class TreeNode:
    """A node of the criteria tree."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def max(self) -> Decimal: ...
    @property
    def depth(self) -> int: ...
    @property
    def parent(self) -> Optional[str]: ...
    @property
    def component(self) -> Optional[str]: ...
    @property
    def survey(self) -> bool: ...
    @property
    def leaf(self) -> bool: ...

class Methodology:
    """A validated methodology (``par.methodology/1``)."""

    @staticmethod
    def builtin(id: str, *, lang: Optional[str] = None) -> Methodology: ...
    @staticmethod
    def from_file(
        path: Union[str, PathLike[str]], *, lang: Optional[str] = None
    ) -> Methodology: ...
    @staticmethod
    def from_json(text: str, *, lang: Optional[str] = None) -> Methodology: ...
    @staticmethod
    def from_dict(d: Mapping[str, Any], *, lang: Optional[str] = None) -> Methodology: ...
    @staticmethod
    def from_table(
        source: Union[str, PathLike[str], bytes, pandas.DataFrame],
        *,
        sheet: Union[str, int, None] = None,
        id: Optional[str] = None,
        name: Optional[str] = None,
        decision: Optional[str] = None,
        date: Optional[str] = None,
        level: Optional[str] = None,
        lang: Optional[str] = None,
    ) -> Methodology: ...
    @staticmethod
    def list_builtin() -> list[BuiltinInfo]: ...
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def form_model(self) -> dict[str, Any]:
        """Every node with the input it takes and its rule, the blocks, the classification and
        the policies a form shows (``par.form-model/1``; amounts as Decimals)."""
    def score_form_json(
        self, unit: Union[Mapping[str, Any], str], *, lang: Optional[str] = None
    ) -> str: ...
    def score_form(
        self, unit: Union[Mapping[str, Any], str], *, lang: Optional[str] = None
    ) -> dict[str, Any]:
        """Scores one unit's form while it is filled in: valid entries count, each invalid one
        is a problem against its criterion, an empty field is no input yet."""
    def open_form(
        self, unit: Union[Mapping[str, Any], str], *, lang: Optional[str] = None
    ) -> Form:
        """Opens a form kept read between changes: ``form.set(code, entry)`` reads only the
        entry that changed."""
    def tree(self) -> list[TreeNode]: ...

class Form:
    """A form being filled in (``Methodology.open_form``): answers are ``par.form/1``, as
    ``score_form``'s, without repeating the entries in the nodes."""

    def set_json(
        self,
        code: str,
        entry: Union[Mapping[str, Any], str, None],
        *,
        lang: Optional[str] = None,
    ) -> str: ...
    def set(
        self,
        code: str,
        entry: Union[Mapping[str, Any], str, None],
        *,
        lang: Optional[str] = None,
    ) -> dict[str, Any]: ...
    def score_json(self, *, lang: Optional[str] = None) -> str: ...
    def score(self, *, lang: Optional[str] = None) -> dict[str, Any]: ...

class Warning:
    """A warning about the input, its message in the language the units were scored in."""

    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def node(self) -> Optional[str]: ...

class ComponentResult:
    @property
    def points(self) -> Decimal: ...
    @property
    def points_exact(self) -> Decimal: ...
    @property
    def max(self) -> Decimal: ...
    @property
    def index(self) -> Optional[Decimal]: ...

class AppraisalRecord:
    @property
    def round(self) -> int: ...
    @property
    def value(self) -> Union[str, bool]: ...
    @property
    def points(self) -> Optional[Decimal]: ...
    @property
    def reason(self) -> Optional[str]: ...
    @property
    def by(self) -> Optional[str]: ...

class NodeResult:
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> Optional[str]: ...
    @property
    def points(self) -> Decimal: ...
    @property
    def points_exact(self) -> Decimal: ...
    @property
    def max(self) -> Decimal: ...
    @property
    def max_exact(self) -> Optional[Decimal]: ...
    @property
    def index(self) -> Optional[Decimal]: ...
    @property
    def lost(self) -> Decimal: ...
    @property
    def source(
        self,
    ) -> Literal["self", "appraisal", "value", "survey", "children", "missing", "not_surveyed"]: ...
    @property
    def round(self) -> Optional[int]: ...
    @property
    def appraised(self) -> Optional[bool]: ...
    @property
    def self_score(self) -> Union[str, bool, None]: ...
    @property
    def self_points(self) -> Optional[Decimal]: ...
    @property
    def appraisals(self) -> list[AppraisalRecord]: ...
    @property
    def evidence(self) -> list[str]: ...
    @property
    def explanation(self) -> Optional[str]: ...
    @property
    def survey(self) -> Optional[dict[str, Decimal]]: ...
    @property
    def rule(self) -> Optional[str]: ...
    @property
    def uncapped(self) -> Optional[Decimal]: ...

class LostPoints:
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def points(self) -> Decimal: ...
    @property
    def max(self) -> Decimal: ...
    @property
    def lost(self) -> Decimal: ...
    @property
    def source(self) -> str: ...

class BlockStatistics:
    @property
    def block(self) -> Optional[str]: ...
    @property
    def name(self) -> Optional[str]: ...
    @property
    def count(self) -> int: ...
    @property
    def mean(self) -> Decimal: ...
    @property
    def median(self) -> Decimal: ...
    @property
    def min(self) -> Decimal: ...
    @property
    def max(self) -> Decimal: ...
    @property
    def above_mean(self) -> int: ...
    @property
    def bands(self) -> dict[str, int]: ...
    @property
    def unbanded(self) -> int: ...

class UnitResult:
    @property
    def unit(self) -> str: ...
    @property
    def block(self) -> Optional[str]: ...
    @property
    def points(self) -> Decimal: ...
    @property
    def points_exact(self) -> Decimal: ...
    @property
    def max(self) -> Decimal: ...
    @property
    def index(self) -> Decimal: ...
    @property
    def index_exact(self) -> Decimal: ...
    @property
    def rank(self) -> int: ...
    @property
    def band(self) -> Optional[str]: ...
    @property
    def survey_rescaled(self) -> bool: ...
    @property
    def components(self) -> dict[str, ComponentResult]: ...
    @property
    def nodes(self) -> dict[str, NodeResult]: ...
    @property
    def adjustments(self) -> dict[str, NodeResult]: ...
    @property
    def warnings(self) -> list[Warning]: ...

class Chart:
    """A chart as SVG text; Jupyter displays it."""

    kind: str
    svg: str
    def save(self, path: Union[str, PathLike[str]]) -> None: ...
    def _repr_svg_(self) -> str: ...

class Results:
    @staticmethod
    def from_json(text: str, *, lang: Optional[str] = None) -> Results: ...
    @staticmethod
    def from_file(path: Union[str, PathLike[str]], *, lang: Optional[str] = None) -> Results: ...
    def criteria_json(self) -> str: ...
    def criteria(self) -> list[dict[str, Any]]: ...
    def to_xlsx(
        self,
        *,
        methodology: Optional[Methodology] = None,
        previous: Optional[Union[Results, str, PathLike[str]]] = None,
        sheet: Optional[Union[str, int]] = None,
        lang: Optional[str] = None,
    ) -> bytes: ...
    def to_excel(
        self,
        path: Union[str, PathLike[str]],
        *,
        methodology: Optional[Methodology] = None,
        previous: Optional[Union[Results, str, PathLike[str]]] = None,
        sheet: Optional[Union[str, int]] = None,
        lang: Optional[str] = None,
    ) -> None: ...
    def to_excel_csv(
        self,
        path: Optional[Union[str, PathLike[str]]] = None,
        *,
        table: Literal["ranking", "criteria"] = "ranking",
        lang: Optional[str] = None,
    ) -> Optional[str]: ...
    def chart(
        self,
        kind: Literal["ranking", "components", "heatmap", "changes"],
        *,
        previous: Optional[Union[Results, str, PathLike[str]]] = None,
        sheet: Optional[Union[str, int]] = None,
        lang: Optional[str] = None,
    ) -> Chart: ...
    def what_if_json(
        self,
        methodology: Methodology,
        unit: str,
        set: Optional[Mapping[str, Union[str, Decimal, int, bool]]] = None,
        *,
        target: Optional[str] = None,
        lang: Optional[str] = None,
    ) -> str: ...
    def what_if(
        self,
        methodology: Methodology,
        unit: str,
        set: Optional[Mapping[str, Union[str, Decimal, int, bool]]] = None,
        *,
        target: Optional[str] = None,
        lang: Optional[str] = None,
    ) -> dict[str, Any]:
        """Re-scores ``unit`` with the values assumed in ``set`` against the others' results;
        ``target`` (``"band"``, ``"band=Tốt"``, ``"rank=3"``) asks for the way up."""
    def to_json(self) -> str: ...
    @property
    def methodology_id(self) -> str: ...
    @property
    def units(self) -> list[UnitResult]: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[UnitResult]: ...
    def __getitem__(self, unit: str) -> UnitResult:
        """Raises ``UnknownUnitError`` in the language of ``PAR_LANG``, else Vietnamese; use
        ``explain(unit, lang=...)`` to choose it."""
    def __contains__(self, unit: object) -> bool:
        """Whether a unit of that name was scored, found as ``results[unit]`` finds it."""
    @property
    def warnings(self) -> list[Warning]: ...
    @property
    def tree(self) -> list[TreeNode]: ...
    def explain(self, unit: str, *, lang: Optional[str] = None) -> UnitResult: ...
    def lost_points(self, unit: str, *, lang: Optional[str] = None) -> list[LostPoints]: ...
    def rank_table(self) -> list[RankRow]: ...
    def statistics(self) -> list[BlockStatistics]: ...
    def to_pandas(
        self,
        level: Literal["unit", "node", "component"] = "unit",
        *,
        decimals: Literal["decimal", "float"] = "decimal",
    ) -> pandas.DataFrame: ...

class Move:
    @property
    def unit(self) -> str: ...
    @property
    def block(self) -> Optional[str]: ...
    @property
    def block_name(self) -> Optional[str]:
        """The block's name, where the current results name it apart from its id."""
    @property
    def previous_index(self) -> Decimal: ...
    @property
    def current_index(self) -> Decimal: ...
    @property
    def change(self) -> Decimal: ...
    @property
    def previous_rank(self) -> int: ...
    @property
    def current_rank(self) -> int: ...
    @property
    def rank_change(self) -> int: ...
    @property
    def fields(self) -> list[dict[str, Any]]: ...

class Comparison:
    @property
    def units(self) -> list[Move]: ...
    @property
    def only_in_previous(self) -> list[str]: ...
    @property
    def previous_methodology(self) -> Optional[str]: ...
    @property
    def current_methodology(self) -> Optional[str]: ...
    @property
    def methodologies_differ(self) -> bool: ...
    @property
    def previous_ranked_in_blocks(self) -> bool: ...
    @property
    def only_in_current(self) -> list[str]: ...
    def to_json(self, *, lang: Optional[str] = None) -> str: ...
    def to_pandas(
        self,
        level: Literal["unit", "field"] = "unit",
        *,
        decimals: Literal["decimal", "float"] = "decimal",
    ) -> pandas.DataFrame: ...
    def to_excel_csv(
        self, path: Optional[Union[str, PathLike[str]]] = None, *, lang: Optional[str] = None
    ) -> Optional[str]: ...

def score_units(
    methodology: Methodology,
    units: Union[Sequence[Mapping[str, Any]], Mapping[str, Any]],
    *,
    lang: Optional[str] = None,
    detail: Optional[str] = None,
) -> Results: ...
def sheet_asked(
    sheet: Optional[Union[str, int]], *, lang: Optional[str] = None
) -> Optional[str]: ...
def table_shape_refused(kind: str, given: str, *, lang: Optional[str] = None) -> str: ...
def results_file_scores(
    path: Union[PathLike[str], str], *, lang: Optional[str] = None
) -> Optional[Results]: ...
def read_text_file(
    path: Union[PathLike[str], str],
    kind: str,
    *,
    sheet: Optional[str] = None,
    lang: Optional[str] = None,
) -> str: ...
def score_json(
    methodology: Methodology,
    text: str,
    *,
    lang: Optional[str] = None,
    detail: Optional[str] = None,
) -> Results: ...
def score_sheet_file(
    methodology: Methodology,
    path: Union[PathLike[str], str],
    *,
    sheet: Optional[str] = None,
    lang: Optional[str] = None,
    detail: Optional[str] = None,
) -> Results: ...
def read_table_file(
    methodology: Methodology,
    path: Union[PathLike[str], str],
    *,
    sheet: Optional[str] = None,
    lang: Optional[str] = None,
) -> str: ...
def read_file_bytes(
    methodology: Methodology,
    data: bytes,
    *,
    sheet: Optional[str] = None,
    lang: Optional[str] = None,
) -> str: ...
def score_file_bytes(
    methodology: Methodology,
    data: bytes,
    *,
    sheet: Optional[str] = None,
    lang: Optional[str] = None,
    detail: Optional[str] = None,
) -> Results: ...
def read_table_columns(
    methodology: Methodology,
    header: list[str],
    columns: list[list[Any]],
    float_columns: list[bool],
    missing: Any,
    *,
    named: bool = True,
    lang: Optional[str] = None,
) -> str: ...
def score_table_file(
    methodology: Methodology,
    path: Union[PathLike[str], str],
    *,
    lang: Optional[str] = None,
    detail: Optional[str] = None,
) -> Results: ...
def score_columns(
    methodology: Methodology,
    header: list[str],
    columns: list[list[Any]],
    float_columns: list[bool],
    missing: object,
    *,
    named: bool = True,
    lang: Optional[str] = None,
    detail: Optional[str] = None,
) -> Results: ...
_ImportParts = tuple[Methodology, str, list[str]]

def import_table_file(
    path: Union[str, PathLike[str]],
    *,
    sheet: Optional[str] = None,
    id: Optional[str] = None,
    name: Optional[str] = None,
    decision: Optional[str] = None,
    date: Optional[str] = None,
    level: Optional[str] = None,
    lang: Optional[str] = None,
) -> _ImportParts: ...
def import_table_bytes(
    data: bytes,
    *,
    sheet: Optional[str] = None,
    id: Optional[str] = None,
    name: Optional[str] = None,
    decision: Optional[str] = None,
    date: Optional[str] = None,
    level: Optional[str] = None,
    lang: Optional[str] = None,
) -> _ImportParts: ...
def import_table_columns(
    header: list[str],
    columns: list[list[Any]],
    float_columns: list[bool],
    missing: object,
    named: bool,
    *,
    id: Optional[str] = None,
    name: Optional[str] = None,
    decision: Optional[str] = None,
    date: Optional[str] = None,
    level: Optional[str] = None,
    lang: Optional[str] = None,
) -> _ImportParts: ...
def compare_results(
    previous: Results, current: Results, *, lang: Optional[str] = None
) -> Comparison: ...
def compare_json(previous: str, current: str, *, lang: Optional[str] = None) -> Comparison: ...
