"""Measurement of the Customers dashboard (crm_customer360 and the tiles of the other addons)."""
from .measure import metric


def has_dashboard(env):
    """True when the dashboard is installed and a generated salesperson exists."""
    if 'crm.customer.dashboard.tile' not in env:
        return "crm_customer360's dashboard is not installed"
    return (bool(env['res.users'].search([('login', '=like', 'bench.sales%')], limit=1))
            or "the generated data has no salesperson")


@metric('dashboard_load', requires=has_dashboard, repeat=3, target_ms=1000)
def dashboard_load(ctx):
    """The Customers dashboard of a sales manager: every tile (team tiles too), as the
    kanban reads it."""
    env = ctx.env
    user = env['res.users'].search([('login', '=like', 'bench.sales%')], order='login', limit=1)
    # A manager sees every tile: the heaviest dashboard (rolled back with the measurement).
    user.write({'groups_id': [(4, env.ref('sales_team.group_sale_manager').id)]})
    tiles = env['crm.customer.dashboard.tile'].sudo(user)

    def run():
        return len(tiles.search_read([], ['name', 'value', 'amount', 'currency_id']))
    return run
