# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each company of a multi-company group keeps its own public pool rules and duplicate check
strictness (``res_company_settings.py``); the settings every company shares stay system
parameters."""
from odoo.exceptions import UserError, ValidationError

from ..models.crm_customer_batch import CHUNK_SIZE_PARAM
from ..models.crm_customer_handover_batch import QUEUE_THRESHOLD_PARAM
from ..models.res_partner_code import PARAM_RULE
from .dup_common import DuplicateCase
from .test_res_partner_pool import PoolCase


def make_company(env, name, **vals):
    """A second company in the calendar of the user's company."""
    company = env['res.company'].create(dict(vals, name=name))
    company.partner_id.tz = env.user.company_id.partner_id.tz
    return company


class TestCompanyPool(PoolCase):
    """The main company releases after 30 days (``PoolCase``), the second after 60."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.main = cls.env.user.company_id
        cls.second = make_company(cls.env, 'C360 Second Pool Co', pool_enabled=True,
                                  pool_release_days=60, pool_reclaim_block_days=0)
        cls.stale_second = cls.make_customer('C360 Pool Stale Second', user_id=cls.alice.id,
                                             company_id=cls.second.id)
        cls.env['crm.customer.interaction'].create({
            'partner_id': cls.stale_second.id, 'summary': 'Long ago', 'date': cls.ago(40),
            'user_id': cls.alice.id})
        cls.backdate(cls.stale_second)

    def test_release_days_of_each_company(self):
        """Both last contacted 40 days ago: due 10 days ago in the main company (30 days),
        in 20 days in the second (60 days); the job releases only the first."""
        self.assertEqual(self.stale.pool_release_date, self.day(-10))
        self.assertEqual(self.stale_second.pool_release_date, self.day(20))
        self.assertEqual(self.stale_second.pool_days_left, 20)
        self.env['res.partner']._release_due_to_pool()
        self.assertTrue(self.stale.in_pool)
        self.assertFalse(self.stale_second.in_pool)
        self.assertEqual(self.stale_second.user_id, self.alice)

    def test_pool_disabled_in_one_company(self):
        self.second.pool_enabled = False
        self.stale_second.invalidate_cache()
        self.assertFalse(self.stale_second.pool_release_date)
        self.assertFalse(self.stale_second.pool_release_reason)
        self.assertEqual(self.stale.pool_release_date, self.day(-10))
        self.second.pool_release_days = 10
        self.main.pool_enabled = False
        self.env['res.partner']._release_due_to_pool()
        self.assertFalse(self.stale.in_pool)
        self.assertFalse(self.stale_second.in_pool)
        self.second.pool_enabled = True
        self.env['res.partner']._release_due_to_pool()
        self.assertFalse(self.stale.in_pool)
        self.assertTrue(self.stale_second.in_pool)

    def test_exemptions_of_each_company(self):
        """An open order keeps the customer in the main company only."""
        self.second.write({'pool_release_days': 30, 'pool_exempt_open_orders': False})
        self.make_order(self.stale_second, 100, self.day(-60), state='sale')
        self.stale_second.invalidate_cache()
        self.assertEqual(self.with_order.pool_release_reason,
                         'Kept with its owner: it has an open order')
        self.assertFalse(self.with_order.pool_release_date)
        self.assertEqual(self.stale_second.pool_release_date, self.day(-10))
        self.assertEqual(self.stale_second.pool_release_reason,
                         'No contact since %s' % self.local_day(self.ago(40)))

    def test_claim_limit_of_each_company(self):
        """Alice owns four customers of the main company, whose limit is 4: she may still
        claim a customer of the second company (no limit), not one of the main company."""
        self.main.max_customers_per_user = 4
        pooled_main = self.make_customer('C360 Pool Pooled Main', in_pool=True, user_id=False)
        pooled_second = self.make_customer('C360 Pool Pooled Second', in_pool=True,
                                           user_id=False, company_id=self.second.id)
        with self.assertRaises(UserError) as ctx:
            pooled_main.sudo(self.alice).action_pool_claim()
        self.assertIn('You own 4 customers', ctx.exception.name)
        # Working in the second company, as the host's record rules want to read its
        # customers.
        self.alice.write({'company_ids': [(4, self.second.id)], 'company_id': self.second.id})
        pooled_second.sudo(self.alice).action_pool_claim()
        self.assertEqual(pooled_second.user_id, self.alice)
        # The second company's own limit counts only its customers: Alice owns two there.
        self.second.max_customers_per_user = 1
        another = self.make_customer('C360 Pool Pooled Second Too', in_pool=True,
                                     user_id=False, company_id=self.second.id)
        with self.assertRaises(UserError) as ctx:
            another.sudo(self.alice).action_pool_claim()
        self.assertIn('You own 2 customers', ctx.exception.name)

    def test_settings_write_the_current_company(self):
        """Sales > Settings shows and writes the values of the user's current company."""
        admin = self.env.user
        admin.write({'company_ids': [(4, self.second.id)], 'company_id': self.second.id})
        shown = self.env['res.config.settings'].create({})
        self.assertEqual((shown.pool_release_days, shown.dup_threshold), (60, 70))
        self.env['res.config.settings'].create({
            'pool_release_days': 45, 'max_customers_per_user': 3, 'dup_threshold': 80,
            'dup_block_phone': True}).execute()
        self.second.invalidate_cache()
        self.main.invalidate_cache()
        self.assertEqual((self.second.pool_release_days, self.second.max_customers_per_user,
                          self.second.dup_threshold, self.second.dup_block_phone),
                         (45, 3, 80, True))
        self.assertEqual((self.main.pool_release_days, self.main.max_customers_per_user,
                          self.main.dup_threshold, self.main.dup_block_phone),
                         (30, 0, 70, False))

    def test_company_bounds(self):
        for vals in ({'pool_release_days': 0}, {'pool_reclaim_block_days': 3651},
                     {'max_customers_per_user': -1}, {'dup_threshold': 101}):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                self.second.write(vals)


class TestCompanyDuplicates(DuplicateCase):
    """The customers of ``DuplicateCase`` belong to the main company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.main = cls.env.user.company_id
        cls.second = make_company(cls.env, 'C360 Second Dup Co')

    def find(self, vals):
        return {dup['id']: dup for dup in self.Partner.find_duplicates(vals)}

    def test_threshold_of_the_customers_company(self):
        """The name is 85% similar: found with the main company's 70%, not with the second
        company's 90%."""
        self.second.dup_threshold = 90
        name = '深圳市鑫北辰测控有限公司'
        self.assertEqual(self.find({'name': name})[self.xinbeidou.id]['score'], 85)
        self.assertEqual(
            self.find({'name': name, 'company_id': self.main.id})[self.xinbeidou.id]['score'],
            85)
        self.assertNotIn(self.xinbeidou.id, self.find({'name': name,
                                                       'company_id': self.second.id}))

    def test_email_refused_where_the_company_says_so(self):
        """The main company refuses a used e-mail, the second only warns, whatever the
        company of the customer already using it."""
        self.main.dup_block_email = True
        email = 'INFO@harbourview-dup.com'
        with self.assertRaises(ValidationError) as ctx, self.env.cr.savepoint():
            self.make_customer('Harbour View Freight', email=email)
        self.assertIn('Harbourview Dupcheck Logistics Co., Ltd.', ctx.exception.name)
        second = self.make_customer('Harbour View Freight', email=email,
                                    company_id=self.second.id)
        self.assertEqual(second.company_id, self.second)
        self.main.dup_block_email = False
        self.second.dup_block_email = True
        self.assertTrue(self.make_customer('Harbour View Cargo', email=email))
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.make_customer('Harbour View Shipping', email=email,
                               company_id=self.second.id)


class TestGlobalSettings(PoolCase):
    """The settings every company shares stay system parameters (``config_parameter=``)."""

    def test_config_parameters_read_and_written(self):
        params = self.env['ir.config_parameter'].sudo()
        params.set_param(PARAM_RULE, 'whole')
        params.set_param(CHUNK_SIZE_PARAM, '8')
        shown = self.env['res.config.settings'].create({})
        self.assertEqual((shown.mnemonic_rule, shown.batch_chunk_size), ('whole', 8))
        self.env['res.config.settings'].create({
            'batch_chunk_size': 7, 'handover_queue_threshold': 9}).execute()
        self.assertEqual((params.get_param(CHUNK_SIZE_PARAM),
                          params.get_param(QUEUE_THRESHOLD_PARAM), params.get_param(PARAM_RULE)),
                         ('7', '9', 'whole'))
