"""Invariants of the generated corpus, checked on the output, not by re-running the grammar's own rules."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tutorial_model.corpus import (
    EXAMPLES,
    Pair,
    core_zh_vocabulary_words,
    en_words,
    generate_pairs,
    make_splits,
    zh_vocabulary_words,
)
from tutorial_model.corpus.everyday.lexicon import vocabulary_words as everyday_names
from tutorial_model.corpus.lexicon import ADJ, CONTAINERS, NOUNS

# The sentences the project brief names, with the translations it prescribes (a spec, not the code's output).
SPEC = {
    "我有一只猫": "I have a cat",
    "我是一个学生": "I am a student",
    "我不喜欢狗": "I do not like dogs",
    "他不是老师": "he is not a teacher",
    "我没有猫": "I do not have a cat",
    "他昨天没有去学校": "he did not go to school yesterday",
    "你有猫吗": "do you have a cat ?",
    "他是学生吗": "is he a student ?",
    "她喜欢狗吗": "does she like dogs ?",
    "我在公园看书": "I read books in the park",
    "他昨天去了学校": "he went to school yesterday",
    "我明天去公园": "I will go to the park tomorrow",
    "猫很大": "the cat is very big",
    "我有两本书": "I have two books",
    "我有三个苹果": "I have three apples",
    "我有一个苹果": "I have an apple",
    "他有一只猫": "he has a cat",
    "她有一只猫": "she has a cat",
    "我们有一只猫": "we have a cat",
    "他们有一只猫": "they have a cat",
    "他是一个学生": "he is a student",
    "他们是学生": "they are students",
    "猫没有过马路因为太累了": "the cat did not cross the street because it was too tired",
    "两只狗没有过马路因为太累了": "two dogs did not cross the street because they were too tired",
    "我的妈妈没有过马路因为太累了": "my mother did not cross the street because she was too tired",
    "猫没有过马路因为太宽了": "the cat did not cross the street because it was too wide",
}
PHENOMENA = ("measure_word", "a_an", "negation", "question", "moved_place", "moved_time", "plural",
             "agreement", "adjective", "number", "pronoun_resolution")
# Chinese: CJK characters, with the full-width comma only between two of them (你好，我叫小明).
CJK = re.compile(r"^[\u4e00-\u9fff]+(?:，[\u4e00-\u9fff]+)*$")
# English: lowercase words (one inner hyphen or apostrophe: part-time, o'clock), "I", ",", "?", or a proper name.
WORD = re.compile(r"^(?:[a-z]+(?:[-'][a-z]+)?|I|,|\?)$")
# Capitalised words: the everyday names table, and the calendar and set phrases the brief lists as proper names.
PROPER = ({w for _, en in everyday_names() for w in en.removesuffix(" (surname)").split()}
          | {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
             "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
             "Mandarin", "Spring", "Festival", "TV", "OK", "Mrs"})  # Mrs: 王太太 (HSK 2's 太太)
# Everyday set phrases that are rare by nature (one fixed sentence each): exempt from the 20-uses rule.
RARE_SET_PHRASE_TOKENS = {"anything", "else"}  # 还要别的吗 → "do you want anything else ?"
# A vowel letter that is not a vowel sound, and the reverse ("an hour", "half an hour").
SILENT_H = {"hour", "hours"}
NUMBER_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}


@pytest.fixture(scope="module")
def pairs() -> list[Pair]:
    return generate_pairs(0)


@pytest.fixture(scope="module")
def splits() -> dict[str, list[Pair]]:
    return make_splits(0)


@pytest.fixture(scope="module")
def train_counts(splits) -> tuple[Counter, Counter]:
    train = splits["train"]
    return Counter(ch for p in train for ch in p.zh), Counter(w for p in train for w in p.en.split())


def test_deterministic_for_a_seed(pairs):
    assert generate_pairs(0) == pairs
    assert generate_pairs(1) != pairs
    assert make_splits(0) == make_splits(0)


def test_split_order_depends_on_seed(splits):
    other = make_splits(1)
    assert [p.zh for p in other["test"]] != [p.zh for p in splits["test"]]


def test_corpus_size_for_another_seed():
    # Family quotas, not the seed, set the size: another seed lands within 2 % of seed 0's.
    assert abs(len(generate_pairs(3)) - len(generate_pairs(0))) <= 0.02 * len(generate_pairs(0))
    assert 100_000 <= len(generate_pairs(3)) <= 200_000


def test_unique_by_chinese(pairs):
    assert len({p.zh for p in pairs}) == len(pairs)
    assert len({(p.zh, p.en) for p in pairs}) == len(pairs)


def test_splits_are_disjoint_and_complete(pairs, splits):
    zh = {name: {p.zh for p in part} for name, part in splits.items()}
    assert len(splits["test"]) >= 2000
    assert len(splits["valid"]) == 1000
    assert not zh["train"] & zh["valid"] and not zh["train"] & zh["test"] and not zh["valid"] & zh["test"]
    assert sorted(p.zh for part in splits.values() for p in part) == sorted(p.zh for p in pairs)


def test_spec_sentences_are_in_train_with_the_prescribed_translation(splits):
    train = {p.zh: p for p in splits["train"]}
    for zh, en in SPEC.items():
        assert zh in train, zh
        assert train[zh].en == en
        assert "seed_example" in train[zh].tags


def test_every_seed_example_and_ui_example_is_forced_into_train(pairs, splits):
    train = {p.zh: p.en for p in splits["train"]}
    seeds = [p for p in pairs if "seed_example" in p.tags]
    assert len(seeds) >= len(SPEC)
    assert all(train.get(p.zh) == p.en for p in seeds)
    assert 15 <= len(EXAMPLES) <= 30
    assert all(train.get(zh) == en for zh, en in EXAMPLES)
    held_out = {p.zh for name in ("valid", "test") for p in splits[name]}
    assert not held_out & ({p.zh for p in seeds} | {zh for zh, _ in EXAMPLES})


def test_examples_cover_every_phenomenon(pairs):
    by_zh = {p.zh: p for p in pairs}
    covered = {t for zh, _ in EXAMPLES for t in by_zh[zh].tags}
    assert set(PHENOMENA) <= covered


def test_length_limits(pairs):
    assert max(len(p.zh) for p in pairs) <= 22
    assert max(len(p.en.split()) for p in pairs) <= 22
    # One character only for a number word (七 → seven) or a one-character set phrase (早 → good morning).
    short = [p for p in pairs if len(p.zh) < 2]
    assert all(len(p.zh) == 1 and ({"number", "set_phrase"} & set(p.tags)) for p in short), short


def test_chinese_is_characters_only(pairs):
    assert all(CJK.match(p.zh) for p in pairs), [p.zh for p in pairs if not CJK.match(p.zh)][:10]
    assert any("，" in p.zh for p in pairs)


def test_english_token_form(pairs):
    for p in pairs:
        tokens = p.en.split(" ")
        assert all(WORD.match(t) or t in PROPER for t in tokens), p
        assert "?" not in tokens[:-1] and tokens[0] != "," and tokens[-1] != ",", p
        assert "question" not in p.tags or tokens[-1] == "?", p
        if p.zh.endswith("吗"):
            assert tokens[-1] == "?", p


def _core_vocabulary() -> tuple[set[str], set[str]]:
    """The core grammar's characters and English tokens (its lexicon listings), where the 20-uses rule holds."""
    names = {w for _, en in everyday_names() for w in en.removesuffix(" (surname)").split()}
    return ({ch for zh, _ in core_zh_vocabulary_words() for ch in zh},
            set(en_words()) - names - RARE_SET_PHRASE_TOKENS)


def _rare(pairs, zh_counts, en_counts) -> tuple[set[str], set[str]]:
    return ({ch for p in pairs for ch in p.zh if zh_counts[ch] < 20},
            {w for p in pairs for w in p.en.split() if en_counts[w] < 20} - RARE_SET_PHRASE_TOKENS)


def test_every_held_out_token_is_seen_in_train_and_core_ones_are_frequent(splits, train_counts):
    zh_counts, en_counts = train_counts
    held = splits["valid"] + splits["test"]
    assert not {ch for p in held for ch in p.zh if not zh_counts[ch]}
    assert not {w for p in held for w in p.en.split() if not en_counts[w]}
    core_zh, core_en = _core_vocabulary()
    rare_zh, rare_en = _rare(held, zh_counts, en_counts)
    assert not rare_zh & core_zh and not rare_en & core_en, (rare_zh & core_zh, rare_en & core_en)


def test_every_core_train_token_is_frequent(train_counts):
    zh_counts, en_counts = train_counts
    core_zh, core_en = _core_vocabulary()
    assert not {ch for ch in core_zh if zh_counts[ch] < 20}, sorted((zh_counts[c], c) for c in core_zh)[:5]
    assert not {w for w in core_en if en_counts[w] < 20}, sorted((en_counts[w], w) for w in core_en)[:5]
    assert 900 <= len(zh_counts) <= 1200  # HSK 3.0 levels 1–3 have 900 characters (issue 24)
    assert 1400 <= len(en_counts) <= 2200


@pytest.mark.xfail(strict=True, reason="everyday topic modules draw some words fewer than 20 times in train "
                                       "(the corpus brief's rule); fixing it changes the corpus, so the "
                                       "checkpoints would have to be retrained")
def test_every_everyday_train_token_is_frequent(splits, train_counts):
    rare_zh, rare_en = _rare(splits["train"], *train_counts)
    assert not rare_zh and not rare_en, (sorted(rare_zh), sorted(rare_en))


@pytest.mark.parametrize("tag", PHENOMENA)
def test_each_phenomenon_is_plentiful(pairs, tag):
    count = sum(tag in p.tags for p in pairs)
    assert count >= (1000 if tag == "pronoun_resolution" else 500), (tag, count)


def test_a_an_agrees_with_the_next_word(pairs):
    for p in pairs:
        tokens = p.en.split()
        for art, nxt in zip(tokens, tokens[1:]):
            if art in ("a", "an"):
                vowel_sound = nxt[0].lower() in "aeiou" or nxt in SILENT_H  # an American, half an hour
                assert (art == "an") == vowel_sound, p
        assert tokens[-1] not in ("a", "an"), p


def test_numbers_take_plurals_and_a_takes_singulars(pairs):
    plurals = {n.pl.split()[-1] for n in NOUNS if n.pl} | {pl for _, pl in CONTAINERS.values()}
    plural_only = plurals - {n.en.split()[-1] for n in NOUNS}  # "fish", "sheep" are both
    adjectives = {a.en for a in ADJ.values()}
    nouns = plurals | {w for n in NOUNS for w in n.en.split()} | {sg for sg, _ in CONTAINERS.values()}
    for p in pairs:
        tokens = p.en.split() + ["<end>", "<end>"]
        for i, t in enumerate(tokens):
            if t in NUMBER_WORDS or t in ("a", "an"):
                j = i + 1
                while tokens[j] in adjectives and tokens[j + 1] in nouns | adjectives:  # "an orange cat"
                    j += 1
                head = tokens[j] if tokens[j] != "police" else tokens[j + 1]
                compound = head not in plurals and tokens[j + 1].endswith("s")  # "four movie tickets": head next
                if t in NUMBER_WORDS and head in nouns and not compound:  # not "three hundred", "seven o'clock"
                    assert head in plurals, p
                else:
                    assert head not in plural_only, p


def _present_3sg_context(zh: str) -> bool:
    """No marker of past, future or a modal that would hide the agreement on the verb."""
    return not any(m in zh for m in ("了", "没有", "昨天", "今天", "上周", "明天", "下周", "能"))


def test_third_person_singular_agreement(pairs):
    checked = 0
    for p in pairs:
        tokens = p.en.split()
        if len(tokens) < 2 or tokens[1] == "and":  # "hello", "seven"; "she and Xiaoming" is plural
            continue
        first, verb = tokens[0], tokens[1]
        if verb in ("often", "always", "usually", "sometimes", "never", "also", "still", "only", "just"):
            verb = tokens[2] if len(tokens) > 2 else verb  # "it often rains": the adverb comes first
        if first in ("he", "she", "it"):
            assert verb not in ("am", "are", "have", "do", "were"), p
            if _present_3sg_context(p.zh) and not {"past", "shi_de", "cai", "everyday"} & set(p.tags):
                # No -s on a modal, nor on a past (才 → "did not … until"): neither shows the agreement.
                modal = verb in ("can", "cannot", "will", "should", "must", "may", "would", "did", "was")
                assert verb in ("is", "has", "does") or verb.endswith("s") or modal, p
                checked += 1
        elif first == "I":
            assert verb not in ("is", "are", "has", "does", "were"), p
        elif first in ("we", "they", "you"):
            assert verb not in ("am", "is", "has", "does", "was"), p
    assert checked > 1000


def test_pronoun_resolution_refers_back_correctly(pairs):
    agent_words = {"tired", "scared", "lazy", "busy", "full"}
    resolved = [p for p in pairs if "pronoun_resolution" in p.tags]
    assert len(resolved) >= 1000
    for p in resolved:
        tokens = p.en.split()
        k = tokens.index("because")
        pron, be, too, adj = tokens[k + 1:k + 5]
        assert too == "too" and "因为太" in p.zh and p.zh.endswith("了")
        assert be == ("were" if pron in ("they", "we", "you") else "was"), p
        if adj in agent_words:
            if tokens[0] in ("I", "you", "he", "she", "it", "we", "they"):
                assert pron == tokens[0], p
            if tokens[0] in NUMBER_WORDS or tokens[0] in ("these", "those"):
                assert pron == "they", p
        else:  # the object (street, that cake, those apples) is meant: never a person
            assert pron in ("it", "they"), p


def test_every_listed_english_word_is_produced(pairs):
    produced = {w for p in pairs for w in p.en.split()}
    assert set(en_words()) <= produced, set(en_words()) - produced


@pytest.mark.xfail(strict=True, reason="en_words() lists the core grammar and the everyday names table only, "
                                       "not the everyday topic modules' words")
def test_en_words_is_exactly_the_produced_vocabulary(pairs):
    produced = {w for p in pairs for w in p.en.split()}
    assert produced == set(en_words()), sorted(produced - set(en_words()))


def test_vocabulary_page_lists_real_words(pairs):
    vocab = zh_vocabulary_words()
    assert all(zh and gloss for zh, gloss in vocab)
    corpus_chars = {ch for p in pairs for ch in p.zh}
    assert {ch for zh, _ in vocab for ch in zh} <= corpus_chars
    assert set(everyday_names()) <= set(vocab)


@pytest.mark.xfail(strict=True, reason="the vocabulary page lists the core lexicon and the everyday names table "
                                       "only, not the everyday topic modules' words")
def test_vocabulary_page_covers_every_character(pairs):
    chars = {ch for zh, _ in zh_vocabulary_words() for ch in zh}
    assert {ch for p in pairs for ch in p.zh if ch != "，"} <= chars
