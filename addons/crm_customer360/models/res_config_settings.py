# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sales > Settings of the addon: the duplicate check of the user's current company
(related fields on ``res.company``), and the ``config_parameter=`` attribute of global
settings, which Odoo 11 does not know (Odoo 12 does the same)."""
from odoo import _, api, fields, models

from ..access import require_group


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    dup_threshold = fields.Integer(related='company_id.dup_threshold')
    dup_block_email = fields.Boolean(related='company_id.dup_block_email')
    dup_block_phone = fields.Boolean(related='company_id.dup_block_phone')
    dup_block_domain = fields.Boolean(related='company_id.dup_block_domain')

    @api.model
    def _c360_require_settings_admin(self):
        """Refuse the settings to anyone but the administrators, as the host's ``execute``
        does: ``get_values`` and ``set_values`` are public, any user could call them over
        RPC, and the system parameters are written as superuser."""
        require_group(self.env, 'base.group_system', _(
            "Only administrators can read or change the settings: ask your administrator."))

    @api.model
    def _c360_param_fields(self):
        """The settings kept in a system parameter: ``{field name: parameter key}``, from
        the fields' ``config_parameter`` attribute."""
        return {name: field.config_parameter for name, field in self._fields.items()
                if getattr(field, 'config_parameter', None)}

    @api.model
    def _c360_param_value(self, name, raw):
        """The value of the setting ``name`` from its parameter's text ``raw``."""
        field = self._fields[name]
        if raw in (None, False, ''):
            return field.default(self) if field.default else False
        if field.type == 'boolean':
            return raw not in ('False', '0')
        if field.type == 'integer':
            try:
                return int(raw)
            except ValueError:
                return field.default(self) if field.default else 0
        return raw

    @api.model
    def get_values(self):
        """The settings kept in system parameters (administrators only)."""
        params = self._c360_param_fields()
        if params:
            self._c360_require_settings_admin()
        res = super().get_values()
        get_param = self.env['ir.config_parameter'].sudo().get_param
        for name, key in params.items():
            res[name] = self._c360_param_value(name, get_param(key))
        return res

    def set_values(self):
        """Store the settings kept in system parameters (administrators only)."""
        params = self._c360_param_fields()
        if params:
            self._c360_require_settings_admin()
        super().set_values()
        set_param = self.env['ir.config_parameter'].sudo().set_param
        for name, key in params.items():
            field, value = self._fields[name], self[name]
            if field.type == 'boolean':
                value = repr(bool(value))
            elif field.type == 'integer':
                value = str(int(value or 0))
            set_param(key, value or False)
