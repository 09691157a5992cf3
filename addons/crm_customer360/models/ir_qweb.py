# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Asset bundles without the files of addons that are not there at all.

The host's ``web.report_assets_common`` (``web/views/report_templates.xml``) names
``/website/static/src/less/website.snippets.less`` although ``web`` does not depend on
``website`` ("FIXME remove website / portal dependency"): it works where the ``website``
addon sits on the addons path, installed or not. The host's wheels ship no ``website``
addon, so the bundle cannot read that file and Odoo drops the whole stylesheet of the bundle:
every QWeb report (the statement, the briefing, the host's invoices) then renders, in HTML
and in PDF, without Bootstrap.
"""
from odoo import models
from odoo.modules.module import get_module_path


def _absent_addon(url):
    """The name of the addon a bundle's ``url`` (``/<addon>/static/...``) belongs to when no
    directory of the addons path holds that addon, else None."""
    segments = [segment for segment in (url or '').split('/') if segment]
    if len(segments) < 2 or segments[1] != 'static':
        return None
    if get_module_path(segments[0], display_warning=False):
        return None
    return segments[0]


class IrQweb(models.AbstractModel):
    _inherit = 'ir.qweb'

    def _get_asset_content(self, xmlid, options):
        """Leave out of the bundle ``xmlid`` the files that cannot exist: no file found and
        the addon they belong to absent from the addons path. A file missing from an addon
        that is there stays in, and the bundle reports it as the host does."""
        files, remains = super()._get_asset_content(xmlid, options)
        # The host caches its result: build new lists, never change the cached ones.
        kept = [asset for asset in files
                if asset['filename'] or not _absent_addon(asset['url'])]
        return kept, remains
