/* HalfSky charts: ECharts (served by this server) drawing the dashboards' JSON.
   Every chart element carries data-chart (its kind) and either data-url (the API
   endpoint) or data-source (the id of a JSON script on the page). The data table
   beside each chart is its text alternative. Status colours match assessments.css. */
(function () {
  "use strict";
  var TONE = { good: "#1e7e34", fair: "#1f6f8b", poor: "#a06b00", bad: "#8b0000",
               unclear: "#6a4c93", none: "#8c959f" };
  var PALETTE = ["#a4161a", "#0b57d0", "#1e7e34", "#6a4c93", "#a06b00", "#1f6f8b",
                 "#424a53", "#d4457b", "#2e7d6b", "#7a5c00"];
  var words = {};

  function text(key) { return words[key] || key; }
  function json(id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
  function fmt(v) { return v === null || v === undefined ? "" : String(Math.round(v * 100) / 100); }
  // A number with its unit as Chinese statistics write it: 12.5/10万 (unit 1/10万), 95%.
  function withUnit(v, unit) {
    if (v === null || v === undefined) { return ""; }
    return fmt(v) + (unit.indexOf("1/") === 0 ? unit.slice(1) : unit);
  }
  function init(el) {
    var chart = echarts.init(el, null, { renderer: "canvas" });
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }
  function done(el, chart) {
    el.halfskyChart = chart;  // setOption draws at once (no lazy update, no animation)
    if (el.querySelector("canvas")) el.setAttribute("data-rendered", "1");
  }
  // A value axis holding every number a chart shows (values, targets, forecasts, intervals,
  // reference), rounded outwards to a readable step; from 0 when nothing shown is negative
  // and the lowest value lies within the span of 0 (no near-zero axis cut off at 0.3).
  function valueBounds(numbers) {
    var shown = numbers.filter(function (v) { return v !== null && v !== undefined && isFinite(v); });
    if (!shown.length) return { min: 0, max: 1 };
    var low = Math.min.apply(null, shown), high = Math.max.apply(null, shown);
    var span = high - low || Math.abs(high) || 1;
    var step = Math.pow(10, Math.floor(Math.log10(span))) / 2;
    var min = Math.floor((low - span * 0.05) / step) * step;
    var max = Math.ceil((high + span * 0.05) / step) * step;
    if (low >= 0 && (min < 0 || low <= span)) min = 0;
    return { min: Math.round(min * 1e6) / 1e6, max: Math.round(max * 1e6) / 1e6 };
  }
  function yearAxis(min, max) {
    return { type: "value", min: min, max: max, minInterval: 1, interval: 1,
             axisLabel: { formatter: function (v) { return String(v); } } };
  }

  /* ---- an indicator's time series ---- */
  function dimensionsOf(s) {
    if (s.dimensions) return s.dimensions;
    return s.kind === "total" ? [] : [s.kind];
  }

  function visible(s, shown) {
    var dimensions = dimensionsOf(s);
    if (!dimensions.length) return !!shown.total;
    return dimensions.every(function (d) { return !!shown[d]; });
  }

  function seriesOption(data, shown) {
    var a = data.assessment, unit = data.indicator.unit || "";
    var years = data.years.slice();
    (data.unapproved || []).forEach(function (u) { years.push(u.year); });
    (data.reference ? data.reference.values : []).forEach(function (r) { years.push(r.year); });
    data.targets.forEach(function (t) { if (t.year) years.push(t.year); });
    if (a && a.target_year) years.push(a.target_year);
    var periods = data.periods || [];
    periods.forEach(function (p) { years.push(p.baseline_year); years.push(p.end_year); });
    var minYear = Math.min.apply(null, years.length ? years : [data.plan.baseline_year]);
    var maxYear = Math.max.apply(null, years.length ? years : [data.plan.end_year]);
    var out = [], legend = [];
    data.series.forEach(function (s, i) {
      if (!visible(s, shown)) return;
      legend.push(s.label);
      // approved values: filled points (a hollow point is a value not yet approved)
      out.push({ name: s.label, type: "line", symbol: "circle", symbolSize: s.kind === "total" ? 7 : 5,
        lineStyle: { width: s.kind === "total" ? 3 : 1.5, type: s.kind === "township" ? "dashed" : "solid" },
        itemStyle: { color: PALETTE[i % PALETTE.length] },
        data: s.values.map(function (v) { return [v.year, v.value]; }) });
    });
    // Values not yet approved (only for those who work on them): hollow points, never joined
    // to the line, each labelled with its state (待审核, 已退回, 草稿).
    var pending = (data.unapproved || []).filter(function (u) { return visible(u, shown); });
    if (pending.length) {
      legend.push(text("Not yet approved"));
      out.push({ name: text("Not yet approved"), type: "scatter", symbol: "emptyCircle", symbolSize: 10,
        itemStyle: { color: "#57606a", borderWidth: 2 },
        label: { show: true, position: "top", formatter: function (p) { return p.data.state; } },
        data: pending.map(function (u) { return { value: [u.year, u.value], state: u.state, status: u.status }; }) });
    }
    var marks = [];
    data.targets.forEach(function (t) {
      if (t.value !== null && t.value !== undefined) marks.push({ yAxis: t.value, name: t.words,
        label: { formatter: text("Target") + " " + withUnit(t.value, unit), position: "insideEndTop" } });
    });
    var targetYear = a && a.target_year ? a.target_year : null;
    if (targetYear) marks.push({ xAxis: targetYear, label: { formatter: text("Target year") + " " + targetYear } });
    if (periods.length > 1) marks = periodMarks(periods, unit, out);
    if (out.length) out[0].markLine = { symbol: "none", silent: true, lineStyle: { color: "#8b0000", type: "dashed", width: 2 }, data: marks };
    if (a && shown.forecast && a.forecast !== null && a.latest_year && targetYear && targetYear > a.latest_year) {
      legend.push(text("Forecast"));
      out.push({ name: text("Forecast"), type: "line", symbol: "diamond", symbolSize: 9,
        lineStyle: { type: "dotted", width: 2 }, itemStyle: { color: TONE[a.status.tone] },
        data: [[a.latest_year, a.latest_value], [targetYear, a.forecast]] });
      if (a.forecast_low !== null && a.forecast_high !== null && a.forecast_high > a.forecast_low) {
        legend.push(text("Forecast range"));
        out.push({ name: text("Forecast range"), type: "line", symbol: "rect", symbolSize: 6,
          lineStyle: { width: 8, opacity: 0.35 }, itemStyle: { color: TONE[a.status.tone] },
          data: [[targetYear, a.forecast_low], [targetYear, a.forecast_high]] });
      }
    }
    if (a && shown.interval && a.interval_low !== null && a.interval_high !== null && a.latest_year) {
      legend.push(text("95% interval"));
      out.push({ name: text("95% interval"), type: "line", symbol: "rect", symbolSize: 6,
        lineStyle: { width: 10, opacity: 0.3 }, itemStyle: { color: "#6a4c93" },
        data: [[a.latest_year, a.interval_low], [a.latest_year, a.interval_high]] });
    }
    if (data.reference && shown.reference) {
      legend.push(data.reference.label);
      out.push({ name: data.reference.label, type: "line", symbol: "triangle", symbolSize: 7,
        lineStyle: { type: "dashed", width: 2 }, itemStyle: { color: "#424a53" },
        data: data.reference.values.map(function (r) { return [r.year, r.value]; }) });
    }
    var numbers = [];  // every number drawn: the axis holds them all, target lines too
    out.forEach(function (s) { s.data.forEach(function (p) { numbers.push(p[1]); }); });
    data.targets.forEach(function (t) { numbers.push(t.value); });
    periods.forEach(function (p) { p.targets.forEach(function (t) { numbers.push(t.value); }); });
    var bounds = valueBounds(numbers);
    return { animation: false, color: PALETTE,
      tooltip: { trigger: "axis", valueFormatter: function (v) { return withUnit(v, unit); } },
      legend: { data: legend, top: 0, type: "scroll" },
      grid: { left: 56, right: 72, top: 56, bottom: 32 },
      xAxis: yearAxis(minYear, maxYear),
      yAxis: { type: "value", min: bounds.min, max: bounds.max, name: unit, axisLabel: { formatter: fmt } },
      series: out };
  }

  /* A series several plans share: each plan's period shaded, its targets drawn over it.
     Plans of the same period (the women's and the children's plan) share one shaded area
     whose label names them one under the other, never two labels over each other. */
  function periodMarks(periods, unit, out) {
    var marks = [], areas = [], byPeriod = {};
    periods.forEach(function (p) {
      var key = p.baseline_year + "-" + p.end_year, colour = p.current ? "#8b0000" : "#424a53";
      var area = byPeriod[key];
      if (area) {
        area[0].name += "\n" + p.title;
        if (p.current) area[0].label.color = colour;
      } else {
        area = byPeriod[key] = [{ name: p.title, xAxis: p.baseline_year,
                    itemStyle: { color: areas.length % 2 ? "rgba(66,74,83,0.08)" : "rgba(139,0,0,0.06)" },
                    label: { position: "insideTop", color: colour } },
                  { xAxis: p.end_year }];
        areas.push(area);
      }
    });
    periods.forEach(function (p) {
      var colour = p.current ? "#8b0000" : "#424a53";
      p.targets.forEach(function (t) {
        marks.push([{ coord: [p.baseline_year, t.value], name: t.words,
                      lineStyle: { color: colour, type: p.current ? "dashed" : "dotted", width: 2 },
                      label: { formatter: text("Target") + " " + withUnit(t.value, unit), position: "end" } },
                    { coord: [t.year, t.value] }]);
      });
    });
    if (out.length) out[0].markArea = { silent: true, data: areas };
    return marks;
  }

  function seriesChart(el, data) {
    var chart = init(el), box = el.closest("[data-chart-box]") || el.parentNode;
    var shown = { total: true, forecast: true, interval: true, reference: true };
    var kinds = {};  // one toggle per dimension: a crossed series shows when all its are on
    data.series.forEach(function (s) { dimensionsOf(s).forEach(function (d) { kinds[d] = true; }); });
    var toggles = box.querySelector("[data-toggles]");
    if (toggles) {
      var choices = Object.keys(kinds).map(function (k) { return [k, text("kind." + k), false]; });
      var a = data.assessment;
      if (a && a.forecast !== null) choices.push(["forecast", text("Forecast"), true]);
      if (a && a.interval_low !== null && a.interval_high !== null) choices.push(["interval", text("95% interval"), true]);
      if (data.reference) choices.push(["reference", data.reference.label, true]);
      choices.forEach(function (c) {
        var label = document.createElement("label"), input = document.createElement("input");
        input.type = "checkbox"; input.checked = c[2]; input.value = c[0]; input.name = "show";
        input.setAttribute("data-toggle", c[0]);
        shown[c[0]] = c[2];
        input.addEventListener("change", function () {
          shown[c[0]] = input.checked;
          chart.setOption(seriesOption(data, shown), { notMerge: true });
          el.setAttribute("data-shown", Object.keys(shown).filter(function (k) { return shown[k]; }).join(" "));
        });
        label.appendChild(input); label.appendChild(document.createTextNode(" " + c[1]));
        toggles.appendChild(label);
      });
    }
    var source = box.querySelector("[data-reference-source]");
    if (source && data.reference) {
      var bySource = {}, order = [];  // each source once, with its years
      data.reference.values.forEach(function (r) {
        if (!bySource[r.source]) { bySource[r.source] = []; order.push(r.source); }
        bySource[r.source].push(r.year);
      });
      source.textContent = text("National reference") + " (" + data.reference.name + "): " +
        order.map(function (s) { return bySource[s].join(text("list separator")) + ": " + s; }).join(text("clause separator"));
    }
    chart.setOption(seriesOption(data, shown));
    done(el, chart);
  }

  /* ---- small charts from page data ---- */
  function spark(el, item) {
    var chart = init(el);
    chart.setOption({ animation: false, grid: { left: 2, right: 2, top: 4, bottom: 4 },
      xAxis: { type: "category", show: false, data: item.values.map(function (v) { return v.year; }) },
      yAxis: { type: "value", show: false, scale: true },
      series: [{ type: "line", symbol: "none", lineStyle: { width: 2, color: TONE[item.status.tone] },
        areaStyle: { opacity: 0.12, color: TONE[item.status.tone] },
        data: item.values.map(function (v) { return v.value; }) }] });
    done(el, chart);
  }

  function rates(el, domains) {
    var chart = init(el);
    chart.setOption({ animation: false, grid: { left: 150, right: 48, top: 8, bottom: 24 },
      tooltip: { trigger: "item", valueFormatter: function (v) { return fmt(v) + "%"; } },
      xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", inverse: true, data: domains.map(function (d) { return d.name; }) },
      series: [{ type: "bar", name: text("Attainment rate"), itemStyle: { color: "#1e7e34" },
        label: { show: true, position: "right", formatter: function (p) { return fmt(p.value) + "%"; } },
        data: domains.map(function (d) { return d.rate_all === null ? 0 : d.rate_all; }) }] });
    chart.on("click", function (p) { window.location.href = domains[p.dataIndex].url; });
    done(el, chart);
  }

  function bars(el, labels, values, name, color, link) {
    var chart = init(el);
    chart.setOption({ animation: false, grid: { left: 150, right: 40, top: 8, bottom: 24 },
      tooltip: { trigger: "item" }, xAxis: { type: "value", minInterval: 1, min: 0 },
      yAxis: { type: "category", inverse: true, data: labels, axisLabel: { interval: 0 } },
      series: [{ type: "bar", name: name, itemStyle: { color: color },
        label: { show: true, position: "right" }, data: values }] });
    if (link) chart.on("click", function (p) { if (link[p.dataIndex]) window.location.href = link[p.dataIndex]; });
    done(el, chart);
  }

  function township(el, item, area) {
    // Bars from 0 (a bar's length is its value), an axis that holds every bar and the shown
    // area's line (a county's, a province's: named by the area), every bar and the line labelled.
    var chart = init(el), unit = item.unit || "";
    var highest = Math.max.apply(null, item.bars.map(function (b) { return b.value; })
      .concat(item.county === null ? [] : [item.county]));
    // the line's label right of the plot, the area's name over its value: clear of the bars' labels
    var countyLabel = area + "\n" + (item.county_year && item.county_year !== item.year ? item.county_year + " " : "") + fmt(item.county);
    chart.setOption({ animation: false, grid: { left: 48, right: 88, top: 28, bottom: 48 },
      tooltip: { trigger: "item", valueFormatter: function (v) { return withUnit(v, unit); } },
      xAxis: { type: "category", data: item.bars.map(function (b) { return b.name; }), axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: "value", min: 0, max: function (v) { return Math.max(v.max, highest * 1.08); }, name: unit },
      series: [{ type: "bar", name: String(item.year), itemStyle: { color: "#0b57d0" },
        label: { show: true, position: "top", formatter: function (p) { return fmt(p.value); } },
        data: item.bars.map(function (b) { return b.value; }),
        markLine: item.county === null ? undefined : { symbol: "none", silent: true,
          lineStyle: { color: "#a4161a", type: "dashed", width: 2 },
          data: [{ yAxis: item.county, label: { formatter: countyLabel, position: "end", color: "#a4161a", overflow: "break", width: 80 } }] } }] });
    done(el, chart);
  }

  function gap(el, item) {
    var chart = init(el), unit = item.unit || "", years = item.values.map(function (v) { return v.year; });
    chart.setOption({ animation: false, color: ["#a4161a", "#0b57d0", "#6a4c93"],
      tooltip: { trigger: "axis", valueFormatter: function (v) { return withUnit(v, unit); } },
      legend: { top: 0 }, grid: { left: 48, right: 56, top: 32, bottom: 28 },
      xAxis: { type: "category", data: years },
      yAxis: [{ type: "value", scale: true, name: unit }, { type: "value", name: text("Gap"), splitLine: { show: false } }],
      series: [
        { name: text("Women"), type: "line", symbol: "circle", data: item.values.map(function (v) { return v.female; }) },
        { name: text("Men"), type: "line", symbol: "rect", lineStyle: { type: "dashed" }, data: item.values.map(function (v) { return v.male; }) },
        { name: text("Gap (women − men)"), type: "bar", yAxisIndex: 1, barWidth: 14, itemStyle: { opacity: 0.6 },
          data: item.values.map(function (v) { return v.gap; }) }] });
    done(el, chart);
  }

  function png(button) {
    var el = document.getElementById(button.getAttribute("data-png"));
    if (!el || !el.halfskyChart) return;
    var link = document.createElement("a");
    link.href = el.halfskyChart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
    link.download = button.getAttribute("data-filename") || "chart.png";
    document.body.appendChild(link); link.click(); link.remove();
  }

  function start() {
    words = json("chart-words") || {};
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var kind = el.getAttribute("data-chart"), src = el.getAttribute("data-source");
      var data = src ? json(src) : null, index = el.getAttribute("data-index");
      var item = data && data.indicators && index !== null ? data.indicators[Number(index)] : null;
      if (kind === "series") {
        fetch(el.getAttribute("data-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
          .then(function (d) { seriesChart(el, d); })
          .catch(function () { el.textContent = text("The chart could not be loaded; the table below has the values."); });
      } else if (kind === "spark") { spark(el, data.key_indicators[Number(index)]); }
      else if (kind === "rates") { rates(el, data.domains); }
      else if (kind === "warning-kinds") {
        bars(el, data.warnings.by_kind.map(function (k) { return k.label; }),
             data.warnings.by_kind.map(function (k) { return k.count; }), text("Warnings"), "#a06b00");
      } else if (kind === "warning-departments") {
        bars(el, data.warnings.by_department.map(function (k) { return k.name; }),
             data.warnings.by_department.map(function (k) { return k.count; }), text("Warnings"), "#8b0000",
             data.warnings.by_department.map(function (k) { return k.url; }));
      } else if (kind === "township") { township(el, item, data.area); }
      else if (kind === "gap") { gap(el, item); }
      else if (kind === "statuses") {
        bars(el, data.statuses.map(function (s) { return s.symbol + " " + s.label; }),
             data.statuses.map(function (s) { return { value: s.count, itemStyle: { color: TONE[s.tone] } }; }),
             text("Indicators"), "#424a53");
      }
    });
    document.querySelectorAll("[data-png]").forEach(function (b) {
      b.addEventListener("click", function () { png(b); });
    });
  }
  // The option builders, for the tests (node) and the browser's console.
  window.HalfSkyCharts = { seriesOption: seriesOption, periodMarks: periodMarks,
                           valueBounds: valueBounds };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
