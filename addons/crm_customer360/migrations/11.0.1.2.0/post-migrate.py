# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Record rules are ``noupdate`` data, which an update leaves as they were. Two changed in
11.0.1.2.0 and are reloaded from their files:

* ``crm_customer_handover_rule_personal``: the receiver of a line also reads the handover;
* ``res_partner_rule_own_customers``: the contacts of a pool customer are visible too.
"""
import os

from lxml import etree

RULES = {
    'security/crm_customer_handover_security.xml': 'crm_customer_handover_rule_personal',
    'security/res_partner_ownership_security.xml': 'res_partner_rule_own_customers',
}


def migrate(cr, version):
    module_dir = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    for path, xml_id in RULES.items():
        tree = etree.parse(os.path.join(module_dir, path))
        domain = tree.xpath("//record[@id=$id]/field[@name='domain_force']", id=xml_id)[0].text
        cr.execute("""
            UPDATE ir_rule r SET domain_force = %s
              FROM ir_model_data d
             WHERE d.module = 'crm_customer360' AND d.name = %s AND d.model = 'ir.rule'
               AND d.res_id = r.id""", (domain, xml_id))
