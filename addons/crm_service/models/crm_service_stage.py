# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stages of a service ticket; a closing stage ends the ticket and meets its resolution, and
may ask the customer for a rating."""
from odoo import api, fields, models

from .crm_service_input_limits import NAME_MAX_LENGTH, NOTE_MAX_LENGTH, SEQUENCE_RANGE


class CrmServiceStage(models.Model):
    _name = 'crm.service.stage'
    _inherit = ['crm.service.input.limits']
    _description = 'Service Ticket Stage'
    _order = 'sequence, id'

    name = fields.Char('Stage Name', required=True, translate=True)
    sequence = fields.Integer('Sequence', default=10)
    fold = fields.Boolean(
        'Folded in Kanban',
        help="The column of this stage is folded in the kanban view of the tickets.")
    is_closing = fields.Boolean(
        'Closing Stage',
        help="A ticket that reaches this stage is closed: its closing date is set and its "
             "resolution deadline is met.")
    rating_request = fields.Boolean(
        'Ask for a Rating', default=True,
        help="A ticket that reaches this closing stage e-mails its contact a satisfaction "
             "survey. Leave it off on stages such as Cancelled, where there is no service to "
             "rate.")
    description = fields.Text('Description', translate=True)
    active = fields.Boolean('Active', default=True)

    @api.model
    def _input_limits(self):
        return dict(super()._input_limits(), name=NAME_MAX_LENGTH,
                    description=NOTE_MAX_LENGTH, sequence=SEQUENCE_RANGE)
