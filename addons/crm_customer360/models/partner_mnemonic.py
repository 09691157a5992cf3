# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pure functions for the pinyin mnemonic (助记码) of a partner's name.

Chinese teams find a customer by the initials of its short name: 深圳市鑫北斗软件开发有限公司 is
"XBD" (the brand, rule ``brand``) or "SZXBDRJKF" (the whole name without the legal form and the
administrative suffixes 省/市, rule ``whole``). The word lists (places, legal forms, industry
words) are those of the duplicate check, in ``partner_normalize.py``: extend them there.

``pypinyin`` reads each run of Chinese characters as a phrase, so that its phrase dictionary
picks the reading of a heteronym (重庆 -> "chong qing", 银行 -> "yin hang"). Latin words give
their initial letter (the name itself is searched as typed anyway), digits stay whole.
"""
import re

try:
    from pypinyin import Style, lazy_pinyin
except ImportError:  # pragma: no cover - declared in external_dependencies
    lazy_pinyin = Style = None

from . import partner_normalize as norm

RULES = ('brand', 'whole')
DEFAULT_RULE = 'brand'
# Longest stored mnemonic and pinyin: a search key, not a copy of the name.
MAX_MNEMONIC = 32
MAX_PINYIN = 128

_HAN_RUN = re.compile(r'([\u3400-\u9fff]+)')
_WORD = re.compile(r'[^\W_]+')


def _short_base(name):
    """The name folded, without parenthesised places and legal forms, with the words kept
    apart (the mnemonic needs the Latin word boundaries that ``normalize_name`` drops)."""
    value = norm.fold(name)
    value = norm.PAREN_PLACE.sub(' ', value)
    value = norm.LATIN_DOTTED.sub(' ', value)
    for word in norm.LEGAL_FORMS_CJK:
        value = value.replace(word, ' ')
    words = [word for word in re.split(r'[^\w]+', value)
             if word and word not in norm.LEGAL_FORMS_LATIN]
    return words or [word for word in re.split(r'[^\w]+', norm.fold(name)) if word]


def _strip_places(words, keep_core):
    """Leading Chinese places taken off the first word ("深圳市鑫北斗" -> "鑫北斗"), or only their
    administrative suffix when ``keep_core`` ("深圳市鑫北斗" -> "深圳鑫北斗")."""
    if not words:
        return words
    first, start, kept = words[0], 0, ''
    while True:
        match = norm.CN_PLACE_PREFIX.match(first, start)
        if not match or len(first) - match.end() < norm.MIN_REST:
            break
        if keep_core:
            place = match.group(0)
            for suffix in norm.CN_PLACE_SUFFIXES:
                if place.endswith(suffix) and len(place) > len(suffix):
                    place = place[:-len(suffix)]
                    break
            kept += place
        start = match.end()
    return [kept + first[start:]] + words[1:]


def _strip_industry(words):
    """The brand core of the last word when it is Chinese, else the Latin industry words at
    the end dropped (as long as one word remains)."""
    words = list(words)
    while len(words) > 1 and words[-1] in norm.INDUSTRY_WORDS_LATIN:
        words.pop()
    if _HAN_RUN.search(words[-1]):
        words[-1] = norm.brand_core(words[-1]) or words[-1]
    return words


def short_name(name, rule=DEFAULT_RULE):
    """The words the mnemonic is made of: the brand ("鑫北斗") or, rule ``whole``, the name
    without legal form and administrative suffixes ("深圳鑫北斗软件开发")."""
    words = _short_base(name)
    if rule == 'whole':
        return _strip_places(words, keep_core=True)
    return _strip_industry(_strip_places(words, keep_core=False))


def _initials(words):
    """Capital initials of ``words``: one letter per Chinese character (read as phrases),
    one per Latin word, digits whole."""
    letters = []
    for word in words:
        for part in _HAN_RUN.split(word):
            if not part:
                continue
            if _HAN_RUN.fullmatch(part):
                letters.extend(lazy_pinyin(part, style=Style.FIRST_LETTER))
            else:
                for token in _WORD.findall(part):
                    letters.append(token if token.isdigit() else token[0])
    return ''.join(letters).upper()


def mnemonic(name, rule=DEFAULT_RULE):
    """The mnemonic of ``name`` by ``rule`` (``brand`` or ``whole``), or ``False``.

    "深圳市鑫北斗软件开发有限公司" -> "XBD" / "SZXBDRJKF", "重庆银行" -> "YH" / "CQYH",
    "Müller Maschinenbau GmbH" -> "MM" (Latin names: the initials of every word, either rule).
    """
    if not name or lazy_pinyin is None:
        return False
    if not _HAN_RUN.search(name):
        # A Latin name's brand is often a single word, whose one initial finds everything:
        # the initials of all its words ("MM") are what people type.
        rule = 'whole'
    return _initials(short_name(name, rule))[:MAX_MNEMONIC] or False


def full_pinyin(name):
    """The pinyin of the name without place prefix and legal form, lower case, no tones or
    spaces: what a user types to find "深圳市鑫北斗软件开发有限公司" ("xinbeidou..."); Latin
    words are kept as written (folded). ``False`` for an empty name."""
    if not name or lazy_pinyin is None:
        return False
    text = ''.join(_strip_places(_short_base(name), keep_core=False))
    if _HAN_RUN.search(text):
        # Only Chinese names pay for pypinyin (a Latin name is its own pinyin).
        text = ''.join(lazy_pinyin(text))
    return norm.strip_punctuation(norm.transliterate(text.lower()))[:MAX_PINYIN] or False
