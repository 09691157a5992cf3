"""Load test: salespeople and service agents working in the web client at the same time.

Run by ``make bench`` (scripts/load.sh) against a prefork server on 127.0.0.1 with the
benchmark's data; the users and tickets it needs are made by ``prepare.py``. Each simulated
user logs in as the web client does (``/web/session/authenticate``) and sends what the web
client sends (``/web/dataset/call_kw``) for:

- salespeople: open their customer list (the list view's fields, figures included, 80 rows),
  open a customer card, search customers by name, log a contact, check a new name for
  duplicates;
- service agents: open their ticket list, open a ticket, answer it in the chatter.

Request names (``card_open``, ``customer_list``...) become the metric names ``load_<name>``.
Environment: LOAD_SALES_LOGINS and LOAD_AGENT_LOGINS (comma separated, password = login),
LOAD_DB.
"""
import itertools
import os
import random

from locust import HttpUser, between, task

DB = os.environ.get('LOAD_DB', '')
SALES = [login for login in os.environ.get('LOAD_SALES_LOGINS', '').split(',') if login]
AGENTS = [login for login in os.environ.get('LOAD_AGENT_LOGINS', '').split(',') if login]
_sales_cycle = itertools.cycle(SALES or ['admin'])
_agent_cycle = itertools.cycle(AGENTS or ['admin'])

LIST_FIELDS = ['display_name', 'phone', 'email', 'user_id', 'grade_id', 'credit_rating',
               'invoiced_amount', 'receivable_amount', 'overdue_amount', 'last_interaction_date']
CARD_FIELDS = LIST_FIELDS + [
    'name', 'vat', 'street', 'city', 'country_id', 'category_id', 'credit_limit',
    'credit_usage', 'last_invoice_date', 'last_payment_date', 'avg_days_to_pay',
    'quotation_count', 'quotation_amount', 'order_count', 'order_amount', 'first_order_date',
    'last_order_date', 'opportunity_count', 'pipeline_amount', 'interaction_count',
    'co_owner_ids', 'in_pool', 'pool_release_date', 'pool_release_reason', 'grade_explanation',
    'rfm_score', 'customer_value', 'profile_completeness', 'child_ids', 'message_ids']
TICKET_FIELDS = ['number', 'name', 'partner_id', 'user_id', 'stage_id', 'priority',
                 'sla_status', 'response_deadline', 'resolve_deadline']
WORDS = ['Golden', 'Bright', 'Eastern', 'Pacific', 'Harmony', 'Jade', 'Dragon', 'Phoenix']


class OdooUser(HttpUser):
    """A web client session: log in, then JSON-RPC calls named after what the user does."""

    abstract = True
    wait_time = between(1, 3)
    logins = None

    def on_start(self):
        self.login = next(self.logins)
        response = self.client.post('/web/session/authenticate', name='login', json={
            'jsonrpc': '2.0', 'method': 'call', 'params': {
                'db': DB, 'login': self.login, 'password': self.login}})
        result = response.json().get('result') or {}
        self.uid = result.get('uid')
        if not self.uid:
            raise RuntimeError('cannot log in as %s: %s' % (self.login, response.text[:300]))
        # not "context": locust's User.context() is a method its client calls
        self.odoo_context = result.get('user_context') or {}

    def call(self, name, model, method, *args, **kwargs):
        kwargs.setdefault('context', self.odoo_context)
        with self.client.post('/web/dataset/call_kw/%s/%s' % (model, method), name=name,
                              catch_response=True, json={
                                  'jsonrpc': '2.0', 'method': 'call', 'params': {
                                      'model': model, 'method': method, 'args': list(args),
                                      'kwargs': kwargs}}) as response:
            answer = response.json() if response.status_code == 200 else {}
            if 'error' in answer:
                response.failure(answer['error'].get('data', {}).get('message')
                                 or answer['error'])
                return None
            if response.status_code != 200:
                response.failure('HTTP %s' % response.status_code)
                return None
            return answer.get('result')


class Salesperson(OdooUser):
    weight = 4
    logins = _sales_cycle

    def on_start(self):
        super().on_start()
        self.customers = self.call('customer_list', 'res.partner', 'search', [
            ('customer', '=', True), ('parent_id', '=', False), ('user_id', '=', self.uid)],
            limit=80) or []

    @task(4)
    def customer_list(self):
        rows = self.call('customer_list', 'res.partner', 'search_read', [
            ('customer', '=', True), ('user_id', '=', self.uid)], LIST_FIELDS, limit=80)
        if rows:
            self.customers = [row['id'] for row in rows]

    @task(6)
    def card_open(self):
        if self.customers:
            self.call('card_open', 'res.partner', 'read', [random.choice(self.customers)],
                      CARD_FIELDS)

    @task(3)
    def search(self):
        self.call('search', 'res.partner', 'name_search', random.choice(WORDS),
                  [('customer', '=', True)], 'ilike', 8)

    @task(1)
    def log_contact(self):
        if self.customers:
            self.call('log_contact', 'crm.customer.interaction', 'create', {
                'partner_id': random.choice(self.customers), 'interaction_type': 'call',
                'summary': 'Load test call'})

    @task(2)
    def dup_check(self):
        self.call('dup_check', 'res.partner', 'find_duplicates', {
            'name': '%s %s Co., Ltd.' % (random.choice(WORDS), random.choice(WORDS)),
            'is_company': True})


class ServiceAgent(OdooUser):
    weight = 1
    logins = _agent_cycle

    def on_start(self):
        super().on_start()
        self.tickets = []

    @task(3)
    def ticket_list(self):
        rows = self.call('ticket_list', 'crm.service.ticket', 'search_read', [
            ('closed_date', '=', False)], TICKET_FIELDS, limit=80)
        if rows:
            self.tickets = [row['id'] for row in rows]

    @task(4)
    def ticket_open(self):
        if self.tickets:
            self.call('ticket_open', 'crm.service.ticket', 'read',
                      [random.choice(self.tickets)], TICKET_FIELDS + ['description',
                                                                      'message_ids'])

    @task(1)
    def ticket_reply(self):
        if self.tickets:
            self.call('ticket_reply', 'crm.service.ticket', 'message_post',
                      [random.choice(self.tickets)], body='We are on it.',
                      message_type='comment', subtype='mail.mt_note')
