"""Reference data → RDF: regions, zones, region groups, plans, departments, industries.

All of it goes into the graph, mentioned or not, so "regions never mentioned" is a query."""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS, XSD

from .. import iris
from ..namespaces import ELI, GEO, PG
from ..reference import Reference
from .terms import zh

REGION_LEVEL = {
    "province": PG.Province,
    "prefecture": PG.Prefecture,
    "county": PG.County,
    "town": PG.Town,
}
DEPARTMENT_LEVEL = {
    "province": PG.ProvincialBody,
    "municipal": PG.MunicipalBody,
    "central": PG.CentralAgency,
    "collective": PG.CollectiveBody,
    "enterprise": PG.Enterprise,
}


def add_reference(graph, reference: Reference) -> None:
    for region in reference.regions.values():
        add_region(graph, region)
    for zone in reference.zones.values():
        add_zone(graph, zone)
    for area in reference.areas.values():
        add_area(graph, area)
    for plan in reference.plans.values():
        add_plan(graph, plan)
    for department in reference.departments.values():
        add_department(graph, department)
    graph.add((PG.IndustryScheme, RDF.type, SKOS.ConceptScheme))
    for industry in reference.industries.values():
        add_industry(graph, industry)


def _labelled(graph, node, cls, name: str, alternatives) -> None:
    """Type, Chinese preferred label and the other names a text may use (skos:altLabel)."""
    graph.add((node, RDF.type, cls))
    graph.add((node, SKOS.prefLabel, zh(name)))
    for alternative in alternatives:
        graph.add((node, SKOS.altLabel, zh(alternative)))


def add_region(graph, region) -> None:
    node = iris.region_iri(region.code)
    _labelled(graph, node, PG.Region, region.name, region.short_names)
    graph.add((node, DCTERMS.identifier, Literal(region.code)))
    graph.add((node, PG.level, REGION_LEVEL[region.level]))
    graph.add((node, PG.pinyin, Literal(region.pinyin)))
    if region.parent:
        graph.add((node, PG.within, iris.region_iri(region.parent)))
    if region.lat is not None and region.lon is not None:
        graph.add((node, GEO.lat, Literal(region.lat, datatype=XSD.decimal)))
        graph.add((node, GEO.long, Literal(region.lon, datatype=XSD.decimal)))


def add_zone(graph, zone) -> None:
    node = iris.zone_iri(zone.id)
    _labelled(graph, node, PG.Zone, zone.name, zone.aliases)
    graph.add((node, PG.zoneKind, Literal(zone.kind)))
    graph.add((node, PG.within, iris.region_iri(zone.region)))


def add_area(graph, area) -> None:
    node = iris.area_iri(area.id)
    _labelled(graph, node, PG.RegionGroup, area.name, area.aliases)
    graph.add((node, PG.groupKind, Literal(area.kind)))
    for code in area.members:
        graph.add((node, PG.member, iris.region_iri(code)))


def add_plan(graph, plan) -> None:
    node = iris.plan_iri(plan.id)
    graph.add((node, RDF.type, PG.Plan))
    graph.add((node, ELI.title, zh(plan.title)))
    for alias in plan.aliases:
        graph.add((node, SKOS.altLabel, zh(alias)))
    if plan.period_start:
        graph.add((node, PG.periodStart, Literal(str(plan.period_start), datatype=XSD.gYear)))
    if plan.period_end:
        graph.add((node, PG.periodEnd, Literal(str(plan.period_end), datatype=XSD.gYear)))
    for area in plan.areas:
        graph.add((node, PG.covers, iris.area_iri(area)))


def add_department(graph, department) -> None:
    node = iris.department_iri(department.id)
    _labelled(graph, node, PG.Department, department.name, department.short_names)
    graph.add((node, SKOS.prefLabel, Literal(department.english, lang="en")))
    graph.add((node, PG.departmentLevel, DEPARTMENT_LEVEL[department.level]))
    if department.parent:
        graph.add((node, ORG.subOrganizationOf, iris.department_iri(department.parent)))
    if department.seat:
        graph.add((node, PG.seat, iris.region_iri(department.seat)))


def add_unlisted_department(graph, key: str, printed: str) -> None:
    """A body the reference data does not know yet: labelled as printed, level unknown."""
    _labelled(graph, iris.department_iri(key), PG.Department, printed, ())


def add_industry(graph, industry) -> None:
    node = iris.industry_iri(industry.id)
    _labelled(graph, node, SKOS.Concept, industry.label_zh, industry.alt_labels)
    graph.add((node, SKOS.inScheme, PG.IndustryScheme))
    graph.add((node, SKOS.prefLabel, Literal(industry.label_en, lang="en")))
    if industry.broader:
        parent = iris.industry_iri(industry.broader)
        graph.add((node, SKOS.broader, parent))
        graph.add((parent, SKOS.narrower, node))
    else:
        graph.add((PG.IndustryScheme, SKOS.hasTopConcept, node))
