"""A document of the same family the parser was not tuned to (written for this test in the PDF
dump's style: （一） numbering, wrapped annotations, a page marker, a closing paragraph), run
through the whole build."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygraph.export.clauses import iter_clause_records
from policygraph.pipeline import build

FAMILY = Path(__file__).parent / "data" / "family" / "meihekou.txt"


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    return build([FAMILY], tmp_path_factory.mktemp("family"))


def test_it_builds_a_conformant_graph(result):
    assert result.conforms
    doc = result.sources[0].documents[0]
    assert doc.title == "关于支持梅河口市高质量发展的若干措施"
    assert [p.title for p in doc.plans] == ["梅河口市高质量发展规划"]
    assert [p.text for p in doc.closing] == ["本措施自印发之日起施行，有效期至2025年12月31日。"]


def test_clauses_titles_and_roles(result):
    records = list(iter_clause_records(result.graph))
    got = [
        (
            r["section"],
            r["number"],
            r["title"],
            [(x["department"], x["role"]) for x in r["responsibilities"]],
        )
        for r in records
    ]
    assert got == [
        (
            "产业发展",
            1,
            "支持医药产业集聚",
            [("省工业和信息化厅", "responsible"), ("梅河口市政府", "responsible")],
        ),
        (
            "产业发展",
            2,
            "加快现代物流发展",
            [("省商务厅", "lead"), ("省交通运输厅", "support"), ("省财政厅", "support")],
        ),
        ("要素保障", 1, "强化用地保障", [("省自然资源厅", "responsible")]),
        (
            "要素保障",
            2,
            "加大金融支持",
            [
                ("省地方金融监管局", "lead"),
                ("人民银行长春中心支行", "lead"),
                ("梅河口市政府", "support"),
            ],
        ),
        (
            "要素保障",
            3,
            "优化营商环境",
            [
                ("省政务服务和数字化局", "responsible"),
                ("省市场监管厅", "responsible"),
                ("省知识产权局", "responsible"),
            ],
        ),
    ]
    assert "—" not in records[2]["text"] and "新增建设用地计划指标" in records[2]["text"]
    assert records[0]["regions_mentioned"] == ["梅河口市"]
    assert [a["kind"] for a in records[0]["amounts"]] == ["exact", "cap"]


def test_clause_iris_are_unique_when_numbers_restart(result):
    iris = [r["iri"] for r in iter_clause_records(result.graph)]
    assert len(set(iris)) == 5 and iris[2].endswith("/art/2-1")


def test_unknown_plan_is_a_warning_with_its_line(result):
    assert any(
        "梅河口市高质量发展规划" in str(w) and "meihekou.txt:5:" in str(w) for w in result.warnings
    )


def test_closing_paragraph_is_in_the_graph(result):
    from rdflib import URIRef

    from policygraph.namespaces import ELI, PG

    closing = URIRef(next(iter_clause_records(result.graph))["document_iri"] + "/closing/1")
    assert str(result.graph.value(closing, PG.text)).startswith("本措施自印发之日起施行")
    assert result.graph.value(closing, ELI.is_part_of) is not None
