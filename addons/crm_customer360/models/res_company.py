# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each company numbers its customers (客户编码) with a sequence of its own."""
from odoo import _, api, fields, models

CODE_SEQUENCE = 'crm_customer360.customer_code'
DEFAULT_PREFIX = 'C'
DEFAULT_PADDING = 6


class ResCompany(models.Model):
    _inherit = 'res.company'

    customer_code_sequence_id = fields.Many2one(
        'ir.sequence', 'Customer Code Sequence', copy=False, ondelete='set null',
        help="Numbers the company's customers: its prefix and padding are the code's "
             "pattern (Sales > Settings).")

    @api.model
    def create(self, vals):
        """A new company gets its own customer code sequence."""
        company = super().create(vals)
        company._customer_code_sequence()
        return company

    def _customer_code_sequence(self):
        """This company's customer code sequence, created when missing (as superuser: the
        sequence is configuration, whoever creates the first customer)."""
        self.ensure_one()
        company = self.sudo()
        if not company.customer_code_sequence_id:
            company.customer_code_sequence_id = self.env['ir.sequence'].sudo().create({
                'name': _("Customer Code (%s)") % company.name,
                'code': CODE_SEQUENCE,
                'company_id': company.id,
                'prefix': DEFAULT_PREFIX,
                'padding': DEFAULT_PADDING,
                # A PostgreSQL sequence: no row lock, so that creating customers in parallel
                # never waits (a gap after a rolled back creation is harmless in a code).
                'implementation': 'standard',
            })
        return company.customer_code_sequence_id
