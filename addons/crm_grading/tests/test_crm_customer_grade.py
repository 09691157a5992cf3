# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.crm_customer360.tests.common import Customer360Case


class TestCrmCustomerGrade(Customer360Case):

    def test_default_grades(self):
        grades = self.env['crm.customer.grade'].search([])
        self.assertEqual(grades.mapped('code')[:4], ['A', 'B', 'C', 'D'])
        self.assertEqual(self.env.ref('crm_grading.crm_customer_grade_a').follow_up_days, 7)

    def test_negative_days_refused(self):
        grade = self.env.ref('crm_grading.crm_customer_grade_b')
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            grade.write({'follow_up_days': -1, 'name': 'Changed'})
        self.assertEqual(grade.follow_up_days, 14)
        self.assertEqual(grade.name, 'Important customer')
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            grade.write({'pool_release_days': -5})

    def test_salesperson_reads_but_cannot_edit_grades(self):
        salesman = self.make_user('grade.reader', ['sales_team.group_sale_salesman'])
        grade = self.env.ref('crm_grading.crm_customer_grade_a').sudo(salesman)
        self.assertEqual(grade.code, 'A')
        with self.assertRaises(AccessError):
            grade.write({'follow_up_days': 1})

    def test_partner_count(self):
        grade = self.env.ref('crm_grading.crm_customer_grade_c')
        before = grade.partner_count
        customer = self.make_customer('Grade Count Co')
        customer.grade_id = grade
        grade.invalidate_cache()
        self.assertEqual(grade.partner_count, before + 1)
