"""pySHACL run on shapes prepared once per process, for the nodes a write can affect.

``pyshacl.validate`` spends most of a small validation on the shapes, not on the data: it builds its
shapes graph and every shape object anew on each call, and each time a shape is checked (once more for
every value node of an sh:or) it re-reads its parameters from the shapes graph, an rdflib store that
indexes by graph too. Here, with the results unchanged:

- the :class:`pyshacl.shapes_graph.ShapesGraph` and its shapes are built once, over a read-only graph
  that keeps the answer of each triple pattern (:class:`ReadOnlyGraph`);
- what pySHACL works out per check from the shapes alone is kept (:class:`ParameterList`,
  :func:`_custom_constraints`), and it writes no text for the results (:func:`_description`);
- each shape that declares a target is checked, through pySHACL's own ``Shape.validate``, on its targets
  in the data graph; with ``focus``, only on those among the focus nodes (a node's results depend on the
  data graph, not on which other nodes are checked). pySHACL's ``focus_nodes`` option is not the same
  thing: it also filters the value nodes of nested shapes (sh:or, sh:and, qualified shapes), so checks
  there would pass unchecked (see :func:`kb.validation.validate`).

``tests/kb/test_shacl_processor.py`` holds the results equal to ``pyshacl.validate`` on every shape case,
``tests/kb/test_incremental.py`` on random writes to the shipped KB.
"""
import logging
import threading
from functools import cache

from pyshacl import shape as pyshacl_shape
from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
from pyshacl.constraints.constraint_component import ConstraintComponent
from pyshacl.graph_abstraction import DataGraph
from pyshacl.pytypes import SHACLExecutor
from pyshacl.shapes_graph import ShapesGraph
from pyshacl.validator import Validator
from rdflib import Graph
from rdflib.paths import Path

import shapes

# A bound on the answers kept; the shapes graph has far fewer distinct patterns than this.
ANSWERS_KEPT = 100_000


class ReadOnlyGraph(Graph):
    """A graph that is only read once built: each triple pattern is answered from the store once."""

    def __init__(self):
        super().__init__()
        self._answers: dict = {}

    def add(self, triple):
        self._answers.clear()
        return super().add(triple)

    def remove(self, triple):
        self._answers.clear()
        return super().remove(triple)

    def triples(self, triple):
        if isinstance(triple[1], Path):
            yield from super().triples(triple)
            return
        found = self._answers.get(triple)
        if found is None:
            if len(self._answers) > ANSWERS_KEPT:
                self._answers.clear()
            found = self._answers[triple] = list(super().triples(triple))
        yield from found


class ParameterList(list):
    """pySHACL's list of constraint parameters, which it asks "is this predicate one?" for every predicate
    of a shape each time the shape is checked: a list answers with one rdflib term comparison per
    parameter, this one from a set. (pySHACL fills the module's ``CONSTRAINT_PARAMS`` on its first run;
    it copies and extends the list in its advanced mode, which a copy, a plain list, still allows.)"""

    def __init__(self, items):
        super().__init__(items)
        self._members = frozenset(items)

    def __contains__(self, item) -> bool:
        return item in self._members


_quiet = threading.local()
_describe = ConstraintComponent.make_v_result_description


def _description(self, *args, **kwargs) -> str:
    """pySHACL writes a text for every result, for its text report, which nothing here reads; most results
    are never reported at all (those of an sh:or branch that another branch satisfies). Writing them was
    a fifth of an import's validation. Within :func:`report`'s thread the text stays empty."""
    if getattr(_quiet, "on", False):
        return ""
    return _describe(self, *args, **kwargs)


_applicable: dict = {}
_find_custom_constraints = pyshacl_shape.Shape.find_custom_constraints


def _custom_constraints(self) -> set:
    """The SHACL-SPARQL components that apply to a shape, which pySHACL works out from the shapes graph
    every time the shape is checked (a tenth of an import's validation): found once for the prepared
    shapes."""
    found = _applicable.get(id(self.sg))
    if found is None or self.node not in found:
        return _find_custom_constraints(self)
    return found[self.node]


@cache
def _shapes() -> tuple[ShapesGraph, tuple]:
    """pySHACL's shapes graph of ``shapes/*.ttl``, and the shapes that declare a target."""
    pyshacl_shape.CONSTRAINT_PARAMS = (ParameterList(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)
    ConstraintComponent.make_v_result_description = _description
    graph = ReadOnlyGraph()
    for prefix, namespace in shapes.load().namespaces():
        graph.bind(prefix, namespace)
    for triple in shapes.load():
        graph.add(triple)
    shapes_graph = ShapesGraph(graph, logger=logging.getLogger(__name__))
    _applicable[id(shapes_graph)] = {shape.node: _find_custom_constraints(shape) for shape in shapes_graph.shapes}
    pyshacl_shape.Shape.find_custom_constraints = _custom_constraints
    targeted = tuple(shape for shape in shapes_graph.shapes if any(any(True for _ in t) for t in shape.target()))
    return shapes_graph, targeted


def report(data: Graph, focus: set | None = None) -> Graph:
    """pySHACL's validation report graph for ``data`` (every target of a shape, or only ``focus``),
    with warnings and infos allowed as in ``kb.validation``."""
    shapes_graph, targeted = _shapes()
    graph = DataGraph.from_rdflib(data)
    executor = SHACLExecutor(allow_warnings=True)
    conforms, results = True, []
    _quiet.on = True
    try:
        for shape in targeted:
            targets = shape.focus_nodes(graph)
            if focus is not None:
                targets &= focus
            if not targets:
                continue
            shape_conforms, shape_results = shape.validate(executor, graph, focus=list(targets))
            conforms = conforms and shape_conforms
            results.extend(shape_results)
    finally:
        _quiet.on = False
    report_graph, _text = Validator.create_validation_report(shapes_graph, conforms, results)
    return report_graph
