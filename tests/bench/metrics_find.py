"""Measurements of finding customers as Chinese teams do (crm_customer360's name search on
customer code, pinyin mnemonic and pinyin)."""
import itertools

from .measure import metric

SAMPLE = 200
# What the many2one widget asks for on each keystroke.
DROPDOWN_LIMIT = 8


def has_mnemonics(env):
    """True when the name search on mnemonics is installed and the partners have them."""
    if 'mnemonic' not in env['res.partner']._fields:
        return "crm_customer360's customer codes and mnemonics are not installed"
    env.cr.execute("SELECT 1 FROM res_partner WHERE is_company AND mnemonic IS NOT NULL "
                   "AND customer_code IS NOT NULL LIMIT 1")
    return bool(env.cr.fetchone()) or "no company has a mnemonic and a code (generate again)"


def typed_texts(env, count=SAMPLE):
    """What salespeople type, from ``count`` companies spread over the table: the first three
    letters of a mnemonic, the first six of a pinyin, a code in lower case, in turn."""
    env.cr.execute("""
        SELECT mnemonic, name_pinyin, customer_code FROM (
            SELECT mnemonic, name_pinyin, customer_code,
                   row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS total
              FROM res_partner
             WHERE is_company AND customer AND mnemonic IS NOT NULL
               AND customer_code IS NOT NULL) companies
         WHERE mod(n, GREATEST(total / %s, 1)) = 0
         LIMIT %s""", [count, count])
    texts = []
    for index, (mnemonic, pinyin, code) in enumerate(env.cr.fetchall()):
        texts.append([mnemonic[:3], (pinyin or mnemonic)[:6], code.lower()][index % 3])
    return texts


@metric('name_search_pinyin', requires=has_mnemonics, repeat=SAMPLE, target_ms=50)
def name_search_pinyin(ctx):
    """One keystroke in a many2one customer field: name_search of a mnemonic, pinyin or code
    beginning by a salesperson (record rules applied), 8 results; the p95 counts."""
    env = ctx.env
    env.cr.execute("""
        SELECT u.id FROM res_users u
          JOIN res_groups_users_rel r ON r.uid = u.id
         WHERE r.gid = %s AND u.active AND u.id != 1 ORDER BY u.id LIMIT 1""",
                   [env.ref('sales_team.group_sale_salesman').id])
    row = env.cr.fetchone()
    partners = env['res.partner'].sudo(row[0]) if row else env['res.partner']
    texts = itertools.cycle(typed_texts(env))

    def run():
        return len(partners.name_search(next(texts), args=[('customer', '=', True)],
                                        limit=DROPDOWN_LIMIT))
    return run
