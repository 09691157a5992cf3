# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Duplicate check settings in Sales > Settings, kept in ``ir.config_parameter``."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..access import require_group

from .res_partner_duplicate import DEFAULT_THRESHOLD, PARAM_PREFIX


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

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

    @api.constrains('dup_threshold')
    def _check_dup_threshold(self):
        for settings in self:
            if not 1 <= settings.dup_threshold <= 100:
                raise ValidationError(_(
                    "The duplicate name similarity must be between 1 and 100, not %(value)s.")
                    % {'value': settings.dup_threshold})

    @api.model
    def _c360_require_settings_admin(self):
        """Refuse the settings to anyone but the administrators, as the host's ``execute``
        does: ``get_values`` and ``set_values`` are public, any user could call them over
        RPC, and our values are written as superuser."""
        require_group(self.env, 'base.group_system', _(
            "Only administrators can read or change the settings: ask your administrator."))

    @api.model
    def get_values(self):
        """The duplicate check settings (administrators only)."""
        self._c360_require_settings_admin()
        res = super().get_values()
        settings = self.env['res.partner']._dup_settings()
        res.update(dup_threshold=settings['threshold'],
                   dup_block_email=settings['block_email'],
                   dup_block_phone=settings['block_phone'],
                   dup_block_domain=settings['block_domain'])
        return res

    def set_values(self):
        """Store the duplicate check settings (administrators only)."""
        self._c360_require_settings_admin()
        self._check_dup_threshold()
        super().set_values()
        set_param = self.env['ir.config_parameter'].sudo().set_param
        set_param(PARAM_PREFIX + 'dup_threshold', str(self.dup_threshold))
        set_param(PARAM_PREFIX + 'dup_block_email', repr(bool(self.dup_block_email)))
        set_param(PARAM_PREFIX + 'dup_block_phone', repr(bool(self.dup_block_phone)))
        set_param(PARAM_PREFIX + 'dup_block_domain', repr(bool(self.dup_block_domain)))
