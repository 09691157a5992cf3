# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Grade and credit rating in the customer list and search: columns, filters, group-bys."""
from lxml import etree

from odoo.tools.safe_eval import safe_eval

from odoo.addons.crm_customer360.tests.common import Customer360Case


class TestResPartnerViews(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env['res.partner']
        cls.rated = {}
        for rating in ('AAA', 'A', 'B', 'C', 'D'):
            cls.rated[rating] = cls.make_customer('Views Rated %s' % rating)
        cls.env.cr.execute(
            "UPDATE res_partner SET credit_rating = substring(name FROM 'Views Rated (.*)$') "
            "WHERE name LIKE 'Views Rated %%'")
        cls.Partner.invalidate_cache()

    def search_filter(self, name):
        """The customers named 'Views Rated ...' that the search view's filter ``name`` finds."""
        arch = etree.fromstring(self.Partner.fields_view_get(view_type='search')['arch'])
        node = arch.xpath("//filter[@name='%s']" % name)
        self.assertTrue(node, "no filter %s in the customer search view" % name)
        domain = safe_eval(node[0].get('domain'))
        return self.Partner.search(domain + [('name', 'like', 'Views Rated ')])

    def test_credit_filters(self):
        r = self.rated
        self.assertEqual(self.search_filter('grading_credit_good'), r['AAA'] | r['A'])
        self.assertEqual(self.search_filter('grading_credit_watch'), r['B'] | r['C'])
        self.assertEqual(self.search_filter('grading_credit_d'), r['D'])

    def test_grade_filters_and_group_bys(self):
        grade_b = self.env.ref('crm_grading.crm_customer_grade_b')
        self.rated['B'].grade_id = grade_b
        self.assertEqual(self.search_filter('grading_grade_b'), self.rated['B'])
        arch = self.Partner.fields_view_get(view_type='search')['arch']
        for name in ('grading_group_grade', 'grading_group_credit_rating'):
            self.assertIn('name="%s"' % name, arch)

    def test_columns_of_the_customer_list(self):
        arch = etree.fromstring(self.Partner.fields_view_get(
            view_id=self.env.ref('base.view_partner_tree').id, view_type='tree')['arch'])
        self.assertTrue(arch.xpath("//field[@name='grade_id']"))
        self.assertTrue(arch.xpath("//field[@name='credit_rating']"))
