"""The named-query catalogue: `queries/NAME.rq` files with a header of comment lines.

    # name: chair-at
    # summary: Who chaired a body on a date ...
    # param: body iri "the body" example=https://w3id.org/integrationsgraph/id/body/intmk
    # param: from date? "first day (optional)" example=2023-01-01

A parameter is written `$name` in the SPARQL (still valid SPARQL, so an unbound file parses); `bind`
replaces each such token, outside strings, IRIs and comments, with the rendered value. An optional
parameter (type ending in `?`) that is not given stays an unbound variable. Other variables use `?`.
`*-violation.rq` files are build checks, not named queries, and are not part of the catalogue.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from integrationsgraph.errors import InputError, UsageError
from integrationsgraph.paths import QUERIES_DIR
from integrationsgraph.queries.parameters import PARAMETER_TYPES, Parameter, render
from integrationsgraph.queries.sparql_tokens import parameter_tokens, substitute, variable_tokens

_HEADER_LINE = re.compile(r"#\s*(name|summary(?:@[a-z]{2})?|param(?:@[a-z]{2})?)\s*:\s*(.*?)\s*$")
_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class NamedQuery:
    """A named query: its header and its SPARQL text (header comments included, they are SPARQL too)."""

    name: str
    summary: str
    parameters: list[Parameter]
    text: str
    summaries: dict[str, str] = field(default_factory=dict)  # `# summary@de:` lines, by language
    descriptions: dict[str, dict[str, str]] = field(default_factory=dict)  # `# param@de:`: language, name

    def description_in(self, parameter: Parameter, language: str) -> str:
        """The parameter's description in `language` when the header gives one (`# param@de:`)."""
        return self.descriptions.get(language, {}).get(parameter.name, parameter.description)

    def summary_in(self, language: str) -> str:
        """The summary in `language` when the header gives one (`# summary@en:`), else `summary`."""
        return self.summaries.get(language, self.summary)

    def parameter(self, name: str) -> Parameter:
        """The declared parameter `name`; `UsageError` listing the known ones otherwise."""
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise UsageError(f"query {self.name}: unknown parameter {name!r} (parameters: {known})")

    def bind(self, values: dict[str, str]) -> str:
        """The SPARQL text with every given parameter rendered in place of its `$name` tokens.

        An empty value is no value (`given_values`). Raises `UsageError` naming the parameter when one is
        unknown, a required one is missing, or a value does not fit its type (an IRI that is not absolute
        http(s), a date that is no calendar day).
        """
        values = given_values(values)
        rendered = {name: render(self.parameter(name), value) for name, value in values.items()}
        missing = [p.name for p in self.parameters if not p.optional and p.name not in values]
        if missing:
            raise UsageError(f"query {self.name}: missing required parameter(s): {', '.join(missing)}")
        return substitute(self.text, rendered)

    def example_values(self) -> dict[str, str]:
        """Every parameter's example value (those that declare one)."""
        return {p.name: p.example for p in self.parameters if p.example is not None}


def given_values(values: dict[str, str]) -> dict[str, str]:
    """The values given: an empty one (`?date=` from an empty form field, `--param date=`) is not given."""
    return {name: value for name, value in values.items() if value != ""}


def _parse_parameter(spec: str, where: str) -> Parameter:
    try:
        words = shlex.split(spec)
    except ValueError as error:
        raise InputError(f"{where}: cannot read the param line: {error}") from None
    if len(words) < 3 or not _PARAM_NAME.fullmatch(words[0]):
        raise InputError(f'{where}: a param line reads: NAME TYPE[?] "description" [example=VALUE]')
    name, type_, description, *rest = words
    optional = type_.endswith("?")
    type_ = type_.removesuffix("?")
    if type_ not in PARAMETER_TYPES:
        raise InputError(
            f"{where}: parameter {name}: type {type_!r} is not one of {', '.join(PARAMETER_TYPES)}"
        )
    example = None
    for word in rest:
        key, _, value = word.partition("=")
        if key != "example" or not value:
            raise InputError(f"{where}: parameter {name}: unexpected {word!r} (only example=VALUE)")
        example = value
    return Parameter(name, type_, example, description, optional)


def parse_named_query(text: str, file_name: str) -> NamedQuery:
    """Read the header of one query file and check it against the `$` tokens of its SPARQL.

    Raises `InputError` naming file and line for a malformed header, a parameter declared twice or
    never used, a `$name` token that no parameter declares, or a parameter also written `?name`.
    """
    fields: dict[str, str] = {}
    parameters: list[Parameter] = []
    translations: list[tuple[str, str, str, str]] = []  # language, parameter, description, file:line
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        match = _HEADER_LINE.match(line)
        if match is None:
            continue  # free comment text in the header
        key, value = match.groups()
        where = f"{file_name}:{number}"
        if key.startswith("param@"):
            name, description = _parse_translation(value, where)
            translations.append((key.partition("@")[2], name, description, where))
            continue
        if key == "param":
            parameter = _parse_parameter(value, where)
            if any(p.name == parameter.name for p in parameters):
                raise InputError(f"{where}: parameter {parameter.name} declared twice")
            parameters.append(parameter)
        elif key in fields:
            raise InputError(f"{where}: header field {key!r} given twice")
        else:
            fields[key] = value
    for key in ("name", "summary"):
        if not fields.get(key):
            raise InputError(f"{file_name}: the header has no '# {key}: ...' line")
    _check_tokens(text, parameters, file_name)
    summaries = {key.partition("@")[2]: value for key, value in fields.items() if key.startswith("summary@")}
    descriptions: dict[str, dict[str, str]] = {}
    for language, name, description, where in translations:
        if not any(p.name == name for p in parameters):
            raise InputError(f"{where}: param@{language} names {name!r}, which no '# param:' line declares")
        descriptions.setdefault(language, {})[name] = description
    return NamedQuery(fields["name"], fields["summary"], parameters, text, summaries, descriptions)


def _parse_translation(spec: str, where: str) -> tuple[str, str]:
    """`NAME "description"` of a `# param@xx:` line."""
    try:
        words = shlex.split(spec)
    except ValueError as error:
        raise InputError(f"{where}: cannot read the param line: {error}") from None
    if len(words) != 2 or not _PARAM_NAME.fullmatch(words[0]):
        raise InputError(f'{where}: a translated param line reads: NAME "description"')
    return words[0], words[1]


def _check_tokens(text: str, parameters: list[Parameter], file_name: str) -> None:
    declared = {p.name for p in parameters}
    used = {token.name for token in parameter_tokens(text)}
    if undeclared := sorted(used - declared):
        raise InputError(f"{file_name}: ${', $'.join(undeclared)} used but not declared as '# param:'")
    if unused := sorted(declared - used):
        raise InputError(f"{file_name}: parameter(s) {', '.join(unused)} declared but never used as $name")
    questioned = {t.name for t in variable_tokens(text) if t.sigil == "?"} & declared
    if questioned:
        # `?x` and `$x` are one variable in SPARQL: binding `$x` would leave `?x` behind unbound.
        raise InputError(f"{file_name}: parameter(s) {', '.join(sorted(questioned))} also written as ?name")


def load_catalog(directory: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """Every named query in `directory` by name (build checks `*-violation.rq` excluded).

    Raises `InputError` when a file cannot be read, its header is malformed, or its name differs
    from its file name.
    """
    catalog: dict[str, NamedQuery] = {}
    for path in sorted(Path(directory).glob("*.rq")):
        if path.stem.endswith("-violation"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"{path}: cannot read: {error}") from None
        query = parse_named_query(text, path.name)
        if query.name != path.stem:
            raise InputError(f"{path.name}: header name {query.name!r} differs from the file name")
        catalog[query.name] = query
    return catalog


def get_query(catalog: dict[str, NamedQuery], name: str) -> NamedQuery:
    """The named query `name`; `UsageError` listing the known names otherwise."""
    if name not in catalog:
        raise UsageError(f"unknown query {name!r}; known queries: {', '.join(sorted(catalog)) or 'none'}")
    return catalog[name]
