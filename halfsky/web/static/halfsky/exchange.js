// The bar chart of the "areas side by side" page: one bar per area for the chosen year.
(function () {
  "use strict";
  function draw() {
    var box = document.getElementById("compare-chart");
    var source = document.getElementById("compare-data");
    if (!box || !source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    var chart = window.echarts.init(box, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      grid: { left: 48, right: 16, top: 24, bottom: 64 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.areas, axisLabel: { interval: 0, rotate: 40 } },
      yAxis: { type: "value", min: function (v) { return Math.min(0, v.min); } },  // bars from 0
      series: [{ type: "bar", name: String(data.year), data: data.values }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
