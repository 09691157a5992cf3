# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The history of a customer's grade: one row each time the grade changes, with the why.

History is never lost: a customer or a grade that the history names cannot be deleted
(``ondelete='restrict'``); archive it instead.
"""
from odoo import fields, models


class CrmCustomerGradeHistory(models.Model):
    _name = 'crm.customer.grade.history'
    _description = 'Customer Grade History'
    _order = 'date desc, id desc'

    partner_id = fields.Many2one(
        'res.partner', 'Customer', required=True, index=True, ondelete='restrict')
    date = fields.Datetime('Date', required=True, index=True, default=fields.Datetime.now)
    old_grade_id = fields.Many2one('crm.customer.grade', 'Previous Grade', ondelete='restrict')
    new_grade_id = fields.Many2one('crm.customer.grade', 'New Grade', ondelete='restrict')
    explanation = fields.Text(
        'Explanation', help="The rule that gave the new grade and this customer's figures.")
    user_id = fields.Many2one(
        'res.users', 'Changed By', default=lambda self: self.env.user,
        help="Who ran the grading or locked the grade.")
    company_id = fields.Many2one(
        'res.company', 'Company', default=lambda self: self.env.user.company_id)
