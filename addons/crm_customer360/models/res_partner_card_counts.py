# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The counts of the customer card are the same for every reader entitled to the card.

The host counts a customer's orders (the *Sales* button) and the card its contact records
with the reader's record rules: a salesperson who may open the card of a colleague's customer
read "0 Sales" beside "8 Contracts". The card's counts are the customer's, computed as the
card's figures are (the commercial entity, the documents of the reader's company and its
child companies, past the record rules); ``card_access_note`` says, in the reader's
language, when the reader may open fewer records than a count shows.

To add a count to the note, extend ``_card_count_sources``.
"""
from odoo import _, api, fields, models

from ..access import is_internal_user


class ResPartner(models.Model):
    _inherit = 'res.partner'

    card_access_note = fields.Char(
        'Records You May Open', compute='_compute_card_access_note',
        help="Said when the card counts records that you may not open (those of other "
             "salespeople, for example): the counts are the customer's, the same for "
             "everyone who reads the card.")

    def _compute_sale_order_count(self):
        """The orders and quotations of the commercial entity, in any state, whoever reads
        the card (the host counts only those the reader may open)."""
        counts = self._card_sql_counts("""
            SELECT p.commercial_partner_id, COUNT(*)
              FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
             WHERE p.commercial_partner_id IN %(ids)s AND so.company_id IN %(companies)s
          GROUP BY 1""")
        for partner in self:
            partner.sale_order_count = counts.get(partner.commercial_partner_id.id, 0)

    def _compute_interaction_count(self):
        """The contact records of the commercial entity, whoever reads the card."""
        counts = self._card_sql_counts("""
            SELECT i.partner_id, COUNT(*)
              FROM crm_customer_interaction i
             WHERE i.partner_id IN %(ids)s
               AND (i.company_id IS NULL OR i.company_id IN %(companies)s)
          GROUP BY 1""")
        for partner in self:
            partner.interaction_count = counts.get(partner.commercial_partner_id.id, 0)

    def _card_sql_counts(self, query):
        """``{commercial partner id: count}`` of ``query`` (parameters ``ids``: the
        commercial entities of ``self``, ``companies``: the reader's company and its child
        companies, as for the card's figures)."""
        ids = tuple({pid for pid in self.mapped('commercial_partner_id').ids if pid})
        if not ids:
            return {}
        companies = tuple(self.env['crm.customer.figures']._figure_context(ids)['company_ids'])
        self.env.cr.execute(query, {'ids': ids, 'companies': companies})
        return dict(self.env.cr.fetchall())

    @api.model
    def _card_count_sources(self):
        """The counts of the card the note checks: list of ``(field, model, domain of the
        records behind the count for a commercial entity id, translated name of the
        records)``; extend to add one."""
        return [
            ('sale_order_count', 'sale.order',
             lambda pid: [('partner_id', 'child_of', pid)], _("orders and quotations")),
            ('opportunity_count', 'crm.lead',
             lambda pid: [('partner_id', 'child_of', pid), ('type', '=', 'opportunity')],
             _("opportunities")),
            ('interaction_count', 'crm.customer.interaction',
             lambda pid: [('partner_id', '=', pid)], _("contact records")),
        ]

    def _compute_card_access_note(self):
        """For the card (a form shows one partner): a few counts with the reader's rules."""
        if not is_internal_user(self.env) or not self.env.user.has_group(
                'sales_team.group_sale_salesman'):
            for partner in self:
                partner.card_access_note = False
            return
        sources = self._card_count_sources()
        for partner in self:
            entity = partner.commercial_partner_id
            parts = []
            for field, model, domain, label in sources:
                if not entity.id or field not in partner._fields:
                    continue
                total = partner[field]
                if not total:
                    continue
                Model = self.env[model]
                readable = (Model.search_count(domain(entity.id))
                            if Model.check_access_rights('read', raise_exception=False)
                            else 0)
                if readable < total:
                    parts.append(_("%(readable)s of the %(total)s %(records)s") % {
                        'readable': readable, 'total': total, 'records': label})
            partner.card_access_note = _(
                "The counts are the customer's. You may open %(documents)s: the others are "
                "other salespeople's or need other rights.") % {
                    'documents': ', '.join(parts)} if parts else False
