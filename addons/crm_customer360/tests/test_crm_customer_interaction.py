# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contact records: validation, last contact date, next-step to-dos, access rules."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from .common import Customer360Case


class TestCrmCustomerInteraction(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = cls.make_user('c360_int_sales', ['sales_team.group_sale_salesman'])
        cls.other_salesman = cls.make_user('c360_int_other', ['sales_team.group_sale_salesman'])
        cls.manager = cls.make_user('c360_int_manager', ['sales_team.group_sale_manager'])
        cls.customer = cls.make_customer('C360 Interaction Co', user_id=cls.salesman.id)
        cls.contact = cls.make_contact(cls.customer, 'C360 Person')
        cls.other_customer = cls.make_customer('C360 Other Co', user_id=cls.other_salesman.id)
        cls.other_contact = cls.make_contact(cls.other_customer, 'C360 Other Person')
        cls.Interaction = cls.env['crm.customer.interaction']

    @classmethod
    def at(cls, days):
        """Now plus ``days`` days, as an Odoo datetime string."""
        return fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) + timedelta(days=days))

    def log(self, partner=None, env=None, **vals):
        values = {'partner_id': (partner or self.customer).id, 'summary': 'Talked',
                  'interaction_type': 'call'}
        values.update(vals)
        return (env or self.env)['crm.customer.interaction'].create(values)

    # ------------------------------------------------------------------
    # Last contact date and count
    # ------------------------------------------------------------------
    def test_last_interaction_date_follows_create_write_unlink(self):
        self.assertFalse(self.customer.last_interaction_date)
        old = self.log(date=self.at(-10))
        self.assertEqual(self.customer.last_interaction_date, old.date)
        new = self.log(date=self.at(-2))
        self.assertEqual(self.customer.last_interaction_date, new.date)
        new.date = self.at(-20)
        self.assertEqual(self.customer.last_interaction_date, old.date)
        # Moving a record to another customer updates both customers.
        old.partner_id = self.other_customer
        self.assertEqual(self.customer.last_interaction_date, new.date)
        self.assertEqual(self.other_customer.last_interaction_date, old.date)
        (old | new).unlink()
        self.assertFalse(self.customer.last_interaction_date)
        self.assertFalse(self.other_customer.last_interaction_date)

    def test_interaction_count_on_company_and_contacts(self):
        self.log()
        self.log(partner=self.contact)
        self.assertEqual(self.customer.interaction_count, 2)
        self.assertEqual(self.contact.interaction_count, 2)
        self.assertEqual(len(self.customer.interaction_ids), 2)
        self.assertEqual(self.other_customer.interaction_count, 0)

    def test_contact_given_as_customer_moves_to_company(self):
        interaction = self.log(partner=self.contact)
        self.assertEqual(interaction.partner_id, self.customer)
        self.assertEqual(interaction.contact_id, self.contact)
        self.assertTrue(self.customer.last_interaction_date)

    def test_action_open_interactions(self):
        self.log()
        action = self.contact.action_open_interactions()
        self.assertEqual(action['domain'], [('partner_id', '=', self.customer.id)])
        self.assertEqual(action['context']['default_partner_id'], self.customer.id)

    # ------------------------------------------------------------------
    # Next step
    # ------------------------------------------------------------------
    def test_next_step_plans_todo_for_owner(self):
        interaction = self.log(env=self.env(user=self.manager), next_step='Send the offer',
                               next_step_date=self.day(5), user_id=self.manager.id)
        activity = interaction.next_step_activity_id
        self.assertTrue(activity)
        self.assertEqual(activity.user_id, self.salesman)
        self.assertEqual(activity.res_model, 'res.partner')
        self.assertEqual(activity.res_id, self.customer.id)
        self.assertEqual(activity.activity_type_id, self.env.ref('mail.mail_activity_data_todo'))
        self.assertEqual(activity.date_deadline, self.day(5))
        interaction.write({'next_step_date': self.day(8)})
        self.assertEqual(activity.date_deadline, self.day(8))
        interaction.write({'next_step': False})
        self.assertFalse(activity.exists())

    def test_no_next_step_no_todo(self):
        interaction = self.log()
        self.assertFalse(interaction.next_step_activity_id)

    # ------------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------------
    def test_empty_summary_refused(self):
        for summary in (False, '', '   '):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                self.log(summary=summary)
        interaction = self.log()
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            interaction.summary = ' '
        self.assertEqual(self.customer.interaction_count, 1)

    def test_future_date_refused(self):
        self.log(date=self.at(0.5))
        with self.assertRaises(ValidationError) as ctx, self.env.cr.savepoint():
            self.log(date=self.at(3), summary='Too early')
        self.assertIn('future', ctx.exception.name)
        self.assertFalse(self.Interaction.search([('summary', '=', 'Too early')]))

    def test_contact_of_other_customer_refused(self):
        with self.assertRaises(ValidationError) as ctx, self.env.cr.savepoint():
            self.log(contact_id=self.other_contact.id)
        self.assertIn(self.other_contact.display_name, ctx.exception.name)
        self.assertFalse(self.customer.last_interaction_date)

    def test_lead_of_other_customer_refused(self):
        own_lead = self.make_opportunity(self.contact, 1000, 20)
        other_lead = self.make_opportunity(self.other_customer, 1000, 20)
        self.log(lead_id=own_lead.id)
        with self.assertRaises(ValidationError) as ctx, self.env.cr.savepoint():
            self.log(lead_id=other_lead.id)
        self.assertIn(other_lead.name, ctx.exception.name)

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def test_salesman_logs_and_reads_own_customer_history(self):
        Interaction = self.Interaction.sudo(self.salesman)
        mine = Interaction.create({'partner_id': self.customer.id, 'summary': 'Mine',
                                   'next_step': 'Demo', 'next_step_date': self.day(3)})
        self.assertEqual(mine.user_id, self.salesman)
        self.assertEqual(mine.next_step_activity_id.user_id, self.salesman)
        mine.write({'outcome': 'Fine'})
        # What the manager logged on the salesman's customer is part of its history.
        theirs = self.log(user_id=self.manager.id, summary='By the manager')
        self.assertEqual(Interaction.search([('partner_id', '=', self.customer.id)]),
                         mine | theirs)
        with self.assertRaises(AccessError):
            theirs.sudo(self.salesman).write({'summary': 'Changed'})
        with self.assertRaises(AccessError):
            mine.sudo(self.salesman).unlink()

    def test_salesman_cannot_see_or_forge_other_records(self):
        other = self.log(partner=self.other_customer, user_id=self.other_salesman.id)
        Interaction = self.Interaction.sudo(self.salesman)
        self.assertFalse(Interaction.search([('id', '=', other.id)]))
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Interaction.create({'partner_id': self.customer.id, 'summary': 'Forged',
                                'user_id': self.other_salesman.id})

    def test_manager_sees_and_deletes_everything(self):
        other = self.log(partner=self.other_customer, user_id=self.other_salesman.id)
        Interaction = self.Interaction.sudo(self.manager)
        self.assertIn(other, Interaction.search([]))
        other.sudo(self.manager).unlink()
        self.assertFalse(other.exists())
