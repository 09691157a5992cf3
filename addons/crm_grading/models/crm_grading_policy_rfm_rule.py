# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rules of an RFM policy: minimum scores that give a grade.

Each customer gets three scores from 1 to 5 (recency, frequency, monetary; 5 is best). The
rules are read in sequence and the first one whose minimums the customer reaches gives its
grade: e.g. "total at least 13 -> A", "R at least 4 and F at least 3 -> B", "total at least
6 -> C"; a customer that reaches no rule gets the last grade (D).
"""
from odoo import _, api, fields, models

from .bounds import MAX_SEQUENCE, check_range


class CrmGradingPolicyRfmRule(models.Model):
    _name = 'crm.grading.policy.rfm.rule'
    _description = 'RFM Grading Rule'
    _order = 'policy_id, sequence, id'

    policy_id = fields.Many2one(
        'crm.grading.policy', 'Policy', required=True, ondelete='cascade', index=True)
    sequence = fields.Integer('Sequence', default=10)
    grade_id = fields.Many2one('crm.customer.grade', 'Grade', required=True,
                               ondelete='restrict')
    min_total = fields.Integer(
        'Minimum Total', default=3, help="Minimum of R + F + M (3 to 15).")
    min_recency = fields.Integer('Minimum R', default=1, help="Recency score 1 to 5.")
    min_frequency = fields.Integer('Minimum F', default=1, help="Frequency score 1 to 5.")
    min_monetary = fields.Integer('Minimum M', default=1, help="Monetary score 1 to 5.")

    @api.constrains('min_total', 'min_recency', 'min_frequency', 'min_monetary', 'sequence')
    def _check_scores(self):
        """Minimums within the scores' ranges: R, F and M 1 to 5, their total 3 to 15."""
        for rule in self:
            name = _("an RFM rule of policy %(policy)s") % {'policy': rule.policy_id.name}
            for fname in ('min_recency', 'min_frequency', 'min_monetary'):
                check_range(rule, fname, 1, 5, name=name)
            check_range(rule, 'min_total', 3, 15, name=name)
            check_range(rule, 'sequence', 0, MAX_SEQUENCE, name=name)
