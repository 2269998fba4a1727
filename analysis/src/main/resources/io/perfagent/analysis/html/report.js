/*
 * Draws a perf-report/1 document with DOM calls only: the exit report's (embedded in
 * #report-data, drawn at once) and, through window.PerfReport, any other page's (the
 * analyzer's dashboard draws one stored run's report with the same functions, so a fix here
 * serves both). Report data is only ever set as textContent or attribute values, never parsed
 * as HTML. Every optional field may be missing: each section is drawn from what is there, and
 * a section that still fails is replaced by a note and reported (window.__perfError).
 */
(function () {
  'use strict';

  var SVG_NS = 'http://www.w3.org/2000/svg';
  var MINUS = '\u2212';

  // ---------------------------------------------------------------- values

  function isNum(v) { return typeof v === 'number' && isFinite(v); }
  /** A measured, non-negative figure, or null (the report writes -1 for "not measured"). */
  function num(v) { return isNum(v) && v >= 0 ? v : null; }
  function arr(v) { return Array.isArray(v) ? v : []; }
  function obj(v) { return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : null; }
  function str(v) { return v === null || v === undefined ? '' : String(v); }

  // ---------------------------------------------------------------- formatting

  function sig(v) {
    var a = Math.abs(v);
    var s = a >= 100 || a === 0 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toPrecision(3);
    if (s.indexOf('.') >= 0) { s = s.replace(/0+$/, '').replace(/\.$/, ''); }
    return s.replace('-', MINUS);
  }
  function dur(ns) {
    if (!isNum(ns)) { return '\u2014'; }
    if (ns === 0) { return '0'; }
    var a = Math.abs(ns);
    if (a >= 120e9) { return sig(ns / 60e9) + ' min'; }
    if (a >= 1e9) { return sig(ns / 1e9) + ' s'; }
    if (a >= 1e6) { return sig(ns / 1e6) + ' ms'; }
    if (a >= 1e3) { return sig(ns / 1e3) + ' \u00b5s'; }
    return sig(ns) + ' ns';
  }
  function bytes(b) {
    if (!isNum(b)) { return '\u2014'; }
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
    var u = 0;
    var v = b;
    while (Math.abs(v) >= 1024 && u < units.length - 1) { v /= 1024; u++; }
    return (u === 0 ? String(Math.round(v)) : sig(v)) + ' ' + units[u];
  }
  function pct(fraction) {
    if (!isNum(fraction)) { return '\u2014'; }
    var s = (fraction * 100).toFixed(1).replace(/\.0$/, '');
    return s.replace('-', MINUS) + ' %';
  }
  function grouped(n) {
    var s = String(Math.round(Math.abs(n)));
    var out = '';
    while (s.length > 3) { out = ',' + s.slice(-3) + out; s = s.slice(0, -3); }
    return (n < 0 ? MINUS : '') + s + out;
  }
  function count(n) {
    if (!isNum(n)) { return '\u2014'; }
    var a = Math.abs(n);
    if (a >= 1e12) { return sig(n / 1e12) + ' T'; }
    if (a >= 1e9) { return sig(n / 1e9) + ' G'; }
    if (a >= 1e6) { return sig(n / 1e6) + ' M'; }
    if (a >= 1e4) { return sig(n / 1e3) + ' k'; }
    return Math.round(n) === n ? grouped(n) : sig(n);
  }
  function speedupText(s) {
    return isNum(s) ? (Math.round(s) === s ? String(s) : sig(s)) + 'x' : '?x';
  }
  /** Formats a value in a unit as the report names it (alerts, resource series). */
  function inUnit(v, unit, name) {
    if (!isNum(v)) { return str(v); }
    var u = str(unit).toLowerCase();
    if (u === 'ns') { return dur(v); }
    if (u === 'us' || u === '\u00b5s') { return dur(v * 1e3); }
    if (u === 'ms') { return dur(v * 1e6); }
    if (u === 's') { return dur(v * 1e9); }
    if (u === 'ratio' || u === '1' || (u === '' && /utilization|ratio|share/.test(str(name)))) { return pct(v); }
    if (u === '%' || u === 'percent') { return sig(v) + ' %'; }
    if (u === 'by' || u === 'b' || u === 'bytes') { return bytes(v); }
    return sig(v) + (u ? ' ' + str(unit) : '');
  }

  // ---------------------------------------------------------------- DOM

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) { continue; }
      parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return parent;
  }
  function s(tag, attrs, text) {
    var e = document.createElementNS(SVG_NS, tag);
    if (attrs) {
      for (var k in attrs) {
        if (Object.prototype.hasOwnProperty.call(attrs, k) && attrs[k] !== null && attrs[k] !== undefined) {
          e.setAttribute(k, String(attrs[k]));
        }
      }
    }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function svgTitle(parent, text) { parent.appendChild(s('title', null, text)); }
  function note(text) { return el('p', 'note', text); }
  function reportError(msg) {
    if (window.__perfError) { window.__perfError(msg); }
  }
  /** Draws one part; if it fails, shows a note in its place and reports the error. */
  function guard(what, parent, draw) {
    try {
      draw();
    } catch (e) {
      reportError('while drawing ' + what + ': ' + (e && e.stack ? e.stack : e));
      parent.appendChild(note('Could not draw ' + what + '.'));
    }
  }
  function section(parent, title, cls) {
    var sec = add(el('section', 'section' + (cls ? ' ' + cls : '')));
    var head = add(el('div', 'section-head'), el('h2', null, title));
    sec.appendChild(head);
    parent.appendChild(sec);
    return { root: sec, head: head };
  }
  function truncate(text, maxChars) {
    text = str(text);
    return text.length <= maxChars ? text : text.slice(0, Math.max(1, maxChars - 1)) + '\u2026';
  }
  /** Ticks at 1, 2 or 5 times a power of ten, about `target` of them over [0, max]. */
  function ticks(max, target) {
    if (!(max > 0)) { return [0]; }
    var raw = max / Math.max(1, target);
    var p = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10));
    var step = raw / p >= 5 ? 5 * p : raw / p >= 2 ? 2 * p : p;
    if (step * 10 < raw) { step = raw; }
    var out = [];
    for (var t = 0; t <= max * 1.0001 && out.length < 50; t += step) { out.push(t); }
    return out;
  }

  // ---------------------------------------------------------------- report

  function kindBadge(kind) {
    var k = str(kind).toLowerCase();
    return el('span', 'kind kind-' + (/^[a-z]+$/.test(k) ? k : 'other'), k || '?');
  }

  function evidenceNode(ev) {
    var o = obj(ev);
    if (o) {
      var dl = el('dl');
      Object.keys(o).forEach(function (k) {
        var v = o[k];
        add(dl, el('dt', null, k), el('dd', null, obj(v) || Array.isArray(v) ? JSON.stringify(v) : str(v)));
      });
      return add(el('div', 'evidence'), dl);
    }
    if (Array.isArray(ev)) { return el('div', 'evidence', ev.map(str).join('; ')); }
    if (ev === null || ev === undefined || ev === '') { return null; }
    return el('div', 'evidence', str(ev));
  }

  /** The run wall time a what-if was measured against. */
  function whatIfBase(w, p) {
    var pred = num(w.predicted_wall_ns);
    var gain = isNum(w.predicted_gain_ns) ? w.predicted_gain_ns : null;
    if (pred !== null && gain !== null) { return pred + gain; }
    return num(p.wall_ns);
  }
  function whatIfNode(w, p) {
    var line = el('div', 'whatif');
    var base = whatIfBase(w, p);
    var pred = num(w.predicted_wall_ns);
    var gain = isNum(w.predicted_gain_ns) ? w.predicted_gain_ns : base !== null && pred !== null ? base - pred : null;
    var including = w.scope === 'subtree'
      ? ' including ' + (arr(w.including).length ? arr(w.including).map(str).join(', ') : 'what it calls')
      : '';
    if (including) { line.classList.add('subtree'); }
    add(line, speedupText(w.speedup) + ' faster' + including + ': ');
    if (base !== null && pred !== null) {
      add(line, dur(base) + ' \u2192 ' + dur(pred) + ', ');
    } else if (pred !== null) {
      add(line, 'run ' + dur(pred) + ', ');
    }
    if (gain !== null && gain > 0 && base) {
      add(line, el('span', 'gain', MINUS + pct(gain / base).replace(MINUS, '')));
    } else if (gain !== null && gain > 0) {
      add(line, el('span', 'gain', MINUS + dur(gain)));
    } else {
      add(line, el('span', 'nogain', 'no gain (off the critical path)'));
    }
    line.title = 'predicted gain ' + (gain === null ? 'unknown' : dur(gain));
    return line;
  }

  function byStage(list) {
    var m = {};
    arr(list).forEach(function (x) {
      var o = obj(x);
      if (o) {
        var k = str(o.stage);
        (m[k] = m[k] || []).push(o);
      }
    });
    return m;
  }
  /** The 2x what-if of the stage's own time, else any 2x one, else the first. */
  function preferredWhatIf(list) {
    if (!list || !list.length) { return null; }
    for (var i = 0; i < list.length; i++) { if (list[i].speedup === 2 && list[i].scope !== 'subtree') { return list[i]; } }
    for (var j = 0; j < list.length; j++) { if (list[j].speedup === 2) { return list[j]; } }
    return list[0];
  }

  /** withAlerts false: no count of the report's alerts (a page that lists other alerts). */
  function drawHeader(root, p, index, withAlerts) {
    var head = el('div', 'phead');
    var top = add(el('div', 'phead-top'), el('span', 'label', 'Pipeline'), el('h1', 'pname', str(p.name) || '(unnamed pipeline #' + (index + 1) + ')'));
    head.appendChild(top);
    var stats = el('div', 'stats');
    function stat(k, v, title) {
      var d = add(el('div', 'stat'), el('div', 'v', v), el('div', 'k', k));
      if (title) { d.title = title; }
      stats.appendChild(d);
    }
    // a stream's runs are its windows (the agent folds a consumer loop's calls into them)
    var stream = p.stream === true;
    if (isNum(p.runs)) {
      stat(stream ? (p.runs === 1 ? 'stream window' : 'stream windows') : 'runs', count(p.runs),
        stream ? 'a per-record stage called with no enclosing stage, folded per thread into windows of fold.window' : null);
    }
    if (num(p.wall_ns) !== null) { stat(p.runs > 1 ? (stream ? 'median window' : 'median wall') : 'wall', dur(p.wall_ns)); }
    if (num(p.wall_min_ns) !== null && num(p.wall_max_ns) !== null && p.runs > 1) {
      stat('min \u2013 max wall', dur(p.wall_min_ns) + ' \u2013 ' + dur(p.wall_max_ns));
    }
    var run = obj(p.slowest_run);
    if (run && num(run.wall_ns) !== null && p.runs > 1) { stat('slowest run', dur(run.wall_ns)); }
    if (arr(p.stages).length) { stat('stages', count(arr(p.stages).length)); }
    var cost = obj(p.cost);
    if (cost) {
      if (num(cost.cpu_core_seconds_per_run) !== null) { stat('CPU core-s / run', sig(cost.cpu_core_seconds_per_run)); }
      else if (num(cost.cpu_core_seconds) !== null) { stat('CPU core-s', sig(cost.cpu_core_seconds)); }
      if (num(cost.money_per_run) !== null) { stat('cost / run', sig(cost.money_per_run) + ' ' + str(cost.currency)); }
      else if (num(cost.money) !== null) { stat('cost', sig(cost.money) + ' ' + str(cost.currency)); }
    }
    var alerts = arr(p.alerts);
    if (alerts.length && withAlerts !== false) { stat('alerts', String(alerts.length)); }
    head.appendChild(stats);

    var b = obj(arr(p.bottlenecks)[0]);
    var line = el('div', 'headline');
    if (b) {
      add(line, 'Top bottleneck: ', el('b', null, str(b.stage) || '?'), ' (' + (str(b.kind) || 'unknown kind') + ')');
      if (num(b.critical_path_share) !== null) { add(line, ', ' + pct(b.critical_path_share) + ' of the critical path'); }
      var w = preferredWhatIf(byStage(p.what_if)[str(b.stage)]);
      if (w) {
        var base = whatIfBase(w, p);
        var pred = num(w.predicted_wall_ns);
        if (base !== null && pred !== null && base > 0) {
          var gain = base - pred;
          add(line, gain > 0
            ? '. ' + speedupText(w.speedup) + ' faster would take the run from ' + dur(base) + ' to ' + dur(pred) + ' (' + MINUS + pct(gain / base) + ').'
            : '. Making it ' + speedupText(w.speedup) + ' faster would not shorten the run.');
        } else {
          add(line, '.');
        }
      } else {
        add(line, '.');
      }
    } else {
      add(line, arr(p.stages).length ? 'No bottleneck stands out in this pipeline.' : 'No stage data in this report.');
    }
    head.appendChild(line);
    root.appendChild(head);
  }

  function drawBottlenecks(root, p, stageMap) {
    var list = arr(p.bottlenecks).map(obj).filter(Boolean);
    var whatIfs = byStage(p.what_if);
    var sec = section(root, 'Bottlenecks');
    if (!list.length) {
      sec.root.appendChild(note('No bottlenecks were found.'));
    }
    var cards = el('div', 'cards');
    var shown = {};
    list.forEach(function (b, i) {
      var card = el('div', 'card bottleneck' + (i === 0 ? ' first' : ''));
      card.setAttribute('data-stage', str(b.stage));
      card.setAttribute('data-kind', str(b.kind));
      add(card, add(el('div', 'card-top'), el('span', 'rank', '#' + (i + 1)), el('span', 'stage', str(b.stage) || '?'), kindBadge(b.kind)));
      var share = num(b.critical_path_share);
      if (share !== null) {
        var fill = el('span');
        fill.style.width = Math.min(100, share * 100).toFixed(1) + '%';
        add(card, add(el('div', 'share'), el('span', null, 'critical path'), add(el('span', 'bar'), fill), el('span', 'pct', pct(share))));
      }
      var st = stageMap[str(b.stage)];
      if (st) {
        var facts = [];
        if (isNum(st.calls)) { facts.push(count(st.calls) + (st.calls === 1 ? ' call' : ' calls')); }
        if (num(st.self_ns) !== null) { facts.push('self ' + dur(st.self_ns)); }
        if (num(st.cpu_ns) !== null) { facts.push('CPU ' + dur(st.cpu_ns)); }
        if (num(st.p95_ns) !== null) { facts.push('p95 ' + dur(st.p95_ns)); }
        if (facts.length) {
          var fl = el('div', 'facts');
          facts.forEach(function (f, fi) { add(fl, fi ? ' \u00b7 ' : null, el('span', null, f)); });
          card.appendChild(fl);
        }
      }
      add(card, evidenceNode(b.evidence));
      var wl = el('div', 'whatifs');
      (whatIfs[str(b.stage)] || []).forEach(function (w) { wl.appendChild(whatIfNode(w, p)); });
      if (wl.firstChild) { card.appendChild(wl); }
      shown[str(b.stage)] = true;
      cards.appendChild(card);
    });
    if (list.length) { sec.root.appendChild(cards); }
    var others = arr(p.what_if).map(obj).filter(function (w) { return w && !shown[str(w.stage)]; });
    if (others.length) {
      var box = add(el('div', 'extra-whatif'), el('div', 'muted', 'Other what-ifs'));
      var ul = el('ul');
      others.forEach(function (w) {
        var li = add(el('li'), el('b', null, str(w.stage)), ' \u2014 ');
        var n = whatIfNode(w, p);
        n.className = '';
        n.style.display = 'inline';
        li.appendChild(n);
        ul.appendChild(li);
      });
      sec.root.appendChild(add(box, ul));
    }
  }

  // ---------------------------------------------------------------- waterfall

  /** Spans of the slowest run in tree order (children after their parent, by start). */
  function orderSpans(spans) {
    var byId = {};
    spans.forEach(function (sp) { if (sp.span_id !== undefined && sp.span_id !== null) { byId[str(sp.span_id)] = sp; } });
    var kids = {};
    var roots = [];
    spans.forEach(function (sp) {
      var pid = sp.parent_id === undefined || sp.parent_id === null ? '' : str(sp.parent_id);
      if (pid !== '' && byId[pid] && byId[pid] !== sp) { (kids[pid] = kids[pid] || []).push(sp); } else { roots.push(sp); }
    });
    function byStart(a, b) { return (num(a.start_ns) || 0) - (num(b.start_ns) || 0); }
    var out = [];
    var seen = [];
    function walk(sp, depth) {
      if (seen.indexOf(sp) >= 0 || out.length > 5000) { return; }
      seen.push(sp);
      out.push({ span: sp, depth: depth });
      var list = (kids[str(sp.span_id)] || []).sort(byStart);
      // Many leaf calls of one stage in a row (a per-record stage's first calls and its
      // exemplars) share one row, each call drawn where it ran.
      for (var i = 0; i < list.length; i++) {
        var c = list[i];
        var j = i;
        while (j + 1 < list.length && str(list[j + 1].stage) === str(c.stage)
            && !kids[str(list[j + 1].span_id)] && !kids[str(c.span_id)]) { j++; }
        if (j - i + 1 >= 8) { // small fan-outs stay expanded: their overlap is the point
          var members = list.slice(i, j + 1);
          members.forEach(function (m) { seen.push(m); });
          out.push({ span: c, depth: depth + 1, group: members });
          i = j;
        } else {
          walk(c, depth + 1);
        }
      }
    }
    roots.sort(byStart).forEach(function (r) { walk(r, 0); });
    return out;
  }

  /** title: the section's name ("Slowest run" in the exit report, which covers many runs). */
  function drawWaterfall(root, p, title) {
    var run = obj(p.slowest_run) || {};
    var spans = arr(run.spans).map(obj).filter(Boolean);
    var path = arr(p.critical_path).map(obj).filter(Boolean);
    var sec = section(root, (title || 'Slowest run') + (num(run.wall_ns) !== null ? ' \u00b7 ' + dur(run.wall_ns) : ''), 'wf');
    var legend = add(el('div', 'legend'),
      add(el('span'), el('i', 'l-span'), 'span'),
      add(el('span'), el('i', 'l-crit'), 'critical path'),
      add(el('span'), el('i', 'l-part'), 'span holding it'),
      add(el('span'), el('i', 'l-err'), 'error'));
    sec.head.appendChild(legend);

    var rows;
    var fromPathOnly = false;
    if (spans.length) {
      rows = orderSpans(spans);
    } else if (path.length) {
      fromPathOnly = true;
      rows = path.map(function (c) {
        return { span: { stage: c.stage, start_ns: c.start_ns, duration_ns: c.duration_ns, critical: true, span_id: c.span_id }, depth: 0 };
      });
    } else {
      sec.root.appendChild(note('This report has no spans of a run to draw.'));
      return;
    }
    var end = num(run.wall_ns) || 0;
    rows.forEach(function (r) { end = Math.max(end, (num(r.span.start_ns) || 0) + (num(r.span.duration_ns) || 0)); });
    path.forEach(function (c) { end = Math.max(end, (num(c.start_ns) || 0) + (num(c.duration_ns) || 0)); });
    if (!(end > 0)) { end = 1; }

    var segsBySpan = {};
    if (!fromPathOnly) {
      path.forEach(function (c) {
        if (c.span_id !== undefined && c.span_id !== null) { (segsBySpan[str(c.span_id)] = segsBySpan[str(c.span_id)] || []).push(c); }
      });
    }
    var maxRows = 400;
    var clipped = rows.length > maxRows ? rows.length - maxRows : 0;
    if (clipped) { rows = rows.slice(0, maxRows); }

    var wrap = el('div', 'wf-wrap');
    sec.root.appendChild(wrap);
    var width = Math.max(960, Math.floor((wrap.clientWidth || sec.root.clientWidth || 1200) - 2));
    var labelW = Math.min(320, Math.round(width * 0.24));
    var padR = 64;
    var axisH = 24;
    var rowH = 22;
    var laneH = path.length && !fromPathOnly ? 28 : 0;
    var chartW = width - labelW - padR;
    var height = axisH + laneH + rows.length * rowH + 8;
    function x(t) { return labelW + (Math.max(0, t) / end) * chartW; }

    var svg = s('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'class': 'wf-svg' });
    svgTitle(svg, 'Waterfall of the slowest run of ' + str(p.name));
    var axis = s('g', { 'class': 'axis' });
    ticks(end, Math.max(4, Math.floor(chartW / 110))).forEach(function (t) {
      add(axis, s('line', { 'class': 'grid', x1: x(t), x2: x(t), y1: axisH - 4, y2: height }),
        s('text', { x: x(t), y: 14, 'text-anchor': 'middle' }, t === 0 ? '0' : dur(t)));
    });
    svg.appendChild(axis);

    if (laneH) {
      var lane = s('g', { 'class': 'wf-lane' });
      add(lane, s('rect', { 'class': 'wf-lane-bg', x: 0, y: axisH, width: width, height: laneH - 4, rx: 4 }),
        s('text', { x: 8, y: axisH + 16, 'font-weight': 650 }, 'critical path'));
      path.forEach(function (c) {
        var st = num(c.start_ns) || 0;
        var d = num(c.duration_ns) || 0;
        var w = Math.max(1.5, x(st + d) - x(st));
        var g = s('g', { 'class': 'wf-seg-g' });
        add(g, s('rect', { 'class': 'wf-seg wf-critical-seg', 'data-stage': str(c.stage), x: x(st), y: axisH + 4, width: w, height: laneH - 12, rx: 2 }));
        if (w > 40) {
          add(g, s('text', { 'class': 'wf-seg-label', x: x(st) + 4, y: axisH + 16 }, truncate(c.stage, Math.floor((w - 8) / 6.5))));
        }
        svgTitle(g, str(c.stage) + ' \u2014 ' + dur(d) + ' on the critical path, from +' + dur(st));
        lane.appendChild(g);
      });
      svg.appendChild(lane);
    }

    rows.forEach(function (r, i) {
      var sp = r.span;
      var y = axisH + laneH + i * rowH;
      var st = num(sp.start_ns) || 0;
      var d = num(sp.duration_ns) || 0;
      var critical = sp.critical === true;
      var error = sp.error === true;
      var g = s('g', { 'class': 'wf-row', 'data-stage': str(sp.stage), 'data-span-id': str(sp.span_id) });
      g.appendChild(s('rect', { 'class': 'wf-rowbg', x: 0, y: y, width: width, height: rowH }));
      var indent = 8 + Math.min(r.depth, 12) * 12;
      if (r.group) {
        var total = 0;
        var anyCritical = false;
        g.appendChild(s('text', { 'class': 'wf-label', x: indent, y: y + 15 },
          truncate(str(sp.stage) + ' \u00d7' + r.group.length, Math.floor((labelW - indent - 8) / 7))));
        var last = 0;
        r.group.forEach(function (m) {
          var ms = num(m.start_ns) || 0;
          var md = num(m.duration_ns) || 0;
          total += md;
          anyCritical = anyCritical || m.critical === true;
          last = Math.max(last, x(ms + md));
          g.appendChild(s('rect', { 'class': 'wf-bar' + (m.critical === true ? ' wf-critical' : '') + (m.error === true ? ' wf-error' : ''),
            x: x(ms), y: y + 4, width: Math.max(1.5, x(ms + md) - x(ms)), height: rowH - 8, rx: 1 }));
        });
        g.appendChild(s('text', { 'class': 'wf-dur', x: Math.min(last + 5, width - 120), y: y + 15 },
          r.group.length + ' calls, ' + dur(total) + ' in all'));
        svgTitle(g, str(sp.stage) + ' / ' + r.group.length + ' calls shown (the first calls and the slowest '
          + 'folded ones) / ' + dur(total) + ' in all' + (anyCritical ? ' / some on the critical path' : ''));
        svg.appendChild(g);
        return;
      }
      var label = s('text', { 'class': 'wf-label' + (critical ? ' crit' : ''), x: indent, y: y + 15 },
        truncate(sp.stage || '(unnamed)', Math.floor((labelW - indent - 8) / 7)));
      g.appendChild(label);
      var bx = x(st);
      var bw = Math.max(2, x(st + d) - bx);
      var own = segsBySpan[str(sp.span_id)];
      var cls = 'wf-bar' + (critical ? ' wf-critical' : '') + (critical && own ? ' wf-partial' : '') + (error ? ' wf-error' : '');
      g.appendChild(s('rect', { 'class': cls, x: bx, y: y + 4, width: bw, height: rowH - 8, rx: 2 }));
      // The parts of this span that are on the critical path, solid over its lighter bar.
      (own || []).forEach(function (c) {
        var cs = num(c.start_ns) || 0;
        var cd = num(c.duration_ns) || 0;
        g.appendChild(s('rect', { 'class': 'wf-seg wf-critical-part', x: x(cs), y: y + 4, width: Math.max(1.5, x(cs + cd) - x(cs)), height: rowH - 8 }));
      });
      if (error) {
        // Drawn last, so the critical-path overlay cannot hide the error outline.
        g.appendChild(s('rect', { 'class': 'wf-error-outline', x: bx, y: y + 4, width: bw, height: rowH - 8, rx: 2 }));
        g.appendChild(s('path', { 'class': 'wf-errmark', d: 'M' + (bx + bw + 3) + ' ' + (y + 4) + 'l7 0l-3.5 6z' }));
        g.appendChild(s('circle', { 'class': 'wf-errmark', cx: bx + bw + 6.5, cy: y + 16, r: 1.6 }));
      }
      var label2 = dur(d);
      var tx = bx + bw + (error ? 14 : 5);
      var anchor = 'start';
      if (tx + 56 > width) { tx = bx - 5; anchor = 'end'; }
      g.appendChild(s('text', { 'class': 'wf-dur', x: tx, y: y + 15, 'text-anchor': anchor }, label2));
      var tip = [str(sp.stage) || '(unnamed)'];
      if (sp.thread !== undefined && sp.thread !== null) { tip.push('thread: ' + str(sp.thread)); }
      tip.push('duration: ' + dur(d));
      tip.push('start: +' + dur(st));
      if (critical) { tip.push('on the critical path'); }
      if (error) { tip.push('ERROR'); }
      svgTitle(g, tip.join('\n'));
      svg.appendChild(g);
    });
    wrap.appendChild(svg);
    if (fromPathOnly) { sec.root.appendChild(note('Only the critical path of the slowest run is in this report; its other spans are not.')); }
    if (clipped) { sec.root.appendChild(note(clipped + ' more spans are not drawn.')); }
    var left = arr(p.critical_path_left_out);
    if (left.length) {
      sec.root.appendChild(note(left.length + (left.length === 1 ? ' span was' : ' spans were') +
        ' left off the critical path (still running when their parent ended): ' +
        left.slice(0, 6).map(function (l) { return str(obj(l) ? l.stage : l); }).join(', ') + (left.length > 6 ? ', \u2026' : '') + '.'));
    }
  }

  // ---------------------------------------------------------------- stage table

  /** The stage's latency histogram, "not timed" for a folded stage without one, else nothing. */
  function histogramCell(td, st) {
    var estimated = st.folded === true && isNum(st.timed_calls) && isNum(st.calls) && st.timed_calls < st.calls;
    var h = window.PerfCharts.histogram(st.histogram, {
      formatNs: dur,
      formatCount: grouped,
      note: estimated ? 'estimated from ' + grouped(st.timed_calls) + ' timed calls' : null
    });
    if (h) {
      td.appendChild(h);
    } else if (st.folded === true) {
      td.appendChild(el('span', 'dash', 'not timed'));
    }
  }

  var COLUMNS = [
    { key: 'name', label: 'Stage', type: 'text' },
    { key: 'calls', label: 'Calls', fmt: count },
    { key: 'errors', label: 'Errors', fmt: count },
    { key: 'wall_ns', label: 'Wall', fmt: dur },
    { key: 'self_ns', label: 'Self', fmt: dur },
    { key: 'cpu_ns', label: 'CPU', fmt: dur },
    { key: 'alloc_bytes', label: 'Alloc', fmt: bytes },
    { key: 'records', label: 'Records', fmt: count },
    { key: 'bytes', label: 'Bytes', fmt: bytes },
    // Beside its percentiles, and inside a 1280 px wide window.
    { key: 'histogram', label: 'Distribution', type: 'hist' },
    { key: 'p50_ns', label: 'p50', fmt: dur, percentile: true },
    { key: 'p95_ns', label: 'p95', fmt: dur, percentile: true },
    { key: 'p99_ns', label: 'p99', fmt: dur, percentile: true },
    { key: 'max_ns', label: 'Max', fmt: dur },
    { key: 'critical_path_ns', label: 'Crit. path', fmt: dur },
    { key: 'critical_path_share', label: 'Share', fmt: pct, share: true }
  ];

  /**
   * timerNs: the timer's own cost the agent took out of timed folded calls; a folded stage's
   * percentile below it is within the timer's noise, so only the bound is shown.
   */
  function drawStageTable(root, p, bottleneckKinds, timerNs) {
    var stages = arr(p.stages).map(obj).filter(Boolean);
    var sec = section(root, 'Stages');
    if (!stages.length) { sec.root.appendChild(note('No stage statistics in this report.')); return; }
    sec.head.appendChild(el('span', 'muted', 'click a column to sort \u00b7 totals over ' + (isNum(p.runs) ? count(p.runs) : 'all') + (p.runs === 1 ? ' run' : ' runs')));
    var table = el('table', 'stages');
    var thead = el('thead');
    var hr = el('tr');
    COLUMNS.forEach(function (c, ci) {
      var th = el('th', c.type === 'text' || c.type === 'hist' ? 'txt' : '', c.label);
      th.setAttribute('data-col', c.key);
      th.setAttribute('scope', 'col');
      th.setAttribute('tabindex', '0');
      th.title = c.type === 'hist' ? 'latency histogram of the stage\u2019s calls (log time axis); sorts per-record (folded) stages first' : 'sort by ' + c.label;
      th.addEventListener('click', function () { sortBy(table, ci); });
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(table, ci); } });
      hr.appendChild(th);
    });
    thead.appendChild(hr);
    table.appendChild(thead);
    var tbody = el('tbody');
    stages.forEach(function (st, idx) {
      var tr = el('tr');
      tr.setAttribute('data-index', String(idx));
      tr.setAttribute('data-stage', str(st.name));
      if (st.folded === true) { tr.classList.add('folded'); }
      if (bottleneckKinds[str(st.name)]) { tr.classList.add('is-bottleneck'); }
      COLUMNS.forEach(function (c) {
        var td;
        if (c.type === 'text') {
          td = el('td', 'txt name');
          add(td, el('span', 'stage-name', str(st.name) || '(unnamed)'));
          td.title = str(st.name);
          if (st.folded === true) {
            var b = el('span', 'badge folded', 'per-record');
            b.title = 'folded: counted exactly, timed on a sample';
            td.appendChild(b);
          }
          if (bottleneckKinds[str(st.name)]) {
            var kb = kindBadge(bottleneckKinds[str(st.name)]);
            kb.classList.add('badge');
            kb.title = 'bottleneck';
            td.appendChild(kb);
          }
          td.setAttribute('data-sort', str(st.name).toLowerCase());
        } else if (c.type === 'hist') {
          td = el('td', 'txt hist-cell');
          histogramCell(td, st);
          td.setAttribute('data-sort', st.folded === true ? '1' : '0');
          td.setAttribute('data-num', '1');
        } else {
          var v = num(st[c.key]);
          td = el('td', 'num');
          if (v === null || c.share) {
            numberCell(td, v, c.fmt, c.share, 'not measured');
          } else if (c.key === 'errors' && v > 0) {
            td.appendChild(el('span', 'badge err', c.fmt(v)));
          } else {
            td.textContent = c.fmt(v);
            if (st.folded === true && c.percentile && timerNs && v < timerNs) {
              td.textContent = '<' + dur(timerNs);
              td.title = 'below the timer\u2019s own cost (' + dur(timerNs) + '): within its noise';
            }
            if (c.key === 'cpu_ns' && st.cpu_exact === false) { td.title = 'estimated by sampling'; td.textContent += '*'; }
          }
          if (v !== null) { td.setAttribute('data-sort', String(v)); }
          td.setAttribute('data-num', '1');
        }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    sec.root.appendChild(add(el('div', 'table-wrap'), table));
    if (stages.some(function (st) { return st.cpu_exact === false; })) {
      sec.root.appendChild(note('* CPU time estimated by sampling the threads inside the stage.'));
    }
  }

  // ---------------------------------------------------------------- resources per stage

  var RESOURCE_COLUMNS = [
    { key: 'container_cpu_utilization', label: 'Container CPU', fmt: pct, ratio: true },
    { key: 'host_cpu_utilization', label: 'Host CPU', fmt: pct, ratio: true },
    { key: 'process_cpu_utilization', label: 'Process CPU', fmt: pct, ratio: true },
    { key: 'gpu_utilization', label: 'GPU', fmt: pct, ratio: true },
    { key: 'gpu_memory_bytes', label: 'GPU memory', fmt: bytes },
    { key: 'npu_utilization', label: 'NPU', fmt: pct, ratio: true },
    { key: 'io_wait_utilization', label: 'I/O wait', fmt: pct, ratio: true },
    { key: 'gc_pause_ns', label: 'GC pauses', fmt: dur },
    { key: 'gc_pause_ratio', label: 'GC share', fmt: pct, ratio: true },
    { key: 'covered_ns', label: 'Span time', fmt: dur }
  ];

  /** What the host and the accelerators did while each stage ran; only stages and columns with data. */
  function drawStageResources(root, p) {
    var rows = arr(p.stages).map(obj).filter(function (st) { return st && obj(st.resources); });
    if (!rows.length) { return; }
    var cols = RESOURCE_COLUMNS.filter(function (c) {
      return rows.some(function (st) { return num(st.resources[c.key]) !== null; });
    });
    var sec = section(root, 'While each stage ran');
    sec.head.appendChild(el('span', 'muted', 'mean of each resource series over the stage\u2019s spans of at least one sampling interval'));
    var table = el('table', 'stage-resources');
    var hr = el('tr');
    hr.appendChild(el('th', 'txt', 'Stage'));
    cols.forEach(function (c) { var th = el('th', null, c.label); th.setAttribute('data-col', c.key); th.setAttribute('scope', 'col'); hr.appendChild(th); });
    table.appendChild(add(el('thead'), hr));
    var tbody = el('tbody');
    rows.forEach(function (st) {
      var r = st.resources;
      var tr = el('tr');
      tr.setAttribute('data-stage', str(st.name));
      var name = el('td', 'txt name');
      add(name, el('span', 'stage-name', str(st.name) || '(unnamed)'));
      tr.appendChild(name);
      cols.forEach(function (c) {
        var td = el('td', 'num');
        td.setAttribute('data-col', c.key);
        numberCell(td, num(r[c.key]), c.fmt, c.ratio, 'not sampled');
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    sec.root.appendChild(add(el('div', 'table-wrap'), table));
  }

  /**
   * Fills a number cell: a dash (titled {@code missing}) when there is no value, a bar with
   * the figure for a 0..1 share, else the figure alone.
   */
  function numberCell(td, v, fmt, isShare, missing) {
    if (v === null) {
      td.appendChild(el('span', 'dash', '\u2014'));
      td.title = missing;
    } else if (isShare) {
      var fill = el('span');
      fill.style.width = Math.min(100, v * 100).toFixed(1) + '%';
      add(td, add(el('div', 'cell-share'), add(el('span', 'bar'), fill), el('span', null, fmt(v))));
    } else {
      td.textContent = fmt(v);
    }
  }

  /** Sorts a stage table by a column: first click descending for numbers, ascending for text. */
  function sortBy(table, ci) {
    var ths = table.tHead.rows[0].cells;
    var th = ths[ci];
    var numeric = COLUMNS[ci].type !== 'text';
    var cur = th.getAttribute('aria-sort');
    var dir = cur === 'descending' ? 'ascending' : cur === 'ascending' ? 'descending' : numeric ? 'descending' : 'ascending';
    for (var i = 0; i < ths.length; i++) { ths[i].removeAttribute('aria-sort'); }
    th.setAttribute('aria-sort', dir);
    var sign = dir === 'ascending' ? 1 : -1;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var va = a.cells[ci].getAttribute('data-sort');
      var vb = b.cells[ci].getAttribute('data-sort');
      var ia = Number(a.getAttribute('data-index'));
      var ib = Number(b.getAttribute('data-index'));
      if (va === null && vb === null) { return ia - ib; }
      if (va === null) { return 1; }   // unmeasured last, both ways
      if (vb === null) { return -1; }
      var c = numeric ? Number(va) - Number(vb) : va < vb ? -1 : va > vb ? 1 : 0;
      return c !== 0 ? sign * c : ia - ib;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  // ---------------------------------------------------------------- alerts, recommendations

  function alertList(alerts) {
    var ul = el('ul', 'items alerts');
    alerts.forEach(function (a) {
      var lvl = str(a.level).toLowerCase();
      var li = add(el('li', 'alert'), el('span', 'lvl lvl-' + (/^[a-z]+$/.test(lvl) ? lvl : 'other'), lvl || 'alert'));
      li.setAttribute('data-level', lvl);
      add(li, el('b', null, str(a.subject) || '?'));
      if (a.rule !== undefined && a.rule !== null && a.rule !== '') { add(li, ' ', el('code', null, str(a.rule))); }
      var parts = [];
      if (a.value !== undefined && a.value !== null) { parts.push(inUnit(a.value, a.unit, a.rule)); }
      if (a.threshold !== undefined && a.threshold !== null) { parts.push('limit ' + inUnit(a.threshold, a.unit, a.rule)); }
      if (parts.length) { add(li, el('div', 'rec-ev', parts.join(' \u00b7 '))); }
      ul.appendChild(li);
    });
    return ul;
  }

  /** withAlerts false: recommendations alone (the dashboard lists the analyzer's alerts itself). */
  function drawAlertsAndRecs(root, p, withAlerts) {
    var two = el('div', withAlerts === false ? 'one' : 'two');
    root.appendChild(two);
    if (withAlerts !== false) {
      var alerts = arr(p.alerts).map(obj).filter(Boolean);
      var a = section(two, 'Alerts');
      if (alerts.length) { a.root.appendChild(alertList(alerts)); } else { a.root.appendChild(note('No objective was breached.')); }
    }
    var recs = arr(p.recommendations).map(obj).filter(Boolean);
    var r = section(two, 'Recommendations');
    if (!recs.length) { r.root.appendChild(note('Nothing worth acting on was found.')); return; }
    var ul = el('ul', 'items recs');
    recs.forEach(function (rec) {
      var li = el('li', 'rec');
      if (rec.stage !== undefined && rec.stage !== null && rec.stage !== '') { add(li, el('span', 'rec-stage', str(rec.stage))); }
      add(li, el('span', null, str(rec.text)));
      var ev = evidenceNode(rec.evidence);
      if (ev) { ev.classList.add('rec-ev'); li.appendChild(ev); }
      ul.appendChild(li);
    });
    r.root.appendChild(ul);
  }

  // ---------------------------------------------------------------- resources

  /**
   * One chart per series, all on one time axis: seconds (or minutes, hours) from the first
   * sample in the report, read from the data, so samples stamped with epoch nanoseconds and
   * samples relative to a run both start at 0. The slowest run of each pipeline is shaded
   * where the samples cover it (its start is in epoch nanoseconds too).
   */
  function drawResources(root, data) {
    var res = obj(data.resources) || {};
    var series = arr(res.series).map(obj).filter(Boolean);
    var sec = section(root, 'Resources over time');
    sec.root.id = 'resources';
    if (!series.length) {
      sec.root.appendChild(note('No resource samples in this report.'));
    } else {
      var range = window.PerfCharts.timeRange(series.map(function (se) { return se.points; }));
      var bands = range ? slowestRuns(data, range) : [];
      sec.head.appendChild(el('span', 'muted', 'time since the first sample'
        + (bands.length ? ' \u00b7 shaded: the slowest run of ' + bands.map(function (b) { return b.title; }).join(', ') : '')));
      var grid = el('div', 'charts');
      sec.root.appendChild(grid);
      series.forEach(function (se) { guard('the chart of ' + str(se.name), grid, function () { lineChart(grid, se, range, bands); }); });
    }
    var alerts = arr(res.alerts).map(obj).filter(Boolean);
    if (alerts.length) {
      sec.root.appendChild(el('h3', null, 'Resource alerts'));
      sec.root.appendChild(alertList(alerts));
    }
  }

  /**
   * The slowest run of each pipeline, as a span of time, where the samples overlap it but not
   * nearly all lie inside it: shading (almost) every sample would say nothing.
   */
  function slowestRuns(data, range) {
    var out = [];
    arr(data.pipelines).map(obj).filter(Boolean).forEach(function (p) {
      var run = obj(p.slowest_run);
      if (!run || num(run.start_epoch_ns) === null || num(run.wall_ns) === null) { return; }
      var from = run.start_epoch_ns;
      var to = from + run.wall_ns;
      var covered = Math.min(to, range.endNs) - Math.max(from, range.startNs);
      if (covered > 0 && covered < 0.95 * (range.endNs - range.startNs)) { out.push({ fromNs: from, toNs: to, title: str(p.name) || '?' }); }
    });
    return out;
  }

  function lineChart(grid, series, range, bands) {
    var pts = arr(series.points).filter(function (q) { return Array.isArray(q) && isNum(q[0]) && isNum(q[1]); });
    var box = el('div', 'chart');
    box.setAttribute('data-series', str(series.name));
    var name = str(series.name) || '(unnamed series)';
    var head = add(el('div', 'chart-head'), el('span', 'name', name));
    box.appendChild(head);
    grid.appendChild(box);
    if (!pts.length) { box.appendChild(note('no points')); return; }
    var lo = Infinity;
    var hi = -Infinity;
    var sum = 0;
    pts.forEach(function (q) { lo = Math.min(lo, q[1]); hi = Math.max(hi, q[1]); sum += q[1]; });
    var unit = series.unit;
    function fmt(v) { return inUnit(v, unit, name); }
    var ratio = fmt(0.5) === '50 %';
    var yMin = Math.min(0, lo);
    add(head, el('span', 'sum', 'min ' + fmt(lo) + ' \u00b7 mean ' + fmt(sum / pts.length) + ' \u00b7 max ' + fmt(hi)));
    var plot = el('div', 'chart-plot');
    box.appendChild(plot);
    window.PerfCharts.timeSeries(plot, {
      points: pts,
      range: range,
      label: name,
      format: fmt,
      yMin: yMin,
      yMax: ratio ? Math.max(1, hi) : hi > yMin ? hi * 1.08 : yMin + 1,
      binary: /^(by|b|bytes)$/i.test(str(unit)),
      // OpenTelemetry names a series of event durations *.duration (jvm.gc.duration: one
      // point per pause).
      events: /\.duration$/.test(name),
      bands: bands
    });
  }

  function drawAgent(root, data) {
    var a = obj(data.agent);
    var box = el('footer', 'agent');
    box.id = 'agent';
    if (!a) { box.appendChild(el('span', null, 'No agent information in this report.')); root.appendChild(box); return; }
    add(box, add(el('span'), 'agent ', el('b', null, str(a.version) || 'unknown version')));
    if (a.dropped_spans !== undefined) {
      var d = add(el('span', 'dropped'), 'dropped spans ', el('b', isNum(a.dropped_spans) && a.dropped_spans > 0 ? 'warn' : null, isNum(a.dropped_spans) ? grouped(a.dropped_spans) : str(a.dropped_spans)));
      if (isNum(a.dropped_spans) && a.dropped_spans > 0) { d.title = 'the agent dropped records because a buffer was full; figures may be low'; }
      box.appendChild(d);
    }
    Object.keys(a).forEach(function (k) {
      if (k === 'version' || k === 'dropped_spans') { return; }
      var v = a[k];
      if (obj(v) || Array.isArray(v)) { return; }
      add(box, add(el('span'), k.replace(/_/g, ' ') + ' ', el('b', null, isNum(v) ? grouped(v) : str(v))));
    });
    add(box, add(el('span'), 'schema ', el('b', null, str(data.schema) || '?')));
    root.appendChild(box);
  }

  // ---------------------------------------------------------------- one pipeline, one document

  /**
   * Draws one pipeline of a report into root (an empty element): header, bottlenecks with
   * their what-ifs, waterfall with the critical path, stage table, resources per stage,
   * alerts and recommendations. opts.waterfallTitle names the waterfall; opts.alerts false
   * leaves the report's own alerts out.
   */
  function drawPipeline(root, p, index, agent, opts) {
    opts = opts || {};
    root.setAttribute('data-pipeline', str(p.name));
    var stageMap = {};
    arr(p.stages).forEach(function (st) { if (obj(st)) { stageMap[str(st.name)] = st; } });
    var kinds = {};
    arr(p.bottlenecks).forEach(function (b) { if (obj(b) && !kinds[str(b.stage)]) { kinds[str(b.stage)] = str(b.kind) || '?'; } });
    guard('the header', root, function () { drawHeader(root, p, index, opts.alerts); });
    guard('the bottlenecks', root, function () { drawBottlenecks(root, p, stageMap); });
    guard('the waterfall', root, function () { drawWaterfall(root, p, opts.waterfallTitle); });
    guard('the stage table', root, function () { drawStageTable(root, p, kinds, num((agent || {}).timer_overhead_ns)); });
    guard('the resources per stage', root, function () { drawStageResources(root, p); });
    guard('the alerts and recommendations', root, function () { drawAlertsAndRecs(root, p, opts.alerts); });
  }

  /**
   * Draws every pipeline of a perf-report/1 document (an object, already parsed) into
   * container, one <article class="pipeline"> each; returns how many. The analyzer's stored
   * run has one.
   */
  function drawRun(container, report, opts) {
    var data = obj(report) || {};
    var pipelines = arr(data.pipelines).map(obj).filter(Boolean);
    if (!pipelines.length) { container.appendChild(note('This report has no pipelines.')); }
    pipelines.forEach(function (p, i) {
      var root = el('article', 'pipeline');
      container.appendChild(root);
      drawPipeline(root, p, i, obj(data.agent), opts);
    });
    return pipelines.length;
  }

  // ---------------------------------------------------------------- main

  function main() {
    (window.__perfEarlyErrors || []).forEach(reportError);
    var app = document.getElementById('app');
    var holder = document.getElementById('report-data');
    var data;
    try {
      data = JSON.parse(holder ? holder.textContent : '');
    } catch (e) {
      app.appendChild(note('The report data could not be read: ' + e.message));
      reportError('report data: ' + e.message);
      return;
    }
    data = obj(data) || {};
    var pipelines = arr(data.pipelines).map(obj).filter(Boolean);
    var nav = document.getElementById('nav');
    var meta = document.getElementById('meta');
    var agent = obj(data.agent);
    meta.textContent = str(data.schema) + (agent && agent.version ? ' \u00b7 agent ' + str(agent.version) : '');
    if (pipelines.length) {
      document.title = (pipelines.length === 1 ? str(pipelines[0].name) : pipelines.length + ' pipelines') + ' \u2014 perf-agent report';
    }
    if (!pipelines.length) { app.appendChild(note('This report has no pipelines.')); }
    pipelines.forEach(function (p, i) {
      var id = 'pipeline-' + i;
      var a = el('a', null, str(p.name) || 'pipeline ' + (i + 1));
      a.href = '#' + id;
      nav.appendChild(a);
      var root = el('article', 'pipeline');
      root.id = id;
      app.appendChild(root);
      drawPipeline(root, p, i, agent, {});
    });
    var ra = el('a', null, 'Resources');
    ra.href = '#resources';
    nav.appendChild(ra);
    guard('the resources', app, function () { drawResources(app, data); });
    guard('the agent block', app, function () { drawAgent(app, data); });
    var ok = el('div', 'render-ok');
    ok.id = 'render-ok';
    ok.setAttribute('data-pipelines', String(pipelines.length));
    app.appendChild(ok);
    // The page was empty when the browser looked for the #fragment; look again now.
    var target = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (target) { target.scrollIntoView(); }
  }

  /** What other pages use: the drawing, the formatting and the DOM helpers, one copy of each. */
  window.PerfReport = {
    drawRun: drawRun,
    drawPipeline: drawPipeline,
    drawHeader: drawHeader,
    drawBottlenecks: drawBottlenecks,
    drawWaterfall: drawWaterfall,
    drawStageTable: drawStageTable,
    drawAlertsAndRecs: drawAlertsAndRecs,
    format: { dur: dur, bytes: bytes, pct: pct, count: count, sig: sig, inUnit: inUnit },
    dom: { el: el, add: add, note: note, section: section, guard: guard }
  };

  // the exit report carries its document; the dashboard has none and draws what it fetches
  if (document.getElementById('report-data')) { main(); }
})();
