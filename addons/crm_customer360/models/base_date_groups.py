# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Date groups labelled as Chinese readers write dates, in every list, pivot and graph.

The host labels a group by month with the pattern ``MMMM yyyy`` in every language, which in
Chinese reads "二月 2026"; a Chinese reader writes 2026年2月. For a Chinese interface (``zh_*``)
the groups by day, week, month and quarter take the Chinese order; other languages keep the
host's labels. Only the label changes: the groups, their domains and their order are the
host's.
"""
from odoo import models

# CLDR patterns (Babel): yyyy is the calendar year, YYYY the ISO week-year (see the host's
# ``_read_group_process_groupby`` on mixing them).
CHINESE_DATE_GROUP_FORMATS = {
    'day': 'yyyy年M月d日',
    'week': 'YYYY年第w周',
    'month': 'yyyy年M月',
    'quarter': 'yyyy年第Q季度',
}


class Base(models.AbstractModel):
    _inherit = 'base'

    def _read_group_process_groupby(self, gb, query):
        """The host's grouping information, with a Chinese label format for a Chinese
        reader (``CHINESE_DATE_GROUP_FORMATS``)."""
        result = super()._read_group_process_groupby(gb, query)
        lang = self._context.get('lang') or ''
        if result.get('display_format') and lang.startswith('zh'):
            interval = gb.split(':')[1] if ':' in gb else 'month'
            result['display_format'] = CHINESE_DATE_GROUP_FORMATS.get(
                interval, result['display_format'])
        return result
