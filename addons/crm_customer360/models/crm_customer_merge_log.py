# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A readable record of every partner merge: who merged what into which customer.

The log keeps the facts (``facts``, JSON: the merged partners' key data, the counts of what
moved by kind, the rows deleted and what they were) and reads them as text in the reader's
language. Logs written before 11.0.1.3.0 kept texts in the language of who merged
(``*_text``): they show them as they were.
"""
import json

from odoo import _, api, fields, models

from ..tz import format_datetime


class CrmCustomerMergeLog(models.Model):
    _name = 'crm.customer.merge.log'
    _description = 'Customer Merge Log'
    _order = 'date desc, id desc'

    date = fields.Datetime('Date', required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one('res.users', 'Merged by', required=True, readonly=True,
                              default=lambda self: self.env.user, ondelete='restrict')
    partner_id = fields.Many2one('res.partner', 'Surviving Customer', required=True,
                                 readonly=True, index=True, ondelete='restrict', auto_join=True)
    facts = fields.Text('Facts', readonly=True,
                        help="What the merge did, as figures and names (JSON).")
    merged_partners = fields.Text(
        'Merged Partners', compute='_compute_texts',
        help="Name, tax number, e-mail and salesperson of each partner merged away.")
    moved_summary = fields.Text(
        'What Moved', compute='_compute_texts',
        help="Records moved to the surviving customer, by kind.")
    dropped_records = fields.Text(
        'Deleted Records', compute='_compute_texts',
        help="Records the merge deleted instead of moving them, because the surviving customer "
             "already had an equal one (unique constraint): table, record id and what it was.")
    merged_partners_text = fields.Text('Merged Partners as Written', readonly=True)
    moved_summary_text = fields.Text('What Moved as Written', readonly=True)
    dropped_records_text = fields.Text('Deleted Records as Written', readonly=True)

    @api.depends('facts', 'merged_partners_text', 'moved_summary_text', 'dropped_records_text')
    def _compute_texts(self):
        Wizard = self.env['base.partner.merge.automatic.wizard']
        for log in self:
            facts = json.loads(log.facts) if log.facts else None
            if not facts:
                log.merged_partners = log.merged_partners_text
                log.moved_summary = log.moved_summary_text
                log.dropped_records = log.dropped_records_text
                continue
            log.merged_partners = '\n'.join(
                Wizard._merge_partner_line(partner) for partner in facts.get('merged', []))
            labels = dict(Wizard._merge_kind_labels())
            moved = ['%s: %d' % (labels.get(key, key), count)
                     for key, count in facts.get('moved', []) if count]
            log.moved_summary = '\n'.join(moved) or _("Nothing")
            log.dropped_records = '\n'.join(
                Wizard._merge_dropped_lines(facts.get('dropped', []))) or False

    @api.multi
    def name_get(self):
        return [(log.id, _("Merge into %(customer)s on %(date)s") % {
            'customer': log.partner_id.display_name,
            'date': format_datetime(self.env, log.date)}) for log in self]
