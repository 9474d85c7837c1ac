"""Crafted inputs: the numbering and annotation variants of this document family, and the
warnings and errors bad input must produce (never a silent drop)."""

from __future__ import annotations

import pytest

from policygraph.errors import InputError
from policygraph.parse import parse_source, parse_text


def doc(*lines: str, title: str = "关于支持测试地区发展的若干政策") -> str:
    """A document as the PDF dump prints it: every line followed by a blank line."""
    return (
        "\n\n".join(
            [title, "为推动《测试地区发展规划（2020—2025年）》实施，制定以下政策措施。", *lines]
        )
        + "\n"
    )


def roles(clause):
    return [(r.printed, r.role) for a in clause.annotations for r in a.responsibilities]


def test_parenthesised_numbering_restarts_per_section():
    sf = parse_text(
        "t.txt",
        doc(
            "一、产业支持",
            "（一）支持企业发展。对企业给予支持。（责任单位：省财政厅）",
            "（二）支持园区建设。对园区给予支持。（责任单位：省商务厅）",
            "二、人才支持",
            "（一）引进人才。对人才给予奖励。（责任单位：省人力资源社会保障厅）",
        ),
    )
    d = sf.documents[0]
    assert [(c.section, c.number, c.title) for c in d.clauses] == [
        (1, 1, "支持企业发展"),
        (1, 2, "支持园区建设"),
        (2, 1, "引进人才"),
    ]
    assert roles(d.clauses[2]) == [("省人力资源社会保障厅", "responsible")]


@pytest.mark.parametrize("marker", ["1.", "１．", "1、"], ids=["ascii-dot", "fullwidth-dot", "dun"])
def test_dotted_numbering_is_the_clause_level(marker):
    second = marker.replace("1", "2").replace("１", "２")
    sf = parse_text(
        "t.txt",
        doc(
            "一、政策",
            f"{marker}加强统筹。做好衔接工作。（省发展改革委负责）",
            f"{second}加大投入。安排专项资金。（省财政厅牵头，省税务局配合）",
        ),
    )
    d = sf.documents[0]
    assert [c.number for c in d.clauses] == [1, 2]
    assert roles(d.clauses[0]) == [("省发展改革委", "lead")]
    assert roles(d.clauses[1]) == [("省财政厅", "lead"), ("省税务局", "support")]


def test_sections_stand_for_clauses_when_nothing_is_numbered_below_them():
    sf = parse_text(
        "t.txt",
        doc("一、推进政策落实", "全面落实各项政策。", "二、推动载体升级", "鼓励基地提档升级。"),
    )
    d = sf.documents[0]
    assert [(c.number, c.title, c.numbered) for c in d.clauses] == [
        (1, "推进政策落实", False),
        (2, "推动载体升级", False),
    ]


def test_half_width_bare_numbers_and_a_wrapped_number_that_is_not_a_clause():
    sf = parse_text(
        "t.txt",
        doc(
            "一、政策",
            "1支持发展。对企业给予补贴，自",
            "2021年1月1日起执行。（责任单位：省财政厅）",
            "2加强服务。提供便利。（责任单位：省政务服务和数字化局）",
        ),
    )
    d = sf.documents[0]
    assert [c.number for c in d.clauses] == [1, 2]
    assert "2021年1月1日起执行" in d.clauses[0].text


def test_lead_support_labels_and_first_listed_leads():
    sf = parse_text(
        "t.txt",
        doc(
            "各项政策中，排在第一位的为牵头单位。",
            "一、政策",
            "１支持发展。给予支持。（牵头单位：省工业和信息化厅；配合单位：省财政厅、省科技厅）",
            "２加强服务。提供便利。（责任单位：省商务厅、长春海关）",
        ),
    )
    d = sf.documents[0]
    assert d.first_listed_leads
    assert roles(d.clauses[0]) == [
        ("省工业和信息化厅", "lead"),
        ("省财政厅", "support"),
        ("省科技厅", "support"),
    ]
    assert roles(d.clauses[1]) == [("省商务厅", "lead"), ("长春海关", "support")]


def test_annotation_wrapped_inside_the_word_and_shared_suffix():
    sf = parse_text(
        "t.txt",
        doc(
            "一、政策",
            "１加强协同。推动合作。（责",
            "任单位：长春市、吉林市及公主岭市政府，省发展改革委等相关部门）",
        ),
    )
    c = sf.documents[0].clauses[0]
    assert roles(c) == [
        ("长春市政府", "responsible"),
        ("吉林市政府", "responsible"),
        ("公主岭市政府", "responsible"),
        ("省发展改革委", "responsible"),
    ]


def test_ocr_brackets_name_both_bodies():
    sf = parse_text(
        "t.txt", doc("一、政策", '１保护产权。给予补助。（责任单位：省市场监管厅!省知识产权局"）')
    )
    assert roles(sf.documents[0].clauses[0]) == [
        ("省市场监管厅", "responsible"),
        ("省知识产权局", "responsible"),
    ]


def test_page_marker_inside_a_clause():
    sf = parse_text(
        "t.txt",
        doc("一、政策", "１完善机制。建立健全", "—１４—", "协调机制。（责任单位：省交通运输厅）"),
    )
    assert sf.documents[0].clauses[0].text == "完善机制。建立健全协调机制。"


def test_unnumbered_closing_paragraph_belongs_to_the_document():
    sf = parse_text(
        "t.txt",
        doc(
            "一、政策",
            "１支持发展。给予支持。（责任单位：省财政厅）",
            "本政策措施自印发之日起施行。",
        ),
    )
    d = sf.documents[0]
    assert d.clauses[0].text == "支持发展。给予支持。"
    assert [p.text for p in d.closing] == ["本政策措施自印发之日起施行。"]


def test_two_documents_in_one_file():
    text = doc("一、政策", "１支持发展。给予支持。") + doc(
        "一、政策", "１加强服务。提供便利。", title="关于推进测试走廊建设的若干措施"
    )
    sf = parse_text("t.txt", text)
    assert [d.title for d in sf.documents] == [
        "关于支持测试地区发展的若干政策",
        "关于推进测试走廊建设的若干措施",
    ]


def test_unclosed_annotation_is_reported_with_its_line():
    sf = parse_text("t.txt", doc("一、政策", "１支持发展。给予支持。（责任单位：省财政厅"))
    assert any(
        "unclosed responsibility annotation" in str(w) and str(w).startswith("t.txt:7:")
        for w in sf.warnings
    )
    assert roles(sf.documents[0].clauses[0]) == [("省财政厅", "responsible")]


def test_text_before_the_first_title_is_reported():
    sf = parse_text("t.txt", "目录\n\n" + doc("一、政策", "１支持发展。给予支持。"))
    assert [str(w) for w in sf.warnings] == [
        "t.txt:1: 1 line(s) before the first document title belong to no document"
    ]


def test_a_file_without_any_title_is_one_untitled_document_and_a_warning():
    sf = parse_text("t.txt", "一、政策\n\n１支持发展。给予支持。\n")
    assert len(sf.documents) == 1 and len(sf.documents[0].clauses) == 1
    assert "no document title" in str(sf.warnings[0])


def test_non_utf8_input_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("关于\n".encode() + b"\xff\xfe\n")
    with pytest.raises(InputError, match=r"bad\.txt:2: not UTF-8"):
        parse_source(bad)


def test_title_on_a_line_of_its_own():
    sf = parse_text(
        "t.txt",
        doc(
            "一、政策",
            "（一）加大财政支持力度",
            "对符合条件的项目给予补助，所需资金由省级财政安排，各地按照规定程序组织申报并",
            "做好项目管理工作。（责任单位：省财政厅）",
        ),
    )
    c = sf.documents[0].clauses[0]
    assert c.title == "加大财政支持力度"
    assert c.text.startswith("对符合条件的项目给予补助")
    assert roles(c) == [("省财政厅", "responsible")]


def test_unbracketed_responsibility_sentence():
    sf = parse_text(
        "t.txt",
        doc(
            "一、政策",
            "１支持发展。给予支持。责任单位：省财政厅、省税务局。",
            "２加强服务。提供便利。责任单位：省商务厅",
        ),
    )
    d = sf.documents[0]
    assert roles(d.clauses[0]) == [("省财政厅", "responsible"), ("省税务局", "responsible")]
    assert d.clauses[0].text == "支持发展。给予支持。"
    assert roles(d.clauses[1]) == [("省商务厅", "responsible")]


def test_chapters_as_sections():
    sf = parse_text(
        "t.txt",
        doc(
            "第一章 总体要求",
            "（一）明确目标。到2025年基本建成。（省发展改革委负责）",
            "第二章 保障措施",
            "（一）加强领导。建立工作机制。（省政府办公厅负责）",
        ),
    )
    d = sf.documents[0]
    assert [s.title for s in d.sections] == ["总体要求", "保障措施"]
    assert [(c.section, c.number) for c in d.clauses] == [(1, 1), (2, 1)]


def test_generic_levels_sharing_one_government():
    sf = parse_text(
        "t.txt",
        doc(
            "一、政策", "１加强监管。落实责任。（责任单位：省财政厅，各市（州）、县（市、区）政府）"
        ),
    )
    assert roles(sf.documents[0].clauses[0]) == [
        ("省财政厅", "responsible"),
        ("各市（州）、县（市、区）政府", "responsible"),
    ]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "（责任单位：省发展改革委牵头，省财政厅、省商务厅配合）",
            [("省发展改革委", "lead"), ("省财政厅", "support"), ("省商务厅", "support")],
        ),
        (
            "（省发展改革委牵头，省财政厅等有关部门按职责分工负责）",
            [("省发展改革委", "lead"), ("省财政厅", "support")],
        ),
        ("（省商务厅、长春海关负责）", [("省商务厅", "lead"), ("长春海关", "lead")]),
        ("（省直有关部门配合）", [("省直有关部门", "support")]),
        (
            "（牵头单位：省商务厅，配合单位：省财政厅）",
            [("省商务厅", "lead"), ("省财政厅", "support")],
        ),
    ],
    ids=["list-with-verbs", "lead-then-duty", "lead-only", "support-only", "labelled-comma"],
)
def test_annotation_role_forms(note, expected):
    sf = parse_text("t.txt", doc("一、政策", f"１加强协同。推动合作。{note}"))
    assert roles(sf.documents[0].clauses[0]) == expected


@pytest.mark.parametrize(
    "title",
    [
        "长春经济圈高质量发展支持政策",
        "吉林省支持冰雪产业发展行动计划",
        "关于促进民营经济发展的若干措施（试行）",
    ],
)
def test_title_forms(title):
    sf = parse_text(
        "t.txt", doc("一、政策", "１支持发展。给予支持。（责任单位：省财政厅）", title=title)
    )
    assert [d.title for d in sf.documents] == [title]


def test_a_full_width_line_ending_in_a_title_word_is_no_title():
    wrapped = "吉林省各地要在今年年底前结合本地区实际情况研究制定出台具体的配套政策"  # full width
    sf = parse_text(
        "t.txt",
        doc(
            "一、政策",
            "１支持发展。对符合条件的企业给予支持，资金从省级专项资金中列支。",
            wrapped,
            "措施，确保各项政策落地见效，形成工作合力。（责任单位：省财政厅）",
            "２加强服务。为企业提供便利化的政务服务，缩短办理时限，提高办事效率。",
        ),
    )
    assert len(sf.documents) == 1 and [c.number for c in sf.documents[0].clauses] == [1, 2]


def test_sections_with_their_text_on_the_heading_line_are_clauses():
    sf = parse_text(
        "t.txt",
        doc(
            "一、加大财政支持。对符合条件的项目给予补助。（责任单位：省财政厅）",
            "二、强化用地保障。优先保障重大项目用地。（责任单位：省自然资源厅）",
        ),
    )
    d = sf.documents[0]
    assert [(c.number, c.title, c.text) for c in d.clauses] == [
        (1, "加大财政支持", "加大财政支持。对符合条件的项目给予补助。"),
        (2, "强化用地保障", "强化用地保障。优先保障重大项目用地。"),
    ]
    assert roles(d.clauses[1]) == [("省自然资源厅", "responsible")]


def test_publication_note_is_a_closing_paragraph():
    sf = parse_text(
        "t.txt", doc("一、政策", "１支持发展。给予支持。（责任单位：省财政厅）", "（此件公开发布）")
    )
    d = sf.documents[0]
    assert d.clauses[0].text == "支持发展。给予支持。"
    assert [p.text for p in d.closing] == ["（此件公开发布）"]


def test_an_empty_file_is_reported():
    sf = parse_text("empty.txt", "\n\n  \n")
    assert sf.documents == () and [str(w) for w in sf.warnings] == ["empty.txt:1: the file has no text"]
