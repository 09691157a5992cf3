# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Screens of the duplicate check: the warning on the customer form, the "Duplicates" smart
button and the review list of companies that have a likely duplicate.

They only call the business methods of ``res_partner_duplicate.py``.
"""
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

from ..access import (
    is_internal_user, require_internal_user, require_superuser)

_logger = logging.getLogger(__name__)

# Columns whose change changes which companies have a likely duplicate.
DUP_FLAG_COLUMNS = {'dup_name_key', 'dup_vat_key', 'dup_email_key', 'dup_phone_key',
                    'dup_mobile_key', 'dup_domain_key', 'is_company', 'parent_id',
                    'commercial_partner_id'}
# Most duplicates listed in the form's pop-up warning.
WARNING_LIMIT = 5
# Similarity of the names joined by the review before scoring (pg_trgm's own default): lower
# than the threshold, so that a name contained in another one is scored too.
REVIEW_TRIGRAM_PREFILTER = 30


class ResPartner(models.Model):
    _inherit = 'res.partner'

    # Employees only, as find_duplicates: they name other customers and their owners.
    dup_warning_html = fields.Html(
        'Possible Duplicates', compute='_compute_dup_warning', sanitize=False,
        groups='base.group_user', help="Likely duplicates of the values on the form.")
    duplicate_count = fields.Integer(
        'Duplicates', compute='_compute_dup_warning', groups='base.group_user',
        help="Number of likely duplicates (computed on a single customer only).")
    # Read from a column of its own (see ``init``): finding every company that has a likely
    # duplicate compares every name with every other one (minutes over 100,000 customers),
    # too slow for a list. The column is kept right when the keys of partners change
    # (``_write``) and by the nightly job (``_cron_dup_flags``). It is no ORM field, so that
    # nobody but employees, through this field, reads or searches it.
    has_duplicates = fields.Boolean(
        'Has Possible Duplicates', compute='_compute_has_duplicates',
        search='_search_has_duplicates', groups='base.group_user',
        help="The company shares a key or a similar name with another customer (updated "
             "when a partner changes, and every night).")

    @api.model_cr
    def init(self):
        """The column of the duplicate flags and the index of the flagged companies. Run by
        the server on install and update only."""
        require_superuser(self.env)
        super().init()
        self.env.cr.execute("ALTER TABLE res_partner ADD COLUMN IF NOT EXISTS "
                            "c360_has_duplicates boolean NOT NULL DEFAULT false")
        self.env.cr.execute("CREATE INDEX IF NOT EXISTS res_partner_c360_has_duplicates_index "
                            "ON res_partner (id) WHERE c360_has_duplicates")

    def _compute_has_duplicates(self):
        ids = [i for i in self.ids if isinstance(i, int)]
        flagged = set()
        if ids and is_internal_user(self.env):
            self.env.cr.execute("SELECT id FROM res_partner WHERE id = ANY(%s) "
                                "AND c360_has_duplicates", (ids,))
            flagged = {row[0] for row in self.env.cr.fetchall()}
        for partner in self:
            partner.has_duplicates = partner.id in flagged

    def _search_has_duplicates(self, operator, value):
        """Companies with at least one likely duplicate (the flagged ones); for employees."""
        require_internal_user(self.env)
        if operator not in ('=', '!='):
            raise UserError(_("Search 'Has Possible Duplicates' with = True or = False."))
        positive = (operator == '=') == bool(value)
        return [('id', 'inselect' if positive else 'not inselect',
                 ("SELECT id FROM res_partner WHERE c360_has_duplicates", []))]

    @api.depends('name', 'vat', 'phone', 'mobile', 'email', 'website', 'country_id',
                 'parent_id', 'is_company')
    def _compute_dup_warning(self):
        """Only for the one record of a form: a list costs no query. Nothing for portal
        users, whom server code may show the field without ``read()``'s checks."""
        for partner in self:
            partner.dup_warning_html = False
            partner.duplicate_count = 0
        if len(self) != 1 or not self._dup_is_checked() or not is_internal_user(self.env):
            return
        duplicates = self._dup_find(self._dup_form_values())
        self.duplicate_count = len(duplicates)
        self.dup_warning_html = self._dup_format_html(duplicates[:WARNING_LIMIT]) or False

    @api.model
    def _create(self, vals):
        """A new partner may be a likely duplicate of companies: their flags follow."""
        partner_id = super()._create(vals)  # Odoo 11: the new id
        if DUP_FLAG_COLUMNS & set(vals):
            self._dup_write_flags(self._dup_affected([partner_id]))
        return partner_id

    @api.multi
    def _write(self, vals):
        """When the keys of partners change (or whether they are companies or contacts),
        the duplicate flags of the companies concerned change with them."""
        if not DUP_FLAG_COLUMNS & set(vals):
            return super()._write(vals)
        ids = [i for i in self.ids if isinstance(i, int)]
        # The companies paired with these partners before the change may lose their flag.
        before = self._dup_affected(ids)
        res = super()._write(vals)
        self._dup_write_flags(before | self._dup_affected(ids))
        return res

    @api.onchange('name', 'vat', 'phone', 'mobile', 'email', 'website')
    def _onchange_dup_warning(self):
        """Warn while typing that the customer may already exist (employees only)."""
        if not self._dup_is_checked() or not is_internal_user(self.env):
            return
        duplicates = self._dup_find(self._dup_form_values(), limit=WARNING_LIMIT)
        if duplicates:
            return {'warning': {
                'title': _("Possible duplicates"),
                'message': self._dup_format_text(duplicates),
            }}

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.multi
    def action_open_duplicates(self):
        """Smart button: the likely duplicates of this customer, for employees."""
        self.ensure_one()
        require_internal_user(self.env)
        ids = [dup['id'] for dup in self._dup_find(self._dup_form_values())]
        return {
            'type': 'ir.actions.act_window',
            'name': _("Possible Duplicates of %(customer)s") % {'customer': self.display_name},
            'res_model': 'res.partner',
            'view_mode': 'tree,form',
            'views': [(self.env.ref('crm_customer360.res_partner_view_tree_duplicates').id,
                       'tree'), (False, 'form')],
            'domain': [('id', 'in', ids)],
            'context': {'active_test': False},
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _dup_is_checked(self):
        """Whether the form checks this partner: companies and partners without a parent."""
        return bool(self.is_company or not self.parent_id)

    def _dup_form_values(self):
        """The form's values as ``find_duplicates`` arguments, with the saved record's id."""
        vals = {name: self[name] for name in self._dup_value_fields()}
        vals.update(country_id=self.country_id.id, parent_id=self.parent_id.id,
                    company_id=self.company_id.id)
        origin = getattr(self, '_origin', None)
        record_id = self.id if isinstance(self.id, int) else (origin.id if origin else False)
        if record_id:
            vals['id'] = record_id
        return vals

    @api.model
    def _dup_format_text(self, duplicates):
        """Plain-text lines for the pop-up warning."""
        lines = [_("This customer may already exist:")]
        for dup in duplicates:
            lines.append(_("- %(name)s: %(score)d%%, %(reasons)s (salesperson: %(owner)s)") % {
                'name': dup['name'], 'score': dup['score'], 'reasons': ', '.join(dup['reasons']),
                'owner': dup['owner'] or _("none")})
        return '\n'.join(lines)

    @api.model
    def _dup_format_html(self, duplicates):
        """The alert shown on top of the form, with links to the readable duplicates and, for
        salespeople, a "Request takeover" link on those another salesperson owns, readable
        or not (``static/src/js/duplicate_takeover.js`` sends the request)."""
        if not duplicates:
            return ''
        may_take_over = self._takeover_allowed()
        # Who owns them, in one query; not in find_duplicates' answer, which tells a user
        # nothing but the name of the owner of a customer they may not read.
        owners = {partner.id: partner.user_id for partner in self.sudo().browse(
            [dup['id'] for dup in duplicates])}
        items = []
        for dup in duplicates:
            name = html_escape(dup['name'])
            if dup.get('readable'):
                name = '<a href="#id=%d&amp;model=res.partner">%s</a>' % (dup['id'], name)
            takeover = ''
            owner = owners[dup['id']]
            if may_take_over and owner and owner != self.env.user:
                takeover = (' &#8212; <a href="#" class="o_c360_request_takeover" '
                            'data-partner-id="%d">%s</a>') % (
                    dup['id'], html_escape(_("Request takeover")))
            items.append('<li>%s &#8212; %d%% &#8212; %s &#8212; %s%s</li>' % (
                name, dup['score'], html_escape(', '.join(dup['reasons'])),
                html_escape(_("salesperson: %(salesperson)s") % {
                    'salesperson': dup['owner'] or _("none")}), takeover))
        return '<strong>%s</strong><ul class="mb0">%s</ul>' % (
            html_escape(_("This customer may already exist:")), ''.join(items))

    @api.model
    def _dup_pairs(self, ids, side='p'):
        """Pairs ``(company, other partner)`` of likely duplicates where the company (side
        ``'p'``) or the other partner (side ``'q'``) is one of ``ids``.

        One self-join per key, united in a single statement, each using the key's index.
        """
        if not ids:
            return set()
        # The reviewer's current company's threshold: the review lists one company's work.
        threshold = self._dup_settings()['threshold']
        base = """
            SELECT p.id, q.id FROM res_partner p JOIN res_partner q ON {join}
             WHERE p.is_company AND {side}.id = ANY(%(ids)s::int[]) AND q.id != p.id
               AND COALESCE(q.commercial_partner_id, q.id) != p.id
               AND COALESCE(q.parent_id, 0) != p.id {extra}"""
        joins = [
            ('q.dup_vat_key = p.dup_vat_key', ''),
            ('q.dup_email_key = p.dup_email_key', ''),
            ('q.dup_phone_key = p.dup_phone_key', ''),
            ('q.dup_phone_key = p.dup_mobile_key', ''),
            ('q.dup_mobile_key = p.dup_phone_key', ''),
            ('q.dup_mobile_key = p.dup_mobile_key', ''),
            ('q.dup_domain_key = p.dup_domain_key', ''),
            ('q.dup_name_key %% p.dup_name_key',
             'AND (q.is_company OR q.parent_id IS NULL) AND length(p.dup_name_key) >= 2 '
             'AND {score} * 100 >= %(threshold)s'.format(
                 score=self._dup_name_score_sql('p.dup_name_key', 'q.dup_name_key'))),
        ]
        query = '\nUNION\n'.join(base.format(join=join, side=side, extra=extra)
                                  for join, extra in joins)
        self._dup_set_trigram_threshold(min(REVIEW_TRIGRAM_PREFILTER, threshold))
        self.env.cr.execute(query, {'ids': list(ids), 'threshold': threshold})
        return set(self.env.cr.fetchall())

    @api.model
    def _dup_affected(self, ids):
        """``ids`` and the partners paired with them as likely duplicates, either way: the
        partners whose flag may change when those of ``ids`` change."""
        if not ids:
            return set()
        return (set(ids) | {company for company, _other in self._dup_pairs(ids, 'q')}
                | {other for _company, other in self._dup_pairs(ids, 'p')})

    @api.model
    def _dup_write_flags(self, ids):
        """Write the exact duplicate flag of the partners ``ids``; return how many have one."""
        ids = list(ids)
        with_duplicates = list({company for company, _other in self._dup_pairs(ids, 'p')})
        self.env.cr.execute("""
            UPDATE res_partner SET c360_has_duplicates = (id = ANY(%s) AND is_company)
             WHERE id = ANY(%s)
               AND c360_has_duplicates IS DISTINCT FROM (id = ANY(%s) AND is_company)""",
                            (with_duplicates, ids, with_duplicates))
        self.invalidate_cache(['has_duplicates'], ids)
        return len(with_duplicates)

    # ------------------------------------------------------------------
    # Nightly job
    # ------------------------------------------------------------------
    @api.model
    def _cron_dup_flags(self):
        """Nightly job: recompute every company's duplicate flag in the background, by
        parts (a changed setting, a partner changed in SQL by another module)."""
        self.env.cr.execute("SELECT id FROM res_partner WHERE is_company ORDER BY id")
        ids = [row[0] for row in self.env.cr.fetchall()]
        _logger.info("Duplicate flags: %d companies to check", len(ids))
        if not ids:
            return self.env['crm.customer.batch']
        return self.env['crm.customer.batch']._start(
            _("Possible duplicates"), self.browse(), '_dup_flags_chunk', ids)

    @api.model
    def _batch_summary(self, batch, totals):
        """The sentence of the nightly flags' background run, in the reader's language."""
        if batch.method != '_dup_flags_chunk':
            return super()._batch_summary(batch, totals)
        if batch.state == 'running' or not totals:
            return False
        return _("%(flagged)s of %(count)s companies have a possible duplicate.") % {
            'flagged': totals.get('flagged', 0), 'count': batch.item_count}

    @api.model
    def _dup_flags_chunk(self, batch, ids):
        """A part of the nightly job: the flags of ``ids``."""
        return {'flagged': self._dup_write_flags(ids)}
