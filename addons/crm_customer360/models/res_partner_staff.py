# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Staff are not customers: the partners of the database's users.

Every internal and portal user has a partner of their own; the host flags it as a customer
by default. Those partners are not customers: a user's creation takes the flag off (and the
install and the update of the module take it off the existing ones, ``res.users.
_unmark_customers``), and the grading, the credit rating, the public pool, the follow-ups,
the customer analysis and the customer lists leave them out even when someone flags them
(``facts.not_staff_sql`` in SQL, ``is_staff`` in domains).
"""
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    is_staff = fields.Boolean(
        'User of This Database', compute='_compute_is_staff', search='_search_is_staff',
        help="The own partner of an internal or portal user: never treated as a customer.")

    @api.model
    def _staff_partner_ids(self):
        """Ids of the partners of every user, archived users included (one query)."""
        self.env.cr.execute("SELECT DISTINCT partner_id FROM res_users")
        return {row[0] for row in self.env.cr.fetchall()}

    def _compute_is_staff(self):
        staff = self._staff_partner_ids()
        for partner in self:
            partner.is_staff = partner.id in staff

    def _search_is_staff(self, operator, value):
        if operator not in ('=', '!='):
            raise NotImplementedError("is_staff supports = and != only")
        positive = (operator == '=') == bool(value)
        return [('id', 'in' if positive else 'not in', list(self._staff_partner_ids()))]
