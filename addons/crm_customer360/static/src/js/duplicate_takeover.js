odoo.define('crm_customer360.duplicate_takeover', function (require) {
"use strict";

// The "Request takeover" links of the duplicate alert on the customer form: HTML computed by
// the server (res.partner.dup_warning_html), so one delegated handler serves every form.
var core = require('web.core');
var rpc = require('web.rpc');

var _t = core._t;

$(document).on('click', 'a.o_c360_request_takeover', function (ev) {
    ev.preventDefault();
    ev.stopPropagation();
    var $link = $(ev.currentTarget);
    if ($link.hasClass('o_c360_pending')) {
        return;
    }
    $link.addClass('o_c360_pending');
    rpc.query({
        model: 'res.partner',
        method: 'request_takeover',
        args: [parseInt($link.data('partner-id'), 10)],
    }).then(function () {
        $link.replaceWith($('<span class="o_c360_takeover_requested text-muted"/>')
            .text(_t("Takeover requested: the salesperson and the sales manager are told.")));
    }).fail(function () {
        // the server's message is shown in the usual error dialog
        $link.removeClass('o_c360_pending');
    });
});

});
