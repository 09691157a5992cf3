# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The rating request became the one "ticket resolved" e-mail (new name, subject and body).
Its record is ``noupdate`` data, which an update never reloads: reload it here, but only when
its subject is still the shipped one (an administrator's own wording is kept). Its old
translations go with it; the update loads the new ones after this script.
"""
from odoo.tools import convert_file

OLD_SUBJECT = '${object.company_id.name}: how satisfied are you with ticket ${object.number}?'


def migrate(cr, version):
    cr.execute("""
        SELECT t.id FROM mail_template t
          JOIN ir_model_data d ON d.model = 'mail.template' AND d.res_id = t.id
         WHERE d.module = 'crm_service' AND d.name = 'mail_template_ticket_rating_request'
           AND t.subject = %s""", (OLD_SUBJECT,))
    row = cr.fetchone()
    if not row:
        return
    cr.execute("""DELETE FROM ir_translation
                   WHERE type = 'model' AND name LIKE 'mail.template,%%' AND res_id = %s""",
               (row[0],))
    convert_file(cr, 'crm_service', 'data/crm_service_rating_data.xml', {}, mode='init',
                 noupdate=True, kind='data')
