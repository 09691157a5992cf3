# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The tiles of the Customers dashboard: one record per figure, its number for the reader.

A tile is data (name, audience, order); what it counts is code: ``_tile_<code>()`` returns
the model, the domain and the action that list the records behind the number. The number is
``search_count`` of that very domain, in the reader's rights, so a tile never shows a figure
its list does not: one count query per tile (plus what the searched fields' own search
methods run), whatever the size of the base. The grading and service addons add their tiles
as data and a ``_tile_<code>`` method each.
"""
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..access import readable_sql, require_group
from ..tz import user_today

SALESMAN = 'sales_team.group_sale_salesman'
# A customer about to go back to the public pool: released within this many days.
POOL_SOON_DAYS = 7
CARDS_ACTION = 'crm_customer360.res_partner_action_customer_cards'
FIGURES_ACTION = 'crm_customer360.res_partner_action_customer_figures'
ACTIVITY_ACTION = 'crm_customer360.mail_activity_action_dashboard'


class CrmCustomerDashboardTile(models.Model):
    _name = 'crm.customer.dashboard.tile'
    _description = 'Customers Dashboard Tile'
    _order = 'audience desc, sequence, id'

    name = fields.Char('Tile', required=True, translate=True)
    code = fields.Char('Code', required=True,
                       help="The tile's method that counts is _tile_ followed by this code.")
    sequence = fields.Integer(default=10)
    audience = fields.Selection(
        [('salesperson', 'My Work'), ('manager', 'My Team')], required=True,
        default='salesperson',
        help="Team tiles count every salesperson's records: only sales managers see them.")
    icon = fields.Char('Icon', default='fa-users', help="A Font Awesome icon class.")
    color = fields.Integer('Color Index')
    value = fields.Integer('Number', compute='_compute_value')
    amount = fields.Monetary('Amount', compute='_compute_value', currency_field='currency_id',
                             help="For the overdue tiles: the overdue amount of the customers "
                                  "counted, from their cards' figures.")
    currency_id = fields.Many2one('res.currency', compute='_compute_value')

    _sql_constraints = [
        ('code_uniq', 'unique (code)', "Each dashboard tile has its own code."),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def _compute_value(self):
        """Each tile's number: the count of its list, in the reader's rights."""
        currency = self.env.user.company_id.currency_id
        for tile in self:
            spec = tile._tile_spec()
            tile.value = self.env[spec['model']].search_count(spec['domain'])
            tile.currency_id = currency
            tile.amount = tile._tile_amount(spec) if spec.get('amount') else 0.0

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.multi
    def action_open(self):
        """The records behind the tile's number, in the tile's action."""
        self.ensure_one()
        require_group(self.env, SALESMAN)
        # Reading the tile applies the record rules: a team tile is a manager's only.
        self.check_access_rule('read')
        spec = self._tile_spec()
        action = self.env.ref(spec['action']).read()[0]
        action.update({
            'name': self.name, 'display_name': self.name, 'domain': spec['domain'],
            'context': dict(spec.get('context', {}), create=False),
        })
        if spec.get('views'):
            action['views'] = spec['views']
            action['view_mode'] = ','.join(view for __, view in spec['views'])
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _tile_spec(self):
        """What the tile counts, as a dict: ``model``, ``domain``, ``action`` (an xml id),
        optional ``context``, ``views`` and ``amount`` (a figure to total). Extend by adding
        a method ``_tile_<code>``."""
        method = getattr(self, '_tile_%s' % self.code, None)
        if method is None:
            raise UserError(_("The dashboard tile %(tile)s has no method _tile_%(code)s.")
                            % {'tile': self.name, 'code': self.code})
        return method()

    def _tile_amount(self, spec):
        """The total of the card figure ``spec['amount']`` over the tile's customers: the
        cards' own computation, asked for that one figure, for the commercial entities of
        the customers the tile counts (read in one query, under the reader's record
        rules): a fixed number of queries, whatever the number of customers."""
        sql, params = readable_sql(self.env[spec['model']], spec['domain'],
                                   'commercial_partner_id')
        self.env.cr.execute('SELECT DISTINCT commercial_partner_id FROM (%s) AS tile' % sql,
                            params)
        entity_ids = [row[0] for row in self.env.cr.fetchall() if row[0]]
        figures = self.env['crm.customer.figures']._compute_figures(
            entity_ids, figures=[spec['amount']])
        return sum(row[spec['amount']] for row in figures.values())

    def _tile_today(self):
        """Today in the reader's calendar, as a date string."""
        return fields.Date.to_string(user_today(self.env))

    @api.model
    def _tile_customer_domain(self):
        """The customers of the dashboard: companies and individuals at the top of their
        entity, as the Customer Cards list shows them."""
        return [('customer', '=', True), ('parent_id', '=', False)]

    def _tile_my_customers(self):
        """The customers I own."""
        return {
            'model': 'res.partner', 'action': CARDS_ACTION,
            'domain': self._tile_customer_domain() + [('user_id', '=', self.env.uid)],
        }

    def _tile_my_overdue(self):
        """My customers with an overdue amount, and its total."""
        return {
            'model': 'res.partner', 'action': CARDS_ACTION,
            'domain': self._tile_customer_domain() + [
                ('user_id', '=', self.env.uid), ('overdue_amount', '>', 0)],
            'amount': 'overdue_amount',
        }

    def _tile_activity_domain(self, operator):
        """My to-dos on customers whose deadline compares to today with ``operator``."""
        return [('res_model', '=', 'res.partner'), ('user_id', '=', self.env.uid),
                ('date_deadline', operator, self._tile_today())]

    def _tile_follow_ups_today(self):
        """My to-dos on customers due today."""
        return {'model': 'mail.activity', 'action': ACTIVITY_ACTION,
                'domain': self._tile_activity_domain('=')}

    def _tile_follow_ups_late(self):
        """My to-dos on customers due before today."""
        return {'model': 'mail.activity', 'action': ACTIVITY_ACTION,
                'domain': self._tile_activity_domain('<')}

    def _tile_pool_soon(self):
        """My customers whose coming release to the pool is at most POOL_SOON_DAYS away
        (a passed date included: the nightly job releases them tonight)."""
        limit = fields.Date.to_string(user_today(self.env) + timedelta(days=POOL_SOON_DAYS))
        return {
            'model': 'res.partner', 'action': CARDS_ACTION,
            'domain': self._tile_customer_domain() + [
                ('user_id', '=', self.env.uid), ('pool_release_date', '<=', limit)],
        }

    def _tile_team_customers(self):
        """Every owned customer, by salesperson."""
        return {
            'model': 'res.partner', 'action': FIGURES_ACTION,
            'domain': self._tile_customer_domain() + [('user_id', '!=', False)],
            'context': {'group_by': 'user_id'},
        }

    def _tile_team_overdue(self):
        """Every customer with an overdue amount, by salesperson."""
        return {
            'model': 'res.partner', 'action': FIGURES_ACTION,
            'domain': self._tile_customer_domain() + [('overdue_amount', '>', 0)],
            # No total here: over every customer it costs seconds on a large base; the list
            # that opens sums the overdue amounts per salesperson.
            'context': {'group_by': 'user_id'},
        }
