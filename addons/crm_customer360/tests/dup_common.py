# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared data of the duplicate check tests: a Chinese and an English customer with contacts,
an archived company, an owner and a restricted salesperson."""
from stdnum.cn import uscc

from .common import Customer360Case


def make_uscc(body):
    """A valid unified social credit code from its first 17 characters."""
    return body + uscc.calc_check_digit(body)


class DuplicateCase(Customer360Case):
    """Base class of the duplicate tests; it runs no test of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env['res.partner']
        cls.china = cls.env.ref('base.cn')
        cls.usa = cls.env.ref('base.us')
        cls.owner = cls.make_user('dup_owner', ['sales_team.group_sale_salesman'])
        cls.salesman = cls.make_user('dup_salesman', ['sales_team.group_sale_salesman'])
        cls.vat_xbd = make_uscc('91440300DUP00001X')
        cls.xinbeidou = cls.make_customer(
            '深圳市鑫北辰测控软件开发有限公司', country_id=cls.china.id, vat=cls.vat_xbd,
            phone='0755-2688 0001', email='Sales@xbd-dup-test.cn',
            website='https://www.xbd-dup-test.cn', user_id=cls.owner.id)
        cls.xbd_contact = cls.Partner.create({
            'name': '张伟', 'parent_id': cls.xinbeidou.id, 'email': 'zhang.wei@xbd-dup-test.cn',
            'mobile': '139 2688 0002', 'country_id': cls.china.id})
        cls.harbour = cls.make_customer(
            'Harbourview Dupcheck Logistics Co., Ltd.', country_id=cls.usa.id,
            vat='US-77-1234567', phone='+1 415 555 0142', email='info@harbourview-dup.com',
            website='harbourview-dup.com', user_id=cls.owner.id)
        cls.archived = cls.make_customer(
            'Quillfeather Dupcheck Stationery Inc.', country_id=cls.usa.id,
            email='hello@quillfeather-dup.com', user_id=cls.owner.id, active=False)
