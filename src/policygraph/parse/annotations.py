"""Responsibility annotations: （责任单位：A、B）, （A负责，C配合）, （牵头单位：A；配合单位：B）.

Works on normalised clause text and returns character ranges in that text; the caller maps
them back to the source. Which department a printed name means is decided later, with the
reference data — here only the printed names and their roles are read."""

from __future__ import annotations

import re
from dataclasses import dataclass

LIST_PREFIX = re.compile(r"^(责任单位|责任部门|负责单位|责任主体)\s*[：:]\s*")
LEAD_SUPPORT_PREFIX = re.compile(r"^(牵头单位|牵头部门)\s*[：:]\s*")
SUPPORT_PREFIX = re.compile(r"(配合单位|配合部门|参与单位)\s*[：:]\s*")
LEAD_VERBS = ("负责", "牵头")
SUPPORT_VERBS = ("配合", "协助", "参与")
# Bodies end like this; used to tell a list separator 和/及 from a 和 inside a name.
BODY_SUFFIX = re.compile(
    r"(厅|委|局|政府|办|办公室|部|行|署|会|院|公司|集团|单位|部门|海关|中心|支行|分行|小组|机构|管委会)$"
)
BARE_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,8}(市|州|县|区|旗|盟)$")
SHARED_SUFFIXES = ("人民政府", "政府")
GENERIC_LEVEL = re.compile(r"^(各|相关|有关)?[省市县区州乡镇]([（(〔][市县区州、]+[）)〕])?(级)?$")
TAIL = re.compile(r"(等(相关|有关|其他)?(部门|单位)?)?((按照?|根据)?职责分工|各负其责|分别)?(等)?$")
FIRST_LEADS = re.compile(r"(排在?|列在?|位列|排名)第一(位|个)?的?(单位|部门)?(为|是)牵头")


@dataclass(frozen=True)
class Item:
    """A printed department name and where it sits in the annotation content."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class ParsedAnnotation:
    style: str  # list | lead-support | first-leads
    roles: tuple[tuple[Item, str], ...]


def find_closing(text: str, start: int) -> int | None:
    """Index of the ） that closes the （ at start, counting nested brackets."""
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
            if depth == 0:
                return i
    return None


def looks_like_annotation(content: str) -> bool:
    """Bracketed text that assigns responsibility (rather than an aside such as （含本数））."""
    content = content.strip()
    if LIST_PREFIX.match(content) or LEAD_SUPPORT_PREFIX.match(content):
        return True
    core = re.sub(r"（[^（）]*）", "", content)
    leads, supports = _verb_parts(core)
    items = leads + supports
    return bool(items) and all(_looks_like_body(it.name) for it in items)


def _looks_like_body(name: str) -> bool:
    name = TAIL.sub("", name.strip())
    return bool(name) and (bool(BODY_SUFFIX.search(name)) or bool(BARE_PLACE.match(name)))


def parse_annotation(content: str, first_listed_leads: bool) -> ParsedAnnotation:
    """Roles of the departments inside the brackets (content excludes the brackets)."""
    m = LIST_PREFIX.match(content)
    if m and re.search("(" + "|".join(LEAD_VERBS) + r")(?=[，,；;]|$)", content[m.end() :]):
        # 责任单位：A牵头，B配合 — the list states the roles itself
        return ParsedAnnotation("lead-support", _pair(*_verb_parts(content, m.end())))
    if m:
        items = split_items(content, m.end(), len(content))
        if first_listed_leads and items:
            roles = [(items[0], "lead")] + [(it, "support") for it in items[1:]]
            return ParsedAnnotation("first-leads", tuple(roles))
        return ParsedAnnotation("list", tuple((it, "responsible") for it in items))
    m = LEAD_SUPPORT_PREFIX.match(content)
    if m:
        s = SUPPORT_PREFIX.search(content, m.end())
        lead_end = s.start() if s else len(content)
        leads = split_items(content, m.end(), _trim_separator(content, m.end(), lead_end))
        supports = split_items(content, s.end(), len(content)) if s else []
        return ParsedAnnotation("lead-support", _pair(leads, supports))
    return ParsedAnnotation("lead-support", _pair(*_verb_parts(content)))


def _pair(leads: list[Item], supports: list[Item]) -> tuple[tuple[Item, str], ...]:
    return tuple([(it, "lead") for it in leads] + [(it, "support") for it in supports])


def _verb_parts(content: str, start: int = 0) -> tuple[list[Item], list[Item]]:
    """Split 「A、B负责，C配合」 (or 「A牵头，B按职责分工负责」) into lead and support items."""
    verb = re.compile("(" + "|".join(LEAD_VERBS) + r")(?=[，,；;]|$)")
    m = verb.search(content, start)
    if m is None:
        tail = _strip_verb(content, start, len(content), SUPPORT_VERBS)
        return [], split_items(content, start, tail) if tail is not None else []
    leads = split_items(content, start, m.start())
    rest = m.end()
    while rest < len(content) and content[rest] in "，,；; ":
        rest += 1
    if rest >= len(content):
        return leads, []
    # after the lead, others 配合 (support) — or 按职责分工负责 under the lead, also support
    tail = _strip_verb(content, rest, len(content), SUPPORT_VERBS + LEAD_VERBS)
    return leads, split_items(content, rest, tail) if tail is not None else []


def _strip_verb(text: str, start: int, end: int, verbs: tuple[str, ...]) -> int | None:
    for verb in verbs:
        if text[start:end].endswith(verb):
            return end - len(verb)
    return None


def _trim_separator(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in "，,；; ":
        end -= 1
    return end


def split_items(text: str, start: int, end: int) -> list[Item]:
    """Department names in text[start:end], with shared suffixes and tails handled."""
    raw: list[Item] = []
    for piece_start, piece_end in _merge_levels(text, _split_on(text, start, end, "、，,；;")):
        raw.extend(_split_conjunctions(text, piece_start, piece_end))
    items = []
    for it in raw:
        items.extend(_expand_parenthesised(text, it))
    return _distribute_suffix(items)


def _merge_levels(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """各市（州）、县（市、区）政府 is one body: levels listed before the 政府 they share."""
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for s, e in pieces:
        piece = text[s:e].strip()
        stem = piece[: -len("政府")] if piece.endswith("政府") else None
        if GENERIC_LEVEL.match(piece):
            run.append((s, e))
            continue
        if run and stem is not None and GENERIC_LEVEL.match(stem):
            out.append((run[0][0], e))
        else:
            out.extend(run)
            out.append((s, e))
        run = []
    return out + run


def _split_on(text: str, start: int, end: int, seps: str) -> list[tuple[int, int]]:
    pieces, depth, piece = [], 0, start
    for i in range(start, end):
        ch = text[i]
        if ch in "（(〔":
            depth += 1
        elif ch in "）)〕":
            depth -= 1
        elif ch in seps and depth == 0:
            pieces.append((piece, i))
            piece = i + 1
    pieces.append((piece, end))
    return [(s, e) for s, e in pieces if text[s:e].strip()]


def _split_conjunctions(text: str, start: int, end: int) -> list[Item]:
    """Split on 会同/以及/及/和 where both sides read as bodies (not 省工业和信息化厅)."""
    piece = text[start:end]
    for conj in ("会同", "以及", "及", "和"):
        for m in re.finditer(conj, piece):
            left = TAIL.sub("", piece[: m.start()].strip())
            right = piece[m.end() :].strip()
            if left and right and _looks_like_body(left) and _looks_like_body(right):
                return _split_conjunctions(text, start, start + m.start()) + _split_conjunctions(
                    text, start + m.end(), end
                )
    return [_clean(text, start, end)] if _clean(text, start, end).name else []


def _clean(text: str, start: int, end: int) -> Item:
    while start < end and text[start] in " \u3000":
        start += 1
    name = text[start:end].rstrip()
    stripped = TAIL.sub("", name)
    if stripped:
        name = stripped
    return Item(name, start, start + len(name))


def _expand_parenthesised(text: str, item: Item) -> list[Item]:
    """省市场监管厅（省知识产权局）: the office named in brackets shares the role."""
    m = re.match(r"^(.+?)[（(](.+?)[）)]$", item.name)
    if not m or not _looks_like_body(m.group(2)):
        return [item]
    outer = Item(m.group(1), item.start, item.start + len(m.group(1)))
    inner_start = item.start + m.start(2)
    return [outer, Item(m.group(2), inner_start, inner_start + len(m.group(2)))]


def _distribute_suffix(items: list[Item]) -> list[Item]:
    """长春市、吉林市及公主岭市政府 → 长春市政府, 吉林市政府, 公主岭市政府."""
    out = list(items)
    for i, it in enumerate(items):
        suffix = next((s for s in SHARED_SUFFIXES if it.name.endswith(s)), None)
        if not suffix or not BARE_PLACE.match(it.name[: -len(suffix)]):
            continue
        j = i - 1
        while j >= 0 and BARE_PLACE.match(items[j].name) and not BODY_SUFFIX.search(items[j].name):
            prev = items[j]
            out[j] = Item(prev.name + suffix, prev.start, prev.end)
            j -= 1
    return out


def document_says_first_leads(text: str) -> bool:
    """Some documents state once that the first-listed unit leads."""
    return bool(FIRST_LEADS.search(text))
