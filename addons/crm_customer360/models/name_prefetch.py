# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Names of customers and users read without the prefetch of every partner column.

A list shows the name of each row's customer or salesperson. In the host, reading that name
fetches every stored column of ``res.partner`` (about 90 with the addons: duplicate keys,
pinyin, pool and grade fields...) for every partner of the page, because a first read of a
field loads all prefetchable fields of the records met so far. At 80 rows that was most of a
list's time: 190 ms of the customer list (its salesperson column) and 180 ms of the ticket
list (its customer column) out of 310 and 390 ms, on the benchmark's data.

Only the columns a name is made of are read now: ``display_name`` alone when it is stored,
and ``name_get`` reads the few fields it looks at, each for the whole page. Reading other
fields of the same records afterwards prefetches as before.
"""
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    # stored by the host: a many2one shown in a list reads it, and nothing else is needed
    display_name = fields.Char(prefetch=False)

    @api.multi
    def name_get(self):
        return super(ResPartner, self.with_context(prefetch_fields=False)).name_get()


class ResUsers(models.Model):
    _inherit = 'res.users'

    @api.multi
    def name_get(self):
        # a user's name is its partner's: reading it would prefetch that partner's columns,
        # and those of every partner of the page (the customers of a list)
        return super(ResUsers, self.with_context(prefetch_fields=False)).name_get()
