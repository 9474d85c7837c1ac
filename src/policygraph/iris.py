"""Minting resource IRIs from stable keys only: never blank nodes, UUIDs or hashes of raw text,
so an OCR fix or a rebuild on another machine leaves every IRI where it was."""

from __future__ import annotations

from urllib.parse import quote

from rdflib import URIRef

from .namespaces import RESOURCE_BASE


def _iri(path: str) -> URIRef:
    return URIRef(RESOURCE_BASE + path)


def _key(key: str) -> str:
    """Reference ids are ASCII slugs already; printed names of unlisted bodies are encoded."""
    return quote(key, safe="-_.")


def source_iri(stem: str) -> URIRef:
    return _iri(f"source/{quote(stem)}")


def document_iri(stem: str, ordinal: int) -> URIRef:
    return _iri(f"doc/{quote(stem)}-{ordinal:02d}")


def section_iri(document: URIRef, ordinal: int) -> URIRef:
    return URIRef(f"{document}/sec/{ordinal}")


def clause_iri(document: URIRef, key: int | str) -> URIRef:
    return URIRef(f"{document}/art/{key}")


def paragraph_iri(clause: URIRef, ordinal: int) -> URIRef:
    return URIRef(f"{clause}/para/{ordinal}")


def closing_iri(document: URIRef, ordinal: int) -> URIRef:
    """An unnumbered closing paragraph of a document (本措施自印发之日起施行…)."""
    return URIRef(f"{document}/closing/{ordinal}")


def annotation_iri(paragraph: URIRef) -> URIRef:
    return URIRef(f"{paragraph}/note")


def responsibility_iri(clause: URIRef, department_id: str, role: str) -> URIRef:
    return URIRef(f"{clause}/resp/{_key(department_id)}/{role}")


def mention_iri(clause: URIRef, ordinal: int) -> URIRef:
    return URIRef(f"{clause}/mention/{ordinal}")


def amount_iri(clause: URIRef, ordinal: int) -> URIRef:
    return URIRef(f"{clause}/amount/{ordinal}")


def period_iri(clause: URIRef, ordinal: int) -> URIRef:
    return URIRef(f"{clause}/period/{ordinal}")


def span_iri(thing: URIRef) -> URIRef:
    return URIRef(f"{thing}/src")


def region_iri(code: str) -> URIRef:
    return _iri(f"region/{code}")


def zone_iri(zone_id: str) -> URIRef:
    return _iri(f"zone/{_key(zone_id)}")


def area_iri(area_id: str) -> URIRef:
    return _iri(f"area/{_key(area_id)}")


def plan_iri(plan_id: str) -> URIRef:
    return _iri(f"plan/{_key(plan_id)}")


def department_iri(department_id: str) -> URIRef:
    return _iri(f"org/{_key(department_id)}")


def industry_iri(industry_id: str) -> URIRef:
    return _iri(f"industry/{_key(industry_id)}")


def cited_work_iri(key: str) -> URIRef:
    """Citations are identified by their own normalised text (title or document number)."""
    return _iri(f"work/{quote(key, safe='')}")
