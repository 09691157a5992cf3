# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Locking a customer's grade: a sales manager fixes it, with a reason and an expiry date.

Grading runs keep a locked grade (and say so in the explanation) until the lock expires; the
first run after the expiry date releases the lock and grades the customer again. The grade
fields are guarded (``res_partner_guard.py``): these paths check that the user is a sales
manager, then write as the superuser and note the change, by the user, in the chatter.
"""
import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.crm_customer360.access import require_group

from .res_partner_guard import GRADE_FIELDS

# Longest lock reason: it is shown in the explanation and the history.
MAX_REASON = 256


class ResPartner(models.Model):
    _inherit = 'res.partner'

    @api.model
    def _check_grade_manager(self):
        """Only sales managers lock and unlock grades."""
        require_group(self.env, 'sales_team.group_sale_manager', _(
            "Only sales managers may lock or unlock a customer's grade: ask one to use Lock "
            "Grade on the customer's Grade tab."))

    @api.multi
    def _lock_grade(self, grade, reason, until=False):
        """Fix the grade of these customers' commercial entities.

        :param grade: the crm.customer.grade to keep
        :param reason: why (required), shown in the explanation and the history
        :param until: last day of the lock (a date string), or False for no end
        """
        self._check_grade_manager()
        reason = (reason or '').strip()
        if not reason:
            raise UserError(_("Give the reason for locking the grade."))
        if len(reason) > MAX_REASON:
            raise UserError(_("The reason for locking the grade has %(length)s characters; "
                              "at most %(max)s are allowed.")
                            % {'length': len(reason), 'max': MAX_REASON})
        today = fields.Date.context_today(self)
        if until and until < today:
            raise UserError(_("The lock's expiry date %(date)s is in the past.") % {'date': until})
        partners = self.mapped('commercial_partner_id')
        partners.check_access_rule('write')
        History = self.env['crm.customer.grade.history'].sudo()
        for partner in partners:
            values = {'grade': grade.code, 'user': self.env.user.name, 'until': until,
                      'reason': reason}
            old_grade = partner.sudo().grade_id
            partner._write_grade_fields({
                'grade_id': grade.id, 'grade_locked': True, 'grade_lock_reason': reason,
                'grade_lock_until': until or False,
            }, lambda rec: rec._grade_lock_note('locked', values))
            # History rows are written by the grading code only: users get no create right.
            # Their explanation is composed in the reader's language from these facts.
            History.create({
                'partner_id': partner.id, 'old_grade_id': old_grade.id,
                'new_grade_id': grade.id, 'user_id': self.env.uid,
                'facts': json.dumps({'kind': 'lock', 'until': until or False,
                                     'reason': reason}),
                'company_id': partner.company_id.id or self.env.user.company_id.id,
            })
        return True

    @api.multi
    def action_unlock_grade(self):
        """Release the lock: the next grading run grades the customer again."""
        self._check_grade_manager()
        partners = self.mapped('commercial_partner_id')
        partners.check_access_rule('write')
        for partner in partners.sudo().filtered('grade_locked'):
            self.browse(partner.id)._write_grade_fields(
                {'grade_locked': False, 'grade_lock_reason': False, 'grade_lock_until': False},
                lambda rec: rec._grade_lock_note('released', {'user': self.env.user.name}))
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

    @api.model
    def _grade_lock_note(self, kind, values):
        """The chatter note of a lock (``locked``) or its release (``released``), in the
        language of the environment (the customer's owner's)."""
        if kind == 'released':
            return _("Grade lock released by %(user)s; the next grading run grades the customer "
                     "again.") % {'user': values['user']}
        if values.get('until'):
            return _("Grade %(grade)s locked by %(user)s until %(until)s: %(reason)s") % values
        return _("Grade %(grade)s locked by %(user)s with no end date: %(reason)s") % values

    @api.multi
    def _write_grade_fields(self, vals, text):
        """Write guarded grade fields for a user whose right was checked, and note in the
        chatter, by that user, the text with the old and new values.

        :param text: a function of a partner returning the translated text, called with
            each customer in its owner's language (the note is written for the owner)
        """
        initial = {partner.id: {fname: partner[fname] for fname in GRADE_FIELDS}
                   for partner in self.sudo()}
        # The note below tracks the change, by the user: no second note by the superuser.
        self.sudo().with_context(mail_notrack=True).write(vals)
        self._post_tracked_changes(initial, text)
