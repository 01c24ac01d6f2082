"""A seeded Chinese→English sentence grammar: the training corpus of the tutorial model.

No data set can be downloaded, so the corpus is *generated*. The grammar is written so that a tiny
Transformer can learn it completely in a few CPU minutes, yet still shows what makes translation hard:

* **Deterministic.** Every Chinese sentence has exactly one English translation. Where real English
  would hesitate (is 我的书 "my book" or "my books"?) the grammar picks one convention and keeps it.
  ``generate_pairs`` refuses to emit one Chinese sentence with two different translations.
* **Regular.** Every rule is a small ``build_*`` function; every word sits in a small table with its
  English forms (singular, plural, measure word; 3rd-person and past forms), so nothing has to be
  learned from a single example. Sampling is uniform over table rows, so every word is frequent.
* **Interesting for attention.** Phrases move (在公园 before the verb → "in the park" at the end;
  昨天 at the front → "yesterday" at the end, with a past verb); words vanish (measure words 只/本/个)
  or appear (a/an, the, do/does, and the pronoun of the 因为 clause); verbs agree (he has / they have);
  one Chinese word takes its translation from context (看书 read, 看电影 watch, 看照片 look at).

Sentence families (a ``family_*`` sampler each, built on deterministic ``build_*`` functions)::

    action       我昨天在公园看了一本书        I read a book in the park yesterday
    modal        他不能和我一起去公园          he cannot go to the park with me
    identity     他们是学生 / 这是我的书       they are students / this is my book
    location     我的猫不在家                  my cat is not at home
    adjective    这两只狗很大吗                are these two dogs very big ?
    existential  桌子上有三杯茶                there are three cups of tea on the table
    wh-question  你昨天买了什么                what did you buy yesterday ?
    resolution   两只狗没有过马路因为太累了    two dogs did not cross the street because they were too tired

Conventions: English tokens are joined by single spaces, all lowercase except "I"; "?" is the last
token of a question; no other punctuation, no contractions. Chinese has no spaces and no punctuation.
"a"/"an" follows the next word's first letter (``article``); the lexicon has no word where sound and
spelling disagree (hour, uniform). Run ``python -m tutorial_model.corpus`` for corpus statistics.

The package, one job a module::

    lexicon     the first round's word tables (nouns, pronouns, verbs, adjectives, places, times)
    grammar     Pair, noun phrases and the deterministic build_* rules (public: topic modules use them)
    sampling    what every sampler shares: weighted choice tables (``Choice``), topic tags
    core        the first round's sentence families, the seed sentences and the lessons' examples
    everyday/   the everyday topics (numbers, time, shopping …), most of them as templates;
                everyday/lexicon (names, countries, cities), everyday/people (who a sentence is about)
    splits      the whole corpus for a seed, and its train / valid / test splits
    vocabulary  word listings for the vocabulary page

**Adding a word** is one row in a table; the samplers draw uniformly over rows, so nothing else changes:

* a noun: a line of ``lexicon._NOUN_TABLE`` under its kind, ``zh singular plural measure-word``
  (``-`` for a mass noun's plural; a mass noun's measure words are its containers: 茶 tea - 杯瓶). The
  measure word is the noun's, so "measure words by noun" are this column. Kinds decide which verbs
  (``_TRANSITIVE_TABLE``'s object column) and adjectives (``PREDICATE_ADJS``, ``ATTRIBUTIVE_ADJS``) fit;
* a verb: a line of ``_TRANSITIVE_TABLE`` (``zh base/3sg/past object-mode kinds… +flags``) or
  ``_INTRANSITIVE_TABLE``; an adjective: ``_ADJ_TABLE``; a place: ``_PLACE_TABLE`` (在 P / 去 P);
  a name, country or city: the tables of ``everyday/lexicon``;
* a word of one everyday pattern: a ``(zh, en)`` row in that topic's slot table (``life.OBJECTS``, …).
  Run the tests afterwards: ``generate_pairs`` refuses a Chinese sentence that gets two translations.

**Adding a pattern** (把, 被, 越来越, 一…就, 虽然…但是 …): where the English follows from the slots, it is
one ``T`` template (``everyday/templates.py``) in a topic's ``TEMPLATES`` list, e.g.
``T("{S}虽然{A}，但是{B}", "although {S} {be} {A} , {R} {B}", {"A": [...], "B": [...]})``; ``families()``
gives it a family and a quota. A set phrase (好久不见, 一路平安, 不好意思) is one ``zh|English`` cell of
the ``phrases._SET_PHRASES`` table. Write a ``build_*`` function (its words in, a ``Pair`` out, no
randomness) only where English must be computed: numbers, clock time, tense, agreement, moved phrases.
Its sampler picks a branch with a ``Choice`` table (``Choice((0.35, branch_a), (0.65, branch_b))``), not
an ``r < 0.35`` ladder, and takes its people from ``everyday.people.sample_person(rng, mix)``.
"""

from .core import EXAMPLES, SEED_PAIRS
from .grammar import MAX_EN_TOKENS, MAX_ZH_CHARS, Pair
from .splits import examples_by_topic, generate_pairs, make_splits
from .vocabulary import core_zh_vocabulary_words, en_words, zh_vocabulary_words

__all__ = ["EXAMPLES", "MAX_EN_TOKENS", "MAX_ZH_CHARS", "SEED_PAIRS", "Pair", "core_zh_vocabulary_words", "en_words",
           "examples_by_topic", "generate_pairs", "make_splits", "zh_vocabulary_words"]
