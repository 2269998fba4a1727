/*
 * PerfCharts: the chart helpers of perf-agent's front-end, for the report page and for any
 * other page that shows the same data (the collector-side analyzer's dashboard). It knows
 * nothing of the report's JSON: callers pass points, buckets and formatters.
 *
 * Time series are drawn by uPlot (inlined before this file), which picks ticks that fit the
 * width, draws on a canvas and shows the values under the cursor in its legend. Latency
 * histograms are small SVGs instead: a table cell has room for ~40 px of height, SVG gives
 * each bucket a native tooltip, and a canvas per table row would cost more than it draws.
 */
(function (global) {
  'use strict';

  var SVG_NS = 'http://www.w3.org/2000/svg';
  /** Every time-series chart drawn: { el, plot, height }; resized with the window. */
  var charts = [];
  var measureCtx = null;

  function isNum(v) { return typeof v === 'number' && isFinite(v); }
  function validPoint(q) { return Array.isArray(q) && isNum(q[0]) && isNum(q[1]); }

  function cssVar(name, fallback) {
    var v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return v || fallback;
  }

  /** A short number for tick labels: at most 3 significant digits, no trailing zeros. */
  function shortNum(v) {
    var a = Math.abs(v);
    var s = a >= 100 || a === 0 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toPrecision(2);
    if (s.indexOf('.') >= 0) { s = s.replace(/0+$/, '').replace(/\.$/, ''); }
    return s;
  }

  // ---------------------------------------------------------------- time series

  /**
   * The earliest and latest time over the points ([t, value] pairs) of several series, or
   * null when there is none. Charts given the same range line up under each other, and their
   * time axis starts at the data's own first sample whatever clock the times come from
   * (epoch nanoseconds from the samplers, or times relative to a run).
   */
  function timeRange(pointLists) {
    var lo = Infinity;
    var hi = -Infinity;
    pointLists.forEach(function (pts) {
      (Array.isArray(pts) ? pts : []).forEach(function (q) {
        if (validPoint(q)) { lo = Math.min(lo, q[0]); hi = Math.max(hi, q[0]); }
      });
    });
    return lo === Infinity ? null : { startNs: lo, endNs: hi };
  }

  /** Seconds, minutes or hours since the origin: the unit that keeps tick labels short. */
  function timeUnit(spanNs) {
    if (spanNs >= 3 * 3600e9) { return { ns: 3600e9, name: 'h' }; }
    if (spanNs >= 5 * 60e9) { return { ns: 60e9, name: 'min' }; }
    return { ns: 1e9, name: 's' };
  }

  /** Tick steps for byte values: 1, 2, 4 ... up to 2^60 (an exbibyte). */
  var BINARY_INCRS = [];
  for (var k = 0; k <= 60; k++) { BINARY_INCRS.push(Math.pow(2, k)); }

  /** uPlot axis size hook: as wide as the longest tick label, so values are never cut off. */
  function fitLabels(u, values, axisIdx, cycleNum) {
    var axis = u.axes[axisIdx];
    if (cycleNum > 1) { return axis._size; }
    measureCtx = measureCtx || document.createElement('canvas').getContext('2d');
    measureCtx.font = axis.font[0];
    var w = 0;
    (values || []).forEach(function (v) { w = Math.max(w, measureCtx.measureText(String(v)).width); });
    return Math.ceil(axis.ticks.size + axis.gap + w / (global.devicePixelRatio || 1)) + 2;
  }

  /** "#rrggbb" with an alpha, for the area under a line. */
  function withAlpha(hex, alpha) {
    var m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
    return m ? 'rgba(' + parseInt(m[1], 16) + ',' + parseInt(m[2], 16) + ',' + parseInt(m[3], 16) + ',' + alpha + ')' : hex;
  }

  /**
   * Draws one series over time into `target` (an empty block element already in the page,
   * whose width the chart takes) and returns the uPlot instance.
   *
   * o.points [[t_ns, value]...]; o.range {startNs, endNs} from timeRange (the x axis runs from
   * 0 at startNs); o.label the series' name; o.format(value) the figure in its unit;
   * o.yMin, o.yMax the value axis; o.events when each point is one event (a GC pause), drawn
   * as a thin bar, since a line between two events would show values nothing measured;
   * o.binary for values in bytes (ticks at powers of two, so
   * they read 512 MiB, 1 GiB); o.bands [{fromNs, toNs, title}] shaded spans of time;
   * o.height, o.color optional.
   */
  function timeSeries(target, o) {
    var pts = o.points.filter(validPoint).slice().sort(function (a, b) { return a[0] - b[0]; });
    var unit = timeUnit(o.range.endNs - o.range.startNs);
    var xs = [];
    var ys = [];
    pts.forEach(function (q) { xs.push((q[0] - o.range.startNs) / unit.ns); ys.push(q[1]); });
    var xMax = (o.range.endNs - o.range.startNs) / unit.ns;
    var muted = cssVar('--muted', '#667384');
    var grid = { stroke: cssVar('--line-soft', '#eef1f4'), width: 1 };
    var font = '11px ' + cssVar('--sans', 'sans-serif');
    var color = o.color || '#1971c2';
    var height = o.height || 170;
    function xText(v) { return shortNum(v) + ' ' + unit.name; }
    function yText(v) { return v === null || v === undefined ? '\u2014' : o.format(v); }
    var bands = (o.bands || []).map(function (b) {
      return { from: (b.fromNs - o.range.startNs) / unit.ns, to: (b.toNs - o.range.startNs) / unit.ns };
    });
    var plot = new global.uPlot({
      width: Math.max(200, target.clientWidth),
      height: height,
      scales: {
        // Without data over a span (one sample) uPlot picks a range around the point itself.
        x: xMax > 0 ? { time: false, range: [0, xMax] } : { time: false },
        y: { range: [o.yMin, o.yMax] }
      },
      series: [
        { label: 'time', value: function (u, v) { return v === null || v === undefined ? '\u2014' : '+' + xText(v); } },
        o.events
          ? { label: o.label, stroke: color, fill: color, width: 1, paths: global.uPlot.paths.bars({ size: [1, 3] }), points: { show: false }, value: function (u, v) { return yText(v); } }
          : { label: o.label, stroke: color, fill: withAlpha(color, 0.12), width: 1.6, value: function (u, v) { return yText(v); } }
      ],
      axes: [
        { stroke: muted, font: font, grid: grid, ticks: grid, space: 70, values: function (u, splits) { return splits.map(xText); } },
        { stroke: muted, font: font, grid: grid, ticks: grid, space: 28, size: fitLabels, incrs: o.binary ? BINARY_INCRS : undefined,
          values: function (u, splits) { return splits.map(yText); } }
      ],
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
      hooks: { drawAxes: [function (u) { drawBands(u, bands); }] }
    }, [xs, ys], target);
    charts.push({ el: target, plot: plot, height: height });
    return plot;
  }

  /** Shades spans of time (in x-axis units) under the series. */
  function drawBands(u, bands) {
    if (!bands.length) { return; }
    var ctx = u.ctx;
    var left = u.bbox.left;
    var right = left + u.bbox.width;
    ctx.save();
    ctx.fillStyle = 'rgba(232, 89, 12, 0.12)';
    bands.forEach(function (b) {
      var x0 = Math.max(left, u.valToPos(b.from, 'x', true));
      var x1 = Math.min(right, u.valToPos(b.to, 'x', true));
      if (x1 > x0) { ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height); }
    });
    ctx.restore();
  }

  var resizeTimer = null;
  global.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      charts.forEach(function (c) { c.plot.setSize({ width: Math.max(200, c.el.clientWidth), height: c.height }); });
    }, 100);
  });

  // ---------------------------------------------------------------- latency histogram

  /**
   * Reads buckets [{le_ns, count}] into bars on a log time axis: a bucket runs from the
   * previous bound to its own; the first one's lower bound, and an overflow bucket's upper
   * one (no le_ns), are one spacing step beyond, the spacing taken from the neighbouring
   * bounds, so any spacing works. Returns null when no bucket counts a call.
   */
  function histogramBars(buckets) {
    var bounded = [];
    var overflow = null;
    (Array.isArray(buckets) ? buckets : []).forEach(function (b) {
      if (!b || typeof b !== 'object' || !isNum(b.count) || b.count < 0) { return; }
      if (isNum(b.le_ns) && b.le_ns > 0) { bounded.push(b); } else if (b.le_ns === undefined || b.le_ns === null) { overflow = overflow || b; }
    });
    if (!bounded.length) { return null; }
    bounded.sort(function (a, b) { return a.le_ns - b.le_ns; });
    var n = bounded.length;
    var firstStep = n > 1 ? bounded[1].le_ns / bounded[0].le_ns : 10;
    var lastStep = n > 1 ? bounded[n - 1].le_ns / bounded[n - 2].le_ns : 10;
    var bars = bounded.map(function (b, i) {
      return { lo: i ? bounded[i - 1].le_ns : bounded[0].le_ns / firstStep, hi: b.le_ns, count: b.count, first: i === 0 };
    });
    if (overflow) { bars.push({ lo: bounded[n - 1].le_ns, hi: bounded[n - 1].le_ns * lastStep, count: overflow.count, overflow: true }); }
    bars = bars.filter(function (b) { return b.hi > b.lo && b.count > 0; });
    return bars.length ? bars : null;
  }

  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) { e.textContent = String(text); }
    return e;
  }

  /**
   * A latency histogram for a table cell, or null when the buckets count no call: one bar per
   * non-empty bucket on a log time axis (latencies span decades), labelled at powers of ten,
   * with a tooltip per bar. o.formatNs(ns), o.formatCount(n); o.note, when given, ends every
   * tooltip (e.g. that the counts are estimated).
   */
  function histogram(buckets, o) {
    var bars = histogramBars(buckets);
    if (!bars) { return null; }
    var W = 150;
    var barsH = 24;
    var H = barsH + 13;
    var lo = Math.log(bars[0].lo);
    var span = Math.log(bars[bars.length - 1].hi) - lo;
    function x(ns) { return 1 + ((Math.log(ns) - lo) / span) * (W - 2); }
    var max = 0;
    var total = 0;
    bars.forEach(function (b) { max = Math.max(max, b.count); total += b.count; });
    var tail = o.note ? '\n' + o.note : '';
    var root = svg('svg', { 'class': 'hist', width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img' });
    root.appendChild(svg('title', null, 'latency of ' + o.formatCount(total) + ' calls, log time axis' + tail));
    bars.forEach(function (b) {
      // Every non-empty bucket stays visible, however small beside the tallest.
      var h = Math.max(2, (b.count / max) * (barsH - 2));
      var x0 = x(b.lo);
      var r = svg('rect', { 'class': 'bucket', x: (x0 + 0.5).toFixed(2), y: (barsH - h).toFixed(2),
        width: Math.max(1, x(b.hi) - x0 - 1).toFixed(2), height: h.toFixed(2), 'data-count': b.count });
      var range = b.first ? '\u2264 ' + o.formatNs(b.hi) : b.overflow ? '> ' + o.formatNs(b.lo) : o.formatNs(b.lo) + ' \u2013 ' + o.formatNs(b.hi);
      r.appendChild(svg('title', null, range + ': ' + o.formatCount(b.count) + (b.count === 1 ? ' call' : ' calls')
        + ' (' + shortNum(100 * b.count / total) + ' %)' + tail));
      root.appendChild(r);
    });
    root.appendChild(svg('line', { 'class': 'base', x1: 0, x2: W, y1: barsH + 0.5, y2: barsH + 0.5 }));
    // Labels centred under their ticks, moved inside the cell at its edges, and left out
    // where they would touch the previous one; measured in the font the style sheet gives.
    var lastRight = -Infinity;
    measureCtx = measureCtx || document.createElement('canvas').getContext('2d');
    measureCtx.font = '9px ' + cssVar('--sans', 'sans-serif');
    decadeTicks(bars[0].lo, bars[bars.length - 1].hi).forEach(function (ns) {
      var tx = x(ns);
      root.appendChild(svg('line', { 'class': 'tick', x1: tx.toFixed(1), x2: tx.toFixed(1), y1: barsH, y2: barsH + 3 }));
      var text = o.formatNs(ns);
      var half = measureCtx.measureText(text).width / 2 + 0.5;
      var cx = Math.min(W - half, Math.max(half, tx));
      if (cx - half >= lastRight + 6) {
        root.appendChild(svg('text', { x: cx.toFixed(1), y: H - 1, 'text-anchor': 'middle' }, text));
        lastRight = cx + half;
      }
    });
    return root;
  }

  /** The powers of ten within [lo, hi], or the two ends when the range holds fewer than two. */
  function decadeTicks(lo, hi) {
    var out = [];
    for (var p = Math.ceil(Math.log(lo) / Math.LN10 - 1e-9); Math.pow(10, p) <= hi * (1 + 1e-9); p++) { out.push(Math.pow(10, p)); }
    return out.length >= 2 ? out : [lo, hi];
  }

  global.PerfCharts = {
    timeRange: timeRange,
    timeSeries: timeSeries,
    histogram: histogram,
    charts: charts
  };
})(window);
