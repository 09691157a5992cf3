# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Public pool (公海): customers nobody follows up go back to a pool anyone may claim from.

This file holds the settings, the record of the last release and the Claim and Release
buttons; when each owned customer is due (``pool_release_date``) and the nightly job are in
``res_partner_pool_schedule.py``.
"""
import json
from collections.abc import Mapping
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..access import require_group

SALESMAN = 'sales_team.group_sale_salesman'


class LazySettings(Mapping):
    """Settings read from ``loader()`` (a dict) when first used.

    The schedule's query reads each customer's company's rules itself, so that the card's
    fields and the nightly job pass the user's company's settings to the hooks
    (``_pool_release_periods``) without needing them: read at once, they would cost two
    queries per page.
    """

    def __init__(self, loader):
        self._loader = loader
        self._values = None

    def _data(self):
        if self._values is None:
            self._values = self._loader()
        return self._values

    def __getitem__(self, key):
        return self._data()[key]

    def __iter__(self):
        return iter(self._data())

    def __len__(self):
        return len(self._data())


class ResPartner(models.Model):
    _inherit = 'res.partner'

    in_pool = fields.Boolean(
        'In Public Pool', readonly=True, copy=False, index=True,
        help="The customer has no owner and any salesperson may claim it.")
    pool_locked = fields.Boolean(
        'Locked to Owner', copy=False, track_visibility='onchange',
        help="The customer stays with its owner and never goes back to the public pool "
             "(when the setting that keeps locked customers is on).")
    # The last release, kept while the customer is in the pool (the ownership history keeps
    # every release for good). The coming release is pool_release_date / _reason.
    pool_released_date = fields.Datetime('Released to Pool On', readonly=True, copy=False)
    # Why, as facts (JSON, see _pool_reason_of), read in the reader's language; the text
    # stored by versions before 11.0.1.3.0 until the customer is claimed.
    pool_released_facts = fields.Text('Release Facts', readonly=True, copy=False)
    pool_released_reason_text = fields.Char('Released Because (as Written)', readonly=True,
                                            copy=False)
    pool_released_reason = fields.Char('Released Because',
                                       compute='_compute_pool_released_reason')
    pool_released_user_id = fields.Many2one(
        'res.users', 'Released From', readonly=True, copy=False,
        help="The owner the customer had before its release; blocked from claiming it "
             "back for a while.")

    @api.depends('pool_released_facts', 'pool_released_reason_text')
    def _compute_pool_released_reason(self):
        for partner in self:
            facts = json.loads(partner.pool_released_facts) \
                if partner.pool_released_facts else None
            partner.pool_released_reason = (self._pool_reason_of(facts) if facts
                                            else partner.pool_released_reason_text)

    # ------------------------------------------------------------------
    # Settings
    # ------------------------------------------------------------------
    @api.model
    def _pool_settings(self, company=None):
        """The public pool settings of ``company`` (by default the user's current company)
        as a mapping ``{name: value}``, read when first used (``LazySettings``)."""
        return LazySettings(lambda: (company or self.env.user.company_id)._pool_settings())

    def _pool_company(self):
        """The company whose pool rules apply to this customer: its own, else the main
        company (as in the schedule's query)."""
        return self.company_id or self._pool_main_company()

    @api.model
    def _pool_main_company(self):
        """The company whose rules apply to the customers without a company."""
        return self.env['res.company'].sudo().search([], order='id', limit=1)

    # ------------------------------------------------------------------
    # Release by hand
    # ------------------------------------------------------------------
    @api.multi
    def action_pool_release(self):
        """The owner (or a sales manager) gives the customer (a contact: its company) back
        to the pool."""
        self.ensure_one()
        require_group(self.env, SALESMAN)
        customer = self.commercial_partner_id
        user = self.env.user
        if not customer.customer:
            raise UserError(_("%(customer)s is not a customer: only customers go to the public "
                              "pool.") % {'customer': customer.display_name})
        if customer.in_pool:
            raise UserError(_("%(customer)s is already in the public pool.") % {
                'customer': customer.display_name})
        if not customer.user_id:
            raise UserError(_("%(customer)s has no owner to release it.") % {
                'customer': customer.display_name})
        if customer.user_id != user and not user.has_group('sales_team.group_sale_manager'):
            raise UserError(_("Only the owner of %(customer)s or a sales manager can release it to "
                              "the public pool.") % {'customer': customer.display_name})
        # The pool state is written by the pool paths only: checked above, done as superuser.
        released = customer.sudo().with_context(c360_acting_user_id=user.id)._pool_release(
            {customer.id: {'basis_kind': 'by_hand', 'user': user.name}})
        if not released:
            raise UserError(_("%(customer)s is being changed by someone else: try again in a "
                              "moment.") % {'customer': customer.display_name})
        return True

    # ------------------------------------------------------------------
    # Claim
    # ------------------------------------------------------------------
    @api.multi
    def action_pool_claim(self):
        """Take customers from the pool; safe when two salespeople claim the same one, and
        when one salesperson claims twice at once near the limit."""
        require_group(self.env, SALESMAN)
        user = self.env.user
        by_company = {}
        for partner in self:
            company = partner.sudo()._pool_company()
            by_company.setdefault(company, self.browse())
            by_company[company] |= partner
        settings = {company: company._pool_settings() for company in by_company}
        if any(values['max_customers_per_user'] for values in settings.values()):
            self._lock_pool_claimer(user)
        for company, partners in by_company.items():
            partners._check_pool_claim(user, settings[company], company)
        # Only one transaction flips in_pool: a customer claimed meanwhile is not returned.
        self.env.cr.execute(
            "UPDATE res_partner SET in_pool = FALSE WHERE id IN %s AND in_pool RETURNING id",
            (tuple(self.ids),))
        claimed_ids = {row[0] for row in self.env.cr.fetchall()}
        self.invalidate_cache(['in_pool'], self.ids)
        lost = self.filtered(lambda p: p.id not in claimed_ids)
        if lost:
            raise UserError(_("Someone else has just claimed %(customers)s.") % {
                'customers': ', '.join(lost.mapped('display_name'))})
        # The pool state is written by the pool paths only: checked above, done as superuser.
        self.sudo().with_context(
            c360_acting_user_id=user.id,
            ownership_change_reason=('claim', {})).write({
                'user_id': user.id, 'pool_released_date': False,
                'pool_released_facts': False, 'pool_released_reason_text': False,
                'pool_released_user_id': False})
        return True

    @api.model
    def _lock_pool_claimer(self, user):
        """Serialise the claims of ``user``, so that two claims at once cannot both pass the
        limit of customers per salesperson.

        The claimer's row is updated (to the same values): a second claim waits for the first
        one's transaction and then, as the server's transactions are REPEATABLE READ, fails
        with a serialization error; the server retries it in a new transaction, which counts
        the customers the first claim took. A lock alone would not do: the second claim's
        count would still come from its older snapshot.
        """
        self.env.cr.execute("UPDATE res_users SET write_date = write_date WHERE id = %s",
                            (user.id,))

    @api.multi
    def _check_pool_claim(self, user, settings, company=None):
        """Refuse a claim outside the pool, within the reclaim block or beyond the limit
        (``settings`` of ``company``, the customers' company: the limit counts the
        customers of that company the user owns)."""
        not_in_pool = self.filtered(lambda p: not p.in_pool)
        taken = not_in_pool.sudo().filtered(lambda p: p.user_id and p.user_id != user)
        if taken:
            # Most often a colleague's claim that won the race (the losing transaction is
            # retried by the server and lands here).
            raise UserError(_("Someone else has just claimed %(customers)s.") % {
                'customers': ', '.join(
                    '%s (%s)' % (p.display_name, p.user_id.name) for p in taken)})
        if not_in_pool:
            raise UserError(_("These customers are not in the public pool: %(customers)s.") % {
                'customers': ', '.join(not_in_pool.mapped('display_name'))})
        block = settings['pool_reclaim_block_days']
        if block:
            limit = fields.Datetime.to_string(fields.Datetime.from_string(
                fields.Datetime.now()) - timedelta(days=block))
            blocked = self.filtered(lambda p: p.pool_released_user_id == user
                                    and p.pool_released_date and p.pool_released_date > limit)
            if blocked:
                raise UserError(_(
                    "You released %(customers)s less than %(days)d days ago and cannot claim "
                    "it back yet.") % {'customers': ', '.join(blocked.mapped('display_name')),
                                       'days': block})
        maximum = settings['max_customers_per_user']
        if maximum:
            company = company or self._pool_main_company()
            # Customers without a company count for the main company, as their rules are
            # that company's.
            companies = [company.id] + (
                [False] if company == self._pool_main_company() else [])
            owned = self.sudo().search_count([
                ('user_id', '=', user.id), ('customer', '=', True), ('parent_id', '=', False),
                ('company_id', 'in', companies)])
            if owned + len(self) > maximum:
                raise UserError(_(
                    "You own %(owned)d customers; claiming %(claimed)d more would exceed the "
                    "limit of %(maximum)d customers per salesperson.") % {
                    'owned': owned, 'claimed': len(self), 'maximum': maximum})
