# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Public pool (公海) settings in Sales > Settings, kept in ``ir.config_parameter``."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .res_partner_pool import POOL_PARAMS

# The largest value of each number: ten years of days, a hundred thousand customers.
POOL_MAXIMA = {
    'pool_release_days': 3650,
    'pool_reclaim_block_days': 3650,
    'max_customers_per_user': 100000,
}


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    pool_enabled = fields.Boolean(
        'Public Pool', help="Customers nobody contacted for a while go back to the public "
                            "pool, where any salesperson can claim them.")
    pool_release_days = fields.Integer(
        'Release After (Days)', default=90,
        help="Days without a contact record after which a customer returns to the pool.")
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
        help="A salesperson cannot claim customers beyond this number; 0 means no limit.")
    pool_reclaim_block_days = fields.Integer(
        'Reclaim Block (Days)', default=30,
        help="A customer released from a salesperson cannot be claimed back by the same "
             "salesperson during this many days.")

    @api.constrains('pool_release_days', 'max_customers_per_user', 'pool_reclaim_block_days')
    def _check_pool_numbers(self):
        """Days and limits are never negative nor absurd (``POOL_MAXIMA``: the dates computed
        from them must exist); release needs at least one day."""
        for settings in self:
            if settings.pool_enabled and settings.pool_release_days < 1:
                raise ValidationError(_(
                    "Customers return to the public pool after at least 1 day without "
                    "contact, not %(days)s.") % {'days': settings.pool_release_days})
            for name, maximum in POOL_MAXIMA.items():
                if not 0 <= settings[name] <= maximum:
                    raise ValidationError(_(
                        "%(setting)s must be between 0 and %(maximum)d, not %(value)s.") % {
                        'setting': settings._fields[name].get_description(self.env)['string'],
                        'maximum': maximum, 'value': settings[name]})

    @api.model
    def get_values(self):
        """The public pool settings (administrators only)."""
        self._c360_require_settings_admin()
        res = super().get_values()
        res.update(self.env['res.partner']._pool_settings())
        return res

    def set_values(self):
        """Store the public pool settings (administrators only)."""
        self._c360_require_settings_admin()
        self._check_pool_numbers()
        super().set_values()
        set_param = self.env['ir.config_parameter'].sudo().set_param
        for name, (param, kind, default) in POOL_PARAMS.items():
            value = self[name]
            set_param(param, repr(bool(value)) if kind is bool else str(int(value or 0)))
