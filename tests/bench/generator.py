"""Generated benchmark data, written in set-based SQL.

Every table is filled by a few ``INSERT ... SELECT`` statements over ``generate_series`` and
temporary staging tables, never one ORM call per record, so that ``SCALE=large`` (100,000
customers, 1,000,000 invoices) takes minutes. Random choices come from ``pg_temp.rnd(stream,
i)``, a hash of the row number and of the seed: the same seed gives the same rows, whatever
the order in which PostgreSQL evaluates them.

The rows are the ones the host would have written: stored computed fields (display names,
commercial partners, amounts, residuals, reconciliation flags) are filled consistently, and the
columns the statements do not name get the defaults of the ORM (``default_get``), so that
fields added by our addons get their default values too. ``check_host_figures`` reads a
sample back through the ORM and compares the host's own figures with what was generated.
"""
import logging
import time

from . import generator_accounting, generator_keys, generator_sales

_logger = logging.getLogger(__name__)

SUPERUSER_ID = 1
DEFAULT_SEED = 42
# Documents are dated relative to this fixed day, not to today: the data must not depend on
# the day it is generated. Overdue buckets still move as the calendar does.
DEFAULT_ANCHOR = '2026-10-31'

SCALES = {
    'tiny': {'customers': 20, 'invoices': 200},
    'small': {'customers': 2000, 'invoices': 20000},
    'large': {'customers': 100000, 'invoices': 1000000},
}

CITIES = ('Shanghai|Beijing|Shenzhen|Guangzhou|Hangzhou|Suzhou|Nanjing|Wuhan|Chengdu|Chongqing|'
          'Tianjin|Qingdao|Xiamen|Ningbo|Dalian|Changsha|Zhengzhou|Jinan|Hefei|Fuzhou|Kunming|'
          'Shenyang|Harbin|Wuxi|Foshan').split('|')
ADJECTIVES = ('Golden|Bright|Eastern|Pacific|Harmony|Everbright|Sunrise|Evergreen|Great Wall|'
              'Jade|Dragon|Phoenix|Silver|Orient|Unity|Prosper|Summit|Crystal|Rainbow|Zenith|'
              'Lotus|Fortune|Pioneer|Horizon|Canton').split('|')
INDUSTRIES = ('Machinery|Electronics|Textiles|Logistics|Pharmaceuticals|Chemicals|Foods|Packaging|'
              'Plastics|Steel|Auto Parts|Solar Energy|Medical Devices|Furniture|Apparel|Software|'
              'Construction|Paper|Ceramics|Optics|Semiconductors|Tools|Printing|Rubber|'
              'Cables').split('|')
SUFFIXES = ('Co., Ltd.|Trading Co., Ltd.|Technology Co., Ltd.|Industrial Co., Ltd.|'
            'Group Co., Ltd.|Import & Export Co., Ltd.|Manufacturing Co., Ltd.|'
            'Holdings Ltd.').split('|')
SURNAMES = ('Wang|Li|Zhang|Liu|Chen|Yang|Huang|Zhao|Wu|Zhou|Xu|Sun|Ma|Zhu|Hu|Guo|He|Lin|Gao|'
            'Luo|Zheng|Liang|Xie|Song|Tang').split('|')
GIVEN_NAMES = ('Wei|Fang|Na|Min|Jing|Lei|Qiang|Jun|Yan|Jie|Tao|Ming|Chao|Xiu|Hua|Ping|Gang|Hui|'
               'Ying|Bo|Lin|Yu|Hong|Xin|Dan').split('|')
FUNCTIONS = ['General Manager', 'Purchasing Manager', 'Finance Director', 'Accountant',
             'Sales Director', 'Engineer', 'Assistant']
PRODUCT_WORDS = ('Servo Motor|Hydraulic Pump|PLC Controller|Steel Bearing|Gear Reducer|'
                 'Pressure Sensor|Control Valve|Cable Reel|LED Panel|Air Compressor|Conveyor Belt|'
                 'Welding Torch|Frequency Inverter|Safety Relay|Cooling Fan|Power Supply|'
                 'Touch Screen|Linear Guide|Spindle|Filter Cartridge').split('|')

RND_FUNCTION = """
CREATE OR REPLACE FUNCTION pg_temp.rnd(stream bigint, i bigint) RETURNS double precision
LANGUAGE sql IMMUTABLE AS
$$ SELECT (hashint8extended(i, stream) & 2147483647)::double precision / 2147483648.0 $$
"""


def sizes(scale):
    """Return the row counts of a scale: customers, invoices and what follows from them."""
    base = dict(SCALES[scale])
    customers = base['customers']
    base.update(
        salespeople=max(5, min(100, customers // 200)),
        products=max(20, min(2000, customers // 20)),
        orders=base['invoices'] // 2,
    )
    return base


def reserve_ids(cr, table, count):
    """Reserve ``count`` consecutive ids in ``table``'s sequence; return the first one."""
    seq = '%s_id_seq' % table
    cr.execute("SELECT nextval(%s)", [seq])
    first = cr.fetchone()[0]
    if count > 1:
        cr.execute("SELECT setval(%s, %s)", [seq, first + count - 1])
    return first


def column_defaults(env, model, explicit):
    """Return ``{column: value}``: the ORM defaults of the stored columns not in ``explicit``.

    This is what ``create`` would have written for the columns a bulk statement does not name,
    including those of fields that other addons add to the model.
    """
    records = env[model]
    names = [name for name, field in records._fields.items()
             if field.store and field.column_type and not field.inherited
             and name not in explicit and name != 'id']
    values = records.default_get(names)
    result = {}
    for name, value in values.items():
        field = records._fields[name]
        if value is None or (value is False and field.type != 'boolean'):
            continue
        result[name] = field.convert_to_column(value, records)
    return result


class Generator(object):
    """Fill the database of ``env`` with the data of a scale, in the current transaction.

    :param env: an environment of the superuser; nothing is committed here
    :param scale: a key of ``SCALES``
    :param seed: the seed of every random choice
    :param anchor: the day documents are dated back from (``YYYY-MM-DD``)
    :param skip_fk_checks: skip foreign key triggers during the bulk inserts (when the
        database role is a superuser): the ids are consistent by construction, and a large run
        saves millions of index lookups; the smoke test keeps the checks
    """

    def __init__(self, env, scale='small', seed=DEFAULT_SEED, anchor=DEFAULT_ANCHOR,
                 skip_fk_checks=True):
        self.env = env
        self.cr = env.cr
        self.scale = scale
        self.seed = seed
        self.anchor = anchor
        self.skip_fk_checks = skip_fk_checks
        self.sizes = sizes(scale)
        self.stats = {'scale': scale, 'seed': seed, 'anchor': anchor, 'rows': {}, 'seconds': {}}
        self.ranges = {}  # table: (first id, last id) of the generated rows
        # Named parameters shared by every statement; ``s`` is the base of the random streams.
        self.params = dict(self.sizes, s=seed * 1000, anchor=anchor, uid=SUPERUSER_ID)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def execute(self, query, **params):
        """Run one statement with the shared parameters plus ``params``; return its rowcount."""
        values = dict(self.params, **params)
        self.cr.execute(query, values)
        return self.cr.rowcount

    def reserve(self, table, count):
        """Reserve ``count`` consecutive ids of ``table``; return the first one."""
        first = reserve_ids(self.cr, table, count)
        self.ranges[table] = (first, first + count - 1)
        return first

    def scalar(self, query, **params):
        """Run a query and return the first column of its first row."""
        self.execute(query, **params)
        return self.cr.fetchone()[0]

    def insert(self, model, exprs, from_sql, **params):
        """Insert rows into ``model``'s table: ``INSERT ... SELECT exprs FROM from_sql``.

        :param exprs: list of ``(column, SQL expression)``; the other stored columns get
            their ORM default (a constant) or stay NULL
        :return: the number of rows inserted
        """
        exprs = list(exprs)
        explicit = [col for col, _expr in exprs]
        defaults = column_defaults(self.env, model, explicit)
        if defaults.pop('access_token', None):
            # A portal token is a secret of its own per document, not a shared constant.
            exprs.append(('access_token', 'md5(random()::text || clock_timestamp()::text)'))
        cols = [col for col, _expr in exprs] + list(defaults)
        select = [expr for _col, expr in exprs] + ['%%(_d_%s)s' % col for col in defaults]
        params.update(('_d_%s' % col, value) for col, value in defaults.items())
        query = 'INSERT INTO "%s" (%s) SELECT %s %s' % (
            self.env[model]._table, ', '.join('"%s"' % col for col in cols),
            ', '.join(select), from_sql)
        count = self.execute(query, **params)
        self.stats['rows'][model] = self.stats['rows'].get(model, 0) + count
        return count

    def staging(self, name, query, **params):
        """(Re)create the temporary table ``name`` as ``query``, analyze it, return its size."""
        self.cr.execute('DROP TABLE IF EXISTS pg_temp.%s' % name)
        self.execute('CREATE TEMP TABLE %s AS %s' % (name, query), **params)
        self.cr.execute('ANALYZE pg_temp.%s' % name)
        self.cr.execute('SELECT count(*) FROM pg_temp.%s' % name)
        return self.cr.fetchone()[0]

    def step(self, name, function):
        """Run one generation step and record how long it took."""
        start = time.time()
        function()
        self.stats['seconds'][name] = round(time.time() - start, 2)
        _logger.info('bench data: %s done in %.1f s', name, self.stats['seconds'][name])

    # ------------------------------------------------------------------
    # Generation
    # ------------------------------------------------------------------
    def run(self):
        """Generate everything; return statistics (row counts and seconds per step)."""
        start = time.time()
        self.cr.execute(RND_FUNCTION)
        self.cr.execute("SET LOCAL work_mem = '256MB'")
        self._references()
        self.step('salespeople', self._salespeople)
        self.step('products', self._products)
        fk_off = self.skip_fk_checks and self._disable_fk_checks()
        self.step('partners', self._partners)
        self.step('duplicate_keys', lambda: generator_keys.duplicate_keys(self))
        self.step('customer_codes', lambda: generator_keys.customer_codes(self))
        self.step('sale_orders', lambda: generator_sales.sale_orders(self))
        self.step('opportunities', lambda: generator_sales.opportunities(self))
        self.step('accounting', lambda: generator_accounting.generate(self))
        if fk_off:
            self.cr.execute('SET LOCAL session_replication_role = origin')
        self.step('expected', self._expected)
        self.env.cache.invalidate()
        self.stats['seconds']['total'] = round(time.time() - start, 2)
        return self.stats

    def _disable_fk_checks(self):
        """Turn off foreign key triggers for this transaction when the role may (superuser)."""
        self.cr.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = self.cr.fetchone()
        if not (row and row[0]):
            return False
        self.cr.execute('SET LOCAL session_replication_role = replica')
        return True

    def _references(self):
        """Look up the company, accounts, journals and other records the rows point to."""
        env = self.env
        company = env.user.company_id
        sale_journal = env['account.journal'].search(
            [('type', '=', 'sale'), ('company_id', '=', company.id)], limit=1)
        bank_journal = env['account.journal'].search(
            [('type', '=', 'bank'), ('company_id', '=', company.id)], limit=1)
        receivable = env['ir.property'].with_context(force_company=company.id).get(
            'property_account_receivable_id', 'res.partner')
        if not (sale_journal and bank_journal and receivable):
            raise RuntimeError('the company has no chart of accounts: install l10n_generic_coa')
        income = sale_journal.default_credit_account_id
        # Orders in the company currency, as a single-currency business has them (the host's
        # public pricelist may be in another one).
        pricelist = env['product.pricelist'].search(
            [('currency_id', '=', company.currency_id.id),
             ('company_id', 'in', [company.id, False])], limit=1)
        if not pricelist:
            pricelist = env['product.pricelist'].create({
                'name': 'Benchmark (%s)' % company.currency_id.name,
                'currency_id': company.currency_id.id})
        stages = env['crm.stage'].search([])
        won = stages.filtered(lambda stage: stage.probability >= 100)[:1]
        open_stages = stages.filtered(lambda stage: stage.probability < 100)[:3]
        self.params.update(
            company=company.id, currency=company.currency_id.id,
            country=env.ref('base.cn').id, team=env.ref('sales_team.team_sales_department').id,
            uom=env.ref('product.product_uom_unit').id,
            categ=env.ref('product.product_category_all').id, pricelist=pricelist.id,
            sale_journal=sale_journal.id, bank_journal=bank_journal.id,
            receivable=receivable.id, receivable_type=receivable.user_type_id.id,
            income=income.id, income_type=income.user_type_id.id,
            bank_account=bank_journal.default_debit_account_id.id,
            bank_type=bank_journal.default_debit_account_id.user_type_id.id,
            method_in=env.ref('account.account_payment_method_manual_in').id,
            method_out=env.ref('account.account_payment_method_manual_out').id,
            open_stages=open_stages.ids, open_probs=open_stages.mapped('probability'),
            won_stage=won.id, cities=CITIES, adjectives=ADJECTIVES, industries=INDUSTRIES,
            suffixes=SUFFIXES, surnames=SURNAMES, given=GIVEN_NAMES, functions=FUNCTIONS,
            product_words=PRODUCT_WORDS,
        )

    def _salespeople(self):
        """Create the salespeople through the ORM (a few dozen users) or reuse them."""
        users = self.env['res.users'].with_context(no_reset_password=True, tracking_disable=True)
        group = self.env.ref('sales_team.group_sale_salesman')
        ids = []
        for number in range(1, self.sizes['salespeople'] + 1):
            login = 'bench.sales%03d' % number
            user = users.search([('login', '=', login)])
            if not user:
                user = users.create({
                    'name': '%s %s (bench)' % (SURNAMES[number % 25], GIVEN_NAMES[number * 7 % 25]),
                    'login': login, 'groups_id': [(6, 0, [group.id])],
                    'sale_team_id': self.params['team'],
                })
            ids.append(user.id)
        self.params['users'] = ids
        self.stats['rows']['res.users'] = len(ids)

    def _products(self):
        """Products: one template and one variant each, with a skewed list price."""
        count = self.sizes['products']
        tmpl = self.reserve('product_template', count)
        prod = self.reserve('product_product', count)
        self.staging('bench_prod', """
            SELECT k, %(tmpl)s + k - 1 AS tmpl_id, %(prod)s + k - 1 AS product_id,
                   (%(product_words)s::text[])[1 + mod(k - 1, 20)] || ' M' || lpad(k::text, 5, '0')
                       AS name,
                   'BP' || lpad(k::text, 5, '0') AS code,
                   round((10 + 1990 * pg_temp.rnd(%(s)s + 10, k) ^ 3)::numeric, 2) AS price
            FROM generate_series(1, %(products)s) k""", tmpl=tmpl, prod=prod)
        self.insert('product.template', [
            ('id', 'tmpl_id'), ('name', 'name'), ('default_code', 'code'), ('type', "'consu'"),
            ('categ_id', '%(categ)s'), ('uom_id', '%(uom)s'), ('uom_po_id', '%(uom)s'),
            ('list_price', 'price'), ('sale_ok', 'true'), ('purchase_ok', 'true'),
            ('active', 'true'), ('invoice_policy', "'order'"),
            ('create_uid', '%(uid)s'), ('write_uid', '%(uid)s'),
            ('create_date', "%(anchor)s::timestamp - interval '3 years'"),
            ('write_date', "%(anchor)s::timestamp - interval '3 years'"),
        ], 'FROM bench_prod')
        self.insert('product.product', [
            ('id', 'product_id'), ('product_tmpl_id', 'tmpl_id'), ('default_code', 'code'),
            ('active', 'true'), ('create_uid', '%(uid)s'), ('write_uid', '%(uid)s'),
            ('create_date', "%(anchor)s::timestamp - interval '3 years'"),
            ('write_date', "%(anchor)s::timestamp - interval '3 years'"),
        ], 'FROM bench_prod')

    def _partners(self):
        """Customer companies and their contacts (one to three each), with unique names."""
        contacts = self.scalar("""
            SELECT sum(1 + floor(3 * pg_temp.rnd(%(s)s + 1, c)))::int
            FROM generate_series(1, %(customers)s) c""")
        first = self.reserve('res_partner', self.sizes['customers'] + contacts)
        # The name is a mixed-radix reading of a permutation of the customer number: unique
        # for up to 125,000 customers (25 * 25 * 25 * 8), numbered beyond.
        self.staging('bench_cust', """
            SELECT c, %(first)s + c - 1 AS partner_id, n_contacts,
                   %(first)s + %(customers)s
                       + coalesce(sum(n_contacts) OVER (ORDER BY c ROWS BETWEEN UNBOUNDED
                                  PRECEDING AND 1 PRECEDING), 0) AS first_contact,
                   (%(users)s::int[])[1 + floor(pg_temp.rnd(%(s)s + 2, c)
                                               * array_length(%(users)s::int[], 1))::int] AS user_id,
                   (%(cities)s::text[])[1 + mod(idx, 25)] || ' '
                       || (%(adjectives)s::text[])[1 + mod(idx / 25, 25)] || ' '
                       || (%(industries)s::text[])[1 + mod(idx / 625, 25)] || ' '
                       || (%(suffixes)s::text[])[1 + idx / 15625]
                       || CASE WHEN c > 125000 THEN ' ' || c ELSE '' END AS name,
                   lower(regexp_replace((%(adjectives)s::text[])[1 + mod(idx / 25, 25)],
                                        '[^A-Za-z]', '', 'g')) || c || '.example.cn' AS domain,
                   (%(cities)s::text[])[1 + mod(idx, 25)] AS city,
                   CASE WHEN pg_temp.rnd(%(s)s + 3, c) < 0.6
                        THEN round(5000 + 195000 * pg_temp.rnd(%(s)s + 4, c)) ELSE 0 END AS credit_limit,
                   %(anchor)s::timestamp - (floor(1500 * pg_temp.rnd(%(s)s + 5, c)) || ' days')::interval
                       AS created
            FROM (SELECT c, 1 + floor(3 * pg_temp.rnd(%(s)s + 1, c))::int AS n_contacts,
                         mod(c::bigint * 7919 + %(seed)s, 125000)::int AS idx
                  FROM generate_series(1, %(customers)s) c) x""", first=first, seed=self.seed)
        self.insert('res.partner', [
            ('id', 'partner_id'), ('name', 'name'), ('display_name', 'name'),
            ('is_company', 'true'), ('commercial_partner_id', 'partner_id'),
            ('commercial_company_name', 'name'), ('type', "'contact'"), ('customer', 'true'),
            ('supplier', 'false'), ('employee', 'false'), ('active', 'true'),
            ('partner_share', 'true'), ('user_id', 'user_id'), ('team_id', '%(team)s'),
            ('ref', "'C' || lpad(c::text, 6, '0')"), ('email', "'info@' || domain"),
            ('phone', "'+86 ' || (10 + mod(c, 89)) || ' ' || lpad((mod(c::bigint * 48271, 100000000))::text, 8, '0')"),
            ('website', "'http://www.' || domain"), ('city', 'city'), ('country_id', '%(country)s'),
            ('commercial_partner_country_id', '%(country)s'), ('credit_limit', 'credit_limit'),
            ('company_id', '%(company)s'), ('create_uid', '%(uid)s'), ('write_uid', '%(uid)s'),
            ('create_date', 'created'), ('write_date', 'created'),
        ], 'FROM bench_cust')
        self.insert('res.partner', [
            ('id', 'first_contact + k - 1'), ('name', 'person'),
            ('display_name', "name || ', ' || person"), ('is_company', 'false'),
            ('parent_id', 'partner_id'), ('commercial_partner_id', 'partner_id'),
            ('commercial_company_name', 'name'), ('type', "'contact'"), ('customer', 'true'),
            ('supplier', 'false'), ('employee', 'false'), ('active', 'true'),
            ('partner_share', 'true'), ('user_id', 'user_id'), ('team_id', '%(team)s'),
            ('function', '(%(functions)s::text[])[1 + mod(c + k, 7)]'),
            ('email', "lower(replace(person, ' ', '.')) || k || '@' || domain"),
            ('mobile', "'+86 13' || lpad((mod((c::bigint * 7 + k) * 2654435761, 1000000000))::text, 9, '0')"),
            ('city', 'city'), ('country_id', '%(country)s'),
            ('commercial_partner_country_id', '%(country)s'), ('company_id', '%(company)s'),
            ('create_uid', '%(uid)s'), ('write_uid', '%(uid)s'),
            ('create_date', 'created'), ('write_date', 'created'),
        ], """FROM (SELECT cu.*, k,
                           (%(surnames)s::text[])[1 + floor(25 * pg_temp.rnd(%(s)s + 6, c * 8 + k))::int]
                           || ' ' || (%(given)s::text[])[1 + floor(25 * pg_temp.rnd(%(s)s + 7, c * 8 + k))::int]
                           AS person
                    FROM bench_cust cu, generate_series(1, cu.n_contacts) k) x""")

    def document_partner_sql(self, stream, key):
        """SQL choosing the partner of a document: the company, or one of its contacts (30%)."""
        return ("CASE WHEN pg_temp.rnd(%%(s)s + %d, %s) < 0.3 THEN cu.first_contact + "
                "floor(pg_temp.rnd(%%(s)s + %d, %s) * cu.n_contacts)::int ELSE cu.partner_id END"
                % (stream, key, stream + 1, key))

    def customer_sql(self, stream, key):
        """SQL choosing a customer number, skewed so that a fifth of them get half the documents."""
        return ("least(%%(customers)s, 1 + floor(%%(customers)s * pg_temp.rnd(%%(s)s + %d, %s) ^ 2))::int"
                % (stream, key))

    def _expected(self):
        """Keep what the checks read back: per generated customer, the figures the host must
        show (``crm_bench_expected``), and the id range of each table's generated rows
        (``crm_bench_ranges``)."""
        self.cr.execute("""
            CREATE TABLE IF NOT EXISTS crm_bench_ranges (
                table_name varchar PRIMARY KEY, first_id integer, last_id integer)""")
        self.cr.execute('DELETE FROM crm_bench_ranges')
        for table, (first, last) in sorted(self.ranges.items()):
            self.cr.execute('INSERT INTO crm_bench_ranges VALUES (%s, %s, %s)', [table, first, last])
        self.cr.execute("""
            CREATE TABLE IF NOT EXISTS crm_bench_expected (
                partner_id integer PRIMARY KEY, invoice_count integer, invoiced numeric,
                receivable numeric, order_count integer)""")
        self.cr.execute('DELETE FROM crm_bench_expected')
        self.execute("""
            INSERT INTO crm_bench_expected
            SELECT cu.partner_id, coalesce(inv.n, 0), coalesce(inv.invoiced, 0),
                   coalesce(inv.receivable, 0), coalesce(so.n, 0)
            FROM bench_cust cu
            LEFT JOIN (SELECT cust, count(*) AS n, sum(sign * total) AS invoiced,
                              sum(sign * (total - paid_amt)) AS receivable
                       FROM bench_inv GROUP BY cust) inv ON inv.cust = cu.partner_id
            LEFT JOIN (SELECT cust, count(*) AS n FROM bench_so GROUP BY cust) so
                   ON so.cust = cu.partner_id""")

