// Draws a backtest's alerts per week: one chart per rule set, one line per rule, every chart on the
// same scale and with the same colour and dash for a rule, so that a rule a candidate changes stands
// out. The data is in the section's data-chart attribute. The answer may come after the page has
// loaded (htmx puts it in place of the progress), so drawing is tried again whenever htmx adds content.
(function () {
    "use strict";
    // Each at least 4.5:1 against white; after these the colours come round again, dashed.
    var colours = ["#0b57a4", "#b3261e", "#1d6b36", "#7a4b00", "#5b3fa0", "#006b6b", "#8a1c5c", "#4d5661"];
    var dashes = [[], [8, 4], [2, 3]];
    var drawn = [];
    var WEEK = 7 * 24 * 3600;

    function series(rule, index) {
        return {
            label: rule,
            stroke: colours[index % colours.length],
            dash: dashes[Math.floor(index / colours.length) % dashes.length],
            width: 2,
            points: {show: true, size: 6}
        };
    }

    function utc(ts) {
        return uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC");
    }

    function size(box) {
        return {width: Math.max(200, box.clientWidth), height: 260};
    }

    function draw() {
        var section = document.getElementById("weekly");
        if (!section || !section.dataset.chart || typeof uPlot === "undefined") {
            return;
        }
        var data = JSON.parse(section.dataset.chart);
        var first = data.weeks[0];
        var last = data.weeks[data.weeks.length - 1];
        // A one-week period still needs some width to draw in.
        var xRange = first === last ? [first - WEEK / 2, last + WEEK / 2] : [first, last];
        var most = Math.max(4, data.most);
        var dayMonth = uPlot.fmtDate("{D} {MMM}");
        section.querySelectorAll(".weekly-chart").forEach(function (box) {
            if (box.querySelector(".uplot")) {
                return;
            }
            var run = data.runs[Number(box.dataset.run)];
            var options = Object.assign(size(box), {
                // Weeks start on Monday in UTC, as the engine counts them.
                tzDate: utc,
                scales: {
                    x: {time: true, range: xRange},
                    // One scale for every chart, so that two rule sets compare by eye.
                    y: {range: [0, most]}
                },
                axes: [
                    {values: function (u, splits) { return splits.map(function (ts) { return dayMonth(utc(ts)); }); }},
                    {label: "alerts per week", incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]}
                ],
                legend: {show: true, live: false},
                series: [{}].concat(data.rules.map(series))
            });
            drawn.push({box: box, chart: new uPlot(options, [data.weeks].concat(run.counts), box)});
        });
    }

    window.addEventListener("resize", function () {
        drawn = drawn.filter(function (one) { return document.body.contains(one.box); });
        drawn.forEach(function (one) { one.chart.setSize(size(one.box)); });
    });
    document.addEventListener("htmx:load", draw);
    draw();
}());
