"""Extractors on real lines copied from the seed: amounts, dates, citations, places, industries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from policygraph.extract.amounts import extract_amounts
from policygraph.extract.citations import extract_citations
from policygraph.extract.dates import extract_periods
from policygraph.reference import load_reference
from policygraph.resolve import Resolver

AMOUNTS = [
    ("一次性给予每个品种50－200万元奖补", [("Range", "CNY", 500000, 2000000)]),
    ("每个企业年度最高不超过300万元", [("Cap", "CNY", 3000000, 3000000)]),
    (
        "总投资5000万元以上且固定资产投资已完成3000万元以上",
        [("Threshold", "CNY", 50000000, 50000000), ("Threshold", "CNY", 30000000, 30000000)],
    ),
    (
        "对年主营业务收入首次超过10亿元、20亿元和50亿元的医药健康工业企业",
        [
            ("Threshold", "CNY", 10**9, 10**9),
            ("Threshold", "CNY", 2 * 10**9, 2 * 10**9),
            ("Threshold", "CNY", 5 * 10**9, 5 * 10**9),
        ],
    ),
    (
        "一次性分别给予50万元和80万元奖补",
        [("Exact", "CNY", 500000, 500000), ("Exact", "CNY", 800000, 800000)],
    ),
    ("全省政策性融资担保机构平均担保费率下调至15％以内", [("Cap", "percent", 15, 15)]),
    (
        "注册资本实缴现金额的1％、最高不超过100万元的奖补",
        [("Exact", "percent", 1, 1), ("Cap", "CNY", 1000000, 1000000)],
    ),
    ("对月销售额10万元以下（含本数）的增值税小规模纳税人", [("Cap", "CNY", 100000, 100000)]),
]


@pytest.mark.parametrize(("text", "expected"), AMOUNTS, ids=[t[:12] for t, _ in AMOUNTS])
def test_amounts(text, expected):
    got = [(a.kind, a.unit, a.minimum, a.maximum) for a in extract_amounts(text)]
    assert got == [(k, u, Decimal(lo), Decimal(hi)) for k, u, lo, hi in expected]


PERIODS = [
    ("2019年1月1日至2021年12月31日，对月销售额", [(date(2019, 1, 1), date(2021, 12, 31))]),
    ("自2019年2月1日起，将我省药品、医疗器械产品注册费", [(date(2019, 2, 1), None)]),
    ("力争2019年底前取消省界高速公路收费站", [(None, date(2019, 12, 31))]),
    ("在“十三五”期间，其余建设资金由省、市", [(date(2016, 1, 1), date(2020, 12, 31))]),
    ("2019年2月30日", []),  # not a date
]


@pytest.mark.parametrize(("text", "expected"), PERIODS, ids=[t[:10] for t, _ in PERIODS])
def test_periods(text, expected):
    assert [(p.first, p.last) for p in extract_periods(text)] == expected


def test_citations_join_title_and_number():
    text = (
        "全面落实《吉林省促进中小企业发展条例》《吉林省人民政府办公厅关于进一步推动实体经济降本"
        "减负若干政策措施的通知》（吉政办发〔2019〕3号）精神"
    )
    got = [(c.title, c.number) for c in extract_citations(text)]
    assert got == [
        ("吉林省促进中小企业发展条例", None),
        (
            "吉林省人民政府办公厅关于进一步推动实体经济降本减负若干政策措施的通知",
            "吉政办发〔2019〕3号",
        ),
    ]


def test_citation_number_alone_and_spaced_brackets():
    got = extract_citations("按照（吉政办函 〔2018〕169号），长春市政府")
    assert [(c.title, c.number) for c in got] == [(None, "吉政办函〔2018〕169号")]


@pytest.fixture(scope="module")
def resolver():
    return Resolver(load_reference())


def places(resolver, text):
    return sorted({(m.kind, m.key) for m in resolver.gazetteer.find(text)})


PLACES = [
    ("支持将长春新区（北区）作为申报主体", [("region", "220100"), ("zone", "changchun-new-area")]),
    (
        "推动形成以长春为中心、连通四辽吉松",
        [("region", c) for c in ("220100", "220200", "220300", "220400", "220700")],
    ),
    (
        "加快推进敦化至白河铁路建设，尽早打通长春至长白山地区的旅游快速通道",
        [("region", "220100"), ("region", "222403")],
    ),  # 长白山 is neither 长白 nor 白山
    ("打造沿鸭绿江和图们江、具有较完备旅游功能的东北边境风景道", []),
    ("支持“数字吉林”建设，由省统筹，加快建设全省一体化政务服务平台", [("region", "220000")]),
    (
        "研究推进长春政策延伸至吉林、延边地区",
        [("region", "220100"), ("region", "220200"), ("region", "222400")],
    ),
    ("将公主岭市划归长春市代管", [("region", "220100"), ("region", "220184")]),
    ("吉林银保监局、吉林证监局", []),
]


@pytest.mark.parametrize(("text", "expected"), PLACES, ids=[t[:10] for t, _ in PLACES])
def test_places(resolver, text, expected):
    assert places(resolver, text) == sorted(expected)


def test_departments_resolve_through_short_forms(resolver):
    assert resolver.department("省发展改革委").known
    assert resolver.department("长春市").key == resolver.department("长春市政府").key
    assert resolver.department("吉林省财政厅").key == resolver.department("省财政厅").key
    unknown = resolver.department("省委宣传部")
    assert not unknown.known and unknown.key == "x-省委宣传部"


def test_plans_resolve_whatever_the_dash(resolver):
    keys = {
        resolver.plan(t).key
        for t in (
            "长春—公主岭同城化协同发展规划",
            "长春－公主岭同城化协同发展规划",
            "长春-公主岭同城化协同发展规划",
        )
    }
    assert len(keys) == 1 and resolver.plan("长春-公主岭同城化协同发展规划").known
