# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Settings of how customers are found: the pattern of the current company's customer codes
(its sequence's prefix and padding) and the rule of the pinyin mnemonic (global: one rule for
the names every company shares)."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from . import partner_mnemonic as mnem
from .res_partner_code import PARAM_RULE

MAX_PADDING = 12


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    customer_code_prefix = fields.Char(
        'Customer Code Prefix', help="Written before the number of the current company's "
                                     "customer codes (e.g. C for C000123).")
    customer_code_padding = fields.Integer(
        'Customer Code Digits', default=6,
        help="The number of the current company's customer codes has at least this many "
             "digits, zeros in front.")
    mnemonic_rule = fields.Selection(
        [('brand', 'Brand initials (XBD)'), ('whole', 'Whole name initials (SZXBDRJKF)')],
        'Mnemonic Rule', default=mnem.DEFAULT_RULE, config_parameter=PARAM_RULE,
        help="Which words of a Chinese name give the mnemonic's letters. Changing it makes "
             "again every mnemonic not written by hand.")

    @api.constrains('customer_code_padding')
    def _check_customer_code_padding(self):
        for settings in self:
            if not 0 <= settings.customer_code_padding <= MAX_PADDING:
                raise ValidationError(_(
                    "The customer code has from 0 to %(maximum)d digits, not %(value)s.") % {
                    'maximum': MAX_PADDING, 'value': settings.customer_code_padding})

    @api.model
    def get_values(self):
        """The code pattern of the user's company (administrators only, as every setting of
        the addon); the mnemonic rule is a ``config_parameter``."""
        self._c360_require_settings_admin()
        res = super().get_values()
        sequence = self.env.user.company_id._customer_code_sequence()
        res.update(customer_code_prefix=sequence.prefix or False,
                   customer_code_padding=sequence.padding)
        return res

    def set_values(self):
        """Store the code pattern on the company's sequence; a new mnemonic rule makes the
        mnemonics again (those written by hand stay)."""
        self._c360_require_settings_admin()
        self._check_customer_code_padding()
        partners = self.env['res.partner']
        old_rule = partners._mnemonic_rule()
        super().set_values()
        sequence = self.env.user.company_id._customer_code_sequence()
        if (sequence.prefix or False, sequence.padding) != (
                self.customer_code_prefix or False, self.customer_code_padding):
            sequence.sudo().write({'prefix': self.customer_code_prefix or False,
                                   'padding': self.customer_code_padding})
        if partners._mnemonic_rule() != old_rule:
            partners.sudo()._mnemonic_backfill(everyone=True)
