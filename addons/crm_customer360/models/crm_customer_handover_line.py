# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One customer of a handover and who receives it."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmCustomerHandoverLine(models.Model):
    _name = 'crm.customer.handover.line'
    _description = 'Customer Handover Line'
    _order = 'handover_id, id'

    handover_id = fields.Many2one(
        'crm.customer.handover', 'Handover', required=True, index=True, ondelete='cascade')
    partner_id = fields.Many2one(
        'res.partner', 'Customer', required=True, index=True, ondelete='restrict',
        domain=[('customer', '=', True), ('parent_id', '=', False)])
    to_user_id = fields.Many2one(
        'res.users', 'Receiver', required=True,
        help="Who receives this customer; by default the handover's receiver.")
    current_user_id = fields.Many2one(
        related='partner_id.user_id', string='Current Owner', readonly=True)
    state = fields.Selection(related='handover_id.state', readonly=True)

    _sql_constraints = [
        ('partner_unique', 'UNIQUE(handover_id, partner_id)',
         'A customer appears only once in a handover.'),
    ]

    @api.constrains('to_user_id', 'handover_id')
    def _check_receiver(self):
        """A customer cannot be handed over to the person who gives it away, nor to someone
        who may not own customers."""
        for line in self:
            if line.to_user_id == line.handover_id.from_user_id:
                raise ValidationError(_(
                    "The customer %(customer)s cannot be handed over to %(receiver)s, who is "
                    "giving it away.") % {'customer': line.partner_id.display_name,
                                          'receiver': line.to_user_id.name})
        self.mapped('to_user_id')._check_customer_owners()

    @api.model
    def create(self, vals):
        """A line without a receiver goes to the handover's receiver."""
        handover = self.env['crm.customer.handover'].browse(vals.get('handover_id'))
        handover._check_lines_editable()
        if not vals.get('to_user_id') and handover:
            vals = dict(vals, to_user_id=handover.to_user_id.id)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        """Lines change while their handover is a draft, and do not move to another one."""
        handovers = self.mapped('handover_id')
        if vals.get('handover_id'):
            handovers |= handovers.browse(vals['handover_id'])
        handovers._check_lines_editable()
        return super().write(vals)

    @api.multi
    def unlink(self):
        """Lines are removed while their handover is a draft."""
        self.mapped('handover_id')._check_lines_editable()
        return super().unlink()
