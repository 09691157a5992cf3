# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer statement's buttons on the card."""
from odoo import _, api, models
from odoo.exceptions import AccessError

from ..access import readable_ids, require_internal_user


class ResPartner(models.Model):
    _inherit = 'res.partner'

    @api.multi
    def action_statement_send(self):
        """Open the host's e-mail composer with the statement template (the PDF attached),
        for the period in the context (``statement_date_from``/``_to``) or the default."""
        self.ensure_one()
        require_internal_user(self.env)
        if readable_ids(self) != set(self.ids):
            raise AccessError(_("You may only send the statement of customers you may read."))
        template = self.env.ref('crm_customer360.customer_statement_mail_template')
        ctx = dict(
            self.env.context,
            default_model='res.partner', default_res_id=self.commercial_partner_id.id,
            default_use_template=True, default_template_id=template.id,
            default_composition_mode='comment')
        return {
            'name': _('Send Statement'),
            'type': 'ir.actions.act_window',
            'res_model': 'mail.compose.message',
            'view_type': 'form',
            'view_mode': 'form',
            'views': [(False, 'form')],
            'target': 'new',
            'context': ctx,
        }
