# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The day a customer invoice was paid, kept on the invoice.

The card's days to pay, the credit rating's days late and the analysis cube all need it for
hundreds of thousands of invoices at once. Found from the reconciliations
(``facts.PAID_DATE_SQL``) it costs a join over every journal item, seconds at 5 million
lines; kept here it is one column. It is written in SQL whenever an invoice's state is
written (paid, reopened when a reconciliation is undone, cancelled), so whatever path pays
an invoice, the column agrees with the reconciliations; and on install and update for the
paid invoices that have none yet (invoices paid before the module was installed).
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..access import require_superuser
from ..facts import PAID_DATE_SQL, PURCHASE_INVOICE_TYPE, receivable_line_sql

# The paid date of the invoices selected by {where}: the reconciliations' date for a paid
# customer invoice, NULL for any other; only the rows whose date changes are written.
STORE_PAID_DATES_SQL = """
    WITH target AS (
        SELECT i.id, i.move_id, i.account_id,
               (i.state = 'paid' AND i.type = '""" + PURCHASE_INVOICE_TYPE + """') AS paid
          FROM account_invoice i
         WHERE {where}
    ), settled AS (
        SELECT t.id, """ + PAID_DATE_SQL + """ AS pay_date
          FROM target t
          JOIN account_move_line il ON """ + receivable_line_sql('t') + """
          JOIN account_partial_reconcile apr ON apr.debit_move_id = il.id
         WHERE t.paid
      GROUP BY t.id
    )
    UPDATE account_invoice i
       SET c360_paid_date = settled.pay_date
      FROM target t
      LEFT JOIN settled ON settled.id = t.id
     WHERE i.id = t.id AND i.c360_paid_date IS DISTINCT FROM settled.pay_date
 RETURNING i.id
"""


class AccountInvoice(models.Model):
    _inherit = 'account.invoice'

    c360_paid_date = fields.Date(
        'Paid On', readonly=True, copy=False,
        help="The day this customer invoice was fully paid: the latest date of the payments "
             "and refunds reconciled with it. Empty while it is not paid. The customer's days "
             "to pay and credit rating are computed from it.")

    @api.model_cr
    def init(self):
        """Store the paid date of the paid invoices that have none yet (install, update)."""
        require_superuser(self.env)
        super().init()
        self._c360_store_paid_dates()

    @api.model
    def create(self, vals):
        self._c360_check_paid_date_untouched(vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._c360_check_paid_date_untouched(vals)
        return super().write(vals)

    @api.model
    def _c360_check_paid_date_untouched(self, vals):
        """Refuse a paid date given by hand: it follows the payments, and the credit rating
        trusts it."""
        if 'c360_paid_date' in vals:
            raise UserError(_("The paid date of an invoice follows its payments: register "
                              "or reconcile a payment instead of writing it."))

    @api.multi
    def _write(self, vals):
        # Stored values reach the database here, whichever path changed the state; the
        # date is written before the modules above (crm_grading's credit rating) react.
        result = super()._write(vals)
        if 'state' in vals and self.ids:
            self._c360_store_paid_dates(self.ids)
        return result

    @api.model
    def _c360_store_paid_dates(self, ids=None):
        """Write the paid date of the invoices ``ids`` from their reconciliations (see
        ``STORE_PAID_DATES_SQL``), or, with ``ids=None``, of every paid customer invoice
        without one. Returns the ids of the invoices whose date changed."""
        if ids is None:
            where = "i.state = 'paid' AND i.type = '%s' AND i.c360_paid_date IS NULL" \
                % PURCHASE_INVOICE_TYPE
            params = []
        else:
            where, params = 'i.id = ANY(%s)', [list(ids)]
        self.env.cr.execute(STORE_PAID_DATES_SQL.format(where=where), params)
        changed = [row[0] for row in self.env.cr.fetchall()]
        if changed:
            self.invalidate_cache(['c360_paid_date'], changed)
        return changed
