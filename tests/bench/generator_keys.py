"""Generation steps: the duplicate check's normalised keys of the generated partners, and
their customer codes and pinyin mnemonics.

The generator writes partners in SQL, so the stored keys that crm_customer360 computes in
Python (``res_partner_duplicate.py``) would stay empty. This step computes them with the
addon's own pure functions and writes them in one ``UPDATE ... FROM`` per batch. It does
nothing when the duplicate check is not installed.
"""
import io

KEY_COLUMNS = ('dup_name_key', 'dup_vat_key', 'dup_phone_key', 'dup_mobile_key',
               'dup_email_key', 'dup_domain_key')
BATCH = 50000


def _normalizer():
    """The addon's module of pure key functions, or None when it is not installed."""
    try:
        from odoo.addons.crm_customer360.models import partner_normalize
    except ImportError:
        return None
    return partner_normalize


def duplicate_keys(gen):
    """Fill the normalised keys of every partner that has a name and no name key yet."""
    norm = _normalizer()
    fields = gen.env['res.partner']._fields
    if norm is None or not all(col in fields for col in KEY_COLUMNS):
        return
    cr = gen.cr
    cr.execute("""
        SELECT p.id, p.name, p.vat, p.phone, p.mobile, p.email, p.website, c.code
          FROM res_partner p LEFT JOIN res_country c ON c.id = p.country_id
         WHERE p.dup_name_key IS NULL AND p.name IS NOT NULL
      ORDER BY p.id""")
    rows = cr.fetchall()
    cr.execute("CREATE TEMP TABLE IF NOT EXISTS bench_keys (id int, %s)"
               % ', '.join('%s varchar' % col for col in KEY_COLUMNS))
    for start in range(0, len(rows), BATCH):
        buf = io.StringIO()
        for pid, name, vat, phone, mobile, email, website, code in rows[start:start + BATCH]:
            keys = (norm.normalize_name(name), norm.normalize_vat(vat),
                    norm.normalize_phone(phone, code), norm.normalize_phone(mobile, code),
                    norm.normalize_email(email), norm.normalize_domain(website))
            buf.write('\t'.join([str(pid)] + [_copy_text(key) for key in keys]) + '\n')
        buf.seek(0)
        cr.execute('TRUNCATE bench_keys')
        cr._obj.copy_from(buf, 'bench_keys', columns=('id',) + KEY_COLUMNS)
        cr.execute('UPDATE res_partner p SET %s FROM bench_keys k WHERE k.id = p.id'
                   % ', '.join('%s = k.%s' % (col, col) for col in KEY_COLUMNS))
    gen.stats['rows']['duplicate keys'] = len(rows)


def _copy_text(value):
    """A key as a COPY text field: NULL for no key, with COPY's special characters escaped."""
    if not value:
        return r'\N'
    return value.replace('\\', '\\\\').replace('\t', ' ').replace('\n', ' ')


def customer_codes(gen):
    """Customer codes and mnemonics of the generated partners, as the addon's install and
    migration make them (codes in SQL batches, mnemonics in one UPDATE per batch); nothing
    when the addon has no customer codes."""
    partners = gen.env['res.partner']
    if 'customer_code' not in partners._fields:
        return
    gen.stats['rows']['customer codes'] = partners._customer_code_backfill()
    gen.cr.execute("SELECT id FROM res_partner WHERE name_pinyin IS NULL AND name IS NOT NULL "
                   "ORDER BY id")
    ids = [row[0] for row in gen.cr.fetchall()]
    for start in range(0, len(ids), BATCH):
        partners._mnemonic_write(ids[start:start + BATCH])
    gen.stats['rows']['mnemonics'] = len(ids)
