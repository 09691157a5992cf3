"""The card tells one story: its grade, its credit text and its counts agree with the figures
on the same screen, in the reader's language (issue 17).

李明 (Simplified Chinese) opens his customer 深圳市鑫北斗软件开发有限公司 of the Chinese company;
Anna (English) opens her customer Müller Maschinenbau GmbH of the UK subsidiary. The expected
values are read from the database as admin, in the reader's language; the screen must show
them, and the credit explanation must name the receivable the card shows beside it.
"""
import re

import demo_records as demo
import odoo_ui as ui

CUSTOMERS_MENU = 'sale.res_partner_menu'
FORM = '.o_content .o_form_view'
PANEL = FORM + ' div.o_c360_panel'
COUNTS = ('quotation_count', 'order_count', 'sale_order_count', 'interaction_count')
CJK = re.compile(r'[\u4e00-\u9fff]')


def amounts(text, lang):
    """The numbers written in ``text`` in the number format of ``lang`` (a res.lang)."""
    cleaned = text.replace('\xa0', ' ')
    if lang.thousands_sep:
        cleaned = cleaned.replace(lang.thousands_sep, '')
    cleaned = cleaned.replace(lang.decimal_point, '.')
    return [float(number) for number in re.findall(r'-?\d+\.\d+', cleaned)]


def expectations(env, login, customer_name):
    """The reader, the customer as the reader reads it, and the values the card must show."""
    user = demo.demo_user(env, login)
    partner = demo.demo_customer(env, customer_name)
    assert partner.user_id == user, '%s should own %s' % (login, customer_name)
    seen = partner.sudo(user).with_context(lang=user.lang, tz=user.tz)
    values = {
        'grade': partner.grade_id.code,
        'credit_rating': partner.credit_rating,
        'credit_explanation': seen.credit_explanation,
        'receivable_amount': seen.receivable_amount,
        'counts': {name: seen[name] for name in COUNTS},
    }
    assert values['grade'], '%s has no grade: the demo closing step did not run' % (
        customer_name)
    assert values['credit_rating'] and values['credit_explanation'], (
        '%s has no credit rating' % customer_name)
    # Every reader entitled to the card counts the same (the admin here).
    for name in COUNTS:
        assert partner[name] == values['counts'][name], (name, partner[name],
                                                          values['counts'][name])
    lang = env['res.lang'].search([('code', '=', user.lang)])
    return user, lang, values


def check_card(browser, url, login, customer_name, user, lang, values):
    """Open the card as ``login`` and compare what it shows with ``values``."""
    ui.login(browser, url, login, login)
    ui.open_menu(browser, CUSTOMERS_MENU)
    ui.search(browser, customer_name)
    ui.open_record(browser, customer_name)
    ui.wait_for(browser, PANEL)
    badge = ui.wait_for(browser, FORM + ' .o_grading_badge')
    assert badge.text.strip() == values['grade'], (badge.text, values['grade'])
    for name in COUNTS:
        shown = ui.field_text(browser, name)
        assert re.sub(r'\D', '', shown) == str(values['counts'][name]), (name, shown, values)
    shown_receivable = amounts(ui.field_text(browser, 'receivable_amount', within=PANEL), lang)
    assert shown_receivable and abs(shown_receivable[0] - values['receivable_amount']) < 0.005
    assert ui.field_text(browser, 'credit_rating', within=PANEL) == values['credit_rating']
    explanation = ui.field_text(browser, 'credit_explanation', within=PANEL)
    assert ' '.join(explanation.split()) == ' '.join(values['credit_explanation'].split())
    # The explanation names the receivable the card shows beside it, in the same currency.
    assert any(abs(amount - shown_receivable[0]) < 0.005
               for amount in amounts(explanation, lang)), (explanation, shown_receivable)
    return explanation


def test_li_ming_reads_his_card_in_chinese(odoo_server, browser, odoo_env):
    customer = '深圳市鑫北斗软件开发有限公司'
    user, lang, values = expectations(odoo_env, 'li.ming', customer)
    assert user.lang == 'zh_CN'
    explanation = check_card(browser, odoo_server.url, 'li.ming', customer, user, lang, values)
    assert CJK.search(explanation), explanation
    assert not re.search(r'\b[a-z]{3,}\b', explanation), explanation
    ui.screenshot(browser, 'card_truth_li_ming')


def test_anna_reads_her_card_in_english(odoo_server, browser, odoo_env):
    customer = 'Müller Maschinenbau GmbH'
    user, lang, values = expectations(odoo_env, 'anna', customer)
    assert user.lang == 'en_US'
    explanation = check_card(browser, odoo_server.url, 'anna', customer, user, lang, values)
    assert not CJK.search(explanation), explanation
    assert 'Receivable today' in explanation
    ui.screenshot(browser, 'card_truth_anna')
