# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who owned a customer when: one row per change of a customer's salesperson.

Why the owner changed is kept as a fact (``reason_code`` and ``reason_args``, JSON: the
handover and its kind, the note typed by a sales manager, the pool's release basis and day)
and read as a sentence in the reader's language (``reason``). A reason given as text (a
caller's own words, or a row written before 11.0.1.3.0) is kept and shown as it is
(``reason_text``).
"""
import json

from odoo import _, api, fields, models
from odoo.tools import html_escape

from ..access import acting_user_id


def reason_columns(reason):
    """``(code, args as JSON, text)`` of a reason: ``(code, {args})`` or a plain text."""
    if isinstance(reason, (tuple, list)):
        code, args = reason
        return code, json.dumps(args or {}, sort_keys=True), None
    return None, None, reason or None


class CrmCustomerOwnershipHistory(models.Model):
    _name = 'crm.customer.ownership.history'
    _description = 'Customer Ownership History'
    _order = 'date desc, id desc'

    partner_id = fields.Many2one(
        'res.partner', 'Customer', required=True, index=True, ondelete='restrict',
        readonly=True, auto_join=True)
    date = fields.Datetime('Date', required=True, default=fields.Datetime.now, readonly=True)
    changed_by = fields.Many2one(
        'res.users', 'Changed By', default=lambda self: self.env.user, readonly=True)
    from_user_id = fields.Many2one('res.users', 'Previous Owner', readonly=True)
    to_user_id = fields.Many2one('res.users', 'New Owner', readonly=True)
    reason = fields.Char('Reason', compute='_compute_reason',
                         help="Why the owner changed, in your language.")
    reason_code = fields.Char('Reason Code', readonly=True)
    reason_args = fields.Text('Reason Details', readonly=True)
    reason_text = fields.Char('Reason as Written', readonly=True)

    @api.depends('reason_code', 'reason_args', 'reason_text')
    def _compute_reason(self):
        for row in self:
            if row.reason_code:
                args = json.loads(row.reason_args) if row.reason_args else {}
                row.reason = self._reason_sentence(row.reason_code, args)
            else:
                row.reason = row.reason_text

    @api.model
    def _reason_sentence(self, code, args):
        """A reason in the reader's language; extend for other codes.

        :param code: ``changed``, ``handover`` (``from``, ``to``: the users' names,
            ``kind``: its reason),
            ``manual`` (``note``: the sales manager's words), ``claim``, ``pool`` (the
            release's facts, see ``res.partner._pool_reason_of``), ``released_by`` (``user``)
        """
        if code == 'handover':
            kinds = dict(self.env['crm.customer.handover']._fields['reason']
                         ._description_selection(self.env))
            handover = args.get('handover') or self.env['crm.customer.handover']._handover_name(
                args.get('from'), args.get('to'))
            return _("Handover %(handover)s: %(reason)s") % {
                'handover': handover, 'reason': kinds.get(args.get('kind'), args.get('kind'))}
        if code == 'manual':
            return _("Changed by hand: %(note)s") % {'note': args.get('note')}
        if code == 'claim':
            return _("Claimed from the public pool")
        if code in ('pool', 'released_by'):
            return _("Released to the public pool: %(reason)s") % {
                'reason': self.env['res.partner']._pool_reason_of(args)}
        return _("Owner changed")

    @api.model
    def _owner_note(self, old_name, new_name, reason):
        """The chatter note of an owner change, in the environment's language (HTML)."""
        code, args, text = reason_columns(reason)
        sentence = self._reason_sentence(code, json.loads(args)) if code else text
        return html_escape(_("Owner changed from %(old)s to %(new)s (%(reason)s).") % {
            'old': old_name or _("nobody"), 'new': new_name or _("nobody"),
            'reason': sentence})

    @api.model
    def _record_changes(self, changes, reason):
        """Write one history row per customer whose owner changed.

        The history is kept whatever the rights of the user who changed the owner, so it is
        written with the module's rights; a process running as superuser names the real
        user in the context key ``c360_acting_user_id``. Extend to add fields to the rows.

        :param changes: list of ``(partner, old_user, new_user)``
        :param reason: why the owners changed: ``(code, {args})`` (see
            ``_reason_sentence``), or a text shown as it is
        :return: the history rows created
        """
        History = self.sudo()
        rows = History.browse()
        changed_by = acting_user_id(self.env)
        code, args, text = reason_columns(reason)
        for partner, old_user, new_user in changes:
            rows |= History.create({
                'partner_id': partner.id, 'changed_by': changed_by,
                'from_user_id': old_user.id, 'to_user_id': new_user.id,
                'reason_code': code, 'reason_args': args, 'reason_text': text})
        return rows
