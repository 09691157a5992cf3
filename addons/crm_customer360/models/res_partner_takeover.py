# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The takeover request: a salesperson who finds that a customer already exists, with another
owner, asks for it instead of entering it twice (the duplicate warning offers the button).

The owner and the sales manager are told in the customer's chatter, and the owner gets a
to-do. Only salespeople ask (they are the ones who take customers over). The requester may not
be able to read the customer: the request is written as superuser, and tells the requester
nothing the duplicate warning did not (name and owner).
"""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..access import require_group
from ..tz import today_in_tz

# Who may ask for a customer.
TAKEOVER_GROUP = 'sales_team.group_sale_salesman'


class ResPartner(models.Model):
    _inherit = 'res.partner'

    @api.model
    def request_takeover(self, partner_id):
        """Ask the owner of customer ``partner_id`` to hand it over to the current user.

        Posts a note on the customer that notifies the owner and the sales managers
        (``_takeover_managers``) and schedules a to-do for the owner. For salespeople only.
        """
        require_group(self.env, TAKEOVER_GROUP, _(
            "Only salespeople can ask for a customer: ask a sales manager to assign it to "
            "you."))
        if isinstance(partner_id, bool) or not isinstance(partner_id, int):
            raise ValidationError(_("A takeover request names one customer by its id, not "
                                    "%(value)s.") % {'value': repr(partner_id)[:40]})
        requester = self.env.user
        partner = self.sudo().with_context(active_test=False).browse(partner_id).exists()
        if not partner:
            raise UserError(_("The customer %(customer)s does not exist.") % {
                'customer': partner_id})
        partner = partner.commercial_partner_id
        owner = partner.user_id
        if not owner:
            raise UserError(_("%(customer)s has no salesperson: ask a sales manager to assign it "
                              "to you.") % {'customer': partner.display_name})
        if owner == requester:
            raise UserError(_("You are already the salesperson of %(customer)s.") % {
                'customer': partner.display_name})
        managers = partner._takeover_managers() - owner - requester
        # Written for the owner: in the owner's language, due on the owner's calendar day.
        summary, body = self.with_context(lang=owner.lang or self.env.lang)._takeover_texts(
            requester.name, owner.name)
        partner.message_post(body=body, author_id=requester.partner_id.id,
                             partner_ids=(owner | managers).mapped('partner_id').ids,
                             subtype='mail.mt_note', message_type='comment')
        self.env['mail.activity'].sudo().create({
            'res_model_id': self.env['ir.model']._get('res.partner').id,
            'res_id': partner.id,
            'activity_type_id': self.env.ref('mail.mail_activity_data_todo').id,
            'summary': summary,
            'note': body,
            'user_id': owner.id,
            'date_deadline': fields.Date.to_string(today_in_tz(owner.tz)),
        })
        return True

    @api.model
    def _takeover_texts(self, requester, owner):
        """Summary and note of a takeover request, in the environment's language."""
        return (_("Takeover request from %(user)s") % {'user': requester},
                _("%(user)s asks %(owner)s to hand over this customer.") % {
                    'user': requester, 'owner': owner})

    @api.model
    def _takeover_allowed(self):
        """Whether the current user may request takeovers (the duplicate alert offers the
        link only then)."""
        return self.env.uid == SUPERUSER_ID or self.env.user.has_group(TAKEOVER_GROUP)

    @api.multi
    def _takeover_managers(self):
        """The sales managers told of a takeover request of this customer: the leader of its
        sales team, else the leader of its owner's team, else the users of Sales / Manager
        of its company. Override to route the requests elsewhere."""
        self.ensure_one()
        leader = self.team_id.user_id or self.user_id.sale_team_id.user_id
        if leader:
            return leader
        group = self.env.ref('sales_team.group_sale_manager')
        company = self.company_id or self.user_id.company_id
        return group.sudo().users.filtered(
            lambda user: user.active and not user.share
            and (not company or company in user.company_ids))

    @api.multi
    def action_request_takeover(self):
        """Button: ask the owners of these customers to hand them over (salespeople only,
        as ``request_takeover``)."""
        for partner in self:
            self.request_takeover(partner.id)
        return True
