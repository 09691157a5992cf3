# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The history of a customer's grade: one row each time the grade changes, with the why.

A row keeps the figures that explain the change (``facts``, JSON: those of the grading run,
or the lock's user, reason and end); the explanation is composed from them when the row is
read, in the reader's language, with the amounts in the company's currency. Rows written
before 11.0.1.2.0 kept a text in the language of whoever ran the job
(``explanation_legacy``): they show it as it was.

History is never lost: a customer or a grade that the history names cannot be deleted
(``ondelete='restrict'``); archive it instead.
"""
import json

from odoo import _, api, fields, models


class CrmCustomerGradeHistory(models.Model):
    _name = 'crm.customer.grade.history'
    _description = 'Customer Grade History'
    _order = 'date desc, id desc'

    partner_id = fields.Many2one(
        'res.partner', 'Customer', required=True, index=True, ondelete='restrict', auto_join=True)
    date = fields.Datetime('Date', required=True, index=True, default=fields.Datetime.now)
    old_grade_id = fields.Many2one('crm.customer.grade', 'Previous Grade', ondelete='restrict')
    new_grade_id = fields.Many2one('crm.customer.grade', 'New Grade', ondelete='restrict')
    facts = fields.Text('Figures', readonly=True,
                        help="What explains the change, as figures (JSON).")
    explanation = fields.Text(
        'Explanation', compute='_compute_explanation',
        help="The rule that gave the new grade and this customer's figures.")
    explanation_legacy = fields.Text('Former Explanation', readonly=True)
    user_id = fields.Many2one(
        'res.users', 'Changed By', default=lambda self: self.env.user,
        help="Who ran the grading or locked the grade.")
    company_id = fields.Many2one(
        'res.company', 'Company', default=lambda self: self.env.user.company_id)

    @api.depends('facts', 'explanation_legacy')
    def _compute_explanation(self):
        for row in self:
            facts = json.loads(row.facts) if row.facts else None
            if not facts:
                row.explanation = row.explanation_legacy or False
            else:
                row.explanation = '\n'.join(row._explanation_lines(facts)) or False

    def _explanation_lines(self, facts):
        """The lines of this row's explanation in the reader's language; extend for other
        kinds of ``facts``."""
        new_code = self.new_grade_id.code
        old_code = self.old_grade_id.code
        if facts.get('kind') == 'lock':
            # who locked it is the row's "Changed By"
            if facts.get('until'):
                return [_("Grade %(grade)s locked by a sales manager until %(until)s: "
                          "%(reason)s.") % {'grade': new_code, 'until': facts['until'],
                                            'reason': facts.get('reason')}]
            return [_("Grade %(grade)s locked by a sales manager with no end date: "
                      "%(reason)s.") % {'grade': new_code, 'reason': facts.get('reason')}]
        currency = self.company_id.sudo().currency_id
        return self.env['crm.grading.run']._explanation_lines(
            facts, new_code, old_code, currency)
