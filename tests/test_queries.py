"""Every saved query in queries/ runs on the seed graph and gives the answer read from the sources."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from policygraph import cli
from policygraph.namespaces import PG
from policygraph.paths import QUERIES_DIR
from policygraph.query import get_query, load_queries, parse_saved_query, run_query
from policygraph.service import Service
from policygraph.service.regions import clauses_for_region
from policygraph.sparql.errors import BadRequest

DOC = "https://w3id.org/policygraph/id/doc/000_e2dd2b49d853fc19-"


def rows(store, name, **params) -> list[dict]:
    result = run_query(store, get_query(name), params, accept="application/sparql-results+json")
    return [
        {k: v["value"] for k, v in r.items()}
        for r in json.loads(result.body)["results"]["bindings"]
    ]


def short(iri: str) -> str:
    """pgr:doc/000_…-02/art/24 → 02/24."""
    doc, _, number = iri.removeprefix(DOC).partition("/art/")
    return f"{doc}/{number}"


def test_at_least_twelve_queries_with_headers():
    queries = load_queries()
    assert len(queries) >= 12
    for q in queries.values():
        assert q.title and q.description, q.name
        for p in q.params:
            assert p.example, f"{q.name}: parameter {p.name} has no example"


def test_queries_use_only_ontology_terms():
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        for term in set(re.findall(r"\bpg:(\w+)", path.read_text(encoding="utf-8"))):
            assert PG[term], f"{path.name}: pg:{term}"  # ClosedNamespace raises on unknown terms


def test_header_parsing(tmp_path):
    f = tmp_path / "x.rq"
    f.write_text(
        "# title: T\n# description: D\n# param: when (date, a day) example: 2020-01-01\n"
        "SELECT ?when WHERE { }\n",
        encoding="utf-8",
    )
    q = parse_saved_query(f)
    assert (q.title, q.description, q.params[0].name, q.params[0].type, q.params[0].example) == (
        "T",
        "D",
        "when",
        "date",
        "2020-01-01",
    )


def test_unprojected_parameter_is_refused(tmp_path):
    f = tmp_path / "bad.rq"
    f.write_text("# param: x (string) example: a\nSELECT ?y WHERE { ?y ?p ?x }\n", encoding="utf-8")
    with pytest.raises(Exception, match="not projected"):
        parse_saved_query(f)


@pytest.mark.parametrize("value", ["abc", "1e5x"])
def test_bad_decimal_is_a_400(seed_store, value):
    with pytest.raises(BadRequest, match="not a valid decimal"):
        rows(seed_store, "subsidies-above", yuan=value)


def test_injection_is_just_a_string(seed_store):
    assert rows(seed_store, "clauses-citing", work='") } SELECT * WHERE { ?s ?p ?o } #') == []


# --- expected answers (numbers checked against data/sources/000_e2dd2b49d853fc19.txt) -------------


def test_documents(seed_store):
    answer = rows(seed_store, "documents")
    assert len(answer) == 10
    assert sum(int(r["clauses"]) for r in answer) == 230
    assert (
        answer[0]["title"] == "关于支持长春经济圈高质量发展的若干政策"
        and answer[0]["clauses"] == "14"
    )


def test_clauses_without_department(seed_store):
    # Documents 1 and 7 carry no responsibility annotations at all: 14 + 10 clauses.
    answer = rows(seed_store, "clauses-without-department")
    assert len(answer) == 24
    assert Counter(short(r["clause"]).split("/")[0] for r in answer) == {"01": 14, "07": 10}


@pytest.mark.parametrize(
    ("region", "clauses"), [("长春", 209), ("公主岭", 108), ("白城", 93), ("220184", 108)]
)
def test_clauses_for_region_agrees_with_service(seed_store, region, clauses):
    answer = rows(seed_store, "clauses-for-region", region=region)
    assert len({r["clause"] for r in answer}) == clauses
    service = {
        c["iri"]: {x["reason"] for x in c["reasons"]}
        for c in clauses_for_region(Service(seed_store), region)
    }
    sparql: dict[str, set] = {}
    for r in answer:
        sparql.setdefault(r["clause"], set()).add(r["reason"])
    assert sparql == service


def test_department_clauses_by_role(seed_store):
    answer = rows(seed_store, "department-clauses-by-role", department="省发展改革委")
    assert Counter(r["role"] for r in answer) == {"responsible": 39, "lead": 13, "support": 2}
    assert len({r["clause"] for r in answer}) == 54


def test_departments_by_role(seed_store):
    answer = rows(seed_store, "departments-by-role")
    assert len(answer) == 58  # of 63 departments, 58 are named on some clause
    top = answer[0]
    assert (top["name"], top["lead"], top["support"], top["responsible"], top["clauses"]) == (
        "长春市人民政府",
        "25",
        "43",
        "6",
        "74",
    )


def test_department_document_matrix_adds_up(seed_store):
    cells = rows(seed_store, "department-document-matrix")
    assert len(cells) == 159
    totals = Counter()
    for c in cells:
        totals[c["dept"]] += int(c["clauses"])
    by_role = {r["dept"]: int(r["clauses"]) for r in rows(seed_store, "departments-by-role")}
    assert totals == by_role  # every clause of a department lies in exactly one document
    assert {c["docTitle"] for c in cells}.isdisjoint({"关于支持长春经济圈高质量发展的若干政策"})


def test_industry_clauses_include_narrower(seed_store):
    answer = {r["name"]: r for r in rows(seed_store, "industry-clauses")}
    auto = answer["汽车"]
    assert (auto["clauses"], auto["directClauses"]) == ("15", "9")
    assert answer["汽车零部件"]["clauses"] == "3"


def test_subsidies_above(seed_store):
    answer = rows(seed_store, "subsidies-above", yuan="10000000")
    assert len(answer) == 24
    assert (short(answer[0]["clause"]), answer[0]["matched"], answer[0]["value"]) == (
        "03/5",
        "200亿元",
        "20000000000",
    )
    assert all(float(r["value"]) > 1e7 for r in answer)
    big = rows(seed_store, "subsidies-above", yuan="1000000000")
    assert {short(r["clause"]) for r in big} == {"03/5"} and len(big) == 8


def test_clauses_in_force(seed_store):
    # Periods in the text: 自2019年2月1日起 (03/27), “十三五”期间 (05/13), 2019年1月1日至2021年12月31日
    # (05/15, 09/35); 2019年底前 (06/12) has ended by mid-2020.
    answer = rows(seed_store, "clauses-in-force", date="2020-06-01")
    assert [short(r["clause"]) for r in answer] == ["03/27", "05/13", "05/15", "09/35"]
    assert "06/12" in {
        short(r["clause"]) for r in rows(seed_store, "clauses-in-force", date="2019-06-01")
    }


def test_corridors(seed_store):
    answer = rows(seed_store, "corridors", kind="corridor")
    assert [(r["name"], r["members"]) for r in answer] == [
        ("环长春四辽吉松工业走廊", "7"),
        ("长辽梅通白敦医药健康产业走廊", "6"),
    ]
    assert "公主岭市" in answer[0]["memberNames"]


def test_clauses_citing(seed_store):
    answer = rows(seed_store, "clauses-citing", work="吉政办发〔2019〕3号")
    assert [short(r["clause"]) for r in answer] == ["02/24"]


def test_regions_never_mentioned(seed_store):
    answer = rows(seed_store, "regions-never-mentioned")
    assert len(answer) == 48  # 70 regions, 22 named somewhere
    codes = {r["code"] for r in answer}
    assert "220103" in codes and "220184" not in codes and "220800" not in codes


def test_co_responsible_pairs(seed_store):
    answer = rows(seed_store, "co-responsible-pairs")
    assert len(answer) == 359
    assert (answer[0]["nameA"], answer[0]["nameB"], answer[0]["clauses"]) == (
        "长春市人民政府",
        "吉林市人民政府",
        "45",
    )


# --- the CLI -------------------------------------------------------------------------------------


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_query_table(capsys, seed_build):
    code, out, _ = run_cli(
        capsys,
        "query",
        "corridors",
        "--param",
        "kind=corridor",
        "--store",
        str(seed_build.store_dir),
    )
    assert code == 0
    assert out.splitlines()[0].split() == ["kind", "group", "name", "members", "memberNames"]
    assert "环长春四辽吉松工业走廊" in out and out.rstrip().endswith("(2 rows)")


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        ("json", lambda out: len(json.loads(out)["results"]["bindings"]) == 24),
        ("csv", lambda out: len(out.strip().splitlines()) == 25),
        ("tsv", lambda out: out.startswith("?clause\t")),
        ("xml", lambda out: out.count("<result>") == 24),
    ],
)
def test_cli_query_formats(capsys, seed_build, fmt, check):
    code, out, _ = run_cli(
        capsys,
        "query",
        "clauses-without-department",
        "--format",
        fmt,
        "--store",
        str(seed_build.store_dir),
    )
    assert code == 0 and check(out)


def test_cli_query_file(capsys, seed_build):
    code, out, _ = run_cli(
        capsys, "query", str(QUERIES_DIR / "documents.rq"), "--store", str(seed_build.store_dir)
    )
    assert code == 0 and "(10 rows)" in out


def test_cli_query_errors(capsys, seed_build, tmp_path):
    code, _, err = run_cli(capsys, "query", "corridor", "--store", str(seed_build.store_dir))
    assert code == 2 and "did you mean: corridors" in err
    code, _, err = run_cli(capsys, "query", "subsidies-above", "--store", str(seed_build.store_dir))
    assert code == 2 and "needs parameter yuan" in err
    code, _, err = run_cli(capsys, "query", "documents", "--store", str(tmp_path / "none"))
    assert code == 2 and "no store here" in err and "policygraph build" in err
