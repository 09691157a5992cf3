# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The merges a customer survived, shown on its card."""
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    merge_log_ids = fields.One2many(
        'crm.customer.merge.log', 'partner_id', 'Merges', readonly=True,
        help="Partners merged into this one, and what moved.")
