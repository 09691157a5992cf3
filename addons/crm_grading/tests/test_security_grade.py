# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Grades, grade lock and grade history over RPC, as the real users (see SECURITY.md).

RPC Own Co (of ``sales``) is graded B, RPC Other Co (of ``colleague``) C, RPC Pool Co (in the
public pool) D; each has a grade history row and grading figures.
"""
from .rpc_common import GradingRpcCase

GRADE_REFUSALS = ('odoo.exceptions.AccessError',)


class TestGradeLockRpc(GradingRpcCase):

    def partner_values(self, key, fnames):
        with self.server_env() as env:
            partner = env['res.partner'].browse(self.ids[key])
            return [partner[fname] for fname in fnames]

    def test_grade_fields_are_written_by_the_lock_paths_only(self):
        own = self.ids['own']
        for role in ('sales', 'manager'):
            for vals in ({'grade_id': self.ids['grade_a']}, {'grade_locked': True},
                         {'grade_lock_reason': 'Mine'}, {'grade_lock_until': '2099-01-01'}):
                error = self.assertRpcRefused(role, 'res.partner', 'write', [own], vals,
                                              refusals=GRADE_REFUSALS)
                self.assertIn('Lock Grade', error.message)
        self.assertRpcRefused('portal', 'res.partner', 'write', [self.ids['own_person']],
                              {'grade_id': self.ids['grade_a']})
        # On a new customer too, and through a default of the context.
        self.assertRpcRefused('sales', 'res.partner', 'create', {
            'name': 'RPC Graded Co', 'is_company': True, 'grade_id': self.ids['grade_a']},
            refusals=GRADE_REFUSALS)
        self.assertRpcRefused('sales', 'res.partner', 'create', {
            'name': 'RPC Locked Co', 'is_company': True},
            context={'lang': 'en_US', 'default_grade_locked': True}, refusals=GRADE_REFUSALS)
        self.assertEqual(self.partner_values('own', ['grade_id', 'grade_locked']),
                         [self.world.grade_b, False])
        # The same grade written again is no change.
        self.rpc('sales', 'res.partner', 'write', [own], {'grade_id': self.ids['grade_b']})

    def test_manager_locks_and_unlocks_through_the_paths(self):
        own = self.ids['own']
        values = {'partner_id': own, 'grade_id': self.ids['grade_a'],
                  'reason': 'Strategic account', 'lock_until': '2099-12-31'}
        wizard = self.rpc('sales', 'crm.customer.grade.lock', 'create', values)
        self.assertRpcRefused('sales', 'crm.customer.grade.lock', 'action_lock', [wizard],
                              refusals=GRADE_REFUSALS)
        self.assertRpcRefused('sales', 'res.partner', 'action_open_grade_lock', [own],
                              refusals=GRADE_REFUSALS)
        self.assertRpcRefused('portal', 'res.partner', 'action_open_grade_lock', [own])
        # Anyone may open the wizard (a transient record of their own), not lock with it.
        portal_wizard = self.rpc('portal', 'crm.customer.grade.lock', 'create', values)
        self.assertRpcRefused('portal', 'crm.customer.grade.lock', 'action_lock',
                              [portal_wizard])
        action = self.rpc('manager', 'res.partner', 'action_open_grade_lock', [own])
        self.assertEqual(action['context']['default_partner_id'], own)
        wizard = self.rpc('manager', 'crm.customer.grade.lock', 'create', values)
        # Too long a reason is refused with a message, and nothing is written.
        long_wizard = self.rpc('manager', 'crm.customer.grade.lock', 'create',
                               dict(values, reason='x' * 300))
        error = self.assertRpcRefused('manager', 'crm.customer.grade.lock', 'action_lock',
                                      [long_wizard])
        self.assertIn('at most 256 are allowed', error.message)
        self.rpc('manager', 'crm.customer.grade.lock', 'action_lock', [wizard])
        self.assertEqual(
            self.partner_values('own', ['grade_id', 'grade_locked', 'grade_lock_reason']),
            [self.world.grade_a, True, 'Strategic account'])
        self.assertRpcRefused('sales', 'res.partner', 'action_unlock_grade', [own],
                              refusals=GRADE_REFUSALS)
        self.assertRpcRefused('portal', 'res.partner', 'action_unlock_grade', [own])
        self.rpc('manager', 'res.partner', 'action_unlock_grade', [own])
        with self.server_env() as env:
            partner = env['res.partner'].browse(own)
            self.assertFalse(partner.grade_locked)
            history = partner.grade_history_ids[0]
            self.assertEqual((history.old_grade_id, history.new_grade_id, history.user_id),
                             (self.world.grade_b, self.world.grade_a, self.world.manager))
            # Each path leaves one note, by the manager, with the old and new values.
            notes = partner.message_ids.filtered(lambda message: any(
                value.field.startswith('grade_') for value in message.tracking_value_ids))
            self.assertEqual(notes.mapped('author_id'), self.world.manager.partner_id)
            self.assertEqual(len(notes), 2)
            self.assertIn('Grade lock released by RPC Manager', notes[0].body)
            self.assertEqual(
                sorted(notes[1].tracking_value_ids.mapped('field')),
                ['grade_id', 'grade_lock_reason', 'grade_lock_until', 'grade_locked'])


class TestGradeVisibilityRpc(GradingRpcCase):

    def customers_seen(self, role, model):
        rows = self.rpc(role, model, 'search_read', [], ['partner_id'])
        names = {row['partner_id'][1] for row in rows}
        return names & {'RPC Own Co', 'RPC Other Co', 'RPC Pool Co'}

    def test_grade_history_and_figures_follow_the_customers(self):
        """Own documents: own, co-owned and pool customers; all documents and managers: all."""
        for model in ('crm.customer.grade.history', 'crm.customer.grading'):
            self.assertEqual(self.customers_seen('sales', model), {'RPC Own Co', 'RPC Pool Co'})
            self.assertEqual(self.customers_seen('colleague', model),
                             {'RPC Other Co', 'RPC Pool Co'})
            self.assertEqual(self.customers_seen('own_only', model), {'RPC Pool Co'})
            everyone = {'RPC Own Co', 'RPC Other Co', 'RPC Pool Co'}
            self.assertEqual(self.customers_seen('sales_all', model), everyone)
            self.assertEqual(self.customers_seen('manager', model), everyone)
            for role in ('portal', 'employee'):
                self.assertRpcRefused(role, model, 'search_read', [], ['partner_id'])
        # A co-owner sees the history of the customer.
        with self.server_env() as env:
            env['res.partner'].browse(self.ids['other']).write(
                {'co_owner_ids': [(4, self.ids['sales'])]})
        self.assertEqual(self.customers_seen('sales', 'crm.customer.grade.history'),
                         {'RPC Own Co', 'RPC Other Co', 'RPC Pool Co'})

    def test_grading_fields_are_for_salespeople(self):
        for fname in ('grade_id', 'credit_rating', 'customer_value', 'grade_explanation',
                      'credit_explanation', 'grade_history_ids', 'rfm_score'):
            self.assertRpcRefused('portal', 'res.partner', 'read', [self.ids['own_person']],
                                  [fname])
            self.assertRpcRefused('employee', 'res.partner', 'read', [self.ids['own']],
                                  [fname])
        self.assertRpcRefused('portal', 'sale.order', 'read', [self.ids['quotation']],
                              ['credit_warning'])
        # An employee still reads the rest of the card, and its form loads without them.
        row = self.rpc('employee', 'res.partner', 'read', [self.ids['own']], ['name'])[0]
        self.assertEqual(row['name'], 'RPC Own Co')
        fields_ = self.rpc('employee', 'res.partner', 'fields_get')
        self.assertFalse({'grade_id', 'credit_rating', 'grade_history_ids'} & set(fields_))
        view = self.rpc('employee', 'res.partner', 'fields_view_get', view_type='form')
        self.assertNotIn('grade_id', view['fields'])
        self.assertNotIn('grade_id', view['arch'])
        row = self.rpc('sales', 'res.partner', 'read', [self.ids['own']],
                       ['grade_id', 'credit_rating', 'next_follow_up_date'])[0]
        self.assertEqual(row['grade_id'][0], self.ids['grade_b'])
        view = self.rpc('sales', 'res.partner', 'fields_view_get', view_type='form')
        self.assertIn('grade_id', view['fields'])


class TestGradeHistoryKeptRpc(GradingRpcCase):

    def test_a_graded_customer_cannot_be_deleted(self):
        """Its grade history would be lost: archive it instead."""
        with self.server_env() as env:
            graded = env['res.partner'].create({'name': 'RPC Graded Co', 'is_company': True,
                                                'customer': True})
            env['crm.customer.grade.history'].create({
                'partner_id': graded.id, 'new_grade_id': self.ids['grade_c']})
        for role in ('sales_contacts', 'manager', 'sales', 'portal'):
            self.assertRpcRefused(role, 'res.partner', 'unlink', [graded.id])
        with self.server_env() as env:
            partner = env['res.partner'].browse(graded.id)
            self.assertTrue(partner.exists())
            self.assertEqual(len(partner.grade_history_ids), 1)

    def test_a_grade_in_the_history_cannot_be_deleted(self):
        with self.server_env() as env:
            grade = env['crm.customer.grade'].create({'code': 'RPCX', 'name': 'Retired'})
            history = env['crm.customer.grade.history'].search(
                [('partner_id', '=', self.ids['own'])])
            history.old_grade_id = grade
        error = self.assertRpcRefused('manager', 'crm.customer.grade', 'unlink', [grade.id],
                                      refusals=('odoo.exceptions.UserError',))
        self.assertIn('RPCX - Retired', error.message)
        self.assertIn('archive it instead', error.message)
        self.assertRpcRefused('sales', 'crm.customer.grade', 'unlink', [grade.id])
        self.assertRpcRefused('portal', 'crm.customer.grade', 'unlink', [grade.id])
        self.rpc('manager', 'crm.customer.grade', 'write', [grade.id], {'active': False})
        with self.server_env() as env:
            self.assertEqual(
                env['crm.customer.grade.history'].search(
                    [('partner_id', '=', self.ids['own'])]).old_grade_id.code, 'RPCX')

    def test_grade_names_and_customers_of_a_grade(self):
        grade = self.ids['grade_a']
        self.assertRpcRefused('portal', 'crm.customer.grade', 'name_get', [grade])
        self.assertEqual(self.rpc('sales', 'crm.customer.grade', 'name_get', [grade]),
                         [[grade, 'A - Key customer']])
        self.assertRpcRefused('portal', 'crm.customer.grade', 'action_open_customers', [grade])
        action = self.rpc('sales', 'crm.customer.grade', 'action_open_customers', [grade])
        self.assertEqual(action['domain'], [['grade_id', '=', grade]])
