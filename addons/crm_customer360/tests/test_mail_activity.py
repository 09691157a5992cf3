# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``mail.activity._bulk_create`` gives what ``create`` gives: the same rows, the same
followers with the same subtypes, the same notifications."""
from odoo import fields

from .common import Customer360Case

COMPARED = ['res_model_id', 'res_model', 'res_id', 'res_name', 'activity_type_id', 'summary',
            'note', 'date_deadline', 'user_id', 'create_uid', 'write_uid']


class RolledBack(Exception):
    """Leaves a savepoint, undoing what was done in it."""


class TestMailActivityBulk(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = cls.make_user('c360_bulk_seller', ['sales_team.group_sale_salesman'])
        cls.other = cls.make_user('c360_bulk_other', ['sales_team.group_sale_salesman'])
        cls.portal = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'C360 Bulk Portal', 'login': 'c360_bulk_portal',
            'groups_id': [(6, 0, [cls.env.ref('base.group_portal').id])]})
        cls.customers = cls.env['res.partner'].browse([
            cls.make_customer('C360 Bulk %d' % i).id for i in range(3)])
        # The seller already follows the first customer with one subtype only: create
        # replaces that follower row with the default subtypes.
        cls.customers[0].message_subscribe(
            partner_ids=cls.seller.partner_id.ids,
            subtype_ids=cls.env.ref('mail.mt_comment').ids)
        todo = cls.env.ref('mail.mail_activity_data_todo')
        model_id = cls.env['ir.model']._get('res.partner').id
        # The host notifies an activity due by its UTC date (fields.Date.today()), and the
        # third's default deadline is the context's today: in UTC both agree at any hour.
        cls.env = cls.env(context=dict(cls.env.context, tz='UTC'))
        today = fields.Date.today()
        cls.values = [
            {'res_model_id': model_id, 'res_id': cls.customers[0].id, 'user_id': cls.seller.id,
             'activity_type_id': todo.id, 'summary': 'Call', 'date_deadline': today},
            {'res_model_id': model_id, 'res_id': cls.customers[1].id, 'user_id': cls.other.id,
             'activity_type_id': todo.id, 'summary': 'Visit', 'note': '<p>Bring samples</p>',
             'date_deadline': '2099-01-01'},
            {'res_model_id': model_id, 'res_id': cls.customers[2].id,
             'user_id': cls.portal.id, 'activity_type_id': todo.id, 'summary': 'Sign'},
        ]

    def snapshot(self, activities):
        """The rows, the followers of the customers and the bus notifications created."""
        rows = sorted(tuple(str(activity[name]) for name in COMPARED)
                      for activity in activities)
        followers = sorted(
            (f.res_id, f.partner_id.id, tuple(sorted(f.subtype_ids.ids)))
            for f in self.env['mail.followers'].search([
                ('res_model', '=', 'res.partner'), ('res_id', 'in', self.customers.ids)]))
        self.env.cr.execute("SELECT channel, message FROM bus_bus WHERE id > %s ORDER BY id",
                            (self.bus_before,))
        return rows, followers, sorted(self.env.cr.fetchall())

    def create_both_ways(self):
        self.env.cr.execute("SELECT COALESCE(MAX(id), 0) FROM bus_bus")
        self.bus_before = self.env.cr.fetchone()[0]
        Activity = self.env['mail.activity']
        try:
            with self.env.cr.savepoint():
                created = Activity.browse()
                for vals in self.values:
                    created |= Activity.create(dict(vals))
                self.env['res.partner'].invalidate_cache()
                by_create = self.snapshot(created)
                raise RolledBack()
        except RolledBack:
            pass
        self.env['res.partner'].invalidate_cache()
        bulk = Activity._bulk_create([dict(vals) for vals in self.values])
        self.env['res.partner'].invalidate_cache()
        return by_create, self.snapshot(bulk)

    def test_bulk_create_equals_create(self):
        by_create, by_bulk = self.create_both_ways()
        self.assertEqual(len(by_bulk[0]), 3)
        self.assertEqual(by_bulk[0], by_create[0])
        self.assertEqual(by_bulk[1], by_create[1])
        self.assertEqual(by_bulk[2], by_create[2])
        # one notification: the activity due today (the portal user's defaults to today)
        self.assertEqual(len(by_bulk[2]), 2)
