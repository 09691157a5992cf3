# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Grade, credit rating and their explanations on the customer.

Grades belong to the commercial entity (a company with its contacts): the grading run writes
them on commercial entities only, and a contact's card shows its company's grade.

Grades, ratings and their explanations tell a customer's revenue and payment behaviour: only
salespeople read them (``groups=SALES``); portal users and employees without a sales right
do not, whatever the client. Code that needs them for others (the SLA of a ticket) reads them
with ``sudo()``.
"""
from odoo import fields, models

# Who may read the grading fields of a customer.
SALES = 'sales_team.group_sale_salesman'

CREDIT_RATINGS = [
    ('AAA', 'AAA'),
    ('AA', 'AA'),
    ('A', 'A'),
    ('B', 'B'),
    ('C', 'C'),
    ('D', 'D'),
]


class ResPartner(models.Model):
    _inherit = 'res.partner'

    grade_id = fields.Many2one(
        'crm.customer.grade', 'Grade', index=True, ondelete='restrict', copy=False,
        track_visibility='onchange', groups=SALES,
        help="The customer's grade by contribution, set by the grading policy.")
    grade_locked = fields.Boolean(
        'Grade Locked', copy=False, groups=SALES, track_visibility='onchange',
        help="A sales manager fixed this grade: grading runs leave it alone until the lock "
             "expires.")
    grade_lock_reason = fields.Char('Lock Reason', copy=False, groups=SALES,
                                    track_visibility='onchange')
    grade_lock_until = fields.Date('Locked Until', copy=False, groups=SALES,
                                   track_visibility='onchange')
    grade_explanation = fields.Text(
        'Grade Explanation', copy=False, readonly=True, groups=SALES,
        help="The rule, the period, the thresholds and this customer's figures that gave the "
             "grade.")
    grade_history_ids = fields.One2many(
        'crm.customer.grade.history', 'partner_id', 'Grade History', groups=SALES)
    rfm_score = fields.Char(
        'RFM Score', size=3, copy=False, readonly=True, groups=SALES,
        help="Recency, frequency and monetary scores, each 1 (worst) to 5 (best), e.g. 535.")
    customer_value = fields.Monetary(
        'Customer Value', currency_field='grading_currency_id', copy=False, readonly=True,
        groups=SALES,
        help="Revenue over the grading period, annualised, in the company currency.")
    grading_currency_id = fields.Many2one(
        'res.currency', 'Grading Currency', compute='_compute_grading_currency_id')
    credit_rating = fields.Selection(
        CREDIT_RATINGS, 'Credit Rating', index=True, copy=False, readonly=True,
        track_visibility='onchange', groups=SALES,
        help="From the customer's payment behaviour over the grading period.")
    # The figures behind the rating (JSON) and when it was computed, kept in their own table
    # (crm.customer.credit, see why there); the explanation is composed from them when it is
    # read, in the reader's language (res_partner_credit.py).
    credit_facts = fields.Text('Credit Rating Figures', compute='_compute_credit_facts',
                               inverse='_inverse_credit_facts', groups=SALES)
    credit_rated_date = fields.Datetime(
        'Credit Rated On', compute='_compute_credit_facts', inverse='_inverse_credit_facts',
        groups=SALES,
        help="When the rating was computed: by the nightly grading run, by Rate now, or "
             "when one of the customer's invoices or payments changed.")
    credit_explanation = fields.Text(
        'Credit Rating Explanation', compute='_compute_credit_explanation', groups=SALES)
    # The text stored by the versions before 11.0.1.2.0, shown until the next rating.
    credit_explanation_legacy = fields.Text('Former Credit Rating Explanation', copy=False,
                                            readonly=True, groups=SALES)

    def _compute_grading_currency_id(self):
        currency = self.env.user.company_id.currency_id
        for partner in self:
            partner.grading_currency_id = currency
