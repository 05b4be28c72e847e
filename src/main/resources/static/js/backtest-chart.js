// Draws a backtest's alerts per week: one chart per rule set, a bar per week stacked by rule, every
// chart on the same scale and with the same colour for a rule, so that a rule a candidate changes
// stands out. Stacked bars rather than a line per rule: counts are small whole numbers, and lines
// of several rules lie on top of each other and hide one another; a stack shows each rule and the
// week's total. The data is in the section's data-chart attribute. The answer may come after the
// page has loaded (htmx puts it in place of the progress), so drawing is tried again whenever htmx
// adds content; that is also when the keyboard focus is looked after.
(function () {
    "use strict";
    // Each at least 3:1 against white; after these the colours come round again (the table has every figure).
    var colours = ["#0b57a4", "#b3261e", "#1d6b36", "#c25e00", "#5b3fa0", "#006b6b", "#8a1c5c", "#4d5661",
        "#6b8e00", "#d1006b", "#7a4b00", "#1f8fbf"];
    var drawn = [];
    var WEEK = 7 * 24 * 3600;

    function utc(ts) {
        return uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC");
    }

    function size(box) {
        return {width: Math.max(200, box.clientWidth), height: 260};
    }

    /** Each rule's bar reaches up to the sum of the rules below it and its own count. */
    function stacked(counts) {
        var sums = [];
        counts.forEach(function (perWeek, rule) {
            sums.push(perWeek.map(function (count, week) { return count + (rule > 0 ? sums[rule - 1][week] : 0); }));
        });
        return sums;
    }

    /** Week starts to label: every one, or every so many when the chart is too narrow for them all. */
    function weekSplits(weeks) {
        return function (u) {
            var fit = Math.max(1, Math.floor(u.bbox.width / devicePixelRatio / 64));
            var every = Math.ceil(weeks.length / fit);
            return weeks.filter(function (week, i) { return i % every === 0; });
        };
    }

    function draw() {
        var section = document.getElementById("weekly");
        if (!section || !section.dataset.chart || typeof uPlot === "undefined") {
            return;
        }
        var data = JSON.parse(section.dataset.chart);
        var dayMonth = uPlot.fmtDate("{D} {MMM}");
        var bars = uPlot.paths.bars({size: [0.7, 64]});
        var xRange = [data.weeks[0] - WEEK / 2, data.weeks[data.weeks.length - 1] + WEEK / 2];
        var most = Math.max(4, data.most);
        section.querySelectorAll(".weekly-chart").forEach(function (box) {
            if (box.querySelector(".uplot")) {
                return;
            }
            var sums = stacked(data.runs[Number(box.dataset.run)].counts);
            // The tallest bar is drawn first and the rest over it, so the first rule sits at the bottom of
            // each stack; the legend then reads from the top of the stack down.
            var order = data.rules.map(function (rule, i) { return i; }).reverse();
            var options = Object.assign(size(box), {
                tzDate: utc,
                scales: {
                    // Weeks start on Monday in UTC, as the engine counts them.
                    x: {time: true, range: xRange},
                    // One scale for every chart, so that two rule sets compare by eye.
                    y: {range: [0, most]}
                },
                axes: [
                    {splits: weekSplits(data.weeks),
                        values: function (u, splits) { return splits.map(function (ts) { return dayMonth(utc(ts)); }); }},
                    {label: "alerts per week", incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]}
                ],
                legend: {show: true, live: false},
                cursor: {show: false},
                series: [{}].concat(order.map(function (i) {
                    var colour = colours[i % colours.length];
                    return {label: data.rules[i], fill: colour, stroke: "#ffffff", width: 1, paths: bars,
                        points: {show: false}};
                }))
            });
            var values = [data.weeks].concat(order.map(function (i) { return sums[i]; }));
            drawn.push({box: box, chart: new uPlot(options, values, box)});
        });
    }

    // When the answer takes the place of the running section, focus that was in it (on Cancel, say)
    // goes to the answer's first heading rather than being lost with the section.
    var focusWasInside = false;

    function land() {
        var landing = document.querySelector("#backtest [data-landing]");
        if (focusWasInside && landing) {
            focusWasInside = false;
            landing.focus();
        }
    }

    document.addEventListener("htmx:beforeSwap", function () {
        var section = document.getElementById("backtest");
        focusWasInside = !!section && section.contains(document.activeElement);
    });
    window.addEventListener("resize", function () {
        drawn = drawn.filter(function (one) { return document.body.contains(one.box); });
        drawn.forEach(function (one) { one.chart.setSize(size(one.box)); });
    });
    document.addEventListener("htmx:load", function () {
        draw();
        land();
    });
    draw();
}());
