"""The registry of published ids (`data/published-ids.yaml`): ids are forever.

Every id ever published is a line `ID: CURRENT`, where CURRENT is the case that answers
at the id's URL now (the id itself, or the case that took it as a former id under
`aliases:`). The validator holds the cases to it: an id or alias that ever named another
case is refused, a published id that disappeared without becoming an alias is an error
on its registry line, and a new case that is not a draft must be registered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from casebook.diagnostics import Problem, field_name
from casebook.frontmatter import Document, FrontMatterError, parse_yaml

REGISTRY = Path(__file__).resolve().parent.parent / "data" / "published-ids.yaml"
HEADER = """\
# Every case id ever published, and the case that answers at its URL now.
# A line is 'ID: CURRENT'. A new case adds 'its-id: its-id'. A renamed case keeps its old
# line, now pointing at the new id ('old-id: new-id'), lists the old id under `aliases:`
# and adds its new id. Never remove a line: checked by `invoke validate`.
"""


@dataclass
class Registry:
    path: Path
    answers: dict[str, str] = field(default_factory=dict)  # published id -> current case id
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, case_id: str) -> int:
        return self.lines.get(case_id, 1)


def load(path: Path = REGISTRY) -> Registry:
    registry = Registry(Path(path))
    try:
        doc = parse_yaml(Path(path).read_text(encoding="utf-8"), Path(path))
    except FileNotFoundError:
        return registry
    except FrontMatterError as exc:
        registry.problems.append(Problem(Path(path), exc.line, "registry", exc.message, exc.fix))
        return registry
    for key, value in doc.meta.items():
        line = doc.line_of((key,))
        if not isinstance(key, str) or not isinstance(value, str):
            registry.problems.append(
                Problem(
                    Path(path),
                    line,
                    str(key),
                    "is not an 'ID: CURRENT-ID' line",
                    f"write '{key}: {key}', or the id of the case that answers at its URL now",
                )
            )
            continue
        registry.answers[key] = value
        registry.lines[key] = line
    return registry


def _current(doc: Document) -> str | None:
    case_id = doc.meta.get("id")
    return case_id if isinstance(case_id, str) else None


def _aliases(doc: Document) -> list[tuple[int, str]]:
    aliases = doc.meta.get("aliases")
    return [
        (i, a)
        for i, a in enumerate(aliases if isinstance(aliases, list) else [])
        if isinstance(a, str)
    ]


def registry_problems(docs: list[Document], registry: Registry) -> list[Problem]:
    """Every way the cases and the registry of published ids disagree."""
    problems = list(registry.problems)
    where = registry.path
    cases = {_current(d): d for d in docs if _current(d)}
    former = {alias: doc for doc in docs for _, alias in _aliases(doc)}
    for case_id, doc in cases.items():
        answer = registry.answers.get(case_id)
        if answer is None:
            if doc.meta.get("draft") is not True:
                problems.append(
                    Problem(
                        doc.path,
                        doc.line_of(("id",)),
                        "id",
                        f"'{case_id}' is not in the registry of published ids",
                        f"add the line '{case_id}: {case_id}' to {where.name} in data/",
                    )
                )
        elif answer != case_id and answer in cases:
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(("id",)),
                    "id",
                    f"'{case_id}' was published before and now answers for the case "
                    f"'{answer}' ({where.name} line {registry.line(case_id)})",
                    "ids are forever: choose another id and rename the file to match",
                )
            )
        for index, alias in _aliases(doc):
            answer = registry.answers.get(alias)
            path = ("aliases", index)
            if answer is None:
                problems.append(
                    Problem(
                        doc.path,
                        doc.line_of(path),
                        field_name(path),
                        f"'{alias}' was never published (it is not in {where.name})",
                        f"remove it, or add the line '{alias}: {case_id}' to {where.name} if "
                        "it was published before the registry",
                    )
                )
            elif answer not in (alias, case_id):
                problems.append(
                    Problem(
                        doc.path,
                        doc.line_of(path),
                        field_name(path),
                        f"'{alias}' was used by the case '{answer}' "
                        f"({where.name} line {registry.line(alias)})",
                        "remove it: an id that named another case never redirects elsewhere",
                    )
                )
    for published, answer in registry.answers.items():
        line = registry.line(published)
        if published in cases and answer == published:
            continue
        owner = former.get(published)
        if owner is not None:
            if answer == published:  # another case's answer is reported on the alias
                problems.append(
                    Problem(
                        where,
                        line,
                        published,
                        f"'{published}' is now a former id of '{_current(owner)}'",
                        f"write '{published}: {_current(owner)}'",
                    )
                )
            continue
        if published in cases:
            continue  # reported on the case: its id answers for another case
        if answer in cases and answer != published:
            fix = f"list '{published}' under aliases: of the case '{answer}'"
        else:
            fix = (
                f"list '{published}' under aliases: of the case that replaced it (and write "
                f"'{published}: THAT-ID' here), or restore the case"
            )
        problems.append(
            Problem(
                where,
                line,
                published,
                f"the published id '{published}' no longer answers: no case has it as its "
                "id or as a former id",
                fix,
            )
        )
    return problems


def register(case_id: str, path: Path = REGISTRY) -> None:
    """Add 'case_id: case_id' at the end of the registry (creating it with its header)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + f"{case_id}: {case_id}\n", encoding="utf-8")
