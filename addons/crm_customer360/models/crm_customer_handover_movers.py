# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a handover moves: one mover per kind of record, listed by ``_handover_movers``.

To move another kind of record (service tickets, for example), a module extends::

    def _handover_movers(self):
        return super()._handover_movers() + [self._handover_move_tickets]

    def _handover_move_tickets(self, lines_by_receiver):
        for receiver, lines in lines_by_receiver.items():
            tickets = ...  # open tickets of self.from_user_id on lines.mapped('partner_id')
            self._handover_reassign(tickets, receiver)  # or tickets.write(...)
        return tickets  # what was moved, for the receivers' briefing
"""
from odoo import _, api, models
from odoo.tools import html_escape

# Customers with open work named in a receiver's briefing; the others are on the handover.
BRIEFING_NAMES = 100


class CrmCustomerHandover(models.Model):
    _inherit = 'crm.customer.handover'

    # ------------------------------------------------------------------
    # Open work of a salesperson on customers
    # ------------------------------------------------------------------
    @api.model
    def _handover_contact_ids(self, partners):
        """The ids of ``partners`` (customers) and of every partner of their commercial
        entities (contacts, addresses): the partners whose documents are the customers', as
        on the customer card. One query, whatever the number of customers (``child_of``
        would read the hierarchy level by level, in Python)."""
        if not partners:
            return []
        self.env.cr.execute("SELECT id FROM res_partner WHERE commercial_partner_id = ANY(%s)",
                            (list(partners.ids),))
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _handover_document_domains(self, user, partners):
        """Domains of the open documents of ``user`` on ``partners`` (and their contacts),
        by model; extend to add a kind of document to the preview and the moves."""
        on_customers = [('user_id', '=', user.id),
                        ('partner_id', 'in', self._handover_contact_ids(partners))]
        return {
            'crm.lead': on_customers + [('probability', '<', 100)],
            'sale.order': on_customers + [('state', 'in', ('draft', 'sent', 'sale')),
                                          ('invoice_status', '!=', 'invoiced')],
            'account.invoice': on_customers + [('state', 'in', ('draft', 'open')),
                                               ('type', 'in', ('out_invoice', 'out_refund'))],
        }

    @api.model
    def _handover_documents(self, user, partners):
        """The open documents of ``user`` on ``partners``, as ``{model: records}``."""
        if not partners:
            return {model: self.env[model] for model in
                    self._handover_document_domains(user, partners)}
        return {model: self.env[model].search(domain) for model, domain
                in self._handover_document_domains(user, partners).items()}

    @api.model
    def _handover_activity_domain(self, user, partners, documents):
        """Planned activities of ``user`` on the customers, their contacts and documents."""
        targets = [('res.partner', self._handover_contact_ids(partners))] + [
            (model, records.ids) for model, records in documents.items() if records]
        domain = ['|'] * (len(targets) - 1)
        for model, ids in targets:
            domain += ['&', ('res_model', '=', model), ('res_id', 'in', ids)]
        return [('user_id', '=', user.id)] + domain

    @api.model
    def _handover_counts(self, user, partners):
        """Counts of open work for the preview: one query per kind of record."""
        counts = {'mail.activity': 0}
        domains = self._handover_document_domains(user, partners)
        if not partners or not user:
            return dict(dict.fromkeys(domains, 0), **counts)
        documents = {}
        for model, domain in domains.items():
            documents[model] = self.env[model].search(domain)
            counts[model] = len(documents[model])
        counts['mail.activity'] = self.env['mail.activity'].search_count(
            self._handover_activity_domain(user, partners, documents))
        return counts

    # ------------------------------------------------------------------
    # Movers
    # ------------------------------------------------------------------
    @api.multi
    def _handover_movers(self):
        """The moves of the handed-over customers, in this order, in one transaction for a
        small handover or in one per part of a large one (so each mover only concerns the
        customers of ``lines_by_receiver``; work about other records belongs in
        ``_handover_final_movers``).

        Each takes ``{receiver: lines}`` and returns the records it moved (used for the
        receivers' briefing). Movers that find work by the giver's ownership of documents
        (activities, followers) come before those that change it; the customers come last.
        """
        return [
            self._handover_move_activities,
            self._handover_move_followers,
            self._handover_move_documents,
            self._handover_move_co_owners,
            self._handover_move_customers,
        ]

    @api.multi
    def _handover_final_movers(self):
        """The moves that concern the giver's other records, run once after every
        customer has moved (``{receiver: lines}`` holds all the lines): the co-ownerships
        of other customers; extend to add one (crm_service: a leaver's other tickets)."""
        return [self._handover_move_co_ownerships_elsewhere]

    @api.multi
    def _handover_move_lines(self, lines_by_receiver):
        """Run ``_handover_movers`` over ``lines_by_receiver``; return what they moved."""
        return [mover(lines_by_receiver) for mover in self._handover_movers()]

    @api.multi
    def _handover_move_final(self, lines_by_receiver):
        """Run ``_handover_final_movers`` over every line; return what they moved."""
        return [mover(lines_by_receiver) for mover in self._handover_final_movers()]

    @api.multi
    def _handover_move_activities(self, lines_by_receiver):
        """Give the planned activities of the giver to the receivers."""
        moved = self.env['mail.activity']
        for receiver, lines in lines_by_receiver.items():
            partners = lines.mapped('partner_id')
            documents = self._handover_documents(self.from_user_id, partners)
            activities = self.env['mail.activity'].search(
                self._handover_activity_domain(self.from_user_id, partners, documents))
            activities.write({'user_id': receiver.id})
            moved |= activities
        return moved

    @api.multi
    def _handover_move_followers(self, lines_by_receiver):
        """Replace the giver by the receiver among the followers of the customers.

        The followers of the documents change with their salesperson, in
        ``_handover_move_documents``. Set-based (see ``crm_customer_handover_sql.py``).
        """
        old_partner = self.from_user_id.partner_id
        for receiver, lines in lines_by_receiver.items():
            self._handover_replace_follower(
                lines.mapped('partner_id'), old_partner, receiver.partner_id)
        return None

    @api.multi
    def _handover_move_documents(self, lines_by_receiver):
        """Give the open opportunities, quotations, open orders and open invoices away, with
        what the ORM's write would do (tracking message, followers), a few statements per
        model: see ``_handover_reassign``."""
        moved = []
        for receiver, lines in lines_by_receiver.items():
            documents = self._handover_documents(self.from_user_id, lines.mapped('partner_id'))
            for records in documents.values():
                self._handover_reassign(records, receiver)
                moved.append(records)
        return moved

    @api.multi
    def _handover_move_co_owners(self, lines_by_receiver):
        """The handed-over customers lose the giver as co-owner (their new owner is the
        receiver). Set-based: ``_handover_bulk_co_owners``."""
        customers = self.env['res.partner']
        for lines in lines_by_receiver.values():
            customers |= lines.mapped('partner_id')
        return self.env['res.partner'].browse(self._handover_bulk_co_owners(customers.ids))

    @api.multi
    def _handover_move_co_ownerships_elsewhere(self, lines_by_receiver):
        """With ``move_co_ownerships``, on other customers the receiver takes the giver's
        place as co-owner (or, on customers the receiver owns, nobody does)."""
        if not self.move_co_ownerships:
            return None
        return self.env['res.partner'].browse(
            self._handover_bulk_co_owners([], elsewhere=True))

    @api.multi
    def _handover_move_customers(self, lines_by_receiver):
        """Give the customers (and, through them, their contacts) to the receivers, with an
        ownership history row and a chatter note on each customer.

        Set-based (a few statements for any number of customers): the customers' rows are
        locked and their owner checked by ``action_confirm`` before the movers run.
        """
        reason = self.env.context.get('ownership_change_reason') or ('changed', {})
        partner_ids = {receiver: lines.mapped('partner_id').ids
                       for receiver, lines in lines_by_receiver.items()}
        # The owners in one query: through the ORM, reading user_id reads every column of
        # every customer.
        self.env.cr.execute("SELECT id, user_id FROM res_partner WHERE id = ANY(%s)",
                            ([pid for ids in partner_ids.values() for pid in ids],))
        owners = dict(self.env.cr.fetchall())
        changes = [(pid, self.from_user_id.id, receiver.id, reason)
                   for receiver, ids in partner_ids.items() for pid in ids
                   if owners.get(pid) != receiver.id]
        moved = self.env['res.partner'].browse(
            [pid for ids in partner_ids.values() for pid in ids])
        moved._bulk_change_owners(changes)
        return moved

    # ------------------------------------------------------------------
    # Briefing of the receivers
    # ------------------------------------------------------------------
    @api.multi
    def _create_briefings(self, lines_by_receiver, moved, customers_with_work=None):
        """Plan one to-do per receiver on the handover listing the customers with open work.

        :param moved: what the movers returned, in order
        :param customers_with_work: the customers with open work, when already known
            (a handover run by parts collects them part by part)
        """
        if customers_with_work is None:
            customers_with_work = self._customers_with_work(moved)
        todo = self.env.ref('mail.mail_activity_data_todo')
        model = self.env['ir.model']._get(self._name)
        for receiver, lines in lines_by_receiver.items():
            partners = lines.mapped('partner_id')
            # Written for the receiver, in the receiver's language.
            handover = self.with_context(lang=receiver.lang or self.env.lang)
            summary, note = handover._briefing_text(partners, partners & customers_with_work)
            self.env['mail.activity'].create({
                'res_model_id': model.id, 'res_id': self.id,
                'activity_type_id': todo.id, 'user_id': receiver.id,
                'summary': summary, 'note': note,
            })

    @api.multi
    def _briefing_text(self, partners, busy):
        """The summary and the note of a receiver's briefing, in this environment's language:
        the customers received and, of them, those with open work (``busy``)."""
        # A briefing names at most BRIEFING_NAMES customers: the rest are on the lines.
        items = ''.join('<li>%s</li>' % html_escape(p.display_name)
                        for p in busy[:BRIEFING_NAMES])
        if len(busy) > BRIEFING_NAMES:
            items += '<li>%s</li>' % html_escape(_("and %(count)s more") % {
                'count': len(busy) - BRIEFING_NAMES})
        note = _("<p>%(count)d customers from %(giver)s are now yours.</p>") % {
            'count': len(partners), 'giver': html_escape(self.from_user_id.name)}
        if items:
            note += _("<p>Customers with open work:</p><ul>%(items)s</ul>") % {'items': items}
        return _("Take over the customers of %(giver)s") % {'giver': self.from_user_id.name}, note

    @api.model
    def _customers_with_work(self, moved):
        """The commercial customers concerned by the moved documents and activities."""
        records = []
        for item in moved:
            records.extend(item if isinstance(item, list) else [item])
        customers = self.env['res.partner']
        for records_ in records:
            if records_ is None or not records_:
                continue
            if records_._name == 'mail.activity':
                for model in set(records_.mapped('res_model')):
                    ids = records_.filtered(lambda a: a.res_model == model).mapped('res_id')
                    docs = self.env[model].browse(ids)
                    if model == 'res.partner':
                        customers |= docs.mapped('commercial_partner_id')
                    elif 'partner_id' in docs._fields:
                        customers |= docs.mapped('partner_id.commercial_partner_id')
            elif records_._name != 'res.partner' and 'partner_id' in records_._fields:
                customers |= records_.mapped('partner_id.commercial_partner_id')
        return customers
