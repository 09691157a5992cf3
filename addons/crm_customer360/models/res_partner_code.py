# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer code (客户编码) and pinyin mnemonic (助记码) of ``res.partner``.

Both are plain stored fields written by ``create`` and ``write`` (and filled in SQL batches
for existing partners by the install hook and the migration), not computed fields: the ORM's
recomputation would rewrite every partner one by one when the rule changes or the module is
updated, and a partner's write would carry them in its dependency tracking. The search on
them is in ``res_partner_name_search.py``.
"""
import logging

from psycopg2 import sql
from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..access import require_superuser

from . import partner_mnemonic as mnem

_logger = logging.getLogger(__name__)

PARAM_RULE = 'crm_customer360.mnemonic_rule'
CODE_BATCH = 20000
MNEMONIC_BATCH = 5000
# More partners than this get their mnemonics in a background run.
MNEMONIC_INLINE = 5000
# The columns of the name search, each with a trigram index.
SEARCHED_COLUMNS = ('customer_code', 'mnemonic', 'name_pinyin', 'display_name', 'email', 'ref',
                    'vat')


class ResPartner(models.Model):
    _inherit = 'res.partner'

    customer_code = fields.Char(
        'Customer Code', index=True, copy=False, readonly=True,
        help="The company's number for this customer, from its customer code sequence "
             "(Sales > Settings); given to companies and to partners without a parent.")
    mnemonic = fields.Char(
        'Mnemonic', copy=False,
        help="Pinyin initials of the short name (深圳市鑫北斗软件开发有限公司: XBD), typed to "
             "find the customer. Made from the name; once corrected by hand it stays as "
             "written when the name changes (clear it to have it made again).")
    mnemonic_manual = fields.Boolean(
        'Mnemonic Set by Hand', copy=False, readonly=True,
        help="The mnemonic was written by hand: a new name does not replace it.")
    name_pinyin = fields.Char(
        'Name in Pinyin', copy=False, readonly=True,
        help="The name without place and legal form in pinyin, without tones or spaces "
             "(xinbeidouruanjiankaifa), for a search by its beginning.")

    @api.model_cr
    def init(self):
        """Trigram indexes for the name search (``res_partner_name_search.py``) and the
        customer code's uniqueness per company. Every column the search compares has one, so
        that PostgreSQL answers its ``OR`` from the indexes (a bitmap OR) instead of reading
        the whole table on each keystroke: code, mnemonic and pinyin by their beginning
        (``ILIKE 'x%'``), and the host's name, e-mail, reference and tax number anywhere
        (``ILIKE '%x%'``). Run by the server on install and update only."""
        require_superuser(self.env)
        super().init()
        cr = self.env.cr
        cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for column in SEARCHED_COLUMNS:
            cr.execute(sql.SQL("CREATE INDEX IF NOT EXISTS {} ON res_partner "
                               "USING gin ({} gin_trgm_ops)").format(
                sql.Identifier('res_partner_%s_trgm_index' % column), sql.Identifier(column)))
        cr.execute("CREATE UNIQUE INDEX IF NOT EXISTS res_partner_customer_code_company_uniq "
                   "ON res_partner (COALESCE(company_id, 0), customer_code) "
                   "WHERE customer_code IS NOT NULL")

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    def _check_customer_code_free(self, code, company_id=None):
        """Refuse ``code`` when another partner of the company has it, before the unique
        index refuses it without naming anyone (``company_id``: the written one, else each
        partner's own)."""
        for partner in self or [self.browse()]:
            company = company_id if company_id is not None else partner.company_id.id
            self.env.cr.execute("""
                SELECT id FROM res_partner
                 WHERE customer_code = %s AND COALESCE(company_id, 0) = %s AND id != %s
                 LIMIT 1""", (code, company or 0, partner.id or 0))
            row = self.env.cr.fetchone()
            if row:
                raise ValidationError(_(
                    "The customer code %(code)s is already the code of %(other)s.") % {
                    'code': code, 'other': self.sudo().browse(row[0]).display_name})

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        """New partners get their mnemonic and pinyin; companies and partners without a
        parent their customer code."""
        vals = dict(vals, **self._mnemonic_values(vals.get('name'), vals.get('mnemonic')))
        if vals.get('customer_code'):
            self.browse()._check_customer_code_free(
                vals['customer_code'], vals.get('company_id', self.env.user.company_id.id))
        partner = super().create(vals)
        if not partner.customer_code and partner._needs_customer_code():
            partner._assign_customer_code()
        return partner

    @api.multi
    def write(self, vals):
        """A new name makes the pinyin and the mnemonic again (unless written by hand); a
        mnemonic written by hand is kept, an emptied one made from the name again; a partner
        that becomes a company or loses its parent gets a customer code."""
        merging = self.env.context.get('dup_merging_partner_ids')
        if merging and 'customer_code' in vals:
            # The host's merge writes onto the survivor the values of the partners it merges,
            # which still hold their codes: the survivor keeps its own (or gets a new one).
            vals = dict(vals)
            vals.pop('customer_code')
        if vals.get('customer_code'):
            self._check_customer_code_free(vals['customer_code'], vals.get('company_id'))
        vals, follow = self._mnemonic_written(vals)
        res = super().write(vals)
        if follow:
            rule = self._mnemonic_rule()
            by_name = {}
            for partner in follow:
                by_name.setdefault(partner.name, []).append(partner.id)
            for name, ids in by_name.items():
                # Past this override: the value is made, not written by hand.
                super(ResPartner, self.browse(ids)).write(
                    {'mnemonic': mnem.mnemonic(name, rule)})
        if 'is_company' in vals or 'parent_id' in vals or merging:
            for partner in self.filtered(lambda p: not p.customer_code):
                if partner._needs_customer_code():
                    partner._assign_customer_code()
        return res

    def _mnemonic_written(self, vals):
        """The values to write for ``vals`` (the pinyin of a new name, a mnemonic written by
        hand flagged so) and the partners whose mnemonic is to be made from their name after
        the write: renamed ones without a hand-written mnemonic, or all when it is emptied."""
        follow = self.browse()
        if 'name' in vals or 'mnemonic' in vals:
            vals = dict(vals)
            if vals.get('mnemonic'):
                vals.update(self._mnemonic_values(None, vals['mnemonic']))
            elif 'mnemonic' in vals:
                # Emptied: made from the name again, each partner's own unless renamed.
                vals['mnemonic_manual'] = False
                follow = self
            else:
                follow = self.filtered(lambda partner: not partner.mnemonic_manual)
            if 'name' in vals:
                vals['name_pinyin'] = mnem.full_pinyin(vals['name'])
        return vals, follow

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _needs_customer_code(self):
        """Whether this partner is numbered: a company or a partner without a parent."""
        self.ensure_one()
        return self.is_company or not self.parent_id

    def _assign_customer_code(self):
        """Give this partner the next code of its company's sequence (the current user's
        company when the partner is shared)."""
        self.ensure_one()
        company = self.company_id or self.env.user.company_id
        sequence = company._customer_code_sequence()
        # In SQL, not write(): a write would go through the whole write chain again
        # (tracking, constraints, recomputations). A number someone wrote by hand (an
        # import of old codes) is skipped rather than refused by the unique index.
        cr = self.env.cr
        while True:
            code = sequence.sudo().next_by_id()
            cr.execute("""
                UPDATE res_partner SET customer_code = %(code)s
                 WHERE id = %(id)s AND NOT EXISTS (
                     SELECT 1 FROM res_partner
                      WHERE customer_code = %(code)s
                        AND COALESCE(company_id, 0) = COALESCE(%(company)s, 0))""",
                       {'code': code, 'id': self.id, 'company': self.company_id.id or None})
            if cr.rowcount:
                break
        self.invalidate_cache(['customer_code'], self.ids)

    @api.model
    def _mnemonic_rule(self):
        """The mnemonic rule of the settings: ``brand`` (XBD) or ``whole`` (SZXBDRJKF)."""
        rule = self.env['ir.config_parameter'].sudo().get_param(PARAM_RULE)
        return rule if rule in mnem.RULES else mnem.DEFAULT_RULE

    @api.model
    def _mnemonic_values(self, name, mnemonic=None, rule=None):
        """Mnemonic, its hand flag and pinyin for ``name``; a given ``mnemonic`` is kept as
        written (in capitals) and flagged, an empty one is made from the name again."""
        values = {}
        if mnemonic:
            values.update(mnemonic=mnemonic.strip().upper()[:mnem.MAX_MNEMONIC],
                          mnemonic_manual=True)
        elif name is not None:
            values.update(mnemonic=mnem.mnemonic(name, rule or self._mnemonic_rule()),
                          mnemonic_manual=False)
        if name is not None:
            values['name_pinyin'] = mnem.full_pinyin(name)
        return values

    @api.model
    def _customer_code_backfill(self):
        """Number every company and partner without a parent that has no code yet, company
        by company, in SQL batches drawn from each company's PostgreSQL sequence (a large
        base has 100,000 partners: one ORM write each would take minutes)."""
        require_superuser(self.env)
        cr = self.env.cr
        main = self.env.ref('base.main_company', raise_if_not_found=False) or \
            self.env.user.company_id
        total = 0
        for company in self.env['res.company'].with_context(active_test=False).search([]):
            sequence = company._customer_code_sequence()
            prefix, suffix = sequence._get_prefix_suffix()
            while True:
                cr.execute("""
                    UPDATE res_partner p
                       SET customer_code = %(prefix)s || lpad(v.n::text,
                               GREATEST(%(padding)s, length(v.n::text)), '0') || %(suffix)s
                      FROM (SELECT id, nextval(%(seq)s) AS n FROM (
                                SELECT id FROM res_partner
                                 WHERE customer_code IS NULL
                                   AND (is_company OR parent_id IS NULL)
                                   AND COALESCE(company_id, %(main)s) = %(company)s
                                 ORDER BY id LIMIT %(batch)s) AS todo) AS v
                     WHERE p.id = v.id""", {
                    'prefix': prefix, 'suffix': suffix, 'padding': sequence.padding,
                    'seq': 'ir_sequence_%03d' % sequence.id, 'main': main.id,
                    'company': company.id, 'batch': CODE_BATCH})
                total += cr.rowcount
                if cr.rowcount < CODE_BATCH:
                    break
        self.invalidate_cache(['customer_code'])
        _logger.info("Customer codes given to %d partners", total)
        return total

    @api.model
    def _mnemonic_backfill(self, everyone=False):
        """Make the mnemonic and pinyin of the partners that have none (``everyone``: of all
        partners whose mnemonic was not written by hand, after the rule changed): at once for
        a few thousand, else by parts in a background run (pypinyin takes about 0.3 ms a
        Chinese name: minutes for a large base, too long for an update or a settings page).
        Return the number of partners done now (0 when queued)."""
        require_superuser(self.env)
        todo = sql.SQL("NOT COALESCE(mnemonic_manual, FALSE)" if everyone else
                       "name_pinyin IS NULL AND name IS NOT NULL")
        self.env.cr.execute(sql.SQL("SELECT id FROM res_partner WHERE {} ORDER BY id").format(todo))
        ids = [row[0] for row in self.env.cr.fetchall()]
        if len(ids) > MNEMONIC_INLINE:
            self.env['crm.customer.batch']._start(
                _("Pinyin mnemonics"), self.browse(), '_mnemonic_chunk', ids)
            return 0
        for start in range(0, len(ids), MNEMONIC_BATCH):
            self._mnemonic_write(ids[start:start + MNEMONIC_BATCH])
        _logger.info("Mnemonics made for %d partners", len(ids))
        return len(ids)

    @api.model
    def _mnemonic_chunk(self, batch, ids):
        """A part of the background run of ``_mnemonic_backfill``."""
        return {'done': self._mnemonic_write(ids)}

    @api.model
    def _mnemonic_write(self, ids):
        """Write the mnemonic and pinyin of the partners ``ids`` made from their names (not
        the mnemonics written by hand), with one statement; return how many."""
        cr = self.env.cr
        # Before the select: reading the setting may run a query on the same cursor.
        rule = self._mnemonic_rule()
        cr.execute("SELECT id, name, COALESCE(mnemonic_manual, FALSE) FROM res_partner "
                   "WHERE id = ANY(%s)", [list(ids)])
        values = [(pid, None if manual else (mnem.mnemonic(name, rule) or None),
                   mnem.full_pinyin(name) or None, manual)
                  for pid, name, manual in cr.fetchall()]
        if values:
            execute_values(cr, """
                UPDATE res_partner p
                   SET mnemonic = CASE WHEN v.manual THEN p.mnemonic ELSE v.mnemonic END,
                       name_pinyin = v.pinyin
                  FROM (VALUES %s) AS v(id, mnemonic, pinyin, manual) WHERE p.id = v.id""",
                           values, template='(%s, %s::varchar, %s::varchar, %s)',
                           page_size=len(values))
        self.invalidate_cache(['mnemonic', 'name_pinyin'], list(ids))
        return len(values)

    @api.model
    def _batch_summary(self, batch, totals):
        """The sentence of the mnemonics' background run, in the reader's language."""
        if batch.method != '_mnemonic_chunk':
            return super()._batch_summary(batch, totals)
        if batch.state == 'running' or not totals:
            return False
        return _("Pinyin mnemonics made for %(done)s partners.") % {
            'done': totals.get('done', 0)}

    @api.model
    def _batch_title(self, batch):
        """The name of the mnemonics' background run, in the reader's language."""
        if batch.method == '_mnemonic_chunk':
            return _("Pinyin mnemonics")
        return super()._batch_title(batch)
