odoo.define('crm_customer360.handover_required', function (require) {
"use strict";
/**
 * The refusal to archive a user who still owns customers (``HandoverRequired`` on the
 * server) is a RedirectWarning that is also a UserError: show it with the host's
 * RedirectWarning dialog, whose button opens the prefilled handover.
 */
var core = require('web.core');
require('web.CrashManager');  // registers the host's handler first

core.crash_registry.add('odoo.addons.crm_customer360.exceptions.HandoverRequired',
                        core.crash_registry.get('odoo.exceptions.RedirectWarning'));
});
