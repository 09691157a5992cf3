# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contact records (联系记录): every visit, call, meeting or message with a customer."""
from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

INTERACTION_TYPES = [
    ('visit', 'Visit'),
    ('call', 'Phone Call'),
    ('meeting', 'Meeting'),
    ('email', 'E-mail'),
    ('message', 'Message'),
    ('other', 'Other'),
]


class CrmCustomerInteraction(models.Model):
    _name = 'crm.customer.interaction'
    _description = 'Customer Contact Record'
    _order = 'date desc, id desc'
    _rec_name = 'summary'

    partner_id = fields.Many2one(
        'res.partner', 'Customer', required=True, index=True, ondelete='restrict',
        domain=[('parent_id', '=', False)], auto_join=True,
        help="The customer (company or individual) the contact was with; a contact person "
             "given here is replaced by their company, and kept as the person met.")
    contact_id = fields.Many2one(
        'res.partner', 'Person Met', index=True, ondelete='set null',
        domain="[('parent_id', '=', partner_id)]",
        help="The customer's contact person who took part, if any.")
    user_id = fields.Many2one(
        'res.users', 'Salesperson', required=True, index=True,
        default=lambda self: self.env.user, help="Who had the contact.")
    interaction_type = fields.Selection(
        INTERACTION_TYPES, 'Type', required=True, default='call')
    date = fields.Datetime('Date', required=True, index=True, default=fields.Datetime.now)
    summary = fields.Text('Summary', required=True, help="What was discussed.")
    outcome = fields.Text('Outcome', help="What came out of the contact.")
    next_step = fields.Char(
        'Next Step', help="Setting it plans a to-do for the customer's owner.")
    next_step_date = fields.Date('Next Step Date')
    next_step_activity_id = fields.Many2one(
        'mail.activity', 'Next Step Activity', readonly=True, ondelete='set null', copy=False)
    lead_id = fields.Many2one(
        'crm.lead', 'Opportunity', index=True, ondelete='set null',
        domain="[('partner_id', 'child_of', partner_id)]")
    company_id = fields.Many2one(
        'res.company', 'Company', default=lambda self: self.env.user.company_id)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains('summary')
    def _check_summary(self):
        """A contact record must say what was discussed."""
        for interaction in self:
            if not (interaction.summary or '').strip():
                raise ValidationError(_("The summary of a contact record cannot be empty."))

    @api.constrains('date')
    def _check_date(self):
        """Contacts are logged after they happen; one day of slack covers time zones."""
        limit = fields.Datetime.to_string(fields.Datetime.from_string(
            fields.Datetime.now()) + timedelta(days=self._future_date_tolerance_days()))
        for interaction in self:
            if interaction.date > limit:
                raise ValidationError(_(
                    "The date %(date)s of a contact record lies in the future: log a contact "
                    "once it has taken place, or plan it as a next step.") % {
                    'date': interaction.date})

    @api.model
    def _future_date_tolerance_days(self):
        """How far ahead (in days) a contact may be dated; override to change it."""
        return 1

    @api.constrains('partner_id', 'contact_id')
    def _check_contact_of_customer(self):
        """The person met must be one of the customer's contacts."""
        for interaction in self.filtered('contact_id'):
            if (interaction.contact_id.commercial_partner_id
                    != interaction.partner_id.commercial_partner_id):
                raise ValidationError(_(
                    "The person met, %(contact)s, is not a contact of the customer "
                    "%(customer)s.") % {'contact': interaction.contact_id.display_name,
                                         'customer': interaction.partner_id.display_name})

    @api.constrains('partner_id', 'lead_id')
    def _check_lead_of_customer(self):
        """An opportunity can be linked only to a contact with its own customer."""
        for interaction in self.filtered('lead_id.partner_id'):
            if (interaction.lead_id.partner_id.commercial_partner_id
                    != interaction.partner_id.commercial_partner_id):
                raise ValidationError(_(
                    "The opportunity \"%(opportunity)s\" belongs to %(owner)s, not to the "
                    "customer %(customer)s.") % {
                    'opportunity': interaction.lead_id.name,
                    'owner': interaction.lead_id.partner_id.commercial_partner_id.display_name,
                    'customer': interaction.partner_id.display_name})

    @api.onchange('lead_id')
    def _onchange_lead_id(self):
        if self.lead_id.partner_id and not self.partner_id:
            self.partner_id = self.lead_id.partner_id.commercial_partner_id

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        self.check_access_rights('create')
        self._check_logging_vals(vals)
        vals = self._normalize_partner_vals(dict(vals))
        self._check_summary_vals(vals, creating=True)
        interaction = super().create(vals)
        interaction._sync_next_step_activity()
        self._update_last_interaction_date(interaction.partner_id.ids)
        return interaction

    @api.multi
    def write(self, vals):
        self.check_access_rights('write')
        self._check_logging_vals(vals)
        vals = self._normalize_partner_vals(dict(vals))
        self._check_summary_vals(vals)
        old_partner_ids = self.mapped('partner_id').ids
        res = super().write(vals)
        if {'next_step', 'next_step_date', 'partner_id'} & set(vals):
            self._sync_next_step_activity()
        if {'date', 'partner_id'} & set(vals):
            self._update_last_interaction_date(
                list(set(old_partner_ids) | set(self.mapped('partner_id').ids)))
        return res

    @api.multi
    def unlink(self):
        partner_ids = self.mapped('partner_id').ids
        res = super().unlink()
        self._update_last_interaction_date(partner_ids)
        return res

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _check_logging_vals(self, vals):
        """Refuse a contact on a customer the user may not read, or logged in someone else's
        name by anyone but a sales manager.

        Only the contacts of a customer's owner and co-owners put off its release to the
        public pool: a salesperson who could log contacts in the owner's name would keep the
        customer from the pool for them.
        """
        if self.env.uid == SUPERUSER_ID:
            return
        if vals.get('partner_id'):
            partner = self.env['res.partner'].browse(vals['partner_id'])
            try:
                partner.check_access_rule('read')
            except AccessError:
                raise AccessError(_(
                    "You cannot log a contact on a customer you may not see: ask its owner "
                    "or a sales manager to log it."))
        if (vals.get('user_id') and vals['user_id'] != self.env.uid
                and not self.env.user.has_group('sales_team.group_sale_manager')):
            raise AccessError(_(
                "You log contacts in your own name: only a sales manager records a contact "
                "for %(salesperson)s.") % {
                'salesperson': self.env['res.users'].browse(vals['user_id']).sudo().name})

    @api.model
    def _normalize_partner_vals(self, vals):
        """Record the contact on the commercial entity; a person given as customer is kept
        as the person met."""
        if vals.get('partner_id'):
            partner = self.env['res.partner'].browse(vals['partner_id'])
            commercial = partner.commercial_partner_id
            if commercial != partner:
                vals['partner_id'] = commercial.id
                vals.setdefault('contact_id', partner.id)
        return vals

    @api.model
    def _check_summary_vals(self, vals, creating=False):
        """Refuse an empty summary before the database does, with a readable message."""
        if (creating or 'summary' in vals) and not (vals.get('summary') or '').strip():
            raise ValidationError(_("The summary of a contact record cannot be empty."))

    @api.model
    def _update_last_interaction_date(self, partner_ids):
        """Store the date of the latest contact on the given customers in one statement.

        Called from create, write and unlink; dependent stored fields of other modules are
        told through ``modified`` so they recompute too.
        """
        if not partner_ids:
            return
        self.env.cr.execute("""
            UPDATE res_partner p
               SET last_interaction_date = (SELECT MAX(i.date)
                                              FROM crm_customer_interaction i
                                             WHERE i.partner_id = p.id)
             WHERE p.id IN %s
        """, (tuple(partner_ids),))
        partners = self.env['res.partner'].browse(partner_ids)
        partners.invalidate_cache(['last_interaction_date'], partner_ids)
        partners.modified(['last_interaction_date'])
        if self.env.context.get('recompute', True):
            partners.recompute()

    @api.multi
    def _next_step_activity_vals(self):
        """Values of the to-do planned for the next step; extend to change type or note."""
        self.ensure_one()
        owner = self.partner_id.user_id or self.user_id
        return {
            'res_model_id': self.env['ir.model']._get('res.partner').id,
            'res_id': self.partner_id.id,
            'activity_type_id': self.env.ref('mail.mail_activity_data_todo').id,
            'summary': self.next_step,
            'note': self.summary,
            'date_deadline': self.next_step_date or fields.Date.context_today(self),
            'user_id': owner.id,
        }

    @api.multi
    def _sync_next_step_activity(self):
        """Plan, update or drop the to-do that follows up each record's next step."""
        # The to-do goes to the customer's owner, who may be someone else than the user
        # logging the contact: it is created with the rights of the module, not the user's.
        Activity = self.env['mail.activity'].sudo()
        for interaction in self:
            activity = interaction.next_step_activity_id.sudo()
            if not interaction.next_step:
                if activity.exists():
                    activity.unlink()
                continue
            vals = interaction._next_step_activity_vals()
            if activity.exists():
                activity.write(vals)
            else:
                interaction.sudo().next_step_activity_id = Activity.create(vals)
