/*
 * Charts across runs, for the dashboard: a pipeline's wall time per run (one point per run,
 * regressions marked where they start, the shown run ringed), each stage's share of the
 * critical path per run (stacked), and a sparkline for the home page. uPlot through the same
 * page set-up as the report's charts (PerfCharts resizes them with the window). The x axis
 * is the run's number in the pipeline's history; every label is drawn by uPlot on its canvas
 * or set as textContent, never parsed as HTML.
 */
(function (global) {
  'use strict';

  var F = global.PerfReport.format;
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var PALETTE = ['#e8590c', '#1971c2', '#2f9e44', '#ae3ec9', '#f08c00', '#0c8599', '#c2255c', '#5c940d', '#6741d9', '#868e96'];
  var WALL = '#1971c2';

  function css(name, fallback) {
    var v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return v || fallback;
  }
  function axisStyle() {
    return { stroke: css('--muted', '#667384'), font: '11px ' + css('--sans', 'sans-serif'),
      grid: { stroke: css('--line-soft', '#eef1f4'), width: 1 }, ticks: { stroke: css('--line-soft', '#eef1f4'), width: 1 } };
  }
  function withAlpha(hex, a) {
    var m = /^#(..)(..)(..)$/.exec(hex);
    return 'rgba(' + parseInt(m[1], 16) + ',' + parseInt(m[2], 16) + ',' + parseInt(m[3], 16) + ',' + a + ')';
  }
  /** Run numbers as x: integers only, half a run of room at each end so no point sits on the frame. */
  function runScale(numbers) {
    var lo = numbers[0];
    var hi = numbers[numbers.length - 1];
    return { time: false, range: function () { return [lo - 0.5, hi + 0.5]; } };
  }
  function runAxis(base) {
    return Object.assign({}, base, {
      space: 44,
      incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10000],
      values: function (u, splits) { return splits.map(function (v) { return Math.round(v) === v ? '#' + v : ''; }); }
    });
  }
  function track(target, plot, height) {
    global.PerfCharts.charts.push({ el: target, plot: plot, height: height });
    return plot;
  }

  /**
   * Wall time per run. runs: [{number, id, wall_ns}] oldest first. o.regressions:
   * [{number, text, direction}] (drawn as a dashed line where the change starts, with its text
   * as the tooltip there); o.selected: the run number shown below; o.onPick(run) on a click.
   */
  function wallTime(target, runs, o) {
    var xs = runs.map(function (r) { return r.number; });
    var ys = runs.map(function (r) { return r.wall_ns; });
    var max = Math.max.apply(null, ys.concat([1]));
    var marks = (o.regressions || []).filter(function (m) { return m.number >= xs[0] && m.number <= xs[xs.length - 1]; });
    var height = o.height || 230;
    var base = axisStyle();
    var plot = new global.uPlot({
      width: Math.max(300, target.clientWidth),
      height: height,
      scales: { x: runScale(xs), y: { range: [0, max * 1.12] } },
      series: [
        { label: 'run', value: function (u, v) { return v === null || v === undefined ? '\u2014' : '#' + v; } },
        { label: 'wall time', stroke: WALL, fill: withAlpha(WALL, 0.08), width: 1.6,
          points: { show: true, size: 8, width: 1.5, fill: '#fff' },
          value: function (u, v) { return v === null || v === undefined ? '\u2014' : F.dur(v); } }
      ],
      axes: [
        runAxis(base),
        Object.assign({}, base, { space: 30, size: 64, values: function (u, splits) { return splits.map(function (v) { return v === 0 ? '0' : F.dur(v); }); } })
      ],
      cursor: { drag: { x: false, y: false }, points: { size: 10 } },
      legend: { live: true },
      hooks: {
        // marks under the line, so that the point at a change's first run stays whole
        drawAxes: [function (u) { drawMarks(u, marks); }],
        draw: [function (u) { drawSelected(u, xs, ys, o.selected); }],
        setCursor: [function (u) {
          var i = u.cursor.idx;
          var hit = i === null || i === undefined ? [] : marks.filter(function (m) { return m.number === xs[i]; });
          u.over.title = hit.map(function (m) { return m.text; }).join('\n');
          u.over.style.cursor = i === null || i === undefined ? 'default' : 'pointer';
        }]
      }
    }, [xs, ys], target);
    plot.over.addEventListener('click', function () {
      var i = plot.cursor.idx;
      if (i !== null && i !== undefined && o.onPick) { o.onPick(runs[i]); }
    });
    return track(target, plot, height);
  }

  /**
   * A dashed line at each regression's first run, red for worse, green for better, over a
   * white line so that it reads on the stacked chart's opaque fills too.
   */
  function drawMarks(u, marks) {
    var ctx = u.ctx;
    var dpr = global.devicePixelRatio || 1;
    marks.forEach(function (m) {
      var x = Math.round(u.valToPos(m.number, 'x', true)) + 0.5;
      ctx.save();
      ctx.strokeStyle = 'rgba(255,255,255,0.85)';
      ctx.lineWidth = 4.5 * dpr;
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.strokeStyle = m.direction === 'improvement' ? '#2f9e44' : '#c92a2a';
      ctx.lineWidth = 1.5 * dpr;
      ctx.setLineDash([5 * dpr, 4 * dpr]);
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = ctx.strokeStyle;
      ctx.beginPath();
      ctx.moveTo(x - 5 * dpr, u.bbox.top);
      ctx.lineTo(x + 5 * dpr, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + 7 * dpr);
      ctx.fill();
      ctx.restore();
    });
  }

  /** A ring around the run whose waterfall is shown. */
  function drawSelected(u, xs, ys, selected) {
    var i = xs.indexOf(selected);
    if (i < 0) { return; }
    var dpr = global.devicePixelRatio || 1;
    var ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = '#e8590c';
    ctx.lineWidth = 2.5 * dpr;
    ctx.beginPath();
    ctx.arc(u.valToPos(xs[i], 'x', true), u.valToPos(ys[i], 'y', true), 8 * dpr, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.restore();
  }

  /**
   * Each stage's share of the critical path per run, stacked (the stages with the largest
   * shares, the rest as "other"). runs as for wallTime; rows: /api/export's rows.
   */
  function criticalPathShares(target, runs, rows, o) {
    var numberOf = {};
    runs.forEach(function (r) { numberOf[r.id] = r.number; });
    var byRun = {};
    var total = {};
    rows.forEach(function (row) {
      if (numberOf[row.run_id] === undefined || !(row.critical_path_share > 0)) { return; }
      var st = String(row.stage);
      var run = byRun[row.run_id] = byRun[row.run_id] || {};
      run[st] = (run[st] || 0) + row.critical_path_share;
      total[st] = (total[st] || 0) + row.critical_path_share;
    });
    var stages = Object.keys(total).sort(function (a, b) { return total[b] - total[a]; });
    if (!stages.length) { return null; }
    var shown = stages.slice(0, PALETTE.length - 1);
    var other = stages.length > shown.length;
    var names = shown.concat(other ? ['other stages'] : []);
    var own = names.map(function () { return []; });
    runs.forEach(function (r) {
      var m = byRun[r.id] || {};
      var rest = 0;
      stages.forEach(function (s) { if (shown.indexOf(s) < 0) { rest += m[s] || 0; } });
      names.forEach(function (n, k) { own[k].push(k < shown.length ? (m[n] || 0) : rest); });
    });
    // cumulative from the bottom (the largest stage); drawn top first, so each lower fill covers the one above
    var cum = [];
    names.forEach(function (n, k) { cum.push(own[k].map(function (v, i) { return v + (k ? cum[k - 1][i] : 0); })); });
    var top = 0;
    cum[cum.length - 1].forEach(function (v) { top = Math.max(top, v); });
    var xs = runs.map(function (r) { return r.number; });
    var series = [{ label: 'run', value: function (u, v) { return v === null || v === undefined ? '\u2014' : '#' + v; } }];
    var data = [xs];
    for (var k = names.length - 1; k >= 0; k--) {
      (function (k) {
        var color = PALETTE[k];
        // opaque: each lower band covers the upper one's fill, and see-through fills would mix colours
        series.push({ label: names[k], stroke: '#ffffff', fill: color, width: 1, points: { show: false },
          value: function (u, v, si, i) { return i === null || i === undefined ? '\u2014' : F.pct(own[k][i]); } });
        data.push(cum[k]);
      })(k);
    }
    var height = o.height || 230;
    var base = axisStyle();
    var plot = new global.uPlot({
      width: Math.max(300, target.clientWidth),
      height: height,
      scales: { x: runScale(xs), y: { range: [0, Math.max(1, top)] } },
      series: series,
      axes: [runAxis(base), Object.assign({}, base, { space: 30, size: 64, values: function (u, splits) { return splits.map(function (v) { return F.pct(v); }); } })],
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
      hooks: { draw: [function (u) { drawMarks(u, (o.regressions || []).filter(function (m) { return m.number >= xs[0] && m.number <= xs[xs.length - 1]; })); }] }
    }, data, target);
    return track(target, plot, height);
  }

  /** A small line of values (oldest first) as SVG, with the last value dotted; null for none. */
  function sparkline(values, title) {
    var vs = values.filter(function (v) { return typeof v === 'number' && isFinite(v); });
    if (!vs.length) { return null; }
    var W = 140;
    var H = 30;
    var max = Math.max.apply(null, vs);
    var min = Math.min.apply(null, vs);
    var span = max - min || Math.max(1, max);
    function x(i) { return vs.length === 1 ? W / 2 : 3 + (i / (vs.length - 1)) * (W - 6); }
    function y(v) { return H - 4 - ((v - min) / span) * (H - 8); }
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('class', 'spark');
    svg.setAttribute('width', W);
    svg.setAttribute('height', H);
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('role', 'img');
    var t = document.createElementNS(SVG_NS, 'title');
    t.textContent = title;
    svg.appendChild(t);
    var line = document.createElementNS(SVG_NS, 'polyline');
    line.setAttribute('points', vs.map(function (v, i) { return x(i).toFixed(1) + ',' + y(v).toFixed(1); }).join(' '));
    svg.appendChild(line);
    var dot = document.createElementNS(SVG_NS, 'circle');
    dot.setAttribute('cx', x(vs.length - 1).toFixed(1));
    dot.setAttribute('cy', y(vs[vs.length - 1]).toFixed(1));
    dot.setAttribute('r', '2.5');
    svg.appendChild(dot);
    return svg;
  }

  global.PerfTrends = { wallTime: wallTime, criticalPathShares: criticalPathShares, sparkline: sparkline };
})(window);
