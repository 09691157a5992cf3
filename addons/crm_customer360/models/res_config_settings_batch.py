# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Background work settings in Sales > Settings (system parameters)."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .crm_customer_batch import CHUNK_SIZE, CHUNK_SIZE_PARAM
from .crm_customer_handover_batch import QUEUE_THRESHOLD, QUEUE_THRESHOLD_PARAM

# Bounds of the settings: a part must end well within the request limits, and a handover in
# the request must stay well under 10 s.
MAX_CHUNK_SIZE = 10000
MAX_QUEUE_THRESHOLD = 5000


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    handover_queue_threshold = fields.Integer(
        'Hand Over in the Background Above', default=QUEUE_THRESHOLD,
        config_parameter=QUEUE_THRESHOLD_PARAM,
        help="A handover of more customers than this runs in the background, by parts, "
             "and tells who confirmed it when it is done.")
    batch_chunk_size = fields.Integer(
        'Customers per Background Part', default=CHUNK_SIZE,
        config_parameter=CHUNK_SIZE_PARAM,
        help="Long work (large handovers, the nightly jobs) runs by parts of this many "
             "records, each in one transaction.")

    @api.constrains('handover_queue_threshold', 'batch_chunk_size')
    def _check_batch_settings(self):
        for settings in self:
            if not 1 <= settings.batch_chunk_size <= MAX_CHUNK_SIZE:
                raise ValidationError(_(
                    "Customers per background part must be between 1 and %(max)s, not "
                    "%(value)s.") % {'max': MAX_CHUNK_SIZE, 'value': settings.batch_chunk_size})
            if not 0 <= settings.handover_queue_threshold <= MAX_QUEUE_THRESHOLD:
                raise ValidationError(_(
                    "Handovers run in the background above 0 to %(max)s customers, not "
                    "%(value)s.") % {'max': MAX_QUEUE_THRESHOLD,
                                     'value': settings.handover_queue_threshold})
