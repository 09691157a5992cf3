# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Users who leave: their customers must be handed over before they are archived."""
from odoo import _, api, models
from odoo.exceptions import UserError


class ResUsers(models.Model):
    _inherit = 'res.users'

    @api.multi
    def write(self, vals):
        if 'active' in vals and not vals['active']:
            self._check_no_customers_left()
        return super().write(vals)

    @api.multi
    def _check_no_customers_left(self):
        """Refuse to archive users who still own customers; one query for all users."""
        # Counted over every customer, whatever the archiving user may see.
        data = self.env['res.partner'].sudo().read_group(
            [('user_id', 'in', self.ids), ('customer', '=', True), ('parent_id', '=', False)],
            ['user_id'], ['user_id'])
        owners = [(d['user_id'][1], d['user_id_count']) for d in data if d['user_id_count']]
        if owners:
            raise UserError(_(
                "These users still own customers: %s. Create a handover (Sales > Handovers) "
                "to give their customers to someone else before archiving them.") % ', '.join(
                _("%s (%d customers)") % (name, count) for name, count in owners))
