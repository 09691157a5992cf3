"""Whether a text reads in a language: no Chinese for an English reader, no English for a
Chinese one, the names of records aside (data keep their language).

A sentence of the addons that ``zh_CN.po`` does not translate yet reads in English for a
Chinese reader whatever the code does: that is a missing translation, not a text stored in
the wrong language. ``untranslated_fragments`` lists the words of those sentences so that the
check can tell the two apart; ``missing_translations`` names them for the translators.
"""
import ast
import re
from pathlib import Path

CJK = re.compile(r'[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]')
# An English word: two lowercase letters at least (codes such as AAA or RFM are no words).
ENGLISH_WORD = re.compile(r'[A-Za-z]*[a-z]{2,}[A-Za-z]*')
PLACEHOLDER = re.compile(r'%(?:\(\w+\))?[sdf]|%%|\n')
ADDONS = Path(__file__).resolve().parents[1] / 'addons'
OUR_ADDONS = ('crm_customer360', 'crm_grading', 'crm_service')


def code_terms():
    """The strings the addons' Python code translates with ``_()``."""
    terms = set()
    for addon in OUR_ADDONS:
        for path in (ADDONS / addon).rglob('*.py'):
            if 'tests' in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Call) and getattr(node.func, 'id', None) == '_' \
                        and node.args and isinstance(node.args[0], ast.Str):
                    terms.add(node.args[0].s)
    return terms


def missing_translations(env, lang='zh_CN'):
    """The addons' code terms that have no translation in ``lang``."""
    Translation = env['ir.translation']
    return sorted(term for term in code_terms()
                  if Translation._get_source(None, ('code',), lang, term) == term)


def untranslated_fragments(env, lang='zh_CN'):
    """The literal parts of the untranslated terms, longest first."""
    fragments = set()
    for term in missing_translations(env, lang):
        fragments.update(part.strip() for part in PLACEHOLDER.split(term) if part.strip())
    return sorted(fragments, key=len, reverse=True)


def record_names(env):
    """Names of records, longest first: customers, users, companies, products, grades,
    tickets, currencies."""
    names = set()
    for model in ('res.partner', 'res.users', 'res.company', 'product.product',
                  'crm.customer.grade', 'crm.service.ticket'):
        if model in env:
            for record in env[model].sudo().with_context(active_test=False).search([]):
                names.update(filter(None, [record.name, record.display_name]))
    for currency in env['res.currency'].search([]):
        names.update(filter(None, [currency.name, currency.symbol]))
    return sorted(names, key=len, reverse=True)


def wrong_language(text, lang, names, fragments=(), data=()):
    """Whether ``text`` has words of another language than ``lang`` (``zh_CN`` or
    ``en_US``), once the names of records, the untranslated ``fragments`` and the typed
    ``data`` are left out."""
    rest = re.sub(r'<[^>]+>', ' ', text or '')
    for name in list(names) + list(data):
        rest = rest.replace(name, ' ')
    if lang == 'en_US':
        return bool(CJK.search(rest))
    for fragment in fragments:
        rest = rest.replace(fragment, ' ')
    return bool(ENGLISH_WORD.search(rest))
