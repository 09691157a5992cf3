# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The figures behind each customer's credit rating, and when it was computed.

One row per rated customer, written by ``res.partner._rate_credit``. They live in this narrow
table rather than on the partner for the reason the grading figures do
(``crm.customer.grading``): the nightly run rates every customer again, and its figures carry
the period, which moves every day, so every customer's figures change every night. Rewriting
100,000 wide partner rows with their twenty indexes took 16 s of a 25 s run; here it is a
narrow upsert. The partner keeps only the rating itself (searched, filtered, checked by the
credit block), written where it changes.

The partner reads these rows through ``credit_facts`` and ``credit_rated_date``, computed in
one query per batch of partners (``res_partner_credit.py``).
"""
from odoo import fields, models


class CrmCustomerCredit(models.Model):
    _name = 'crm.customer.credit'
    _description = 'Customer Credit Rating Figures'
    _rec_name = 'partner_id'
    # written in SQL by the rating, many times a night: no ORM bookkeeping columns
    _log_access = False

    partner_id = fields.Many2one('res.partner', 'Customer', required=True,
                                 ondelete='cascade', readonly=True)
    facts = fields.Text('Figures', readonly=True,
                        help="JSON: the period, the company, the counts and amounts the rating "
                             "was computed from, or who set it by hand.")
    rated_date = fields.Datetime('Rated On', readonly=True)

    _sql_constraints = [
        ('partner_uniq', 'unique (partner_id)', "A customer has one row of credit figures."),
    ]
