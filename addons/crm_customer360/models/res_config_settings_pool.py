# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Public pool (公海) settings of the user's current company in Sales > Settings."""
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    pool_enabled = fields.Boolean(related='company_id.pool_enabled')
    pool_release_days = fields.Integer(related='company_id.pool_release_days')
    pool_exempt_open_orders = fields.Boolean(related='company_id.pool_exempt_open_orders')
    pool_exempt_unpaid_invoices = fields.Boolean(
        related='company_id.pool_exempt_unpaid_invoices')
    pool_exempt_locked = fields.Boolean(related='company_id.pool_exempt_locked')
    max_customers_per_user = fields.Integer(related='company_id.max_customers_per_user')
    pool_reclaim_block_days = fields.Integer(related='company_id.pool_reclaim_block_days')
