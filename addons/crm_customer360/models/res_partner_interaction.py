# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contact records on the customer card: the list, the count and the last contact date."""
from odoo import api, fields, models

from ..access import require_group


class ResPartner(models.Model):
    _inherit = 'res.partner'

    interaction_ids = fields.One2many(
        'crm.customer.interaction', 'partner_id', 'Contact Records',
        help="Contacts with this customer, kept on the commercial entity.")
    last_interaction_date = fields.Datetime(
        'Last Contact', readonly=True, copy=False, index=True,
        help="Date of the latest contact record of the customer. Kept up to date by the "
             "contact records themselves (crm.customer.interaction).")
    interaction_count = fields.Integer(
        'Contacts', compute='_compute_interaction_count',
        help="Number of contact records of the customer (company and contacts together).")

    def _compute_interaction_count(self):
        """Count the contact records of each partner's commercial entity in one query."""
        commercial = self.mapped('commercial_partner_id')
        data = self.env['crm.customer.interaction'].read_group(
            [('partner_id', 'in', commercial.ids)], ['partner_id'], ['partner_id'])
        counts = {d['partner_id'][0]: d['partner_id_count'] for d in data}
        for partner in self:
            partner.interaction_count = counts.get(partner.commercial_partner_id.id, 0)

    @api.multi
    def action_open_interactions(self):
        """Open the contact records of this customer, ready to log a new one (salespeople,
        who alone read contact records)."""
        self.ensure_one()
        require_group(self.env, 'sales_team.group_sale_salesman')
        commercial = self.commercial_partner_id
        action = self.env.ref('crm_customer360.crm_customer_interaction_action').read()[0]
        action['domain'] = [('partner_id', '=', commercial.id)]
        action['context'] = {'default_partner_id': commercial.id}
        return action
