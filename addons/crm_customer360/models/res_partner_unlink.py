# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Deleting a partner that history refers to: a clear message instead of the database's.

Contact records, the ownership history and the merge log refer to their customer with
``ondelete='restrict'`` (and so may the history of other addons): deleting the customer would
lose them, so the database refuses. ``unlink`` turns that refusal into a message that names
what refers to the partner and says to archive it instead; a model of another addon that adds
such a reference gets the same message without code of its own.
"""
import contextlib
import re

import psycopg2
from psycopg2 import errorcodes

from odoo import _, api, models
from odoo.exceptions import UserError

# The detail of a foreign-key violation: 'Key (id)=(42) is still referenced from table "x".'
REFERENCED_ID = re.compile(r'Key \(id\)=\((\d+)\)')


@contextlib.contextmanager
def _unlogged_sql_errors(cr):
    """Do not log a failing statement as a "bad query" error: the refusal is expected, and
    whatever is not a refusal is raised again (and logged by the server) anyway."""
    previous = cr._default_log_exceptions
    cr._default_log_exceptions = False
    try:
        yield
    finally:
        cr._default_log_exceptions = previous


class ResPartner(models.Model):
    _inherit = 'res.partner'

    @api.multi
    def unlink(self):
        """Delete as the host does; refuse with a clear message when history refers to one
        of the partners (a foreign key with ``ondelete='restrict'``), leaving all of them."""
        cr = self.env.cr
        try:
            with cr.savepoint(), _unlogged_sql_errors(cr):
                return super().unlink()
        except psycopg2.IntegrityError as error:
            if error.pgcode != errorcodes.FOREIGN_KEY_VIOLATION:
                raise
            # The deletion was rolled back to the savepoint: forget what it put in the cache.
            self.invalidate_cache()
            raise UserError(self._unlink_refusal_message(error))

    @api.multi
    def _unlink_refusal_message(self, error):
        """The translated refusal of a deletion that broke the foreign key of ``error``."""
        match = REFERENCED_ID.search(error.diag.message_detail or '')
        partners = self.browse(int(match.group(1))) if match else self
        return _("%(partner)s cannot be deleted: records of \"%(kind)s\" refer to it and would "
                 "be lost. Archive it instead (Action > Archive): an archived partner keeps its "
                 "history and can be restored.") % {
            'partner': ', '.join(partners.sudo().mapped('display_name')),
            'kind': self._unlink_referring_kind(error.diag.table_name)}

    @api.model
    def _unlink_referring_kind(self, table):
        """The description of the model stored in ``table``, in the user's language (the
        table's name when no model has it)."""
        names = sorted(name for name, model in self.env.registry.items()
                       if model._table == table and model._auto and not model._abstract)
        if not names:
            return table
        return self.env['ir.model'].sudo()._get(names[0]).name
