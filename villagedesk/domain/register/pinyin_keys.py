"""Search keys of a name: every pinyin reading (full and initials), surnames by their surname reading."""

from __future__ import annotations

import itertools
from functools import lru_cache

from pypinyin import Style, lazy_pinyin, pinyin

from villagedesk.domain.text import clean_text

# pypinyin (0.55) has no surname mode: these surnames are read differently as surnames, so their
# surname reading is put first and always present, whatever the character's usual readings are.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "单": ("shan",), "曾": ("zeng",), "解": ("xie",), "区": ("ou",), "仇": ("qiu",), "朴": ("piao",),
    "查": ("zha",), "盖": ("ge",), "缪": ("miao",), "翟": ("zhai", "di"), "覃": ("qin", "tan"),
    "乐": ("yue", "le"), "员": ("yun",), "召": ("shao",), "秘": ("bi",), "种": ("chong",),
    "折": ("she",), "尉": ("yu", "wei"), "过": ("guo",), "句": ("gou",), "宓": ("fu",), "隗": ("wei",),
    "莘": ("shen",), "长": ("chang",), "曲": ("qu",), "眭": ("sui",), "谌": ("chen",), "佴": ("nai",),
    "厍": ("she",), "訾": ("zi",), "阚": ("kan",), "卜": ("bu",), "薄": ("bo",), "柏": ("bai",),
    "车": ("che",), "能": ("nai",), "黑": ("he",), "那": ("na",), "繁": ("po",), "蕃": ("pi",),
    "祭": ("zhai",), "重": ("chong",), "华": ("hua",), "纪": ("ji",), "燕": ("yan",), "便": ("pian",),
}
# Common surnames read one way only as surnames (their usual reading): 邓 is never "shan", 叶 never "xie".
COMMON_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭肖田董袁潘于蒋蔡余杜叶程苏"
                   "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝"
                   "龚邵万钱严武戴莫孔向汤常康易乔赖文施洪牛温芦俞柴庞")
COMPOUND_SURNAMES: dict[str, tuple[str, str]] = {
    "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "单于": ("chan", "yu"), "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"), "令狐": ("ling", "hu"), "欧阳": ("ou", "yang"), "司马": ("si", "ma"),
    "诸葛": ("zhu", "ge"), "上官": ("shang", "guan"), "东方": ("dong", "fang"), "皇甫": ("huang", "fu"),
}
MAX_VARIANTS = 12


@lru_cache(maxsize=20_000)
def char_readings(ch: str) -> tuple[str, ...]:
    """Every toneless reading of one character ('' for anything that is not a Chinese character)."""
    if not ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"):
        return (ch.lower(),) if ch.isalnum() else ()
    readings = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    out = tuple(dict.fromkeys(r.replace("ü", "v") for r in (readings[0] if readings else []) if r))
    return out or (ch,)


def _surname_split(name: str) -> tuple[list[tuple[str, ...]], int]:
    """Readings of the surname's characters (surname reading first) and how many characters it takes."""
    if name[:2] in COMPOUND_SURNAMES:
        a, b = COMPOUND_SURNAMES[name[:2]]
        return [(a,), (b,)], 2
    first = name[:1]
    if not first:
        return [], 0
    if first in SURNAME_READINGS:
        return [tuple(dict.fromkeys(SURNAME_READINGS[first] + char_readings(first)))], 1
    if first in COMMON_SURNAMES:
        return [char_readings(first)[:1]], 1
    return [char_readings(first)], 1


def name_readings(name: str) -> list[list[str]]:
    """Per character, the readings of a personal name, the usual one first: the surname's reading as a
    surname, then the given name as pypinyin reads it in context (长生 → chang sheng), then the others."""
    name = clean_text(name).replace(" ", "")
    head, used = _surname_split(name)
    rest = [char_readings(ch) for ch in name[used:]]
    given = [ch for ch, r in zip(name[used:], rest, strict=True) if r]
    usual = lazy_pinyin("".join(given), errors="ignore") if given else []
    if len(usual) == len(given):
        rest = [tuple(dict.fromkeys((u.replace("ü", "v"),) + r)) if u.replace("ü", "v") in r else r
                for u, r in zip(usual, [r for r in rest if r], strict=True)]
    return [list(r) for r in head + rest if r]


def text_readings(text: str) -> list[list[str]]:
    """Per character readings of ordinary text (a place name): no surname rule."""
    return [list(r) for r in (char_readings(ch) for ch in clean_text(text).replace(" ", "")) if r]


def spellings(readings: list[list[str]], limit: int = MAX_VARIANTS) -> tuple[list[str], list[str]]:
    """Full spellings ('zhangsan') and initials ('zs') of every combination of readings, capped."""
    if not readings:
        return [], []
    full: dict[str, None] = {}
    initials: dict[str, None] = {}
    for combo in itertools.islice(itertools.product(*readings), limit * 4):
        full["".join(combo)] = None
        initials["".join(r[0] for r in combo)] = None
        if len(full) >= limit and len(initials) >= limit:
            break
    return list(full)[:limit], list(initials)[:limit]


@lru_cache(maxsize=50_000)
def name_key_sets(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The keys of a name's usual reading (the surname's reading as a surname, then each character's most
    common reading), and the keys of its other readings, found too but ranked after."""
    readings = name_readings(name)
    full, initials = spellings(readings)
    if not full:
        return (), ()
    _, used = _surname_split(clean_text(name).replace(" ", ""))
    given = spellings(readings[used:], limit=6)[0] if len(readings) > used else []  # the given name alone
    primary = without_prefixes([full[0], initials[0]] + given[:1])
    others = [k for k in without_prefixes(full[1:] + initials[1:] + given[1:])
              if not any(p.startswith(k) for p in primary)]
    return tuple(primary), tuple(others)


def name_keys(name: str) -> tuple[str, ...]:
    """Every lowercase key a name is found by: full pinyin and initials, of the whole name and the given name."""
    primary, others = name_key_sets(name)
    return primary + others


def without_prefixes(keys: list[str]) -> list[str]:
    """Drop keys that are a prefix of another key: a prefix search finds the longer one anyway."""
    unique = sorted(set(k for k in keys if k))
    return [k for i, k in enumerate(unique) if not (i + 1 < len(unique) and unique[i + 1].startswith(k))]


@lru_cache(maxsize=5_000)
def place_keys(text: str) -> tuple[str, ...]:
    """Pinyin keys of a place name (hamlet), full and initials."""
    full, initials = spellings(text_readings(text), limit=6)
    return tuple(without_prefixes(full + initials))
