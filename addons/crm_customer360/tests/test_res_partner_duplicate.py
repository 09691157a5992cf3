# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``res.partner.find_duplicates``: matching, scoring, exclusions, access and takeover."""
from odoo.exceptions import UserError

from .dup_common import DuplicateCase


class TestResPartnerDuplicate(DuplicateCase):

    def find(self, vals, user=None):
        partners = self.Partner.sudo(user) if user else self.Partner
        return {dup['id']: dup for dup in partners.find_duplicates(vals)}

    def test_keys_stored(self):
        self.assertEqual(self.xinbeidou.dup_name_key, '鑫北辰测控软件开发')
        self.assertEqual(self.xinbeidou.dup_vat_key, self.vat_xbd)
        self.assertEqual(self.xinbeidou.dup_phone_key, '8675526880001')
        self.assertEqual(self.xinbeidou.dup_email_key, 'sales@xbd-dup-test.cn')
        self.assertEqual(self.xinbeidou.dup_domain_key, 'xbd-dup-test.cn')
        self.assertEqual(self.xbd_contact.dup_mobile_key, '8613926880002')
        self.xinbeidou.write({'email': ' SALES@XBD-DUP-TEST.CN'})
        self.assertEqual(self.xinbeidou.dup_email_key, 'sales@xbd-dup-test.cn')

    def test_same_vat_scores_100(self):
        found = self.find({'name': 'Something else', 'vat': self.vat_xbd.lower()})
        dup = found[self.xinbeidou.id]
        self.assertEqual(dup['score'], 100)
        self.assertIn("Same tax number", dup['reasons'])
        self.assertEqual(dup['owner'], self.owner.name)
        self.assertTrue(dup['readable'])

    def test_similar_chinese_name_with_city_in_parentheses(self):
        found = self.find({'name': '鑫北辰测控软件 (深圳) 有限公司', 'is_company': True})
        dup = found[self.xinbeidou.id]
        self.assertGreaterEqual(dup['score'], 70)
        self.assertTrue(dup['reasons'][0].startswith("Similar name ("))

    def test_similar_english_name(self):
        found = self.find({'name': 'HARBOURVIEW DUPCHECK LOGISTICS LIMITED'})
        self.assertEqual(found[self.harbour.id]['score'], 100)
        found = self.find({'name': 'Harbourview Dupcheck Logistic Inc'})
        self.assertGreaterEqual(found[self.harbour.id]['score'], 70)
        self.assertFalse(self.find({'name': 'Completely Unrelated Bakery'}).get(self.harbour.id))

    def test_phone_matches_in_any_format_and_bonus(self):
        found = self.find({'name': 'X', 'phone': '+86 755 26880001', 'country_id': self.china.id})
        self.assertEqual(found[self.xinbeidou.id]['score'], 75)
        self.assertEqual(found[self.xinbeidou.id]['reasons'], ["Same phone number"])
        # Several reasons: the best plus a bonus per further reason, capped at 100.
        found = self.find({'name': '鑫北辰测控软件开发', 'phone': '0755 26880001',
                           'email': 'sales@xbd-dup-test.cn', 'country_id': self.china.id})
        dup = found[self.xinbeidou.id]
        self.assertEqual(dup['score'], 100)
        self.assertEqual(len(dup['reasons']), 3)

    def test_contact_email_points_to_its_company(self):
        found = self.find({'name': 'Y', 'email': 'Zhang.Wei@xbd-dup-test.cn'})
        self.assertIn(self.xinbeidou.id, found)
        self.assertNotIn(self.xbd_contact.id, found)
        found = self.find({'name': 'Y', 'mobile': '+86 139 2688 0002'})
        self.assertEqual(found[self.xinbeidou.id]['reasons'], ["Same phone number"])

    def test_domain_match(self):
        found = self.find({'name': 'Z', 'website': 'http://harbourview-dup.com/contact'})
        self.assertEqual(found[self.harbour.id]['reasons'], ["Same website domain"])

    def test_excludes_itself_and_own_contacts(self):
        vals = {'id': self.xinbeidou.id}
        self.assertNotIn(self.xinbeidou.id, self.find(vals))
        # A contact's values: its own company is not a duplicate of it.
        vals = {'name': '张伟', 'parent_id': self.xinbeidou.id,
                'email': 'sales@xbd-dup-test.cn'}
        self.assertFalse(self.find(vals))
        vals = {'id': self.xbd_contact.id, 'email': 'sales@xbd-dup-test.cn'}
        self.assertFalse(self.find(vals))
        # The company's own contact sharing its phone does not count either.
        self.xbd_contact.phone = '0755-2688 0001'
        self.assertNotIn(self.xinbeidou.id, self.find({'id': self.xinbeidou.id}))

    def test_archived_candidates_found(self):
        found = self.find({'name': 'Quillfeather Dupcheck Stationery Ltd'})
        self.assertIn(self.archived.id, found)
        found = self.find({'name': 'Q', 'email': 'hello@quillfeather-dup.com'})
        self.assertFalse(found[self.archived.id]['active'])

    def test_pool_candidate_found_with_its_pool_state(self):
        pooled = self.make_customer('Marigold Dupcheck Textiles Co., Ltd.', user_id=False,
                                    in_pool=True, email='sales@marigold-dup.cn')
        dup = self.find({'name': 'MARIGOLD DUPCHECK TEXTILES LIMITED'})[pooled.id]
        self.assertEqual(dup['score'], 100)
        self.assertEqual(dup['reasons'], ["Similar name (100%)",
                                          "In the public pool (no salesperson)"])
        self.assertIs(dup['owner'], False)
        self.assertIs(dup['in_pool'], True)
        # A salesperson sees pool customers: the same, readable.
        dup = self.find({'name': 'Q', 'email': 'SALES@marigold-dup.cn'},
                        user=self.salesman)[pooled.id]
        self.assertEqual(dup['reasons'], ["Same e-mail", "In the public pool (no salesperson)"])
        self.assertEqual(dup['score'], 80)
        self.assertTrue(dup['readable'])
        # Owned customers say nothing of the pool.
        dup = self.find({'name': 'Harbourview Dupcheck Logistics'})[self.harbour.id]
        self.assertIs(dup['in_pool'], False)
        self.assertNotIn("In the public pool (no salesperson)", dup['reasons'])

    def test_contained_names_score_85(self):
        # Both ways, whatever their trigram similarity: the known name inside the typed one,
        # and the typed one inside the known name (each at least half the other's length).
        known = self.make_customer('Oakridge Dupcheck Precision Tooling Ltd')
        self.assertEqual(known.dup_name_key, 'oakridgedupcheckprecisiontooling')
        found = self.find({'name': 'Oakridge Dupcheck Precision Tooling Works Shanghai'})
        self.assertEqual(found[known.id]['score'], 85)
        self.assertEqual(found[known.id]['reasons'], ["Similar name (85%)"])
        found = self.find({'name': 'Oakridge Dupcheck Precision'})
        self.assertEqual(found[known.id]['score'], 85)
        # Shorter than half (13 of 32 characters): no longer a containment.
        self.assertNotIn(known.id, self.find({'name': 'Oakridge Dupch'}))
        # Chinese: "鑫北辰测控" is in "鑫北辰测控软件开发" (5 of 9 characters).
        found = self.find({'name': '深圳市鑫北辰测控有限公司'})
        self.assertEqual(found[self.xinbeidou.id]['score'], 85)
        # A threshold above the containment score keeps only similar names.
        self.env.user.company_id.dup_threshold = 90
        self.assertNotIn(self.xinbeidou.id, self.find({'name': '深圳市鑫北辰测控有限公司'}))

    def test_unreadable_candidate_shows_minimum(self):
        self.env.ref('base.res_partner_rule').active = True
        other = self.env['res.company'].create({'name': 'Dupcheck Other Company'})
        hidden = self.make_customer('Zephyrine Dupcheck Robotics GmbH', company_id=other.id,
                                    email='office@zephyrine-dup.de', user_id=self.owner.id)
        dup = self.find({'name': 'Zephyrine Dupcheck Robotics AG'}, user=self.salesman)[hidden.id]
        self.assertFalse(dup['readable'])
        self.assertEqual(set(dup), {'id', 'name', 'score', 'reasons', 'owner', 'readable'})
        self.assertEqual(dup['name'], 'Zephyrine Dupcheck Robotics GmbH')
        self.assertEqual(dup['owner'], self.owner.name)
        dup = self.find({'name': 'Harbourview Dupcheck Logistics'}, user=self.salesman)
        self.assertTrue(dup[self.harbour.id]['readable'])
        self.assertEqual(dup[self.harbour.id]['email'], 'info@harbourview-dup.com')

    def test_threshold_setting(self):
        vals = {'name': 'Harbourview Dupcheck Logistic Inc'}
        score = self.find(vals)[self.harbour.id]['score']
        self.env.user.company_id.dup_threshold = min(score + 1, 100)
        self.assertNotIn(self.harbour.id, self.find(vals))

    def takeover_message(self, partner):
        """Request a takeover of ``partner`` as the salesperson; return the note it posted."""
        self.Partner.sudo(self.salesman).request_takeover(partner.id)
        message = partner.message_ids[0]
        self.assertIn(self.salesman.name, message.body)
        return message

    def test_request_takeover(self):
        """The owner and the leader of the customer's sales team hear of it; the owner gets a
        to-do."""
        leader = self.make_user('dup_leader', ['sales_team.group_sale_manager'])
        self.harbour.team_id = self.env['crm.team'].create(
            {'name': 'Dupcheck Team', 'user_id': leader.id})
        message = self.takeover_message(self.harbour)
        self.assertEqual(message.partner_ids, self.owner.partner_id | leader.partner_id)
        activity = self.env['mail.activity'].search([
            ('res_model', '=', 'res.partner'), ('res_id', '=', self.harbour.id)])
        self.assertEqual(activity.user_id, self.owner)
        self.assertIn(self.salesman.name, activity.summary)

    def test_request_takeover_managers_without_team(self):
        """Without a team leader the owner's team leader hears of it; without either, the
        sales managers of the customer's company (not those of another company)."""
        manager = self.make_user('dup_manager', ['sales_team.group_sale_manager'])
        elsewhere = self.env['res.company'].create({'name': 'Dupcheck Elsewhere Ltd.'})
        self.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Dup Foreign Manager', 'login': 'dup_foreign_manager',
            'company_id': elsewhere.id, 'company_ids': [(6, 0, [elsewhere.id])],
            'groups_id': [(6, 0, [self.env.ref('sales_team.group_sale_manager').id])]})
        self.harbour.team_id = False
        owner_leader = self.make_user('dup_owner_leader', ['sales_team.group_sale_manager'])
        self.owner.sale_team_id = self.env['crm.team'].create(
            {'name': 'Dupcheck Owner Team', 'user_id': owner_leader.id})
        self.assertEqual(self.harbour._takeover_managers(), owner_leader)
        self.owner.sale_team_id = False
        managers = self.harbour._takeover_managers()
        self.assertIn(manager, managers)
        self.assertIn(owner_leader, managers)
        self.assertFalse(managers.filtered(lambda user: user.login == 'dup_foreign_manager'))
        message = self.takeover_message(self.harbour)
        self.assertEqual(message.partner_ids,
                         self.owner.partner_id | managers.mapped('partner_id'))

    def test_request_takeover_refused(self):
        nobody = self.make_customer('Ownerless Dupcheck Trading', user_id=False)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.Partner.sudo(self.salesman).request_takeover(nobody.id)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.Partner.sudo(self.owner).request_takeover(self.harbour.id)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.Partner.sudo(self.salesman).request_takeover(-1)

    def count_queries(self, vals):
        self.Partner.invalidate_cache()
        before = self.cr.sql_log_count
        result = self.Partner.sudo(self.salesman).find_duplicates(vals)
        return self.cr.sql_log_count - before, result

    def test_constant_query_count(self):
        vals = {'name': 'Harbourview Dupcheck Logistics', 'phone': '+1 415 555 0142',
                'email': 'info@harbourview-dup.com'}
        self.count_queries(vals)
        one, result = self.count_queries(vals)
        self.assertEqual(len(result), 1)
        for index in range(5):
            self.make_customer('Harbourview Dupcheck Logistics %d' % index,
                               email='info@harbourview-dup.com', user_id=self.salesman.id)
        many, result = self.count_queries(vals)
        self.assertEqual(len(result), 6)
        self.assertGreater(one, 0)
        self.assertEqual(one, many)
