# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Categories of service tickets (installation, repair, complaint...), used by SLA policies."""
from odoo import api, fields, models

from .crm_service_input_limits import NAME_MAX_LENGTH, SEQUENCE_RANGE


class CrmServiceCategory(models.Model):
    _name = 'crm.service.category'
    _inherit = ['crm.service.input.limits']
    _description = 'Service Ticket Category'
    _order = 'sequence, name'

    name = fields.Char('Name', required=True, translate=True)
    sequence = fields.Integer('Sequence', default=10)
    active = fields.Boolean('Active', default=True)
    company_id = fields.Many2one(
        'res.company', 'Company',
        help="Leave empty to share the category between companies.")

    @api.model
    def _input_limits(self):
        return dict(super()._input_limits(), name=NAME_MAX_LENGTH, sequence=SEQUENCE_RANGE)
