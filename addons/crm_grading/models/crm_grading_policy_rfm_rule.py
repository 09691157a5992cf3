# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rules of an RFM policy: minimum scores that give a grade.

Each customer gets three scores from 1 to 5 (recency, frequency, monetary; 5 is best). The
rules are read in sequence and the first one whose minimums the customer reaches gives its
grade: e.g. "total at least 13 -> A", "R at least 4 and F at least 3 -> B", "total at least
6 -> C"; a customer that reaches no rule gets the last grade (D).
"""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


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

    @api.constrains('min_total', 'min_recency', 'min_frequency', 'min_monetary')
    def _check_scores(self):
        for rule in self:
            for score in (rule.min_recency, rule.min_frequency, rule.min_monetary):
                if not 1 <= score <= 5:
                    raise ValidationError(
                        _("The minimum R, F and M scores of an RFM rule must be 1 to 5, "
                          "not %d.") % score)
            if not 3 <= rule.min_total <= 15:
                raise ValidationError(
                    _("The minimum total score of an RFM rule must be 3 to 15, not %d.")
                    % rule.min_total)
