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
