# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Write guards on a customer's grade, grade lock, credit rating and credit limit.

Any client may write any field of a partner it may edit (the form's ``readonly`` is no
security), so the model decides who changes what:

* grade and grade lock (``GRADE_FIELDS``): only the grading run (in SQL) and the paths of
  sales managers, the lock wizard and the unlock button, which check the right and then
  write as the superuser (``res_partner_grade_lock.py``);
* credit rating and its explanation: the rating job (in SQL), or a sales manager by hand;
* credit limit (the host's ``credit_limit``): credit approvers and accounting managers; the
  host's copy of a company's limit to its contacts is no change. Every change of a
  customer's limit is written in its chatter, whatever the context says.

A value written again unchanged is no change (a form saving everything, a merge). The
superuser passes every guard: it is the server's own paths, after their own checks.
"""
import json
from email.utils import formataddr

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError

from .bounds import MAX_AMOUNT, check_range

GRADE_FIELDS = ('grade_id', 'grade_locked', 'grade_lock_reason', 'grade_lock_until')
CREDIT_RATING_FIELDS = ('credit_rating', 'credit_facts', 'credit_rated_date')
GUARDED_FIELDS = set(GRADE_FIELDS + CREDIT_RATING_FIELDS + ('credit_limit',))
# Who may change a customer's credit limit, besides the superuser.
CREDIT_LIMIT_GROUPS = ('crm_grading.group_credit_approver', 'account.group_account_manager')


class ResPartner(models.Model):
    _inherit = 'res.partner'

    # A copy is a new customer, whose credit a credit approver sets.
    credit_limit = fields.Float(copy=False)

    @api.constrains('credit_limit')
    def _check_credit_limit(self):
        """A credit limit is 0 (no limit) or positive, and not absurd."""
        for partner in self:
            check_range(partner, 'credit_limit', 0, MAX_AMOUNT)

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        partner = super().create(vals)
        # Checked on the new record, as the values may come from the caller's context too.
        given = set(vals).union(key[len('default_'):] for key in self.env.context
                                if key.startswith('default_'))
        if given.intersection(GUARDED_FIELDS):
            partner._guard_created()
        return partner

    @api.multi
    def write(self, vals):
        limits = self._guard_written(vals)
        result = super().write(vals)
        if limits:
            self.browse(list(limits))._post_tracked_changes(
                {pid: {'credit_limit': limit} for pid, limit in limits.items()},
                _("Credit limit changed."))
            # the credit usage, hence the rating, follows the limit
            self._rate_credit_of(list(limits))
        if 'credit_rating' in vals and 'credit_facts' not in vals:
            # a rating set by hand (a sales manager): say so, and when
            self.sudo().write({'credit_facts': json.dumps({'manual': self.env.uid}),
                               'credit_rated_date': fields.Datetime.now()})
        return result

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------
    @api.multi
    def _guard_created(self):
        """Refuse what the creator may not set on new customers; note their credit limit."""
        superuser = self.env.uid == SUPERUSER_ID
        limited = self.browse()
        for partner in self.sudo():
            entity = partner.commercial_partner_id == partner
            if not superuser:
                if any(partner[fname] for fname in GRADE_FIELDS):
                    self._refuse_grade(partner)
                if any(partner[fname] for fname in CREDIT_RATING_FIELDS):
                    self._check_credit_rating_right()
                # A contact takes its company's limit: only a customer's own limit counts.
                default = self.env['ir.default'].get_model_defaults(self._name).get(
                    'credit_limit') or 0.0
                if (entity and partner.credit_limit != default
                        and not self._may_change_credit_limit()):
                    self._refuse_credit_limit(partner)
            if entity and partner.credit_limit:
                limited |= partner
        self.browse(limited.ids)._post_tracked_changes(
            {pid: {'credit_limit': 0.0} for pid in limited.ids}, _("Credit limit set."))

    @api.multi
    def _guard_written(self, vals):
        """Refuse the changes ``vals`` would make that the user may not make.

        :return: ``{id: credit limit before}`` of the customers (commercial entities) whose
            credit limit changes, for the chatter
        """
        superuser = self.env.uid == SUPERUSER_ID
        if not superuser:
            changed = self._changed_by(vals, GRADE_FIELDS)
            if changed:
                self._refuse_grade(changed[0])
            if self._changed_by(vals, CREDIT_RATING_FIELDS):
                self._check_credit_rating_right()
        if 'credit_limit' not in vals:
            return {}
        changed = self._changed_by(vals, ('credit_limit',))
        entities = changed.filtered(lambda partner: partner.commercial_partner_id == partner)
        # The host copies a company's limit to its contacts: that changes no customer's limit.
        new_limit = vals['credit_limit'] or 0.0
        refused = entities | (changed - entities).filtered(
            lambda contact: contact.commercial_partner_id.credit_limit != new_limit)
        if refused and not superuser and not self._may_change_credit_limit():
            self._refuse_credit_limit(refused[0])
        return {partner.id: partner.credit_limit for partner in entities}

    @api.multi
    def _changed_by(self, vals, fnames):
        """The partners of ``self`` (as superuser) whose value of one of ``fnames`` writing
        ``vals`` would change."""
        changed = self.browse().sudo()
        for fname in set(fnames).intersection(vals):
            field = self._fields[fname]
            for partner in self.sudo() - changed:
                new = field.convert_to_record(
                    field.convert_to_cache(vals[fname], partner), partner)
                if new != partner[fname]:
                    changed |= partner
        return changed

    @api.model
    def _may_change_credit_limit(self):
        """Whether the user may change credit limits; override to add a group."""
        return self.env.uid == SUPERUSER_ID or any(
            self.env.user.has_group(xmlid) for xmlid in CREDIT_LIMIT_GROUPS)

    @api.model
    def _refuse_credit_limit(self, partner):
        raise AccessError(
            _("Only credit approvers and accounting managers may change the credit limit of "
              "%(customer)s: ask a credit approver to set it.")
            % {'customer': partner.display_name})

    @api.model
    def _refuse_grade(self, partner):
        raise AccessError(
            _("The grade of %(customer)s is set by the grading run: a sales manager may fix "
              "it with Lock Grade (or release it with Unlock) on the customer's Grade tab.")
            % {'customer': partner.display_name})

    @api.model
    def _check_credit_rating_right(self):
        """Refuse a rating set by hand, except by a sales manager (the next run rates again).

        The rating job writes in SQL and is not concerned.
        """
        if (self.env.uid != SUPERUSER_ID
                and not self.env.user.has_group('sales_team.group_sale_manager')):
            raise AccessError(_("Only the credit rating job or a sales manager may change a "
                                "customer's credit rating."))

    # ------------------------------------------------------------------
    # Chatter
    # ------------------------------------------------------------------
    @api.multi
    def _post_tracked_changes(self, initial, body):
        """Post on each partner an internal note by the current user: ``body`` with the old
        and new values of the fields that changed. Context keys that silence the host's
        tracking do not silence it.

        :param initial: ``{partner id: {field name: value before}}``
        :param body: the text, or a function of the partner returning it: the note is
            written for the customer's owner, in the owner's language (field labels
            included), whoever makes the change
        """
        author = self.env.user.partner_id
        # Posted as the superuser (the user may not post on the customer), in the user's name.
        email_from = author.email and formataddr((author.name, author.email))
        for partner in self.sudo():
            before = initial.get(partner.id) or {}
            partner = partner.with_context(lang=partner._owner_lang())
            changes, tracking = partner._message_track(partner.fields_get(list(before)),
                                                       before)
            if changes:
                text = body(partner) if callable(body) else body
                partner.message_post(body=text, subtype='mail.mt_note', author_id=author.id,
                                     email_from=email_from, tracking_value_ids=tracking)
