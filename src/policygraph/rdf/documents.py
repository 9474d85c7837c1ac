"""Parsed documents → RDF: documents, sections, clauses, paragraphs, annotations,
responsibilities and the facts extracted from each clause, every one with its source span."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, XSD

from .. import iris
from ..extract.facts import ClauseFacts
from ..model import Clause, Document, Paragraph, Section, SourceFile, Warning
from ..namespaces import ELI, PG, SCHEMA
from ..resolve import Resolver, guess_level
from .reference import DEPARTMENT_LEVEL, add_unlisted_department
from .terms import AMOUNT_KIND, ROLE, add_span, integer, zh

FactsOf = Callable[[Clause], ClauseFacts]
MENTION_PROPERTY = {"region": PG.mentionsRegion, "zone": PG.mentionsZone, "area": PG.mentionsArea}
MENTION_TARGET = {"region": iris.region_iri, "zone": iris.zone_iri, "area": iris.area_iri}


class DocumentWriter:
    """Adds one source file's documents to a graph, collecting warnings about unknown names."""

    def __init__(self, graph, resolver: Resolver, facts_of: FactsOf):
        self.graph = graph
        self.resolver = resolver
        self.facts_of = facts_of
        self.warnings: list[Warning] = []
        self._unlisted: set[str] = set()

    def add_source(self, sf: SourceFile) -> URIRef:
        g = self.graph
        node = iris.source_iri(sf.stem)
        g.add((node, RDF.type, PG.SourceFile))
        g.add((node, DCTERMS.identifier, Literal(sf.name)))
        g.add((node, PG.sha256, Literal(sf.sha256)))
        g.add((node, PG.characterCount, Literal(sf.length, datatype=XSD.nonNegativeInteger)))
        for doc in sf.documents:
            self.add_document(sf, node, doc)
        return node

    def add_document(self, sf: SourceFile, source: URIRef, doc: Document) -> URIRef:
        g = self.graph
        node = iris.document_iri(sf.stem, doc.ordinal)
        g.add((node, RDF.type, PG.PolicyDocument))
        g.add((node, ELI.title, zh(doc.title)))
        g.add((node, PG.position, integer(doc.ordinal)))
        g.add((node, PROV.wasDerivedFrom, source))
        if doc.preamble:
            g.add((node, PG.preamble, zh(doc.preamble)))
        add_span(g, node, doc.span, source)
        for plan in doc.plans:
            resolved = self.resolver.plan(plan.title)
            plan_node = iris.plan_iri(resolved.key)
            if not resolved.known:
                self._warn(
                    plan.span.file,
                    plan.span.line,
                    f"plan 《{plan.title}》 is not in data/reference/plans.csv",
                )
                g.add((plan_node, RDF.type, PG.Plan))
                g.add((plan_node, ELI.title, zh(plan.title)))
            g.add((node, PG.implementsPlan, plan_node))
        for n, paragraph in enumerate(doc.closing, 1):
            closing = iris.closing_iri(node, n)
            g.add((closing, RDF.type, PG.Paragraph))
            g.add((closing, ELI.is_part_of, node))
            g.add((node, ELI.has_part, closing))
            g.add((closing, PG.position, integer(n)))
            g.add((closing, PG.text, zh(paragraph.text)))
            add_span(g, closing, paragraph.span, source)
        sections = {s.ordinal: self.add_section(node, source, s) for s in doc.sections}
        for position, clause in enumerate(doc.clauses, 1):
            parent = sections.get(clause.section, node) if clause.section else node
            self.add_clause(node, parent, source, clause, position, _clause_key(doc, clause))
        return node

    def add_section(self, doc: URIRef, source: URIRef, section: Section) -> URIRef:
        g = self.graph
        node = iris.section_iri(doc, section.ordinal)
        g.add((node, RDF.type, PG.Section))
        g.add((node, ELI.is_part_of, doc))
        g.add((doc, ELI.has_part, node))
        g.add((node, ELI.number, Literal(section.number)))
        g.add((node, PG.position, integer(section.ordinal)))
        if section.title:
            g.add((node, ELI.title, zh(section.title)))
        if section.intro:
            g.add((node, PG.text, zh(section.intro)))
        add_span(g, node, section.span, source)
        return node

    def add_clause(
        self, doc: URIRef, parent: URIRef, source: URIRef, clause: Clause, position: int, key: str
    ) -> URIRef:
        g = self.graph
        node = iris.clause_iri(doc, key)
        g.add((node, RDF.type, PG.Clause))
        g.add((node, PG.document, doc))
        g.add((node, ELI.is_part_of, parent))
        g.add((parent, ELI.has_part, node))
        g.add((node, ELI.number, Literal(str(clause.number))))
        g.add((node, PG.position, integer(position)))
        if clause.title:
            g.add((node, ELI.title, zh(clause.title)))
        g.add((node, PG.text, zh(clause.text)))
        add_span(g, node, clause.span, source)
        for n, paragraph in enumerate(clause.paragraphs, 1):
            self.add_paragraph(node, source, paragraph, n)
        self.add_responsibilities(node, source, clause)
        self.add_facts(node, source, self.facts_of(clause))
        return node

    def add_paragraph(self, clause: URIRef, source: URIRef, paragraph: Paragraph, n: int) -> URIRef:
        g = self.graph
        node = iris.paragraph_iri(clause, n)
        g.add((node, RDF.type, PG.Paragraph))
        g.add((node, ELI.is_part_of, clause))
        g.add((node, PG.position, integer(n)))
        g.add((node, PG.text, zh(paragraph.text)))
        add_span(g, node, paragraph.span, source)
        if paragraph.annotation:
            note = paragraph.annotation
            ann = iris.annotation_iri(node)
            g.add((ann, RDF.type, PG.ResponsibilityAnnotation))
            g.add((ann, PG.annotationText, Literal(note.text)))
            g.add((ann, PG.annotationStyle, Literal(note.style)))
            g.add((ann, PG.inParagraph, node))
            add_span(g, ann, note.span, source)
        return node

    def add_responsibilities(self, clause_node: URIRef, source: URIRef, clause: Clause) -> None:
        """One node per (clause, department, role), stated in one or more annotations."""
        g = self.graph
        for n, paragraph in enumerate(clause.paragraphs, 1):
            if not paragraph.annotation:
                continue
            ann = iris.annotation_iri(iris.paragraph_iri(clause_node, n))
            for r in paragraph.annotation.responsibilities:
                dept = self._department(r.printed, r.span.file, r.span.line)
                node = iris.responsibility_iri(clause_node, dept, r.role)
                if (node, RDF.type, PG.Responsibility) not in g:
                    g.add((node, RDF.type, PG.Responsibility))
                    g.add((node, PG.clause, clause_node))
                    g.add((clause_node, PROV.qualifiedAttribution, node))
                    g.add((node, PROV.agent, iris.department_iri(dept)))
                    g.add((node, PROV.hadRole, ROLE[r.role]))
                    g.add((node, PG.printedLabel, Literal(r.printed)))
                    add_span(g, node, r.span, source)
                g.add((node, PG.statedIn, ann))

    def add_facts(self, clause: URIRef, source: URIRef, facts: ClauseFacts) -> None:
        g = self.graph
        for n, m in enumerate(facts.mentions, 1):
            target = MENTION_TARGET[m.kind](m.key)
            g.add((clause, MENTION_PROPERTY[m.kind], target))
            node = iris.mention_iri(clause, n)
            g.add((clause, PG.hasMention, node))
            g.add((node, RDF.type, PG.RegionMention))
            g.add((node, PG.mentionOf, target))
            g.add((node, PG.matchedText, Literal(m.text)))
            add_span(g, node, m.span, source)
        for industry in facts.industries:
            g.add((clause, PG.mentionsIndustry, iris.industry_iri(industry)))
        for n, a in enumerate(facts.amounts, 1):
            node = iris.amount_iri(clause, n)
            g.add((clause, PG.hasAmount, node))
            if a.unit == "CNY":
                g.add((node, RDF.type, PG.MonetaryAmount))
                g.add((node, SCHEMA.currency, Literal("CNY")))
                g.add((node, SCHEMA.minValue, Literal(a.minimum, datatype=XSD.decimal)))
                g.add((node, SCHEMA.maxValue, Literal(a.maximum, datatype=XSD.decimal)))
            else:
                g.add((node, RDF.type, PG.Percentage))
                g.add((node, SCHEMA.unitCode, Literal("P1")))
                g.add((node, SCHEMA.minValue, Literal(a.minimum, datatype=XSD.decimal)))
                g.add((node, SCHEMA.maxValue, Literal(a.maximum, datatype=XSD.decimal)))
                if a.minimum == a.maximum:
                    g.add((node, SCHEMA.value, Literal(a.minimum, datatype=XSD.decimal)))
            g.add((node, PG.amountKind, AMOUNT_KIND[a.kind]))
            g.add((node, PG.matchedText, Literal(a.text)))
            add_span(g, node, a.span, source)
        for n, p in enumerate(facts.periods, 1):
            node = iris.period_iri(clause, n)
            g.add((clause, DCTERMS.temporal, node))
            g.add((node, RDF.type, DCTERMS.PeriodOfTime))
            if p.start:
                g.add((node, DCAT.startDate, Literal(p.start, datatype=XSD.date)))
            if p.end:
                g.add((node, DCAT.endDate, Literal(p.end, datatype=XSD.date)))
            g.add((node, PG.matchedText, Literal(p.text)))
            add_span(g, node, p.span, source)
        for c in facts.citations:
            node = iris.cited_work_iri(c.number or c.title or c.text)
            g.add((clause, ELI.cites, node))
            g.add((node, RDF.type, PG.CitedWork))
            if c.title:
                g.add((node, ELI.title, zh(c.title)))
            if c.number:
                g.add((node, ELI.id_local, Literal(c.number)))

    def _department(self, printed: str, file: str, line: int) -> str:
        resolved = self.resolver.department(printed)
        if not resolved.known and resolved.key not in self._unlisted:
            self._unlisted.add(resolved.key)
            self._warn(
                file,
                line,
                f"department {printed!r} is not in "
                "data/reference/departments.csv — kept as printed",
            )
            add_unlisted_department(self.graph, resolved.key, printed)
            self.graph.add(
                (
                    iris.department_iri(resolved.key),
                    PG.departmentLevel,
                    DEPARTMENT_LEVEL[guess_level(printed)],
                )
            )
        return resolved.key

    def _warn(self, file: str, line: int, message: str) -> None:
        self.warnings.append(Warning(file, line, message))


def _clause_key(doc: Document, clause: Clause) -> str:
    """The clause number when numbers are unique in the document, else section-number."""
    numbers = [c.number for c in doc.clauses]
    if len(set(numbers)) == len(numbers):
        return str(clause.number)
    return f"{clause.section or 0}-{clause.number}"


def add_source(graph, sf: SourceFile, resolver: Resolver, facts_of: FactsOf) -> list[Warning]:
    writer = DocumentWriter(graph, resolver, facts_of)
    writer.add_source(sf)
    return writer.warnings


__all__ = ["DocumentWriter", "add_source"]
