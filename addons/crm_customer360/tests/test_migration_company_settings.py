# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The 11.0.1.5.0 migration copies the old pool and duplicate check system parameters into
every company."""
import importlib.util
import os

from .test_res_company_settings import make_company
from .test_res_partner_pool import PoolCase

MIGRATION = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'migrations',
                         '11.0.1.5.0', 'post-migrate.py')


def load_migration():
    """The 11.0.1.5.0 post-migrate script as a module (its file name is no module name)."""
    spec = importlib.util.spec_from_file_location('c360_post_migrate_1_5_0', MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestSettingsMigration(PoolCase):

    def test_parameters_copied_into_every_company(self):
        """The 11.0.1.5.0 migration copies the old system parameters into every company
        (numbers kept within their bounds, unreadable ones left at the column's value)
        and deletes them."""
        second = make_company(self.env, 'C360 Second Migrated Co')
        cr = self.env.cr
        values = {'pool_enabled': 'True', 'pool_release_days': '45',
                  'pool_exempt_open_orders': 'False', 'max_customers_per_user': 'many',
                  'pool_reclaim_block_days': '7', 'dup_threshold': '150',
                  'dup_block_phone': 'True', 'dup_block_email': ''}
        for name, value in values.items():
            cr.execute("INSERT INTO ir_config_parameter (key, value) VALUES (%s, %s)",
                       ('crm_customer360.' + name, value))
        self.company.write({'max_customers_per_user': 5, 'dup_block_email': True})
        second.write({'max_customers_per_user': 0, 'pool_enabled': False})
        load_migration().migrate(cr, '11.0.1.4.0')
        (self.company | second).invalidate_cache()
        # Without a parameter (or with an unreadable one) each company keeps its value.
        for company, kept in ((self.company, (5, True, True)), (second, (0, False, False))):
            self.assertEqual(
                (company.pool_enabled, company.pool_release_days,
                 company.pool_exempt_open_orders, company.pool_reclaim_block_days,
                 company.dup_threshold, company.dup_block_phone),
                (True, 45, False, 7, 100, True), company.name)
            self.assertEqual((company.max_customers_per_user, company.dup_block_email,
                              company.pool_exempt_unpaid_invoices), kept, company.name)
        cr.execute("SELECT count(*) FROM ir_config_parameter WHERE key = ANY(%s)",
                   (['crm_customer360.' + name for name in values],))
        self.assertEqual(cr.fetchone()[0], 0)
