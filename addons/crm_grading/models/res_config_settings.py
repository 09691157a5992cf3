# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The credit block of the settings' company, in Sales > Settings."""
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    credit_block = fields.Boolean(related='company_id.credit_block')
    credit_approval_days = fields.Integer(related='company_id.credit_approval_days')
