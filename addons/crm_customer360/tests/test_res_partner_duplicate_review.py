# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Screens of the duplicate check: form warning, alert, smart button and review list."""
from odoo.tools.safe_eval import safe_eval

from .common import run_background
from .dup_common import DuplicateCase


class TestResPartnerDuplicateReview(DuplicateCase):

    def test_onchange_warning_lists_duplicates(self):
        record = self.Partner.new({'name': '鑫北辰测控软件（深圳）有限公司', 'is_company': True,
                                   'email': 'info@harbourview-dup.com'})
        result = record._onchange_dup_warning()
        message = result['warning']['message']
        self.assertIn('深圳市鑫北辰测控软件开发有限公司', message)
        self.assertIn('Harbourview Dupcheck Logistics Co., Ltd.', message)
        self.assertIn("Same e-mail", message)
        self.assertIn(self.owner.name, message)
        self.assertFalse(self.Partner.new({'name': 'Nothing Alike Bakery Zz'})
                         ._onchange_dup_warning())

    def test_onchange_through_form_api_excludes_saved_record(self):
        values = {'name': self.harbour.name, 'is_company': True, 'parent_id': False,
                  'email': self.harbour.email, 'vat': self.harbour.vat, 'phone': False,
                  'mobile': False, 'website': False, 'country_id': self.usa.id}
        result = self.harbour.onchange(values, 'email', {'email': '1', 'name': '1'})
        self.assertFalse(result.get('warning'))
        result = self.Partner.onchange(values, 'email', {'email': '1', 'name': '1'})
        self.assertIn(self.harbour.name, result['warning']['message'])

    def test_alert_html_and_count(self):
        record = self.Partner.new({'name': 'Harbourview Dupcheck Logistics', 'is_company': True,
                                   'vat': self.vat_xbd})
        self.assertEqual(record.duplicate_count, 2)
        html = record.dup_warning_html
        self.assertIn('href="#id=%d&amp;model=res.partner"' % self.xinbeidou.id, html)
        self.assertIn('Same tax number', html)
        self.assertLess(html.index('深圳市鑫北辰'), html.index('Harbourview'))
        # Saved records: itself and its own contacts are no duplicates.
        saved = self.Partner.browse(self.xinbeidou.id)
        self.assertEqual(saved.duplicate_count, 0)
        self.assertFalse(saved.dup_warning_html)
        self.xbd_contact.email = 'info@harbourview-dup.com'
        saved = self.Partner.browse(self.xinbeidou.id)
        self.assertEqual(saved.duplicate_count, 0)
        saved = self.Partner.browse(self.harbour.id)
        self.assertEqual(saved.duplicate_count, 1)
        self.assertIn('深圳市鑫北辰测控软件开发有限公司', saved.dup_warning_html)

    def test_alert_escapes_and_hides_unreadable_links(self):
        self.env.ref('base.res_partner_rule').active = True
        other = self.env['res.company'].create({'name': 'Dupcheck Other Company'})
        hidden = self.make_customer('<b>Zephyrine</b> Dupcheck Robotics', company_id=other.id)
        record = self.Partner.sudo(self.salesman).new({
            'name': '<b>Zephyrine</b> Dupcheck Robotics GmbH', 'is_company': True})
        html = record.dup_warning_html
        self.assertIn('&lt;b&gt;Zephyrine', html)
        self.assertNotIn('#id=%d&' % hidden.id, html)

    def test_alert_offers_takeover_of_others_customers(self):
        """Another salesperson's customer, readable or not, gets a "Request takeover" link;
        the user's own customers and those without an owner do not."""
        self.env.ref('base.res_partner_rule').active = True
        other = self.env['res.company'].create({'name': 'Dupcheck Hidden Company'})
        email = 'office@zorblatt-dup.com'
        hidden = self.make_customer('Zorblatt Dupcheck Turbines', company_id=other.id,
                                    user_id=self.owner.id, email=email)
        mine = self.make_customer('Zorblatt Parts', user_id=self.salesman.id, email=email)
        nobody = self.make_customer('Zorblatt Service', user_id=False, email=email)
        html = self.Partner.sudo(self.salesman).new({
            'name': 'Zorblatt Dupcheck Turbines GmbH', 'is_company': True,
            'email': email}).dup_warning_html
        self.assertIn('Zorblatt Parts', html)
        self.assertIn('Zorblatt Service', html)
        link = 'class="o_c360_request_takeover" data-partner-id="%d"'
        self.assertIn(link % hidden.id, html)
        self.assertNotIn('#id=%d&' % hidden.id, html)
        self.assertNotIn(link % mine.id, html)
        self.assertNotIn(link % nobody.id, html)
        self.assertIn('Request takeover', html)

    def test_smart_button_action(self):
        twin = self.make_customer('Harbourview Dupcheck Logistics Limited')
        action = twin.action_open_duplicates()
        self.assertEqual(action['domain'], [('id', 'in', [self.harbour.id])])
        self.assertEqual(twin.duplicate_count, 1)

    def test_count_not_computed_for_lists(self):
        twin = self.make_customer('Harbourview Dupcheck Logistics Limited')
        both = twin | self.harbour
        self.assertEqual(both.mapped('duplicate_count'), [0, 0])

    def test_has_duplicates_search_and_compute(self):
        twin = self.make_customer('鑫北辰测控软件（深圳）有限公司')
        phone_twin = self.make_customer('Totally Different Dupcheck Name',
                                        mobile='+1 415 555 0142')
        alone = self.make_customer('Unique Dupcheck Orchard Ltd')
        found = self.Partner.search([('has_duplicates', '=', True), ('id', 'in', (
            twin | phone_twin | alone | self.xinbeidou | self.harbour).ids)])
        self.assertEqual(found, twin | phone_twin | self.xinbeidou | self.harbour)
        not_found = self.Partner.search([('has_duplicates', '=', False),
                                         ('id', 'in', (twin | alone).ids)])
        self.assertEqual(not_found, alone)
        self.assertEqual((twin | alone).mapped('has_duplicates'), [True, False])
        # A company's own contact does not make it a duplicate.
        self.assertFalse(self.Partner.search([('has_duplicates', '=', True),
                                              ('id', '=', alone.id)]))
        self.Partner.create({'name': 'Orchard Manager', 'parent_id': alone.id,
                             'email': 'boss@orchard-dup.com'})
        alone.email = 'boss@orchard-dup.com'
        self.assertFalse(alone.has_duplicates)

    def test_flags_follow_changes_and_the_nightly_job(self):
        """The stored flag follows a change of either company, and the nightly job finds
        the same flags again."""
        first = self.make_customer('Quincunx Dupflag Trading Ltd', email='sales@quincunx.example')
        second = self.make_customer('Totally Other Dupflag Name', email='info@zz.example')
        self.assertEqual((first | second).mapped('has_duplicates'), [False, False])
        second.email = 'sales@quincunx.example'
        self.assertEqual((first | second).mapped('has_duplicates'), [True, True])
        second.email = 'info@zz.example'
        self.assertEqual((first | second).mapped('has_duplicates'), [False, False])
        # the nightly job checks every company again, by parts: flags made wrong (a
        # partner changed in SQL) are right again after it
        second.email = 'sales@quincunx.example'
        lone = self.make_customer('Lonely Dupflag Orchard Ltd')
        self.env.cr.execute("UPDATE res_partner SET c360_has_duplicates = NOT "
                            "c360_has_duplicates WHERE id IN %s", (tuple((first | lone).ids),))
        (first | lone).invalidate_cache()
        self.assertEqual((first | second | lone).mapped('has_duplicates'), [False, True, True])
        batch = self.Partner._cron_dup_flags()
        run_background(self.env, batch)
        self.assertEqual((first | second | lone).mapped('has_duplicates'), [True, True, False])
        self.assertIn('companies have a possible duplicate',
                      batch.with_context(lang='en_US').summary)

    def test_review_action_loads(self):
        action = self.env.ref('crm_customer360.res_partner_action_duplicates')
        twin = self.make_customer('鑫北辰测控软件（深圳）有限公司')
        found = self.Partner.sudo(self.salesman).search(safe_eval(action.domain))
        self.assertIn(twin, found)
