# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer portal of service tickets: /my/tickets (list), a ticket's page, a new ticket.

A portal user works on the tickets of their own commercial entity only. The list and the
page read the tickets as the portal user, so the record rules of
``security/crm_service_portal_security.xml`` decide what exists for them; any other ticket
answers 404 on every route that takes a ticket id, whether it exists or not, and whatever
access token comes with it, so that ids cannot be told apart. The form checks every id it
receives against what the user may pick (their company's sales orders, the products of those
orders, the categories) and the length of every text before it creates a ticket.

To extend: override `_ticket_form_values` (what the form offers), `_ticket_form_validate`
(what it accepts) or `_ticket_prepare_values` (what the ticket gets).
"""
from werkzeug.exceptions import NotFound
from werkzeug.urls import url_encode

from odoo import _, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.osv import expression
from odoo.tools import consteq, plaintext2html

from odoo.addons.crm_customer360.facts import ORDER_DOMAIN
from odoo.addons.portal.controllers.mail import PortalChatter
from odoo.addons.portal.controllers.portal import CustomerPortal, get_records_pager
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.crm_service_input_limits import NAME_MAX_LENGTH, NOTE_MAX_LENGTH

TICKET_MODEL = 'crm.service.ticket'
# What a portal user types: a subject, and plain text (a description, a reply) that becomes
# HTML well within the model's limit (HTML_MAX_LENGTH).
SUBJECT_MAX_LENGTH = NAME_MAX_LENGTH
TEXT_MAX_LENGTH = NOTE_MAX_LENGTH


def ticket_token_valid(ticket_sudo, access_token):
    """Whether `access_token` is the access token of `ticket_sudo` (compared in constant
    time, as bytes: the host's comparison fails on a non-ASCII string)."""
    token = ticket_sudo.access_token
    return bool(token and access_token) and consteq(
        token.encode('utf-8'), str(access_token).encode('utf-8'))


def ticket_check_access(ticket_id, access_token=None):
    """Return the ticket `ticket_id` (sudo) if the current user may see it, else raise
    NotFound.

    A user sees it with its access token (the link of the e-mails), or through the record
    rules. A ticket that does not exist, one out of reach and a wrong token all answer the
    same 404, so that nobody learns which ids exist.
    """
    ticket = request.env[TICKET_MODEL].browse(ticket_id)
    ticket_sudo = ticket.sudo().exists()
    if not ticket_sudo:
        raise NotFound()
    if ticket_token_valid(ticket_sudo, access_token):
        return ticket_sudo
    try:
        ticket.check_access_rights('read')
        ticket.check_access_rule('read')
    except (AccessError, MissingError):
        raise NotFound()
    return ticket_sudo


class ServiceCustomerPortal(CustomerPortal):

    # ------------------------------------------------------------------
    # Home
    # ------------------------------------------------------------------
    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        Ticket = request.env[TICKET_MODEL]
        # the public user (a ticket opened with its token) and employees without the
        # service groups count none
        values['ticket_count'] = Ticket.search_count(self._ticket_domain()) \
            if Ticket.check_access_rights('read', raise_exception=False) else 0
        return values

    def _ticket_domain(self):
        """The tickets of the current user's commercial entity (the record rules add theirs)."""
        partner = request.env.user.partner_id.commercial_partner_id
        return [('commercial_partner_id', '=', partner.id)]

    # ------------------------------------------------------------------
    # List
    # ------------------------------------------------------------------
    def _ticket_sortings(self):
        return {
            'date': {'label': _('Newest'), 'order': 'create_date desc, id desc'},
            'number': {'label': _('Number'), 'order': 'number desc, id desc'},
            'stage': {'label': _('Stage'), 'order': 'stage_id, id desc'},
        }

    def _ticket_filters(self):
        return {
            'all': {'label': _('All'), 'domain': []},
            'open': {'label': _('Open'), 'domain': [('is_closed', '=', False)]},
            'closed': {'label': _('Closed'), 'domain': [('is_closed', '=', True)]},
        }

    def _ticket_search_inputs(self):
        return {
            'content': {'input': 'content', 'label': _('Search <span class="nolabel"> '
                                                       '(in Subject and Number)</span>')},
        }

    @http.route(['/my/tickets', '/my/tickets/page/<int:page>'], type='http', auth='user',
                website=True)
    def portal_my_tickets(self, page=1, sortby=None, filterby=None, search=None,
                          search_in='content', **kw):
        values = self._prepare_portal_layout_values()
        Ticket = request.env[TICKET_MODEL]
        sortings = self._ticket_sortings()
        filters = self._ticket_filters()
        sortby = sortby if sortby in sortings else 'date'
        filterby = filterby if filterby in filters else 'all'
        domain = expression.AND([self._ticket_domain(), filters[filterby]['domain']])
        if search:
            search = search[:SUBJECT_MAX_LENGTH]  # no subject is longer
            domain = expression.AND([domain, ['|', ('name', 'ilike', search),
                                              ('number', 'ilike', search)]])
        total = Ticket.search_count(domain)
        pager = portal_pager(
            url='/my/tickets', total=total, page=page, step=self._items_per_page,
            url_args={'sortby': sortby, 'filterby': filterby, 'search': search or '',
                      'search_in': search_in})
        tickets = Ticket.search(domain, order=sortings[sortby]['order'],
                                limit=self._items_per_page, offset=pager['offset'])
        request.session['my_tickets_history'] = tickets.ids[:100]
        values.update({
            'tickets': tickets.sudo(),  # shown fields (stage, team) need no portal ACL
            'page_name': 'ticket',
            'pager': pager,
            'default_url': '/my/tickets',
            'searchbar_sortings': sortings,
            'sortby': sortby,
            'searchbar_filters': filters,
            'filterby': filterby,
            'searchbar_inputs': self._ticket_search_inputs(),
            'search_in': search_in,
            'search': search,
        })
        return request.render('crm_service.portal_my_tickets', values)

    # ------------------------------------------------------------------
    # One ticket
    # ------------------------------------------------------------------
    @http.route(['/my/tickets/<int:ticket_id>'], type='http', auth='public', website=True)
    def portal_my_ticket(self, ticket_id, access_token=None, **kw):
        if request.env.user._is_public() and not access_token:
            return request.redirect('/web/login?redirect=/my/tickets/%d' % ticket_id)
        ticket_sudo = ticket_check_access(ticket_id, access_token=access_token)
        # a visitor with the e-mail's link: the layout's counts (orders, invoices...) are no
        # business of theirs, and the public user may not count them (it was a 500)
        values = {} if request.env.user._is_public() else self._prepare_portal_layout_values()
        # a wrong token of a ticket the user reads anyway is no token
        access_token = access_token if ticket_token_valid(ticket_sudo, access_token) else None
        values.update({
            'ticket': ticket_sudo,
            'page_name': 'ticket',
            'access_token': access_token,
            'no_breadcrumbs': bool(access_token),
            'created': kw.get('created'),
            'message_error': kw.get('message_error') == 'too_long' and TEXT_MAX_LENGTH,
        })
        values.update(get_records_pager(request.session.get('my_tickets_history', []),
                                        ticket_sudo))
        return request.render('crm_service.portal_my_ticket', values)

    # ------------------------------------------------------------------
    # New ticket
    # ------------------------------------------------------------------
    def _ticket_orders(self):
        """The confirmed sales orders of the user's commercial entity, newest first."""
        partner = request.env.user.partner_id.commercial_partner_id
        return request.env['sale.order'].sudo().search([
            ('partner_id', 'child_of', partner.id)] + ORDER_DOMAIN,
            order='date_order desc, id desc', limit=200)

    def _ticket_products(self, orders):
        """The products the customer bought on `orders`."""
        return orders.mapped('order_line.product_id').sorted('display_name')

    def _ticket_form_values(self):
        """What the new ticket form offers: categories, sales orders and products."""
        orders = self._ticket_orders()
        return {
            # sudo: portal users may not read categories; those of other companies stay out
            'categories': request.env['crm.service.category'].sudo().search(
                [('company_id', 'in', [False, request.env.user.company_id.id])]),
            'orders': orders,
            'products': self._ticket_products(orders),
        }

    @staticmethod
    def _int_or_none(value):
        """The integer in the form value `value`, False when empty, None when not a number."""
        if value in (None, '', False):
            return False
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    def _ticket_form_validate(self, post, form_values):
        """Return {field: message} for what the form `post` may not create."""
        errors = {}
        subject = (post.get('name') or '').strip()
        if not subject:
            errors['name'] = _("Please give your request a subject.")
        elif len(subject) > SUBJECT_MAX_LENGTH:
            errors['name'] = _("The subject is too long (%(maximum)d characters at most).") \
                % {'maximum': SUBJECT_MAX_LENGTH}
        if len((post.get('description') or '').strip()) > TEXT_MAX_LENGTH:
            errors['description'] = _(
                "The description is too long (%(maximum)d characters at most): keep the "
                "essentials, and send the rest as a reply or by e-mail once the ticket is open.") \
                % {'maximum': TEXT_MAX_LENGTH}
        for field, records, message in (
                ('category_id', form_values['categories'],
                 _("Please choose a category from the list.")),
                ('sale_order_id', form_values['orders'],
                 _("The sales order you chose is not one of your company's orders.")),
                ('product_id', form_values['products'],
                 _("The product you chose is not one your company bought."))):
            value = self._int_or_none(post.get(field))
            if value is None or (value and value not in records.ids):
                errors[field] = message
        return errors

    def _ticket_prepare_values(self, post):
        """The values of the ticket that the valid form `post` creates."""
        description = (post.get('description') or '').strip()
        return {
            'name': post['name'].strip(),
            'description': plaintext2html(description) if description else False,
            'partner_id': request.env.user.partner_id.id,
            'channel': 'portal',
            'category_id': self._int_or_none(post.get('category_id')),
            'sale_order_id': self._int_or_none(post.get('sale_order_id')),
            'product_id': self._int_or_none(post.get('product_id')),
            'company_id': request.env.user.company_id.id,
        }

    @http.route(['/my/tickets/new'], type='http', auth='user', methods=['GET', 'POST'],
                website=True)
    def portal_new_ticket(self, **post):
        if not request.env.user.has_group('base.group_portal'):
            # employees open tickets in the back-end, with a customer of their choice
            return request.redirect('/my/tickets')
        form_values = self._ticket_form_values()
        errors = {}
        if request.httprequest.method == 'POST':
            errors = self._ticket_form_validate(post, form_values)
            if not errors:
                # Created as superuser: the ticket's defaults read the teams, stages and SLA
                # policies, which portal users cannot read; every value was checked above.
                ticket = request.env[TICKET_MODEL].sudo().with_context(
                    mail_create_nosubscribe=True).create(self._ticket_prepare_values(post))
                return request.redirect('/my/tickets/%d?created=1' % ticket.id)
        values = self._prepare_portal_layout_values()
        values.update(form_values)
        values.update({
            'page_name': 'ticket_new',
            'errors': errors,
            'post': post,
        })
        return request.render('crm_service.portal_new_ticket', values)


class ServicePortalChatter(PortalChatter):
    """The host's portal chatter routes, checked for tickets: a ticket the user may not see
    answers 404 (whatever the token) instead of an empty conversation or a post."""

    @staticmethod
    def _check_ticket(res_model, res_id, kw):
        """Raise NotFound unless the user may see the ticket; return the ticket (sudo), or
        None for another model. A wrong token of a ticket the user reads anyway is dropped
        from `kw`, so that the host does not answer 403 for it."""
        if res_model != TICKET_MODEL:
            return None
        try:
            ticket_id = int(res_id)
        except (TypeError, ValueError):
            raise NotFound()
        ticket_sudo = ticket_check_access(ticket_id, access_token=kw.get('token'))
        if kw.get('token') and not ticket_token_valid(ticket_sudo, kw['token']):
            kw.pop('token')
        return ticket_sudo

    @http.route(['/mail/chatter_post'], type='http', methods=['POST'], auth='public',
                website=True)
    def portal_chatter_post(self, res_model, res_id, message, **kw):
        """On a ticket: refuse a post the user may not make before the host posts it, pass
        nothing but the text and the token (the host hands the other form fields to
        message_post, as superuser with a token), and send a text too long back to the
        ticket's page with a message."""
        ticket_sudo = self._check_ticket(res_model, res_id, kw)
        if ticket_sudo is None:
            return super().portal_chatter_post(res_model, res_id, message, **kw)
        kw = {'token': kw['token']} if kw.get('token') else {}
        if len(message or '') > TEXT_MAX_LENGTH:
            params = dict(kw and {'access_token': kw['token']}, message_error='too_long')
            return request.redirect('/my/tickets/%d?%s#discussion' % (
                ticket_sudo.id, url_encode(params)))
        return super().portal_chatter_post(res_model, res_id, message, **kw)

    @http.route('/mail/chatter_fetch', type='json', auth='public', website=True)
    def portal_message_fetch(self, res_model, res_id, domain=False, limit=10, offset=0, **kw):
        """Also serves /mail/chatter_init, which fetches through it. On a ticket the caller's
        domain is ignored: with a token the host searches as superuser, and a domain on the
        messages' relations would probe any data."""
        if self._check_ticket(res_model, res_id, kw) is not None:
            domain = False
        return super().portal_message_fetch(res_model, res_id, domain=domain, limit=limit,
                                            offset=offset, **kw)
