# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Partner merge: the preview of what moves and the merge log on the surviving customer."""
from odoo.exceptions import UserError

from .dup_common import DuplicateCase


class TestCrmCustomerMergeLog(DuplicateCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.make_user('dup_manager', ['sales_team.group_sale_manager'])
        cls.survivor = cls.make_customer('Mergeable Dupcheck Ceramics Ltd',
                                         email='office@ceramics-dup.com')
        cls.twin = cls.make_customer('Mergeable Dupcheck Ceramics Limited',
                                     email='office@ceramics-dup.com', vat='US-55-0000001',
                                     user_id=cls.owner.id)
        cls.make_order(cls.twin, 500.0, cls.day(-3))
        cls.make_opportunity(cls.twin, 1000.0, 20)
        cls.twin_contact = cls.make_contact(cls.twin, 'Wang Fang')

    def wizard(self, user=None):
        Wizard = self.env['base.partner.merge.automatic.wizard']
        if user:
            Wizard = Wizard.sudo(user)
        return Wizard.create({'partner_ids': [(6, 0, (self.survivor | self.twin).ids)],
                              'dst_partner_id': self.survivor.id, 'state': 'selection'})

    def test_preview_counts_per_kind(self):
        html = self.wizard(self.manager).merge_preview_html
        self.assertIn('Mergeable Dupcheck Ceramics Limited', html)
        self.assertIn('Sales orders', html)
        counts = self.env['base.partner.merge.automatic.wizard']._merge_reference_counts(
            self.survivor | self.twin)
        self.assertEqual(counts[self.twin.id]['orders'], 1)
        self.assertEqual(counts[self.twin.id]['opportunities'], 1)
        self.assertEqual(counts[self.twin.id]['contacts'], 1)
        self.assertFalse(counts[self.survivor.id].get('orders'))

    def test_merge_writes_log_on_survivor(self):
        twin_id = self.twin.id
        self.wizard().action_merge()
        self.assertFalse(self.env['res.partner'].browse(twin_id).exists())
        # The survivor took the tax number: the duplicate refusal allows it in a merge.
        self.assertEqual(self.survivor.vat, 'US-55-0000001')
        self.assertEqual(self.twin_contact.parent_id, self.survivor)
        log = self.survivor.merge_log_ids
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.env.user)
        self.assertIn('Mergeable Dupcheck Ceramics Limited (ID %d)' % twin_id,
                      log.merged_partners)
        self.assertIn('US-55-0000001', log.merged_partners)
        self.assertIn('office@ceramics-dup.com', log.merged_partners)
        self.assertIn(self.owner.name, log.merged_partners)
        self.assertIn('Sales orders: 1', log.moved_summary)
        self.assertIn('Contacts: 1', log.moved_summary)
        # The survivor's salesperson reads the log, another salesperson does not (record
        # rules); nobody edits it.
        self.assertEqual(self.survivor.user_id, self.owner)
        self.assertTrue(log.sudo(self.owner).merged_partners)
        self.assertFalse(self.env['crm.customer.merge.log'].sudo(self.salesman).search(
            [('id', '=', log.id)]))
        self.assertFalse(self.env['crm.customer.merge.log'].sudo(self.manager)
                         .check_access_rights('write', raise_exception=False))

    def test_rows_dropped_on_unique_constraint_are_reported(self):
        """The host moves the twin's followers with one UPDATE; following a document the
        survivor follows too breaks mail_followers' unique (res_model, res_id, partner_id), so
        the host deletes every follower row of the twin, also on documents the survivor does
        not follow. The preview and the log name each of them."""
        shared = self.make_opportunity(self.harbour, 10.0, 10, name='Dupcheck shared deal')
        own = self.make_opportunity(self.harbour, 20.0, 10, name='Dupcheck twin-only deal')
        shared.message_subscribe(partner_ids=(self.survivor | self.twin).ids)
        own.message_subscribe(partner_ids=self.twin.ids)
        Followers = self.env['mail.followers']
        rows = Followers.search([('partner_id', '=', self.twin.id), ('res_model', '=', 'crm.lead'),
                                 ('res_id', 'in', [shared.id, own.id])], order='res_id')
        self.assertEqual(len(rows), 2)
        lines = ['mail_followers #%d: Mergeable Dupcheck Ceramics Limited following %s'
                 % (row.id, name) for row, name in zip(
                     rows, ['Dupcheck shared deal', 'Dupcheck twin-only deal'])]
        html = self.wizard(self.manager).merge_preview_html
        self.assertIn('The merge will delete these records', html)
        for line in lines:
            self.assertIn(line, html)
        self.wizard().action_merge()
        # What the host did: the twin-only deal lost its follower.
        self.assertFalse(rows.exists())
        self.assertNotIn(self.survivor, own.message_partner_ids)
        self.assertIn(self.survivor, shared.message_partner_ids)
        dropped = self.survivor.merge_log_ids.dropped_records.split('\n')
        for line in lines:
            self.assertIn(line, dropped)
        # The log lists only rows that are really gone.
        for line in dropped:
            table, rid = line.split(':')[0].split(' #')
            self.env.cr.execute('SELECT 1 FROM "%s" WHERE id = %%s' % table, (int(rid),))
            self.assertFalse(self.env.cr.fetchone(), line)

    def test_nothing_dropped_without_conflict(self):
        lead = self.make_opportunity(self.harbour, 10.0, 10, name='Dupcheck twin deal')
        lead.message_subscribe(partner_ids=self.twin.ids)
        Wizard = self.env['base.partner.merge.automatic.wizard']
        self.assertEqual(Wizard._merge_dropped_rows(self.twin, self.survivor), [])
        self.wizard().action_merge()
        self.assertIn(self.survivor, lead.message_partner_ids)
        self.assertFalse(self.survivor.merge_log_ids.dropped_records)

    def test_no_log_without_merge(self):
        Wizard = self.env['base.partner.merge.automatic.wizard']
        Wizard._merge([self.survivor.id])
        self.assertFalse(self.survivor.merge_log_ids)

    def merge_four(self, user, validate=False):
        """Merge the survivor, its twin and two more (other e-mails, one invoiced) as
        ``user``; return the two extra partners and the invoice (validated, so with journal
        items, when ``validate``)."""
        first = self.make_customer('Mergeable Dupcheck Ceramics Co',
                                   email='sales@ceramics-dup.com')
        second = self.make_customer('Mergeable Dupcheck Ceramics Inc',
                                    email='info@ceramics-dup.com')
        invoice = self.make_invoice(second, 250.0, self.day(-2), validate=validate)
        partners = self.survivor | self.twin | first | second
        self.env['base.partner.merge.automatic.wizard'].sudo(user).create({
            'partner_ids': [(6, 0, partners.ids)], 'dst_partner_id': self.survivor.id,
            'state': 'selection'}).action_merge()
        return first, second, invoice

    def test_manager_merges_any_number_with_invoices(self):
        """Beyond the host's three, with different e-mails and a draft invoice: a sales
        manager merges them in one go, and one log lists them all."""
        gone_ids = [self.twin.id]
        first, second, invoice = self.merge_four(self.manager)
        gone_ids += [first.id, second.id]
        self.assertFalse(self.env['res.partner'].browse(gone_ids).exists())
        self.assertEqual(invoice.partner_id, self.survivor)
        log = self.survivor.merge_log_ids
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.manager)
        for partner_id in gone_ids:
            self.assertIn('(ID %d)' % partner_id, log.merged_partners)
        self.assertIn('Invoices: 1', log.moved_summary)
        self.assertIn('Sales orders: 1', log.moved_summary)

    def test_manager_keeps_the_hosts_journal_items_check(self):
        """Journal items on a merged-away partner: the host refuses everyone but the
        administrator, and so do we for sales managers; the administrator merges them."""
        with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
            self.merge_four(self.manager, validate=True)
        self.assertIn('Journal Items', ctx.exception.name)
        self.assertTrue(self.twin.exists())
        self.assertFalse(self.survivor.merge_log_ids)
        first, second, invoice = self.merge_four(self.env.user, validate=True)
        self.assertFalse((first | second | self.twin).exists())
        self.assertEqual(invoice.move_id.line_ids.mapped('partner_id'), self.survivor)
        self.assertIn('Invoices: 1', self.survivor.merge_log_ids.moved_summary)

    def test_others_keep_the_hosts_limits(self):
        partner_manager = self.make_user('dup_partner_manager', [
            'sales_team.group_sale_salesman', 'base.group_partner_manager'])
        with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
            self.merge_four(partner_manager)
        self.assertIn('more than 3', ctx.exception.name)
        self.assertTrue(self.twin.exists())
        self.assertFalse(self.survivor.merge_log_ids)

    def test_parent_and_contact_are_not_merged(self):
        with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
            self.env['base.partner.merge.automatic.wizard'].sudo(self.manager).create({
                'partner_ids': [(6, 0, (self.survivor | self.twin | self.twin_contact).ids)],
                'dst_partner_id': self.survivor.id, 'state': 'selection'}).action_merge()
        self.assertIn('parent', ctx.exception.name)
        self.assertTrue(self.twin.exists())
