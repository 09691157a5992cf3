# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SQL that a user's record rules add to a search, to check how the rules reach the
customer: joined (``auto_join``) or through a list of ids computed first."""


def rule_sql(env, model, user, mode='read'):
    """``(from clause, where clause, params)`` of a search of ``model`` by ``user`` with no
    domain: its record rules only."""
    records = env[model].sudo(user)
    query = records._where_calc([])
    records._apply_ir_rules(query, mode)
    return query.get_sql()


def assert_rules_join(case, model, user, alias, max_params=12):
    """Assert that ``user``'s rules on ``model`` join the table of ``alias`` (a path such as
    ``crm_customer_interaction__partner_id``) instead of listing ids: the list would grow
    with the customers (a salesperson's, or every customer in the pool) and be computed at
    each read.

    Only for a required many2one: Odoo 11 ANDs the join's condition with the whole domain,
    so a record without a value would be hidden even where another branch of the rules
    lets it through."""
    from_clause, where_clause, params = rule_sql(case.env, model, user)
    case.assertIn('"%s"' % alias, from_clause, (model, from_clause, where_clause))
    case.assertLessEqual(len(params), max_params, (model, where_clause))
