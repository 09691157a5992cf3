# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The figures of each customer's last grading: what its grade explanation is made of.

One row per graded customer, rewritten by each grading run where a figure changed. They live
in this narrow table rather than on the partner because a run recomputes every customer
every night: rewriting 100,000 wide partner rows with their twenty indexes costs more than
the grading itself, while the partner's grade, RFM score and value change far less often and
are written only when they do. The explanation text is composed from these figures and the
run's (period, thresholds, total) when the card is read, in the reader's language.
"""
from odoo import fields, models


class CrmCustomerGrading(models.Model):
    _name = 'crm.customer.grading'
    _description = 'Customer Grading Figures'
    _rec_name = 'partner_id'

    partner_id = fields.Many2one('res.partner', 'Customer', required=True,
                                 ondelete='cascade', readonly=True, auto_join=True)
    company_id = fields.Many2one('res.company', 'Company', required=True, index=True,
                                 readonly=True)
    revenue = fields.Float('Revenue', readonly=True,
                           help="Posted invoices minus refunds over the period, company "
                                "currency.")
    rank = fields.Integer('Rank', readonly=True,
                          help="Rank by revenue among the customers with revenue; equal "
                               "revenues share a rank.")
    share_before = fields.Float('Cumulative Share Before (%)', readonly=True)
    share_after = fields.Float('Cumulative Share With (%)', readonly=True)
    scored = fields.Boolean('Has RFM Scores', readonly=True)
    recency_days = fields.Integer('Days Since Last Order or Invoice', readonly=True)
    order_count = fields.Integer('Orders in Period', readonly=True)
    r_score = fields.Integer('R', readonly=True)
    f_score = fields.Integer('F', readonly=True)
    m_score = fields.Integer('M', readonly=True)
    rule_id = fields.Many2one('crm.grading.policy.rfm.rule', 'RFM Rule', readonly=True,
                              ondelete='set null')

    _sql_constraints = [
        ('partner_uniq', 'unique (partner_id)', "A customer has one row of grading figures."),
    ]
