# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Locking a customer's grade: a sales manager fixes it, with a reason and an expiry date.

Grading runs keep a locked grade (and say so in the explanation) until the lock expires; the
first run after the expiry date releases the lock and grades the customer again.
"""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class ResPartner(models.Model):
    _inherit = 'res.partner'

    @api.multi
    def _check_grade_manager(self):
        """Only sales managers lock and unlock grades."""
        if not self.env.user.has_group('sales_team.group_sale_manager'):
            raise AccessError(_("Only sales managers may lock or unlock a customer's grade."))

    @api.multi
    def _lock_grade(self, grade, reason, until=False):
        """Fix the grade of these customers' commercial entities.

        :param grade: the crm.customer.grade to keep
        :param reason: why (required), shown in the explanation and the history
        :param until: last day of the lock (a date string), or False for no end
        """
        self._check_grade_manager()
        if not (reason or '').strip():
            raise UserError(_("Give the reason for locking the grade."))
        today = fields.Date.context_today(self)
        if until and until < today:
            raise UserError(_("The lock's expiry date %s is in the past.") % until)
        History = self.env['crm.customer.grade.history']
        for partner in self.mapped('commercial_partner_id'):
            if until:
                text = _("Grade %s locked by %s until %s: %s") % (
                    grade.code, self.env.user.name, until, reason)
            else:
                text = _("Grade %s locked by %s with no end date: %s") % (
                    grade.code, self.env.user.name, reason)
            old_grade = partner.grade_id
            partner.write({
                'grade_id': grade.id, 'grade_locked': True, 'grade_lock_reason': reason,
                'grade_lock_until': until or False,
            })
            # History rows are written by the grading code only: users get no create right.
            History.sudo().create({
                'partner_id': partner.id, 'old_grade_id': old_grade.id,
                'new_grade_id': grade.id, 'explanation': text, 'user_id': self.env.uid,
                'company_id': partner.company_id.id or self.env.user.company_id.id,
            })
            partner.message_post(body=text)
        return True

    @api.multi
    def action_unlock_grade(self):
        """Release the lock: the next grading run grades the customer again."""
        self._check_grade_manager()
        for partner in self.mapped('commercial_partner_id').filtered('grade_locked'):
            partner.write({'grade_locked': False, 'grade_lock_reason': False,
                           'grade_lock_until': False})
            partner.message_post(body=_("Grade lock released by %s; the next grading run "
                                        "grades the customer again.") % self.env.user.name)
        return True

    @api.multi
    def action_open_grade_lock(self):
        """Open the lock wizard for this customer (sales managers)."""
        self.ensure_one()
        self._check_grade_manager()
        partner = self.commercial_partner_id
        return {
            'type': 'ir.actions.act_window',
            'name': _("Lock Grade"),
            'res_model': 'crm.customer.grade.lock',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_partner_id': partner.id,
                        'default_grade_id': partner.grade_id.id},
        }

    # Fields that only sales managers (and the grading run) change.
    _GRADE_MANAGER_FIELDS = {'grade_id', 'grade_locked', 'grade_lock_reason',
                             'grade_lock_until'}

    @api.multi
    def write(self, vals):
        if self._GRADE_MANAGER_FIELDS.intersection(vals) and not self.env.user._is_superuser():
            self._check_grade_manager()
        return super().write(vals)
