# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pure functions that turn a partner's identity data into comparable keys.

The duplicate check (``res_partner_duplicate.py``) stores these keys on ``res.partner`` and
compares them in SQL. They take plain strings and return a string or ``False``, so they can
be tested without a database and reused by other modules. To extend the name rules, add words
to ``LEGAL_FORMS_CJK`` / ``LEGAL_FORMS_LATIN``, places to ``CN_PLACES`` or industry words
to ``INDUSTRY_WORDS`` (they also make the pinyin mnemonic of ``partner_mnemonic.py``).

Each function reads at most ``MAX_INPUT`` characters of its value and runs in time linear in
them: the values come from anyone who may write a partner, portal users included (their own
name through ``/my/account``), and from ``find_duplicates`` over RPC. ``MAX_LENGTHS`` are the
longest values a partner may hold (``res.partner`` refuses longer ones): well below
``MAX_INPUT``, so that the bound never changes a stored key.
"""
import re
import unicodedata

try:
    import phonenumbers
except ImportError:  # pragma: no cover - declared in external_dependencies
    phonenumbers = None

# Legal-form words of Chinese company names, longest first so that "股份有限公司" goes before
# "有限公司" and "公司".
LEGAL_FORMS_CJK = sorted([
    '有限责任公司', '股份有限公司', '股份合作公司', '有限公司', '责任公司', '控股集团',
    '集团公司', '集团', '公司', '总公司', '分公司',
], key=len, reverse=True)

# Legal-form words of Latin-script company names, as whole words (after case folding).
LEGAL_FORMS_LATIN = {
    'co', 'company', 'ltd', 'limited', 'inc', 'incorporated', 'llc', 'llp', 'lp', 'plc',
    'gmbh', 'ag', 'kg', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'corp', 'corporation',
    'pte', 'pty', 'oy', 'ab', 'group', 'holding', 'holdings',
}
# Industry words that follow the brand (字号) in a company name: "深圳市鑫北斗软件开发有限公司" is
# place 深圳市 + brand 鑫北斗 + industry 软件开发 + legal form 有限公司. Taken off the end of a name
# key, longest first and repeatedly, they leave the brand core; Latin ones are whole words at
# the end of the name (the key has no spaces, so they are matched on the words).
INDUSTRY_WORDS_CJK = sorted([
    '软件开发', '软件技术', '信息技术', '网络技术', '电子商务', '供应链管理', '供应链',
    '科技发展', '技术开发', '进出口', '新材料', '新能源', '房地产开发', '房地产', '物业管理',
    '软件', '科技', '技术', '信息', '网络', '电子', '电器', '贸易', '商贸', '实业', '发展',
    '开发', '投资', '咨询', '管理', '服务', '制造', '工程', '建设', '建筑', '物流', '医药',
    '生物', '机械', '设备', '材料', '能源', '文化', '传媒', '广告', '食品', '农业', '环保',
    '智能', '自动化', '化工', '纺织', '服装', '家具', '置业', '汽车', '金融', '测控', '系统',
    '计算机', '通信', '医疗器械', '医疗', '数据', '教育', '餐饮', '工业', '国际', '控股',
], key=len, reverse=True)
INDUSTRY_WORDS_LATIN = [
    'trading', 'trade', 'technology', 'technologies', 'tech', 'software', 'consulting',
    'logistics', 'industries', 'industrial', 'international', 'maschinenbau', 'engineering',
    'electronics', 'services', 'systems', 'solutions', 'manufacturing',
]
# A brand core shorter than this (CJK characters / Latin letters) is too common to match on.
BRAND_MIN_CJK = 2
BRAND_MIN_LATIN = 4
# Transliteration of Latin letters that lose meaning when their accents are dropped; other
# accents are stripped (NFKD). "Müller" and "Mueller" become "mueller".
TRANSLITERATIONS = {'ä': 'ae', 'ö': 'oe', 'ü': 'ue', 'ß': 'ss', 'æ': 'ae', 'ø': 'oe',
                    'å': 'aa', 'œ': 'oe', 'ð': 'd', 'þ': 'th', 'ł': 'l', 'đ': 'd'}
_TRANSLIT = re.compile('|'.join(TRANSLITERATIONS))
_CJK = re.compile(r'[\u3400-\u9fff]')

# Dotted abbreviations that would otherwise fall apart into single letters ("s.a." -> "s a").
LATIN_DOTTED = re.compile(r'(?<!\w)(s\.\s?a\.?|s\.\s?a\.\s?s\.?|s\.\s?r\.\s?l\.?|b\.\s?v\.?|'
                          r'n\.\s?v\.?|s\.\s?p\.\s?a\.?)(?!\w)')

# Municipalities, provinces, autonomous regions and major cities of China. A name prefix or a
# parenthesised place is where the company is registered, not what it is called.
CN_PLACES = [
    # municipalities and special administrative regions
    '北京', '上海', '天津', '重庆', '香港', '澳门',
    # provinces and autonomous regions
    '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东',
    '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海',
    '台湾', '内蒙古', '广西', '西藏', '宁夏', '新疆',
    # major cities
    '深圳', '广州', '杭州', '南京', '苏州', '成都', '武汉', '西安', '青岛', '大连', '厦门',
    '宁波', '东莞', '佛山', '长沙', '郑州', '济南', '沈阳', '哈尔滨', '长春', '合肥', '福州',
    '昆明', '南宁', '贵阳', '南昌', '太原', '石家庄', '兰州', '乌鲁木齐', '呼和浩特', '银川',
    '西宁', '拉萨', '海口', '三亚', '无锡', '常州', '珠海', '中山', '惠州', '温州', '绍兴',
    '嘉兴', '金华', '台州', '烟台', '潍坊', '泉州', '南通', '徐州', '扬州', '洛阳', '唐山',
]
CN_PLACE_SUFFIXES = ['特别行政区', '维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '省', '市']
_PLACE_ALT = '|'.join(sorted(CN_PLACES, key=len, reverse=True))
_SUFFIX_ALT = '|'.join(CN_PLACE_SUFFIXES)
# A leading place, e.g. "深圳市", "广东省", "深圳"; repeated for "广东省深圳市". Without "^": it is
# matched with ``match(value, position)``, which anchors at the position ("^" would not).
CN_PLACE_PREFIX = re.compile(r'(?:%s)(?:%s)?' % (_PLACE_ALT, _SUFFIX_ALT))
# A parenthesised place anywhere, e.g. "(深圳)", "(中国)", "(China)" (after NFKC and folding).
PAREN_PLACE = re.compile(r'\(\s*(?:(?:%s)(?:%s)?|中国|china|prc)\s*\)' % (_PLACE_ALT, _SUFFIX_ALT))
# Keep at least this many characters after taking off a place prefix.
MIN_REST = 2

# The longest value of each identity field that feeds a key, in characters: far beyond any real
# name (the longest registered Chinese names have about 50), tax number, phone number, e-mail
# address (RFC 3696: 320) or website.
MAX_LENGTHS = {
    'name': 256,
    'vat': 64,
    'phone': 64,
    'mobile': 64,
    'email': 320,
    'website': 1024,
}
# The most characters any function of this module reads from its value.
MAX_INPUT = 2048


def too_long(values, limits=None):
    """The fields of ``values`` (a dict of identity values) longer than their maximum in
    ``limits`` (default ``MAX_LENGTHS``), as a list of ``(field, length, maximum)``."""
    found = []
    for name, maximum in sorted((limits or MAX_LENGTHS).items()):
        value = values.get(name)
        if isinstance(value, str) and len(value) > maximum:
            found.append((name, len(value), maximum))
    return found


def _bounded(value):
    """``value`` as a string of at most ``MAX_INPUT`` characters."""
    return (value or '')[:MAX_INPUT]


def fold(value):
    """Full-width to half-width (NFKC) and case folding; ``''`` for empty values."""
    return unicodedata.normalize('NFKC', _bounded(value)).casefold().strip()


def strip_punctuation(value):
    """Keep letters and digits only (any script)."""
    return re.sub(r'[\W_]+', '', value)


def strip_place_prefix(value):
    """Take leading Chinese places off a name, as long as a real name remains.

    The places are matched from a moving position and the rest is cut once: cutting after each
    place copied the rest every time, quadratic in a name made of repeated places.
    """
    start = 0
    while True:
        match = CN_PLACE_PREFIX.match(value, start)
        if not match or len(value) - match.end() < MIN_REST:
            return value[start:]
        start = match.end()


def normalize_name(name, transliterated=True):
    """The comparable form of a company name, or ``False`` when nothing is left.

    "深圳市鑫北斗软件开发有限公司" -> "鑫北斗软件开发", "鑫北斗软件 (深圳) 有限公司" -> "鑫北斗软件",
    "ACME Trading Co., Ltd." -> "acmetrading", "Müller Maschinenbau GmbH" -> "muellermaschinenbau"
    (``transliterated=False``: "müllermaschinenbau", to tell a name typed in another spelling).
    """
    value = fold(name)
    if transliterated:
        value = transliterate(value)
    if not value:
        return False
    value = PAREN_PLACE.sub(' ', value)
    value = LATIN_DOTTED.sub(' ', value)
    for word in LEGAL_FORMS_CJK:
        value = value.replace(word, ' ')
    # Latin legal forms are whole words; CJK runs stay together as one token.
    tokens = [tok for tok in re.split(r'[^\w]+', value) if tok]
    tokens = [tok for tok in tokens if tok not in LEGAL_FORMS_LATIN]
    value = strip_punctuation(''.join(tokens))
    value = strip_place_prefix(value)
    if not value:
        # A name made only of legal-form words: compare it as written.
        value = strip_punctuation(fold(name))
        if transliterated:
            value = transliterate(value)
    return value or False


def transliterate(value):
    """Latin letters without accents, umlauts written out: "müller" -> "mueller", "nestlé"
    -> "nestle"; CJK and other scripts are kept. ``value`` is already folded (lower case)."""
    value = _TRANSLIT.sub(lambda match: TRANSLITERATIONS[match.group(0)], value)
    if value.isascii():
        return value
    decomposed = unicodedata.normalize('NFKD', value)
    # Drop the combining marks only: NFKC puts the other characters (CJK) back as they were.
    return unicodedata.normalize('NFKC', ''.join(
        char for char in decomposed if not unicodedata.combining(char)))


def brand_core(name_key):
    """The brand (字号) of a name key of ``normalize_name``: industry words taken off its end
    while enough remains, or ``False`` when what remains is too short to mean anything (or,
    for a Latin name, when it has no industry word).

    "鑫北斗软件开发" -> "鑫北斗", "鑫北斗科技" -> "鑫北斗", "acmetrading" -> "acme".
    """
    value = name_key or ''
    cjk = bool(_CJK.search(value))
    shortest = BRAND_MIN_CJK if cjk else BRAND_MIN_LATIN
    words = INDUSTRY_WORDS_CJK if cjk else INDUSTRY_WORDS_LATIN
    stripped = True
    while stripped:
        stripped = False
        for word in words:
            if value.endswith(word) and len(value) - len(word) >= shortest:
                value = value[:-len(word)]
                stripped = True
                break
    if not cjk and value == name_key:
        # A Latin name without an industry word has no brand apart from itself: the
        # similarity of whole names compares it.
        return False
    return value if len(value) >= shortest else False


def normalize_vat(vat):
    """The tax number without spaces, hyphens or dots, in capitals."""
    value = re.sub(r'[\s\-.]', '', unicodedata.normalize('NFKC', _bounded(vat))).upper()
    return value or False


def normalize_phone(number, country_code=None):
    """The number in E.164 digits (no "+"), read in the partner's country.

    Falls back to the digits of the number when ``phonenumbers`` cannot parse it; numbers of
    fewer than 6 digits give ``False`` (too short to identify anyone).
    """
    value = unicodedata.normalize('NFKC', _bounded(number)).strip()
    digits = re.sub(r'\D', '', value)
    if len(digits) < 6:
        return False
    if phonenumbers:
        try:
            parsed = phonenumbers.parse(value, (country_code or '').upper() or None)
        except phonenumbers.NumberParseException:
            parsed = None
        if parsed is not None and phonenumbers.is_possible_number(parsed):
            return phonenumbers.format_number(
                parsed, phonenumbers.PhoneNumberFormat.E164).lstrip('+')
    return digits


def normalize_email(email):
    """The e-mail address, trimmed and in lower case."""
    value = unicodedata.normalize('NFKC', _bounded(email)).strip().lower()
    return value or False


def normalize_domain(website):
    """The host of a website, in lower case and without "www."."""
    value = unicodedata.normalize('NFKC', _bounded(website)).strip().lower()
    if not value:
        return False
    value = re.sub(r'^[a-z][a-z0-9+.\-]*://', '', value)
    value = re.split(r'[/?#]', value, 1)[0]
    value = value.rsplit('@', 1)[-1].split(':', 1)[0].rstrip('.')
    if value.startswith('www.'):
        value = value[4:]
    return value or False
