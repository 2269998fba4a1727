/*
 * One pipeline: its wall time across runs and each stage's share of the critical path
 * across runs (regressions marked where they start), its regressions and alerts (with an
 * Acknowledge button), its recent runs, and one run (the newest, or the one picked in the
 * chart or the list) drawn by the report's own code: waterfall with the critical path,
 * bottleneck cards with their what-ifs, stage table, recommendations. Answers "did this
 * pipeline get slower, from which run, in which stage, and what would fixing it buy?".
 *
 * When /api/regressions or /api/alerts does not answer (a database away: 503), their section
 * says it could not be read, never "none", and the rest is drawn as usual.
 */
(function (global) {
  'use strict';

  var F = global.PerfReport.format;
  var D = global.PerfReport.dom;
  var el = D.el;
  var add = D.add;
  var RUNS = 100;
  var LISTED_RUNS = 15;
  /** Findings shown per group of the regressions list before "show N more". */
  var SHOWN_PER_GROUP = 5;

  function enc(s) { return encodeURIComponent(String(s)); }
  function runHref(name, id) { return '#/pipelines/' + enc(name) + '/runs/' + enc(id); }
  function list(r, key) { return r.ok && r.json && Array.isArray(r.json[key]) ? r.json[key] : null; }
  function isoShort(s) { return s ? String(s).replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '\u2014'; }
  function epochMs(ms) { return typeof ms === 'number' && ms > 0 ? isoShort(new Date(ms).toISOString()) : '\u2014'; }

  function load(name, runId) {
    var p = enc(name);
    return Promise.all([
      global.PerfApi.get('/api/pipelines/' + p + '/runs?limit=' + RUNS),
      global.PerfApi.get('/api/export?format=json&runs=' + RUNS + '&pipeline=' + p),
      global.PerfApi.get('/api/regressions?pipeline=' + p),
      global.PerfApi.get('/api/alerts?pipeline=' + p)
    ]).then(function (r) {
      var total = r[0].ok && r[0].json ? Number(r[0].json.total) || 0 : 0;
      var newestFirst = list(r[0], 'runs') || [];
      // numbered as in the pipeline's history: 1 is the oldest run kept
      var runs = newestFirst.map(function (x, i) { return Object.assign({ number: total - i }, x); }).reverse();
      var chosen = runId ? runs.filter(function (x) { return String(x.id) === String(runId); })[0] : runs[runs.length - 1];
      var id = runId || (chosen ? chosen.id : null);
      var runCall = id ? global.PerfApi.get('/api/runs/' + enc(id)) : Promise.resolve(null);
      return runCall.then(function (run) {
        return {
          status: r[0].status, runs: runs, total: total, rows: list(r[1], 'rows') || [],
          regressions: list(r[2], 'regressions'), regressionsStatus: r[2].status,
          alerts: list(r[3], 'alerts'), alertsStatus: r[3].status,
          run: run && run.ok ? run.json : null, runStatus: run ? run.status : null, chosen: chosen || null, runId: id
        };
      });
    });
  }

  /** Regressions as chart marks: at their first run's number, found by id when it is shown. */
  function marks(data) {
    var byId = {};
    data.runs.forEach(function (r) { byId[String(r.id)] = r.number; });
    return (data.regressions || []).map(function (g) {
      var n = byId[String(g.start_run_id)];
      return { number: n !== undefined ? n : Number(g.start_run_number), text: String(g.text), direction: String(g.direction) };
    }).filter(function (m) { return isFinite(m.number); });
  }

  function draw(app, name, data, nav) {
    var head = el('div', 'phead');
    add(head, add(el('div', 'phead-top'), el('span', 'label', 'Pipeline'), el('h1', 'pname', name)));
    var stats = el('div', 'stats');
    function stat(k, v) { stats.appendChild(add(el('div', 'stat'), el('div', 'v', v), el('div', 'k', k))); }
    stat('runs kept', F.count(data.total));
    var last = data.runs[data.runs.length - 1];
    if (last) { stat('last wall', F.dur(last.wall_ns)); stat('last run', isoShort(last.start)); }
    if (data.alerts) {
      stat('open alerts', String(data.alerts.filter(function (a) { return a.state === 'open'; }).length));
    }
    head.appendChild(stats);
    app.appendChild(head);
    if (!data.runs.length) {
      app.appendChild(D.note(data.status === 404 ? 'The analyzer knows no pipeline of that name.' : 'No runs of this pipeline are stored.'));
      return;
    }
    var m = marks(data);
    var pick = function (run) { nav(runHref(name, run.id)); };
    var selected = data.chosen ? data.chosen.number : null;
    // taller on a large monitor, where the charts are twice as wide (drawn again on a resize)
    var chartHeight = global.innerWidth >= 2000 ? 330 : 230;

    var grid = el('div', 'trend-grid');
    app.appendChild(grid);
    var wall = D.section(grid, 'Wall time per run', 'trend');
    wall.root.id = 'wall-chart';
    wall.head.appendChild(el('span', 'muted', 'click a run to see it below'));
    var wallPlot = el('div', 'chart-plot');
    wall.root.appendChild(wallPlot);
    D.guard('the wall-time chart', wall.root, function () {
      global.PerfTrends.wallTime(wallPlot, data.runs, { regressions: m, selected: selected, onPick: pick, height: chartHeight });
    });
    var share = D.section(grid, 'Share of the critical path per run', 'trend');
    share.root.id = 'share-chart';
    share.head.appendChild(el('span', 'muted', 'stacked, by stage'));
    var sharePlot = el('div', 'chart-plot');
    share.root.appendChild(sharePlot);
    D.guard('the critical-path chart', share.root, function () {
      if (!global.PerfTrends.criticalPathShares(sharePlot, data.runs, data.rows, { regressions: m, height: chartHeight })) {
        share.root.appendChild(D.note('No stage was on the critical path in these runs.'));
      }
    });

    var two = el('div', 'two');
    app.appendChild(two);
    D.guard('the regressions', two, function () { drawRegressions(two, data, m); });
    D.guard('the alerts', two, function () { drawAlerts(two, data); });
    D.guard('the run list', app, function () { drawRunList(app, name, data, nav); });
    D.guard('the run', app, function () { drawRun(app, data); });
  }

  /** A finding's mean in its unit: ns, bytes, ratio or records/s. */
  function inUnit(v, unit) {
    var x = Number(v);
    switch (String(unit)) {
      case 'ns': return F.dur(x);
      case 'bytes': return F.bytes(x);
      case 'ratio': return F.pct(x);
      default: return F.sig(x) + ' ' + String(unit);
    }
  }

  function drawRegressions(parent, data, m) {
    var sec = D.section(parent, 'Regressions');
    sec.root.id = 'regressions';
    if (data.regressions === null) {
      // not "none": a history that did not answer says nothing about regressions
      sec.root.appendChild(D.note('could not be read: the analyzer answered ' + data.regressionsStatus));
      return;
    }
    if (!data.regressions.length) { sec.root.appendChild(D.note('none: no lasting change in these runs')); return; }
    // One group per run a change started at (one cause, e.g. a bigger input, moves many
    // series at once), newest first; in a group the largest changes first, the rest folded.
    var groups = [];
    var byRun = {};
    data.regressions.forEach(function (g, i) {
      var number = m[i] ? m[i].number : Number(g.start_run_number);
      var key = String(number);
      if (!byRun[key]) { byRun[key] = { number: number, items: [] }; groups.push(byRun[key]); }
      byRun[key].items.push(g);
    });
    groups.sort(function (x, y) { return y.number - x.number; });
    groups.forEach(function (grp) {
      grp.items.sort(function (x, y) { return Math.abs(Number(y.change)) - Math.abs(Number(x.change)); });
      var worse = grp.items.filter(function (g) { return g.direction !== 'improvement'; }).length;
      var better = grp.items.length - worse;
      var head = [];
      if (worse) { head.push(worse + (worse === 1 ? ' regression' : ' regressions')); }
      if (better) { head.push(better + (better === 1 ? ' improvement' : ' improvements')); }
      var box = el('div', 'rg-group');
      box.setAttribute('data-start-run-number', String(grp.number));
      box.appendChild(el('div', 'rg-head', 'from run #' + grp.number + ' on: ' + head.join(', ')));
      var ul = el('ul', 'items regressions');
      var folded = [];
      grp.items.forEach(function (g, k) {
        var dir = g.direction === 'improvement' ? 'improvement' : 'regression';
        var li = add(el('li', 'regression ' + dir), el('span', 'lvl lvl-' + (dir === 'improvement' ? 'good' : 'critical'), dir), el('span', 'rg-text', String(g.text)));
        li.setAttribute('data-start-run', String(g.start_run_id));
        add(li, el('div', 'rec-ev', (g.stage ? 'stage ' + g.stage + ' \u00b7 ' : 'pipeline \u00b7 ') + String(g.metric)
          + ' \u00b7 ' + inUnit(g.before, g.unit) + ' \u2192 ' + inUnit(g.after, g.unit)));
        if (k >= SHOWN_PER_GROUP) { li.hidden = true; folded.push(li); }
        ul.appendChild(li);
      });
      box.appendChild(ul);
      if (folded.length) {
        var more = el('button', 'secondary rg-more', 'show ' + folded.length + ' more');
        more.type = 'button';
        more.addEventListener('click', function () {
          folded.forEach(function (li) { li.hidden = false; });
          more.remove();
        });
        box.appendChild(more);
      }
      sec.root.appendChild(box);
    });
  }

  function alertItem(a) {
    var li = el('li', 'alert state-' + (/^[a-z]+$/.test(String(a.state)) ? a.state : 'other'));
    li.setAttribute('data-alert-id', String(a.id));
    li.setAttribute('data-state', String(a.state));
    var lvl = String(a.level);
    add(li, el('span', 'lvl lvl-' + (/^[a-z]+$/.test(lvl) ? lvl : 'other'), lvl), el('span', 'state', String(a.state)), el('span', 'al-text', String(a.text)));
    var facts = [String(a.subject) + ' ' + String(a.rule), 'first ' + epochMs(a.first_seen_epoch_ms), 'last ' + epochMs(a.last_seen_epoch_ms)];
    if (a.acked_by) { facts.push('acknowledged by ' + String(a.acked_by) + ' at ' + epochMs(a.acked_epoch_ms)); }
    if (a.resolved_epoch_ms) { facts.push('resolved ' + epochMs(a.resolved_epoch_ms)); }
    li.appendChild(el('div', 'rec-ev', facts.join(' \u00b7 ')));
    if (a.state === 'open') {
      var b = el('button', 'ack', 'Acknowledge');
      b.type = 'button';
      b.addEventListener('click', function () { acknowledge(a, li, b); });
      li.appendChild(b);
    }
    return li;
  }

  /** POSTs the acknowledgement and shows the alert as the analyzer now has it. */
  function acknowledge(a, li, button) {
    global.PerfApi.name().then(function (who) {
      button.disabled = true;
      return global.PerfApi.post('/api/alerts/' + enc(a.id) + '/ack', { by: who });
    }).then(function (r) {
      if (r.ok && r.json) {
        li.parentNode.replaceChild(alertItem(r.json), li);
        // the counts elsewhere on the page follow at once, not at the next change of a run
        global.dispatchEvent(new Event('perf-refresh'));
      } else {
        button.disabled = false;
        li.appendChild(el('div', 'ask-warning', 'not acknowledged: ' + (r.json && r.json.error ? String(r.json.error) : 'answer ' + r.status)));
      }
    }, function () { button.disabled = false; });
  }

  function drawAlerts(parent, data) {
    var sec = D.section(parent, 'Alerts');
    sec.root.id = 'alerts';
    if (data.alerts === null) {
      sec.root.appendChild(D.note('could not be read: the analyzer answered ' + data.alertsStatus));
      return;
    }
    if (!data.alerts.length) { sec.root.appendChild(D.note('none: no objective breached')); return; }
    var ul = el('ul', 'items alerts');
    data.alerts.forEach(function (a) { ul.appendChild(alertItem(a)); });
    sec.root.appendChild(ul);
  }

  function drawRunList(app, name, data, nav) {
    var sec = D.section(app, 'Recent runs');
    sec.root.id = 'runs';
    var table = el('table', 'runs');
    var hr = el('tr');
    ['Run', 'Started', 'Wall', 'Bottleneck', 'Spans', 'Services'].forEach(function (h) {
      hr.appendChild(el('th', h === 'Wall' || h === 'Spans' ? 'num' : null, h));
    });
    table.appendChild(add(el('thead'), hr));
    var body = el('tbody');
    data.runs.slice(-LISTED_RUNS).reverse().forEach(function (r) {
      var tr = el('tr', data.chosen && data.chosen.id === r.id ? 'selected' : null);
      tr.setAttribute('data-run-id', String(r.id));
      var a = el('a', null, '#' + r.number);
      a.href = runHref(name, r.id);
      tr.appendChild(add(el('td'), a));
      tr.appendChild(el('td', null, isoShort(r.start)));
      tr.appendChild(el('td', 'num', F.dur(r.wall_ns)));
      tr.appendChild(el('td', null, r.bottleneck ? String(r.bottleneck.stage) + ' (' + String(r.bottleneck.kind) + ')' : 'none'));
      tr.appendChild(el('td', 'num', F.count(r.spans)));
      tr.appendChild(el('td', null, (r.services || []).map(String).join(', ')));
      tr.addEventListener('click', function (e) { if (e.target.tagName !== 'A') { nav(runHref(name, r.id)); } });
      body.appendChild(tr);
    });
    table.appendChild(body);
    sec.root.appendChild(add(el('div', 'table-wrap'), table));
  }

  function drawRun(app, data) {
    var box = el('div', 'run-view');
    box.id = 'run';
    app.appendChild(box);
    if (!data.run) {
      box.appendChild(D.note(data.runId ? 'Run ' + data.runId + ' could not be read (' + data.runStatus + ').' : 'No run to show.'));
      return;
    }
    var n = data.chosen ? '#' + data.chosen.number : String(data.run.id);
    box.setAttribute('data-run-id', String(data.run.id));
    var head = add(el('div', 'run-head'), el('h2', null, 'Run ' + n), el('span', 'muted', isoShort(data.run.start) + ' \u00b7 '
      + F.dur(data.run.wall_ns) + ' \u00b7 services ' + (data.run.services || []).map(String).join(', ')
      + ' \u00b7 trace ' + String(data.run.trace_id)));
    box.appendChild(head);
    global.PerfReport.drawRun(box, data.run.report, { waterfallTitle: 'Run ' + n, alerts: false });
  }

  global.PerfPipeline = { load: load, draw: draw, alertItem: alertItem };
})(window);
