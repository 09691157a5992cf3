# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Settings each company of a multi-company group sets for itself: the public pool (公海)
rules and how strict the duplicate check is. Sales > Settings shows those of the user's
current company (related fields, ``res_config_settings*.py``)."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_THRESHOLD = 70

# The largest value of each number: ten years of days, a hundred thousand customers.
POOL_MAXIMA = {
    'pool_release_days': 3650,
    'pool_reclaim_block_days': 3650,
    'max_customers_per_user': 100000,
}

# The pool settings of a company, as ``res.partner._pool_settings`` returns them.
POOL_FIELDS = ('pool_enabled', 'pool_release_days', 'pool_exempt_open_orders',
               'pool_exempt_unpaid_invoices', 'pool_exempt_locked', 'max_customers_per_user',
               'pool_reclaim_block_days')


class ResCompany(models.Model):
    _inherit = 'res.company'

    pool_enabled = fields.Boolean(
        'Public Pool', help="Customers nobody contacted for a while go back to the public "
                            "pool, where any salesperson can claim them.")
    pool_release_days = fields.Integer(
        'Release After (Days)', default=90,
        help="Days without a contact record after which a customer returns to the pool.")
    # The rule: no release while an open order is being delivered or invoiced.
    pool_exempt_open_orders = fields.Boolean(
        'Keep Customers with Open Orders', default=True,
        help="Customers with confirmed orders not fully invoiced stay with their owner.")
    pool_exempt_unpaid_invoices = fields.Boolean(
        'Keep Customers with Unpaid Invoices',
        help="Customers with open invoices stay with their owner.")
    pool_exempt_locked = fields.Boolean(
        'Keep Locked Customers', default=True,
        help="Customers marked as locked to their owner stay with their owner.")
    max_customers_per_user = fields.Integer(
        'Maximum Customers per Salesperson',
        help="A salesperson cannot claim customers of this company beyond this number of "
             "customers of the company; 0 means no limit.")
    pool_reclaim_block_days = fields.Integer(
        'Reclaim Block (Days)', default=30,
        help="A customer released from a salesperson cannot be claimed back by the same "
             "salesperson during this many days.")

    dup_threshold = fields.Integer(
        'Duplicate Name Similarity (%)', default=DEFAULT_THRESHOLD,
        help="Names at least this similar (0-100) are reported as likely duplicates.")
    dup_block_email = fields.Boolean(
        'Refuse Duplicate E-mails',
        help="Refuse a company whose e-mail another customer already uses, instead of "
             "only warning.")
    dup_block_phone = fields.Boolean(
        'Refuse Duplicate Phones',
        help="Refuse a company whose phone or mobile another customer already uses, "
             "instead of only warning.")
    dup_block_domain = fields.Boolean(
        'Refuse Duplicate Websites',
        help="Refuse a company whose website domain another customer already uses, instead "
             "of only warning.")

    @api.constrains('pool_enabled', 'pool_release_days', 'max_customers_per_user',
                    'pool_reclaim_block_days')
    def _check_pool_numbers(self):
        """Days and limits are never negative nor absurd (``POOL_MAXIMA``: the dates computed
        from them must exist); release needs at least one day."""
        for company in self:
            if company.pool_enabled and company.pool_release_days < 1:
                raise ValidationError(_(
                    "Customers return to the public pool after at least 1 day without "
                    "contact, not %(days)s.") % {'days': company.pool_release_days})
            for name, maximum in POOL_MAXIMA.items():
                if not 0 <= company[name] <= maximum:
                    raise ValidationError(_(
                        "%(setting)s must be between 0 and %(maximum)d, not %(value)s.") % {
                        'setting': company._fields[name].get_description(self.env)['string'],
                        'maximum': maximum, 'value': company[name]})

    @api.constrains('dup_threshold')
    def _check_dup_threshold(self):
        for company in self:
            if not 1 <= company.dup_threshold <= 100:
                raise ValidationError(_(
                    "The duplicate name similarity must be between 1 and 100, not %(value)s.")
                    % {'value': company.dup_threshold})

    def _pool_settings(self):
        """This company's public pool settings as ``{name: value}`` (``POOL_FIELDS``)."""
        self.ensure_one()
        company = self.sudo()
        return {name: company[name] for name in POOL_FIELDS}

    def _dup_settings(self):
        """This company's duplicate check settings: ``threshold`` and ``block_email``,
        ``block_phone``, ``block_domain``."""
        self.ensure_one()
        company = self.sudo()
        return {'threshold': company.dup_threshold, 'block_email': company.dup_block_email,
                'block_phone': company.dup_block_phone,
                'block_domain': company.dup_block_domain}
