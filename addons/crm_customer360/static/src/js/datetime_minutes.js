odoo.define('crm_customer360.datetime_minutes', function (require) {
"use strict";

/**
 * The widget ``datetime_minutes``: a datetime in the reader's time zone, to the minute.
 *
 * The host shows a datetime with the seconds of the language's time format ("18:00:00",
 * "18时00分00秒"): deadlines and dates of the addons read better without them. Read-only
 * display only; editing keeps the host's date picker.
 */
var basic_fields = require('web.basic_fields');
var core = require('web.core');
var field_registry = require('web.field_registry');
var session = require('web.session');
var time = require('web.time');

var _t = core._t;

/**
 * The moment.js format of the user's language, seconds left out: "%H:%M:%S" gives
 * "HH:mm", "%H时%M分%S秒" gives "HH时mm分".
 */
function minutesFormat() {
    var params = _t.database.parameters;
    var timeFormat = params.time_format.replace(/[:.]?%S(秒)?/, '');
    return time.strftime_to_moment_format(params.date_format + ' ' + timeFormat);
}

var FieldDateTimeMinutes = basic_fields.FieldDateTime.extend({
    /**
     * @override
     */
    _formatValue: function (value) {
        if (!value) {
            return '';
        }
        var local = value.clone().add(session.getTZOffset(value), 'minutes');
        return local.format(minutesFormat());
    },
});

field_registry.add('datetime_minutes', FieldDateTimeMinutes);

return {
    FieldDateTimeMinutes: FieldDateTimeMinutes,
    minutesFormat: minutesFormat,
};

});
