"""Properties that hold for every input, not only the examples: the check digit, canonical JSON, the entry hash."""

import datetime as dt
import hashlib
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.identity import check_digit, parse_identity
from villagedesk.domain.points.hashing import ENTRY_FIELDS, GENESIS, canonical_json, entry_hash

# The same examples on every run (no example database, no randomness between runs): a property that fails
# fails for everyone, on any day, and the suite stays a few seconds.
FAST = settings(max_examples=100, deadline=None, derandomize=True, database=None)
TODAY = dt.date(2026, 11, 30)


def mod11_2(first17: str) -> str:
    """ISO 7064 MOD 11-2 from its definition (weights 2^k mod 11), not from the code's tables."""
    c = (12 - sum(int(a) * pow(2, 17 - i, 11) for i, a in enumerate(first17)) % 11) % 11
    return "X" if c == 10 else str(c)


seventeen = st.text(alphabet="0123456789", min_size=17, max_size=17)
birth_days = st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY)
places = st.sampled_from(["110105", "440524", "510903", "652901", "360426"])
sequence = st.integers(min_value=0, max_value=999)


@FAST
@given(seventeen)
def test_the_check_digit_is_the_standards_mod_11_2(first17):
    assert check_digit(first17) == mod11_2(first17)


@FAST
@given(places, birth_days, sequence)
def test_a_number_with_its_check_digit_parses_back_to_its_birth_date_and_sex(place, born, seq):
    first17 = f"{place}{born:%Y%m%d}{seq:03d}"
    ident = parse_identity(first17 + mod11_2(first17), today=TODAY)
    assert ident.birth_date == born
    assert ident.sex == ("男" if seq % 2 else "女")


@FAST
@given(places, birth_days, sequence, st.integers(min_value=0, max_value=16), st.integers(min_value=1, max_value=9))
def test_one_mistyped_digit_is_always_caught(place, born, seq, pos, shift):
    """MOD 11-2 catches every single-digit error: the clerk's typo never passes as someone else's number."""
    number = f"{place}{born:%Y%m%d}{seq:03d}"
    number += mod11_2(number)
    typo = number[:pos] + str((int(number[pos]) + shift) % 10) + number[pos + 1:]
    with pytest.raises(ValidationError):
        parse_identity(typo, today=TODAY)


@FAST
@given(places, birth_days, sequence, st.integers(min_value=0, max_value=15))
def test_two_swapped_neighbours_are_always_caught(place, born, seq, pos):
    number = f"{place}{born:%Y%m%d}{seq:03d}"
    number += mod11_2(number)
    if number[pos] == number[pos + 1]:
        return
    swapped = number[:pos] + number[pos + 1] + number[pos] + number[pos + 2:]
    with pytest.raises(ValidationError):
        parse_identity(swapped, today=TODAY)


json_scalars = st.none() | st.booleans() | st.integers(min_value=-10**15, max_value=10**15) | st.text()
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
json_objects = st.dictionaries(st.text(max_size=12), json_values, max_size=8)


@FAST
@given(json_objects, st.randoms(use_true_random=False))
def test_canonical_json_is_the_same_for_any_key_order_and_reads_back_equal(data, rnd):
    keys = list(data)
    rnd.shuffle(keys)
    shuffled = {k: data[k] for k in keys}
    text = canonical_json(data)
    assert canonical_json(shuffled) == text
    assert json.loads(text) == data


printable = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)


@FAST
@given(st.dictionaries(printable, printable | st.integers() | st.lists(printable, max_size=3), max_size=8))
def test_canonical_json_keeps_text_as_is_sorts_keys_and_adds_no_spaces(data):
    text = canonical_json(data)
    assert "\\u" not in text.replace("\\\\", "")  # 河道清理 stays 河道清理, not \u6cb3...
    pairs = json.loads(text, object_pairs_hook=lambda kv: kv)
    assert [k for k, _ in pairs] == sorted(data)
    outside_strings = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)
    assert not any(c.isspace() for c in outside_strings)
    assert canonical_json(json.loads(text)) == text  # a fixed point: canonicalising again changes nothing


entries = st.fixed_dictionaries({
    "id": st.uuids().map(str), "origin": st.text(min_size=1, max_size=12), "seq": st.integers(1, 10**9),
    "village_id": st.text(max_size=12), "household_id": st.text(max_size=12),
    "resident_id": st.none() | st.text(max_size=12), "delta": st.integers(-10**6, 10**6).filter(bool),
    "kind": st.sampled_from(["award", "deduct", "redeem", "reversal"]), "reason": st.text(max_size=40),
    "source_type": st.sampled_from(["activity", "rule", "redemption", "entry"]), "source_id": st.text(max_size=12),
    "reverses_id": st.none() | st.uuids().map(str), "operator_id": st.text(max_size=12),
    "operator_name": st.text(max_size=8), "at": st.datetimes().map(lambda d: d.isoformat(timespec="seconds")),
})
hex64 = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)


@FAST
@given(hex64, entries)
def test_the_entry_hash_is_sha256_of_the_previous_hash_and_the_canonical_entry(prev, entry):
    text = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert entry_hash(prev, entry) == hashlib.sha256((prev + text).encode("utf-8")).hexdigest()


@FAST
@given(entries, st.sampled_from(ENTRY_FIELDS), st.data())
def test_changing_any_hashed_field_changes_the_hash(entry, name, data):
    other = data.draw(entries.map(lambda e: e[name]).filter(lambda v: v != entry[name]))
    assert entry_hash(GENESIS, {**entry, name: other}) != entry_hash(GENESIS, entry)


@FAST
@given(entries, hex64, hex64)
def test_the_hash_chains_on_the_previous_one_and_ignores_sync_metadata(entry, prev, other_prev):
    h = entry_hash(prev, entry)
    assert entry_hash(prev, {**entry, "hlc": "0000000000001.00000", "updated_at": "x", "updated_by": "y"}) == h
    if other_prev != prev:
        assert entry_hash(other_prev, entry) != h
