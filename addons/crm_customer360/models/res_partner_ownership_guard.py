# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may change a customer's owner, co-owners and pool state, whatever the client.

Every salesperson may write partners, so without this guard any of them could, over RPC, give
a customer to someone, add themselves as a co-owner of a colleague's customer (and so read its
confidential notes), or put a customer in or out of the public pool. The intended paths check
their own rules and then write as the superuser: Change Owner and the handover (sales
managers), Claim and Release to Public Pool, the nightly pool job. Everything else is refused:

- owner (``user_id``) and co-owners: sales managers only, and the owner must be an active
  internal user with sales rights; a salesperson creates customers for themselves or nobody;
- ``pool_locked``: sales managers only;
- ``in_pool`` and the ``pool_released_*`` fields: nobody (the pool paths only);
- a contact's owner and co-owners are always its company's (the host's sync writes them).

The superuser passes (the paths above, data files, the administrator). Co-owner changes are
written in the chatter (the owner's are, with the ownership history, in
``res_partner_ownership.py``).
"""
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError, UserError

from ..access import acting_user_id

SALES_MANAGER = 'sales_team.group_sale_manager'
OWNER_FIELDS = ('user_id', 'co_owner_ids')
# Written by the pool paths only (claim, release, nightly job), as the superuser.
POOL_STATE_FIELDS = ('in_pool', 'pool_released_date', 'pool_released_facts',
                     'pool_released_reason_text', 'pool_released_user_id')
GUARDED_FIELDS = OWNER_FIELDS + ('pool_locked',) + POOL_STATE_FIELDS


def _adds_records(commands):
    """Whether x2many ``commands`` (as given to create) link at least one record."""
    for command in commands or []:
        if isinstance(command, int) or command[0] in (0, 1, 4) or (
                command[0] == 6 and command[2]):
            return True
    return False


class ResPartner(models.Model):
    _inherit = 'res.partner'

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    @api.model
    def _create(self, vals):
        if self.env.uid != SUPERUSER_ID and set(vals) & set(GUARDED_FIELDS):
            self._check_ownership_create(vals)
        return super()._create(vals)

    @api.multi
    def write(self, vals):
        if self.env.context.get('c360_merge_survivor'):
            vals = self._merge_survivor_vals(vals)
        if not set(vals) & set(GUARDED_FIELDS):
            return super().write(vals)
        before = self._ownership_state()
        res = super().write(vals)
        changes = self._ownership_changes(before)
        if changes and self.env.uid != SUPERUSER_ID:
            self._check_ownership_changes(changes)
        self._post_co_owner_changes(before, changes)
        return res

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.model
    def _check_ownership_create(self, vals):
        """Refuse a new partner with ownership values its creator may not give it."""
        name = vals.get('name') or _("the new partner")
        if any(vals.get(field) for field in POOL_STATE_FIELDS):
            raise UserError(self._pool_state_refusal(name))
        if vals.get('parent_id') and not vals.get('is_company'):
            return  # a contact takes its company's owner and co-owners (the host's sync)
        manager = self.env.user.has_group(SALES_MANAGER)
        if vals.get('pool_locked') and not manager:
            raise AccessError(self._pool_lock_refusal(name))
        if vals.get('user_id'):
            owner = self.env['res.users'].browse(vals['user_id'])
            if owner.id != self.env.uid and not manager:
                raise AccessError(_(
                    "Only a sales manager can create %(customer)s for another salesperson "
                    "(%(owner)s): leave yourself or nobody as its salesperson, or ask a sales "
                    "manager.") % {'customer': name, 'owner': owner.sudo().name})
            owner._check_customer_owners()
        if _adds_records(vals.get('co_owner_ids')) and not manager:
            raise AccessError(self._co_owner_refusal(name))

    @api.multi
    def _check_ownership_changes(self, changes):
        """Refuse the changes of ``_ownership_changes`` that the user may not make."""
        manager = self.env.user.has_group(SALES_MANAGER)
        for partner, fields in changes.items():
            name = partner.sudo().display_name
            if set(fields) & set(POOL_STATE_FIELDS):
                raise UserError(self._pool_state_refusal(name))
            if 'pool_locked' in fields and not manager:
                raise AccessError(self._pool_lock_refusal(name))
            if not set(fields) & set(OWNER_FIELDS):
                continue
            partner = partner.sudo()
            company = partner.commercial_partner_id
            if company != partner:
                if (partner.user_id, partner.co_owner_ids) != (company.user_id,
                                                               company.co_owner_ids):
                    raise UserError(_(
                        "The salesperson and co-owners of the contact %(contact)s follow its "
                        "company %(company)s: change them on the company.") % {
                        'contact': name, 'company': company.display_name})
            elif not manager:
                if 'user_id' in fields:
                    raise AccessError(_(
                        "Only a sales manager can change the salesperson of %(customer)s: ask "
                        "one to use Change Owner, or hand the customer over.") % {
                        'customer': name})
                raise AccessError(self._co_owner_refusal(name))
            elif 'user_id' in fields and partner.user_id:
                partner.user_id._check_customer_owners()

    @api.model
    def _pool_state_refusal(self, name):
        return _("%(customer)s enters and leaves the public pool only through Claim, Release "
                 "to Public Pool or the nightly pool job: use these instead of editing its "
                 "pool fields.") % {'customer': name}

    @api.model
    def _pool_lock_refusal(self, name):
        return _("Only a sales manager can lock %(customer)s to its owner or unlock it: ask "
                 "one.") % {'customer': name}

    @api.model
    def _co_owner_refusal(self, name):
        return _("Only a sales manager can change the co-owners of %(customer)s: ask one, or "
                 "hand the customer over.") % {'customer': name}

    # ------------------------------------------------------------------
    # Before and after a write
    # ------------------------------------------------------------------
    @api.multi
    def _ownership_state(self):
        """``{partner id: {field: value}}`` of the guarded fields, whatever the user reads."""
        state = {}
        for partner in self.sudo():
            values = {field: partner[field] for field in GUARDED_FIELDS}
            values['user_id'] = partner.user_id.id
            values['pool_released_user_id'] = partner.pool_released_user_id.id
            values['co_owner_ids'] = frozenset(partner.co_owner_ids.ids)
            state[partner.id] = values
        return state

    @api.multi
    def _ownership_changes(self, before):
        """``{partner: [fields]}``: the guarded fields whose value changed since ``before``."""
        after = self._ownership_state()
        changes = {}
        for partner in self:
            fields = [field for field in GUARDED_FIELDS
                      if before[partner.id][field] != after[partner.id][field]]
            if fields:
                changes[partner] = fields
        return changes

    @api.multi
    def _post_co_owner_changes(self, before, changes):
        """Write each change of a customer's co-owners in its chatter."""
        Users = self.env['res.users'].sudo().with_context(active_test=False)
        author = Users.browse(acting_user_id(self.env)).partner_id
        for partner, fields in changes.items():
            if 'co_owner_ids' not in fields or not partner._is_owned_customer():
                continue
            old = Users.browse(sorted(before[partner.id]['co_owner_ids']))
            new = partner.sudo().co_owner_ids
            partner.sudo().message_post(
                body=_("Co-owners changed from %(old)s to %(new)s.") % {
                    'old': ', '.join(old.mapped('name')) or _("nobody"),
                    'new': ', '.join(new.mapped('name')) or _("nobody")},
                author_id=author.id)

    @api.multi
    def _merge_survivor_vals(self, vals):
        """What the host's partner merge may write on the surviving partner: it keeps its own
        pool state and lock, and while in the pool gets no owner from the merged partners."""
        dropped = set(POOL_STATE_FIELDS) | {'pool_locked'}
        if any(self.sudo().mapped('in_pool')):
            dropped.add('user_id')
        return {key: value for key, value in vals.items() if key not in dropped}
