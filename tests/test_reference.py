"""Reference tables: the real data lints clean, the linter finds each problem, key facts hold."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from policygraph.errors import InputError
from policygraph.paths import REFERENCE_DIR, SOURCES_DIR
from policygraph.reference import lint_reference, load_reference

SEED = SOURCES_DIR / "000_e2dd2b49d853fc19.txt"


def test_real_reference_data_lints_clean():
    problems = lint_reference(REFERENCE_DIR)
    assert not problems, "run `policygraph reference lint`:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def ref():
    return load_reference()


def test_load_is_cached_per_directory(ref):
    assert load_reference(REFERENCE_DIR) is ref


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("长春", "220100"),
        ("长春市", "220100"),
        ("延边", "222400"),
        ("延边朝鲜族自治州", "222400"),
        ("吉林", "220200"),
        ("吉林省", "220000"),
        ("公主岭", "220184"),
        ("梅河口", "220581"),
        ("前郭", "220721"),
        ("敦化", "222403"),
        ("珲春", "222404"),
        ("大安", "220882"),
        ("通榆", "220822"),
    ],
)
def test_region_names(ref, name, code):
    assert ref.region_by_name[name] == code


def test_region_facts(ref):
    assert ref.regions["222400"].name == "延边朝鲜族自治州"
    assert ref.regions["222400"].kind == "自治州"
    gongzhuling = ref.regions["220184"]
    assert gongzhuling.parent == "220100"
    assert ref.regions[gongzhuling.parent].name == "长春市"
    assert "220381" not in ref.regions  # the former code under 四平市
    assert ref.regions["220100"].pinyin == "changchun"
    assert ref.regions["222400"].pinyin == "yanbian"
    assert sum(r.level == "prefecture" for r in ref.regions.values()) == 9
    # Common words are never short names.
    for word in ("朝阳", "榆树", "磐石", "梨树", "丰满", "西安"):
        assert word not in ref.region_by_name


def test_department_facts(ref):
    ipo = ref.department_by_label["省知识产权局"]
    assert ref.departments[ipo].parent == ref.department_by_label["省市场监管厅"]
    assert ref.departments[ref.department_by_label["省外国专家局"]].parent == "jl-kjt"
    assert ref.departments[ref.department_by_label["长春市"]].seat == "220100"
    assert ref.departments[ref.department_by_label["长春海关"]].level == "central"
    # Printed 〔〕 and the NFKC form of （） both resolve.
    assert ref.department_by_label["相关市〔州〕政府"] == ref.department_by_label["相关市(州)政府"]


def test_areas_and_plans(ref):
    circle = ref.areas[ref.area_by_name["经济圈"]]
    assert set(circle.members) == {
        "220100",
        "220200",
        "220300",
        "220400",
        "220700",
        "220581",
        "220184",
    }
    pharma = ref.areas[ref.area_by_name["长辽梅通白敦"]]
    assert set(pharma.members) == {"220100", "220400", "220581", "220500", "220600", "222403"}
    plan = ref.plans[ref.plan_by_title["长春-公主岭同城化协同发展规划"]]
    assert (plan.period_start, plan.period_end) == (2019, 2025)
    assert ref.zone_by_name["兴隆保税区"] == "changchun-xinglong-bonded-zone"
    assert ref.industries[ref.industry_by_label["跨境电商"]].broader == "e-commerce"


# -- every responsible body printed in the seed resolves --------------------------------------

ANNOTATION = re.compile(r"（([^（）]*?(?:责任单位|负责|配合)[^（）]*)）")


def iter_printed_departments(text: str):
    """Names as printed in the seed's annotations, one per responsible body."""
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"—[0-9０-９]+—", "", text)  # page numbers inside a broken annotation
    # OCR turned 省市场监管厅（省知识产权局） into 省市场监管厅!省知识产权局"
    text = re.sub(r'!([^!"]+)"', r"、\1", text)
    for note in ANNOTATION.findall(text):
        note = note.removeprefix("责任单位：")
        note = re.sub(r"等相关部门(按职责分工)?", "", note)
        for part in re.split(r"负责|配合|会同|[，、]|及|和(?=中省直|省直)", note):
            if part:
                yield part


def expand_shared_suffix(names: list[str]) -> list[str]:
    """长春市、吉林市、松原市政府: the closing 政府 belongs to every city of the run."""
    out = list(names)
    for i, name in enumerate(names):
        if name.endswith("市政府"):
            j = i - 1
            while j >= 0 and names[j].endswith("市"):
                out[j] = names[j] + "政府"
                j -= 1
    return out


def test_every_printed_department_resolves(ref):
    text = unicodedata.normalize("NFC", SEED.read_text(encoding="utf-8"))
    printed = list(iter_printed_departments(text))
    assert len(printed) > 300
    names = set(printed) | set(expand_shared_suffix(printed))
    missing = sorted(n for n in names if n not in ref.department_by_label)
    assert not missing, f"add to data/reference/departments.csv: {missing}"
    assert {"省知识产权局", "省外国专家局", "相关市〔州〕政府", "梅河口市政府"} <= names


# -- the linter -------------------------------------------------------------------------------

BAD = {
    "regions.csv": """\
code,name,short_names,level,kind,parent,pinyin,lat,lon
220000,吉林省,,province,省,,jilin,43.9,125.3
220100,长春市,长春,prefecture,地级市,220000,changchun,,
220102,南关区,长春,county,市辖区,220199,nanguan,,
220101,朝阳区,,county,区,220100,Chao Yang,91,
2201,,,village,县,220100,x,,
220101,朝阳区,,county,市辖区,220100,chaoyang,,
""",
    "zones.csv": """\
id,name,aliases,kind,region
Bad Id,兴隆保税区,,综合保税区,999999
""",
    "areas.csv": """\
id,name,kind,aliases,members,note
circle,长春经济圈,ring,,220100|229999,
""",
    "plans.csv": """\
id,title,aliases,period_start,period_end,areas
plan,长春经济圈规划,,2025,2018,nowhere
""",
    "departments.csv": """\
id,name,short_names,level,parent,seat,english
a-gov,长春市人民政府,长春市,municipal,,,Changchun
b-gov,吉林市人民政府,长春市,county,nobody,229999,Jilin
""",
    "industries.csv": """\
id,label_zh,label_en,broader,alt_labels
a,汽车,Automotive,b,
b,汽车零部件,Parts,a,汽车零部件 |
c,,Empty,zzz,
""",
}

EXPECTED = [
    ("regions.csv", 4, "parent 220199 is not a known region code"),
    ("regions.csv", 4, "label 长春 also names 220100"),
    ("regions.csv", 5, "rows not sorted by code: 220101 comes after 220102"),
    ("regions.csv", 5, "kind '区' is not one of"),
    ("regions.csv", 5, "pinyin 'Chao Yang' is not lowercase a-z"),
    ("regions.csv", 5, "lat 91 is outside -90..90"),
    ("regions.csv", 5, "lat and lon must be given together"),
    ("regions.csv", 6, "code 2201 is not a 6-digit GB/T 2260 code"),
    ("regions.csv", 6, "empty name"),
    ("regions.csv", 6, "level 'village' is not one of"),
    ("regions.csv", 7, "duplicate code 220101 (first on line 5)"),
    ("zones.csv", 2, "id 'Bad Id' is not a lowercase ascii slug"),
    ("zones.csv", 2, "region 999999 is not a known region code"),
    ("areas.csv", 2, "kind 'ring' is not one of"),
    ("areas.csv", 2, "members 229999 is not a known region code"),
    ("plans.csv", 2, "areas nowhere is not a known area id"),
    ("plans.csv", 2, "period_start 2025 is after period_end 2018"),
    ("departments.csv", 2, "a municipal body needs a seat"),
    ("departments.csv", 3, "level 'county' is not one of"),
    ("departments.csv", 3, "parent nobody is not a known department id"),
    ("departments.csv", 3, "seat 229999 is not a known region code"),
    ("departments.csv", 3, "label 长春市 also names a-gov"),
    ("industries.csv", 2, "id a is part of a parent cycle"),
    ("industries.csv", 3, "alt_labels has an empty list item"),
    ("industries.csv", 3, "alt_labels has leading or trailing spaces"),
    ("industries.csv", 4, "empty label_zh"),
    ("industries.csv", 4, "broader zzz is not a known industry id"),
]


@pytest.fixture
def bad_dir(tmp_path: Path) -> Path:
    for name, text in BAD.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("name", "line", "problem"), EXPECTED, ids=[e[2] for e in EXPECTED])
def test_lint_finds(bad_dir, name, line, problem):
    prefix = f"{bad_dir / name}:{line}: "
    hits = [p for p in lint_reference(bad_dir) if p.startswith(prefix) and problem in p]
    assert hits, f"expected {prefix}{problem!r} in:\n" + "\n".join(lint_reference(bad_dir))


def test_lint_reports_missing_file_and_columns(tmp_path):
    (tmp_path / "regions.csv").write_text("code,name\n220000,吉林省\n", encoding="utf-8")
    problems = lint_reference(tmp_path)
    assert (
        f"{tmp_path / 'regions.csv'}:1: missing column(s) short_names, level, kind, parent, "
        "pinyin, lat, lon" in problems
    )
    assert f"{tmp_path / 'zones.csv'}: file is missing" in problems


def test_load_raises_input_error_with_location(bad_dir):
    with pytest.raises(InputError) as info:
        load_reference(bad_dir)
    assert str(info.value.location).startswith(str(bad_dir / "regions.csv") + ":")
    assert "policygraph reference lint" in str(info.value)
