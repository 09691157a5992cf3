# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The credit rating follows the invoices it is computed from.

When a customer invoice or refund changes state (validated, paid, cancelled) or residual (a
payment, a refund applied, a reconciliation undone), its customer is rated again at once
(``res.partner._rate_credit_of``: one partner-restricted query and one ``UPDATE`` per
company), so that the rating and its explanation on the card agree with the receivable and
overdue amounts beside them. Stored computed values reach the database through ``_write``
(the ORM's recompute), so this is where the change is seen, whichever path made it.
"""
from odoo import api, models

# Invoice columns whose change may change a customer's rating.
CREDIT_COLUMNS = {'state', 'residual', 'residual_company_signed', 'date_due',
                  'amount_total_company_signed', 'date_invoice', 'partner_id'}


class AccountInvoice(models.Model):
    _inherit = 'account.invoice'

    @api.multi
    def _write(self, vals):
        result = super()._write(vals)
        if self.ids and CREDIT_COLUMNS.intersection(vals) \
                and not self.env.context.get('c360_no_credit_follow'):
            self._credit_follow()
        return result

    @api.multi
    def _credit_follow(self):
        """Rate again the customers of these invoices (customer invoices and refunds)."""
        self.env.cr.execute("""
            SELECT DISTINCT commercial_partner_id FROM account_invoice
             WHERE id IN %s AND type IN ('out_invoice', 'out_refund')
               AND commercial_partner_id IS NOT NULL""", [tuple(self.ids)])
        ids = [row[0] for row in self.env.cr.fetchall()]
        if ids:
            self.env['res.partner']._rate_credit_of(ids)
