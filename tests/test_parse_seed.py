"""The parser on the real seed: documents, clauses, titles, roles and offsets, checked by hand."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from policygraph.parse import parse_source, parse_text

SEED = Path(__file__).resolve().parents[1] / "data" / "sources" / "000_e2dd2b49d853fc19.txt"
DATA = Path(__file__).parent / "data"

# (title, clauses, sections, plans) per document, read off the source by hand.
DOCUMENTS = [
    ("关于支持长春经济圈高质量发展的若干政策", 14, 7, ["长春经济圈规划"]),
    (
        "关于推进环长春四辽吉松工业走廊发展规划实施的若干政策",
        26,
        8,
        ["环长春四辽吉松工业走廊发展规划"],
    ),
    (
        "关于推进长辽梅通白敦医药健康产业走廊发展规划实施的若干政策",
        30,
        6,
        ["长辽梅通白敦医药健康产业走廊发展规划"],
    ),
    ("关于推进“双带”规划实施的若干政策", 20, 4, ["双带规划"]),
    (
        "关于推进“双线”规划实施的若干政策",
        17,
        6,
        [
            "长通白延吉长避暑冰雪生态旅游大环线发展规划",
            "长松大白通长河湖草原湿地旅游大环线发展规划",
        ],
    ),
    (
        "关于推进“双通道”规划实施的若干政策",
        18,
        3,
        ["长白通（丹）大通道发展规划", "长吉珲大通道发展规划"],
    ),
    ("关于支持长春国家级创新创业基地建设的若干政策", 10, 10, ["长春国家级创新创业基地专项规划"]),
    (
        "关于支持白城国家级高载能高技术基地建设的若干政策",
        23,
        6,
        ["白城国家级高载能高技术基地建设规划"],
    ),
    ("关于推进长春吉林一体化协同发展规划实施的若干政策", 42, 9, ["长春吉林一体化协同发展规划"]),
    (
        "关于推进长春—公主岭同城化协同发展规划实施的若干政策",
        30,
        7,
        ["长春－公主岭同城化协同发展规划"],
    ),
]

# One row per real clause opening copied from the seed: (document, clause, expected title).
TITLES = [
    (1, 1, "支持重大产业项目发展"),
    (1, 10, None),  # 鼓励长春经济圈城市开展土地供应创新试点，根据… — no short title
    (1, 11, "支持长春经济圈内各城市盘活存量建设用地，提高土地使用效率"),
    (1, 14, None),  # 实施细则及相关管理办法另行制定。 — the whole clause is one sentence
    (2, 11, "加快补齐工业四基“短板”"),
    (4, 3, "推进建设中俄珲春－哈桑跨境经济合作区"),
    (4, 5, "加快边合区（互贸区）建设"),
    (6, 7, "压缩穿（跨）越项目审批时间"),
    (7, 1, "推进政策落实"),  # sections stand for clauses in this document
    (7, 10, "细化工作落实"),
    (8, 2, None),
    (8, 13, "优先保障高载能高技术项目用地，降低工业用地成本"),  # title runs across a page marker
    (8, 18, None),
    (9, 42, "互派优秀干部交流挂职"),
    (10, 16, "支持设立长春－公主岭产业发展子基金"),
    (10, 30, "谋划成立经济合作区管委会"),
]


@pytest.fixture(scope="module")
def seed():
    return parse_source(SEED)


def test_ten_documents_with_titles_clauses_sections_and_plans(seed):
    got = [
        (d.title, len(d.clauses), len(d.sections), [p.title for p in d.plans])
        for d in seed.documents
    ]
    assert got == DOCUMENTS
    assert sum(len(d.clauses) for d in seed.documents) == 230


def test_no_warnings_on_the_seed(seed):
    assert [str(w) for w in seed.warnings] == []


@pytest.mark.parametrize(
    ("doc", "number", "title"), TITLES, ids=[f"doc{d}-clause{n}" for d, n, _ in TITLES]
)
def test_clause_title(seed, doc, number, title):
    clause = next(c for c in seed.documents[doc - 1].clauses if c.number == number)
    assert clause.title == title


def test_clause_numbers_run_in_order(seed):
    for d in seed.documents:
        assert [c.number for c in d.clauses] == list(range(1, len(d.clauses) + 1)), d.title


def test_plan_periods(seed):
    periods = {p.title: (p.period_start, p.period_end) for d in seed.documents for p in d.plans}
    assert periods["长春经济圈规划"] == (None, None)
    assert periods["长吉珲大通道发展规划"] == (2018, 2025)  # printed without its closing 》
    assert periods["长春吉林一体化协同发展规划"] == (2019, 2025)


def _hand_checked() -> dict[tuple[int, int], set[tuple[str, str]]]:
    rows = [
        r
        for r in (DATA / "responsibilities_hand_checked.tsv").read_text("utf-8").splitlines()
        if r and not r.startswith("#")
    ]
    expected: dict[tuple[int, int], set[tuple[str, str]]] = {}
    for doc, clause, dept, role in csv.reader(rows[1:], delimiter="\t"):
        expected.setdefault((int(doc), int(clause)), set()).add((dept, role))
    return expected


@pytest.mark.parametrize(
    "doc", [3, 9, 10], ids=["list-style", "lead-support", "lead-support-tails"]
)
def test_every_responsibility_of_whole_documents(seed, doc):
    expected = {k: v for k, v in _hand_checked().items() if k[0] == doc}
    got = {}
    for c in seed.documents[doc - 1].clauses:
        roles = {(r.printed, r.role) for a in c.annotations for r in a.responsibilities}
        if roles:
            got[(doc, c.number)] = roles
    assert got == expected


@pytest.mark.parametrize(
    ("doc", "number", "expected"),
    [
        (
            2,
            1,
            {
                ("长春市政府", "responsible"),
                ("吉林市政府", "responsible"),
                ("四平市政府", "responsible"),
                ("辽源市政府", "responsible"),
                ("松原市政府", "responsible"),
                ("梅河口市政府", "responsible"),
                ("公主岭市政府", "responsible"),
                ("省加快制造业发展领导小组各成员单位", "responsible"),
            },
        ),
        (
            2,
            12,
            {
                ("长春市政府", "responsible"),
                ("省地方金融监管局", "responsible"),
                ("人民银行长春中心支行", "responsible"),
                ("吉林银保监局", "responsible"),
                ("吉林证监局", "responsible"),
            },
        ),
        (10, 30, {("长春市政府", "lead"), ("公主岭市政府", "lead")}),  # A会同B负责
        (5, 8, {("省市场监管厅", "responsible"), ("省文化和旅游厅", "responsible")}),
    ],
    ids=["shared-suffix", "comma-list", "hui-tong", "after-middle-paragraphs"],
)
def test_annotation_forms(seed, doc, number, expected):
    clause = next(c for c in seed.documents[doc - 1].clauses if c.number == number)
    assert {(r.printed, r.role) for a in clause.annotations for r in a.responsibilities} == expected


def test_multi_paragraph_clauses(seed):
    pharma = seed.documents[2]
    assert [len(c.paragraphs) for c in pharma.clauses[:5]] == [1, 3, 1, 1, 2]
    tourism = seed.documents[4]
    service = next(c for c in tourism.clauses if c.number == 8)
    assert len(service.paragraphs) == 3
    assert service.paragraphs[-1].annotation is not None


def test_wrapped_annotation_inside_the_word(seed):
    # （责任单\n\n位：省工业和信息化厅、省财政厅） in document 2, clause 16
    clause = seed.documents[1].clauses[15]
    assert [r.printed for r in clause.annotations[0].responsibilities] == [
        "省工业和信息化厅",
        "省财政厅",
    ]


def test_page_marker_inside_a_clause_is_removed(seed):
    clause = seed.documents[5].clauses[10]  # —１４— sits inside clause 11 of 双通道
    assert "14" not in clause.text and "—" not in clause.text
    assert "综合交通运输发展协调机制" in clause.text


def test_offsets_slice_back_to_the_source(seed):
    source = SEED.read_text(encoding="utf-8")
    squash = lambda s: re.sub(r"\s|\ue010|—\s*[０-９0-9]+\s*—", "", s)  # noqa: E731
    for d in seed.documents:
        assert squash(source[d.title_span.start : d.title_span.end]) == d.title
        for c in d.clauses:
            opening = squash(source[c.span.start : c.span.start + 8])
            assert (
                opening.startswith(
                    str(c.number).translate({x: x + 0xFEE0 for x in range(0x30, 0x3A)})
                )
                or not c.numbered
            ), opening
            for p in c.paragraphs:
                assert source.count("\n", 0, p.span.start) + 1 == p.span.line
                if p.annotation:
                    a = squash(source[p.annotation.span.start : p.annotation.span.end])
                    assert a.startswith("（") and a.endswith("）"), a
                    for r in p.annotation.responsibilities:
                        printed = squash(source[r.span.start : r.span.end])
                        assert r.printed.startswith(
                            printed.replace("!", "（")
                        ) or printed.startswith(r.printed), (printed, r.printed)


def test_clause_text_matches_its_span(seed):
    source = SEED.read_text(encoding="utf-8")
    for d in seed.documents:
        for c in d.clauses:
            for p in c.paragraphs:
                raw = source[p.span.start : p.span.end]
                folded = re.sub(r"\s|\ue010|—\s*[０-９]+\s*—", "", raw).translate(
                    {
                        x: x - 0xFEE0
                        for x in [
                            *range(0xFF10, 0xFF1A),
                            *range(0xFF21, 0xFF3B),
                            *range(0xFF41, 0xFF5B),
                        ]
                    }
                )
                assert p.text.replace(" ", "") in folded.replace("!", "（").replace('"', "）"), (
                    d.ordinal,
                    c.number,
                )


def _signature(sf):
    return [
        (
            d.title,
            [
                (
                    c.number,
                    c.title,
                    sorted(
                        {(r.printed, r.role) for a in c.annotations for r in a.responsibilities}
                    ),
                )
                for c in d.clauses
            ],
        )
        for d in sf.documents
    ]


CONVERTERS = {
    "single-newlines": lambda t: t.replace("\n\n", "\n"),
    "no-private-glyph": lambda t: t.replace("\ue010", ""),
    "half-width-digits": lambda t: t.translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "no-leading-spaces": lambda t: re.sub(r"(?m)^ +", "", t),
}


@pytest.mark.parametrize("name", sorted(CONVERTERS))
def test_other_text_converters_read_the_same(seed, name):
    """Another PDF-to-text tool prints the same documents differently; the reading must not move."""
    text = SEED.read_text(encoding="utf-8")
    assert _signature(parse_text("seed.txt", CONVERTERS[name](text))) == _signature(seed)
