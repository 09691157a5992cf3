# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The host's partner merge wizard (``crm/wizard/base_partner_merge.py``) with a preview of
what references the partners and a log of every merge (``crm.customer.merge.log``).

It lives in ``models/`` because the addon's root ``__init__`` imports no ``wizards`` package.
"""
import json

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape, split_every


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = 'base.partner.merge.automatic.wizard'

    merge_preview_html = fields.Html(
        'Merge Preview', compute='_compute_merge_preview_html', sanitize=False,
        help="Records referencing each partner, by kind, that the merge moves.")

    @api.depends('partner_ids', 'dst_partner_id')
    def _compute_merge_preview_html(self):
        """The preview counts documents of every kind, whoever may read them: only for users
        who may merge (any user may create the wizard over RPC)."""
        allowed = self._merge_allowed()
        for wizard in self:
            partners = wizard.partner_ids
            if not partners or not allowed:
                wizard.merge_preview_html = False
                continue
            html = wizard._merge_preview_table(partners, wizard._merge_reference_counts(partners))
            if len(partners) > 1:
                src, dst = wizard._merge_split(partners, wizard.dst_partner_id)
                html += wizard._merge_preview_dropped(wizard._merge_dropped_rows(src, dst))
            wizard.merge_preview_html = html

    @api.model
    def _merge_kinds(self):
        """Kinds of records counted by the preview and the log, as
        ``(key, label, model, partner field)``; extend to add a kind."""
        return [
            ('orders', _("Sales orders"), 'sale.order', 'partner_id'),
            ('invoices', _("Invoices"), 'account.invoice', 'partner_id'),
            ('opportunities', _("Leads and opportunities"), 'crm.lead', 'partner_id'),
            ('contacts', _("Contacts"), 'res.partner', 'parent_id'),
        ]

    @api.model
    def _merge_reference_counts(self, partners):
        """``{partner id: {kind key: count}}``: one grouped query per kind plus the messages."""
        counts = {partner.id: {} for partner in partners}
        if not partners:
            return counts
        for key, _label, model, field in self._merge_kinds():
            if model not in self.env:
                continue
            groups = self.env[model].sudo().with_context(active_test=False).read_group(
                [(field, 'in', partners.ids)], [field], [field])
            for group in groups:
                counts[group[field][0]][key] = group[field + '_count']
        groups = self.env['mail.message'].sudo().read_group(
            [('model', '=', 'res.partner'), ('res_id', 'in', partners.ids)], ['res_id'],
            ['res_id'])
        for group in groups:
            counts[group['res_id']]['messages'] = group['res_id_count']
        return counts

    @api.model
    def _merge_kind_labels(self):
        """Labels of the counted kinds, in display order."""
        return [(key, label) for key, label, _model, _field in self._merge_kinds()] + [
            ('messages', _("Messages"))]

    @api.model
    def _merge_preview_table(self, partners, counts):
        """An HTML table: one row per partner, one column per kind."""
        labels = self._merge_kind_labels()
        head = ''.join('<th>%s</th>' % html_escape(label) for _key, label in labels)
        rows = []
        for partner in partners:
            cells = ''.join('<td>%d</td>' % counts[partner.id].get(key, 0) for key, _l in labels)
            rows.append('<tr><td>%s</td>%s</tr>' % (html_escape(partner.display_name), cells))
        return ('<table class="table table-condensed"><thead><tr><th>%s</th>%s</tr></thead>'
                '<tbody>%s</tbody></table>') % (html_escape(_("Partner")), head, ''.join(rows))

    @api.model
    def _merge_preview_dropped(self, rows):
        """The rows the merge will delete (unique constraints), as an HTML warning."""
        if not rows:
            return ''
        items = ''.join('<li>%s</li>' % html_escape(line)
                        for line in self._merge_dropped_lines(rows))
        return ('<div class="alert alert-warning"><strong>%s</strong><ul class="mb0">%s</ul>'
                '</div>') % (html_escape(_("The merge will delete these records: the surviving "
                                           "customer already has an equal one (unique "
                                           "constraint).")), items)

    def _merge(self, partner_ids, dst_partner=None):
        """Merge as the host does, then write the merge log on the surviving partner."""
        Partner = self.env['res.partner']
        partners = Partner.browse(partner_ids).exists()
        if len(partners) < 2:
            return super()._merge(partner_ids, dst_partner=dst_partner)
        counts = self._merge_reference_counts(partners)
        # Read before the host deletes them; only those really gone are logged.
        dropped = self._merge_dropped_rows(*self._merge_split(partners, dst_partner))
        snapshot = {p.id: self._merge_partner_facts(p) for p in partners}
        # The partners being merged may share a tax number: let the survivor take it.
        merging = self.with_context(dup_merging_partner_ids=partners.ids)
        if dst_partner:
            dst_partner = dst_partner.with_context(dup_merging_partner_ids=partners.ids)
        if self._merge_unrestricted():
            result = merging._merge_any_number(partners, dst_partner)
        else:
            result = super(BasePartnerMergeAutomaticWizard, merging)._merge(
                partner_ids, dst_partner=dst_partner)
        survivors = partners.exists()
        gone = [pid for pid in partners.ids if pid not in survivors.ids]
        if gone and len(survivors) == 1:
            self._merge_write_log(survivors, gone, snapshot, counts,
                                  self._merge_rows_gone(dropped))
        return result

    @api.model
    def _merge_allowed(self):
        """Whether the user may merge partners at all: the superuser, sales managers and the
        users who may delete partners (the host's merge deletes the merged-away ones)."""
        return self.env.uid == SUPERUSER_ID or self._merge_unrestricted() or \
            self.env['res.partner'].check_access_rights('unlink', raise_exception=False)

    @api.model
    def _merge_unrestricted(self):
        """Whether the user merges without two of the host's limits (3 partners at once, and
        the superuser only for different e-mails): sales managers do, as the merge log records
        what they did. The third, journal items only on the surviving partner, holds for them
        too (``_merge_check_journal_items``). Override to narrow it."""
        return self.env.user.has_group('sales_team.group_sale_manager')

    def _merge_any_number(self, partners, dst_partner=None):
        """Merge ``partners`` into one, any number of them, past the host's superuser checks.

        The host merges at most three at a time: the sources go into the destination two by
        two, in one transaction. Its parent/child check sees only the partners of one call,
        so it is made here over all of them first.
        """
        Partner = self.env['res.partner']
        for partner in partners:
            if (Partner.search([('id', 'child_of', partner.id)]) - partner) & partners:
                raise UserError(_("You cannot merge a contact with one of his parent."))
        sources, destination = self._merge_split(partners, dst_partner)
        self._merge_check_journal_items(sources)
        host_merge = super(BasePartnerMergeAutomaticWizard, self.sudo())._merge
        for chunk in split_every(2, sources.ids):
            host_merge([destination.id] + list(chunk), dst_partner=destination.sudo())

    @api.model
    def _merge_check_journal_items(self, sources):
        """The host's check, which its superuser merge skips: only the administrator merges
        away partners that have journal items (accounting entries must keep their partner);
        everyone else picks the partner with journal items as the surviving one."""
        if self.env.uid == SUPERUSER_ID:
            return
        if self.env['account.move.line'].sudo().search_count(
                [('partner_id', 'in', sources.ids)]):
            # The host's message, word for word: it is translated already.
            raise UserError(_(
                "Only the destination contact may be linked to existing Journal Items. Please "
                "ask the Administrator if you need to merge several contacts linked to "
                "existing Journal Items."))

    @api.model
    def _merge_partner_facts(self, partner):
        """The key data of a partner about to be merged away (kept in the merge log)."""
        return {'name': partner.display_name, 'id': partner.id, 'vat': partner.vat or '-',
                'email': partner.email or '-', 'owner': partner.user_id.name or '-'}

    @api.model
    def _merge_partner_line(self, facts):
        """One line of key data of a merged partner, in the reader's language."""
        return _("%(name)s (ID %(id)d) - tax number: %(vat)s - e-mail: %(email)s - "
                 "salesperson: %(owner)s") % facts

    @api.model
    def _merge_write_log(self, survivor, gone_ids, snapshot, counts, dropped=None):
        """Create the ``crm.customer.merge.log`` entry of a finished merge; ``dropped`` are
        the ``(table, id, label)`` rows the host deleted."""
        moved = [(key, sum(counts[pid].get(key, 0) for pid in gone_ids))
                 for key, _label in self._merge_kind_labels()]
        # Facts, read as text in the reader's language (crm.customer.merge.log).
        return self.env['crm.customer.merge.log'].sudo().create({
            'user_id': self.env.user.id,
            'partner_id': survivor.id,
            'facts': json.dumps({
                'merged': [snapshot[pid] for pid in gone_ids],
                'moved': [[key, total] for key, total in moved if total],
                'dropped': [list(row) for row in dropped or []],
            }),
        })
