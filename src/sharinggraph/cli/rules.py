"""``validate --rule``: the rule names the shapes define, checked before any work is done."""

from __future__ import annotations

import difflib

from ..errors import InputError


def rule_names() -> list[str]:
    """Every rule ``validate`` applies, by the name findings give it (the shape's name without ``Shape``)."""
    from rdflib.namespace import RDF, SH

    from .. import resources
    from ..validate.shacl import data_shapes

    shapes = data_shapes(resources.project_root())
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    return sorted({str(shape).rsplit("#", 1)[-1].removesuffix("Shape") for shape in shapes.subjects(RDF.type, SH.NodeShape)
                   if any((shape, target, None) in shapes for target in targets)})


def check_rules(names: list[str] | None) -> None:
    """Refuse a rule name no shape defines, in one line with the nearest names.

    :raises InputError: a name is unknown.
    """
    if not names:
        return
    known = rule_names()
    for name in names:
        if name.removesuffix("Shape") not in known:
            near = difflib.get_close_matches(name.removesuffix("Shape"), known, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(near)}?" if near else f"; rules: {', '.join(known)}"
            raise InputError(f"--rule: no rule named {name!r}{hint}")


def only_rules(findings, names: list[str] | None) -> tuple:
    """The findings of the named rules (all when no name is given)."""
    if not names:
        return tuple(findings)
    wanted = {name.removesuffix("Shape") for name in names}
    return tuple(f for f in findings if f.rule_name in wanted)
