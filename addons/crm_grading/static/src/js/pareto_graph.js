odoo.define('crm_grading.pareto_graph', function (require) {
"use strict";
/**
 * The Pareto curve (a line chart of crm.customer.pareto by customer_bucket): the host's line
 * chart has no axis titles and clips its last tick at the right edge. Name both axes after
 * their fields (translated by the server) and leave room on the right.
 */
var GraphRenderer = require('web.GraphRenderer');

GraphRenderer.include({
    _renderLineChart: function () {
        var chart = this._super.apply(this, arguments);
        var fields = this.state.fields || {};
        if (!chart || this.state.groupedBy.length !== 1 ||
                this.state.groupedBy[0] !== 'customer_bucket' || !fields.customer_bucket) {
            return chart;
        }
        chart.margin({left: 90, bottom: 100, top: 80, right: 40});
        chart.xAxis.axisLabel(fields.customer_bucket.string);
        chart.yAxis.axisLabel(fields[this.state.measure].string).axisLabelDistance(10);
        chart.update();
        return chart;
    },
});
});
