"""Database helpers shared by the browser scenarios: demo records and committed changes."""
import contextlib

import odoo


@contextlib.contextmanager
def committed_env(db):
    """An admin environment on its own cursor, committed on leaving (unlike odoo_env).

    The server caches system parameters and the registry: the change is signalled to it.
    """
    registry = odoo.registry(db)
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    registry.signal_changes()


def demo_user(env, login):
    """The demo user ``login``, failing clearly when the demo data are not installed."""
    user = env['res.users'].search([('login', '=', login)])
    assert user, 'demo user %r is missing: are crm_customer360 demo data installed?' % login
    return user


def demo_customer(env, name):
    """The one demo company called ``name``."""
    partner = env['res.partner'].search([('name', '=', name), ('parent_id', '=', False)])
    assert len(partner) == 1, 'expected one demo customer %r, found %d' % (name, len(partner))
    return partner


@contextlib.contextmanager
def user_language(db, login, lang):
    """Give the demo user ``login`` the interface language ``lang`` while the block runs, then
    give it back its own (both committed: the server reads the user's language at login).

    A scenario runs for a Chinese and an English user this way without a second demo user.
    """
    with committed_env(db) as env:
        user = demo_user(env, login)
        previous = user.lang
        if previous != lang:
            user.write({'lang': lang})
    try:
        yield
    finally:
        if previous != lang:
            with committed_env(db) as env:
                demo_user(env, login).write({'lang': previous})

