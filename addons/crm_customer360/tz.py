# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Days and moments in a time zone: the one place that says what "today" is.

Odoo stores datetimes in UTC; a day is always somebody's day. What users see ("Released
Tomorrow", the date of a last contact, a deadline) uses the reader's time zone
(``user_today``, ``local_datetime``); what a job does for a company (grading, credit
rating, the pool's release, the cube's current month) uses the company's time zone, the
``tz`` of the company's partner (``company_tz``; the main company's for shared records),
``UTC`` when none is set. In SQL, ``company_tz_sql`` and ``local_date_sql`` give the same.
"""
import re
from datetime import datetime

import pytz

from odoo import fields

DEFAULT_TZ = 'UTC'
# The seconds of a language's time format, and what separates them ("%H:%M:%S",
# "%H时%M分%S秒"): datetimes are shown to the minute.
SECONDS = re.compile(r'[:.]?%S(秒)?')


def valid_tz(name):
    """``name`` when it is a time zone pytz knows, else ``DEFAULT_TZ``."""
    return name if name in pytz.all_timezones_set else DEFAULT_TZ


def today_in_tz(tz_name, now=None):
    """The calendar day (a ``date``) at ``now`` (a naive UTC datetime, default: now) in the
    time zone ``tz_name``."""
    now = now or datetime.utcnow()
    return pytz.utc.localize(now).astimezone(pytz.timezone(valid_tz(tz_name))).date()


def main_company(env):
    """The main company (lowest id): the company of shared customers' grades and days."""
    env.cr.execute("SELECT MIN(id) FROM res_company")
    return env['res.company'].browse(env.cr.fetchone()[0])


def company_tz(company):
    """The time zone of ``company``'s jobs: its partner's, else ``DEFAULT_TZ``."""
    return valid_tz(company.sudo().partner_id.tz)


def company_today(company, now=None):
    """Today (a ``date``) in ``company``'s time zone; the main company's when empty."""
    company = company or main_company(company.env)
    return today_in_tz(company_tz(company), now)


def user_tz(env):
    """The reader's time zone: the context's, else the user's, else ``DEFAULT_TZ``."""
    return valid_tz(env.context.get('tz') or env.user.tz)


def user_today(env, now=None):
    """Today (a ``date``) in the reader's calendar."""
    return today_in_tz(user_tz(env), now)


def local_datetime(env, value, tz_name=None):
    """A stored UTC datetime (string or datetime) as the reader's (or ``tz_name``'s) local
    naive datetime; ``False`` stays ``False``."""
    if not value:
        return False
    if isinstance(value, str):
        value = fields.Datetime.from_string(value)
    zone = pytz.timezone(valid_tz(tz_name) if tz_name else user_tz(env))
    return pytz.utc.localize(value).astimezone(zone).replace(tzinfo=None)


def local_date(env, value, tz_name=None):
    """The reader's (or ``tz_name``'s) calendar day of a stored UTC datetime, as a string."""
    local = local_datetime(env, value, tz_name)
    return fields.Date.to_string(local.date()) if local else False


def format_datetime(env, value, tz_name=None):
    """A stored UTC datetime in the reader's time zone and language's format, to the minute
    (no seconds): what the web client's ``datetime_minutes`` widget shows."""
    local = local_datetime(env, value, tz_name)
    if not local:
        return ''
    lang = env['res.lang']._lang_get(env.lang or 'en_US')
    pattern = '%s %s' % (lang.date_format or '%Y-%m-%d',
                         SECONDS.sub('', lang.time_format or '%H:%M:%S'))
    return local.strftime(pattern)


def company_tz_sql(company_id_sql):
    """SQL expression of the time zone of the company ``company_id_sql`` (an SQL
    expression, NULL for the main company)."""
    return ("COALESCE((SELECT tzp.tz FROM res_company tzc "
            "JOIN res_partner tzp ON tzp.id = tzc.partner_id "
            "WHERE tzc.id = COALESCE(%s, (SELECT MIN(id) FROM res_company))), '%s')"
            % (company_id_sql, DEFAULT_TZ))


def local_date_sql(timestamp_sql, tz_sql):
    """SQL expression of the calendar day, in the time zone ``tz_sql``, of the UTC
    timestamp ``timestamp_sql`` (a ``timestamp without time zone`` as Odoo stores them)."""
    return "((%s) AT TIME ZONE 'UTC' AT TIME ZONE (%s))::date" % (timestamp_sql, tz_sql)
