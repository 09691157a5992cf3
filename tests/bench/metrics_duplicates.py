"""Measurements of crm_customer360's duplicate check (find_duplicates over RPC)."""
import itertools

from .measure import metric

SAMPLE = 200


def has_duplicate_check(env):
    """True when the duplicate check is installed and the generated partners have keys."""
    if not hasattr(env['res.partner'], 'find_duplicates'):
        return "crm_customer360's duplicate check is not installed (no find_duplicates)"
    env.cr.execute("SELECT 1 FROM res_partner WHERE is_company AND dup_email_key IS NOT NULL "
                   "LIMIT 1")
    return bool(env.cr.fetchone()) or "no company has duplicate keys (generate again)"


def sample_companies(env, count=SAMPLE):
    """``count`` companies spread evenly over the table: (name, e-mail)."""
    env.cr.execute("""
        SELECT name, email FROM (
            SELECT name, email, row_number() OVER (ORDER BY id) AS n,
                   count(*) OVER () AS total
              FROM res_partner
             WHERE is_company AND customer AND email IS NOT NULL) companies
         WHERE mod(n, GREATEST(total / %s, 1)) = 0
         LIMIT %s""", [count, count])
    return env.cr.fetchall()


def near_duplicate(name, index):
    """A believable way of typing an existing company's name again."""
    variants = (
        lambda n: n.upper(),
        lambda n: n.replace(' Co., Ltd.', ' Company Limited').replace(' Ltd.', ' Limited'),
        lambda n: n.replace(' ', '  ') + ' (China)',
        lambda n: n[:-1] if len(n) > 12 else n + 's',
    )
    return variants[index % len(variants)](name)


@metric('dup_check_exact', requires=has_duplicate_check, repeat=50, target_ms=5)
def dup_check_exact(ctx):
    """One new customer checked by an e-mail an existing company has (exact key, no name)."""
    partners = ctx.env['res.partner']
    vals = itertools.cycle({'email': '  %s ' % email.upper()}
                           for _name, email in sample_companies(ctx.env))

    def run():
        return len(partners.find_duplicates(next(vals)))
    return run


@metric('dup_check_fuzzy', requires=has_duplicate_check, repeat=SAMPLE, target_ms=50)
def dup_check_fuzzy(ctx):
    """One new customer checked by a near-duplicate name (trigram search); the p95 counts."""
    partners = ctx.env['res.partner']
    vals = itertools.cycle({'name': near_duplicate(name, index), 'is_company': True}
                           for index, (name, _email) in enumerate(sample_companies(ctx.env)))

    def run():
        return len(partners.find_duplicates(next(vals)))
    return run


def _flag_exact_duplicates(env):
    """Flag the companies that share an e-mail or a phone with another partner, in SQL: the
    nightly job's work over every name would take minutes here, and the list's speed does not
    depend on how the flags were found."""
    env.cr.execute("""
        UPDATE res_partner SET c360_has_duplicates = TRUE
         WHERE id IN (SELECT p.id FROM res_partner p
                        JOIN res_partner q ON q.id != p.id
                         AND (q.dup_email_key = p.dup_email_key
                              OR q.dup_phone_key = p.dup_phone_key)
                       WHERE p.is_company AND q.commercial_partner_id != p.id)""")
    env.cache.invalidate()


@metric('duplicates_review', requires=has_duplicate_check, repeat=5, target_ms=2000)
def duplicates_review(ctx):
    """The Possible Duplicates list: its first page of 80 companies, with the list's
    columns and the number of companies."""
    env = ctx.env
    _flag_exact_duplicates(env)
    action = env.ref('crm_customer360.res_partner_action_duplicates')
    from odoo.tools.safe_eval import safe_eval
    domain = safe_eval(action.domain)
    view = env.ref('crm_customer360.res_partner_view_tree_duplicates')
    fields = list(env['res.partner'].fields_view_get(view.id, 'tree')['fields'])
    Partner = env['res.partner'].with_context(active_test=False)

    def run():
        rows = Partner.search_read(domain, fields, limit=80)
        Partner.search_count(domain)
        return len(rows)
    return run


@metric('dup_flags_part', requires=has_duplicate_check, repeat=3)
def dup_flags_part(ctx):
    """One part of the nightly job that flags possible duplicates: 1,000 companies checked
    against every partner by every key and by name (the job runs SCALE's companies / 1,000
    such parts, two at a time)."""
    env = ctx.env
    env.cr.execute("SELECT id FROM res_partner WHERE is_company ORDER BY id LIMIT 1000")
    ids = [row[0] for row in env.cr.fetchall()]
    Partner = env['res.partner']

    def run():
        Partner._dup_write_flags(ids)
        return len(ids)
    return run
