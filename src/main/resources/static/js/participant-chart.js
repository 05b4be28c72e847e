// Draws the participant's last 28 days: craving, mood and sleep on one time axis, sessions as
// marks under the lines and alerts as vertical lines. Data comes from the page's JSON block.
(function () {
    "use strict";
    var box = document.getElementById("chart");
    var block = document.getElementById("chart-data");
    if (!box || !block || typeof uPlot === "undefined") {
        return;
    }
    var data = JSON.parse(block.textContent);
    var colours = {craving: "#b3261e", mood: "#0b57a4", sleep: "#5b3fa0", attended: "#1d6b36",
        missed: "#c25e00", alert: "#a4001d"};
    var attendedStates = {ATTENDED: true, LATE: true, LEFT_EARLY: true};

    function marks(u) {
        var ctx = u.ctx;
        var top = u.bbox.top;
        var bottom = u.bbox.top + u.bbox.height;
        ctx.save();
        data.alerts.forEach(function (alert) {
            var x = Math.round(u.valToPos(alert.at, "x", true));
            ctx.strokeStyle = colours.alert;
            ctx.lineWidth = 2 * devicePixelRatio;
            ctx.setLineDash(alert.kind === "CRITICAL" ? [] : [6 * devicePixelRatio, 4 * devicePixelRatio]);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, bottom);
            ctx.stroke();
        });
        ctx.setLineDash([]);
        data.attendance.forEach(function (session) {
            var x = Math.round(u.valToPos(session.at, "x", true));
            var size = 5 * devicePixelRatio;
            ctx.fillStyle = attendedStates[session.kind] ? colours.attended : colours.missed;
            ctx.beginPath();
            ctx.moveTo(x, bottom - 2 * size);
            ctx.lineTo(x - size, bottom);
            ctx.lineTo(x + size, bottom);
            ctx.closePath();
            ctx.fill();
        });
        ctx.restore();
    }

    function size() {
        return {width: Math.max(280, box.clientWidth), height: 320};
    }

    var options = Object.assign(size(), {
        // Times in the zone the page's tables use, not the browser's.
        tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), data.zone); },
        scales: {x: {time: true, range: [data.from, data.to]}, y: {range: function (u, min, max) { return [0, Math.max(12, max || 0)]; }}},
        axes: [{}, {label: "score / hours"}],
        legend: {show: false},
        series: [
            {},
            {label: "Craving", stroke: colours.craving, width: 2, points: {show: true}},
            {label: "Mood", stroke: colours.mood, width: 2, points: {show: true}},
            {label: "Sleep (h)", stroke: colours.sleep, width: 2, dash: [4, 4], points: {show: true}}
        ],
        hooks: {draw: [marks]}
    });
    var chart = new uPlot(options, [data.checkInTimes, data.craving, data.mood, data.sleep], box);
    window.addEventListener("resize", function () {
        chart.setSize(size());
    });
}());
