# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Users who leave: their customers must be handed over before they are archived."""
from odoo import _, api, models

from ..exceptions import HandoverRequired


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
        if not owners:
            return
        message = _(
            "These users still own customers: %s. Create a handover (Sales > Handovers) "
            "to give their customers to someone else before archiving them.") % ', '.join(
            _("%s (%d customers)") % (name, count) for name, count in owners)
        if len(data) == 1:
            # The button opens a new handover from this user, as a resignation.
            action = self.env.ref('crm_customer360.crm_customer_handover_action_leaving')
            raise HandoverRequired(message, '%d&active_id=%d' % (
                action.id, data[0]['user_id'][0]), _("Hand Over Their Customers"))
        action = self.env.ref('crm_customer360.crm_customer_handover_action')
        raise HandoverRequired(message, action.id, _("Open the Handovers"))
