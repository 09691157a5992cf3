# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A readable record of every partner merge: who merged what into which customer."""
from odoo import _, api, fields, models


class CrmCustomerMergeLog(models.Model):
    _name = 'crm.customer.merge.log'
    _description = 'Customer Merge Log'
    _order = 'date desc, id desc'

    date = fields.Datetime('Date', required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one('res.users', 'Merged by', required=True, readonly=True,
                              default=lambda self: self.env.user, ondelete='restrict')
    partner_id = fields.Many2one('res.partner', 'Surviving Customer', required=True,
                                 readonly=True, index=True, ondelete='restrict')
    merged_partners = fields.Text(
        'Merged Partners', readonly=True,
        help="Name, tax number, e-mail and salesperson of each partner merged away.")
    moved_summary = fields.Text(
        'What Moved', readonly=True, help="Records moved to the surviving customer, by kind.")
    dropped_records = fields.Text(
        'Deleted Records', readonly=True,
        help="Records the merge deleted instead of moving them, because the surviving customer "
             "already had an equal one (unique constraint): table, record id and what it was.")

    @api.multi
    def name_get(self):
        return [(log.id, _("Merge into %s on %s") % (log.partner_id.display_name, log.date))
                for log in self]
