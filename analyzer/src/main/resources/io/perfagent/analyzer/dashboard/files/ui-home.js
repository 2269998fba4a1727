/*
 * The home view: every pipeline the analyzer knows, with its last run (when, wall time,
 * bottleneck), a sparkline of its recent runs' wall time, and its open alerts; then the
 * alerts over the machines' series that belong to no pipeline. Answers
 * "is anything slow or alerting right now, and where do I look?". load() reads, draw()
 * builds the view at once from what load() returned (so a live refresh swaps it in one go).
 */
(function (global) {
  'use strict';

  var F = global.PerfReport.format;
  var D = global.PerfReport.dom;
  var el = D.el;
  var add = D.add;
  var SPARK_RUNS = 30;

  function pipelineHref(name) { return '#/pipelines/' + encodeURIComponent(name); }

  function load() {
    return Promise.all([global.PerfApi.get('/api/pipelines'), global.PerfApi.get('/api/alerts?state=active')])
      .then(function (r) {
        var pipelines = r[0].ok && r[0].json && Array.isArray(r[0].json.pipelines) ? r[0].json.pipelines : [];
        var alerts = r[1].ok && r[1].json && Array.isArray(r[1].json.alerts) ? r[1].json.alerts : null;
        return Promise.all(pipelines.map(function (p) {
          return global.PerfApi.get('/api/pipelines/' + encodeURIComponent(p.name) + '/runs?limit=' + SPARK_RUNS)
            .then(function (x) { return x.ok && x.json && Array.isArray(x.json.runs) ? x.json.runs : []; });
        })).then(function (runs) {
          return { ok: r[0].ok, status: r[0].status, pipelines: pipelines, runs: runs, alerts: alerts };
        });
      });
  }

  function alertsOf(alerts, name) {
    if (alerts === null) { return null; }
    return alerts.filter(function (a) { return String(a.pipeline) === String(name); });
  }

  function draw(app, data) {
    var sec = D.section(app, 'Pipelines');
    sec.root.id = 'pipelines';
    if (!data.ok) { sec.root.appendChild(D.note('The analyzer answered ' + data.status + ' for /api/pipelines.')); return; }
    sec.head.appendChild(el('span', 'muted', data.pipelines.length + (data.pipelines.length === 1 ? ' pipeline' : ' pipelines')
      + ' \u00b7 sparkline: wall time of the last ' + SPARK_RUNS + ' runs, oldest left'));
    if (!data.pipelines.length) {
      sec.root.appendChild(D.note('No run stored yet. Point an agent\u2019s OTLP exporter at this analyzer.'));
      return;
    }
    var table = el('table', 'home');
    var hr = el('tr');
    ['Pipeline', 'Runs', 'Last run', 'Wall', 'Trend', 'Bottleneck', 'Alerts'].forEach(function (h) {
      hr.appendChild(el('th', h === 'Runs' || h === 'Wall' ? 'num' : null, h));
    });
    table.appendChild(add(el('thead'), hr));
    var body = el('tbody');
    data.pipelines.forEach(function (p, i) {
      var last = p.last_run || {};
      var tr = el('tr', 'pipeline-row');
      tr.setAttribute('data-pipeline', String(p.name));
      var a = el('a', 'pname', String(p.name));
      a.href = pipelineHref(p.name);
      tr.appendChild(add(el('td', 'name'), a));
      tr.appendChild(el('td', 'num', F.count(p.runs)));
      var when = el('td', 'when', last.start ? String(last.start).replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '\u2014');
      tr.appendChild(when);
      tr.appendChild(el('td', 'num wall', F.dur(last.wall_ns)));
      var runs = (data.runs[i] || []).slice().reverse();
      var spark = global.PerfTrends.sparkline(runs.map(function (r) { return r.wall_ns; }),
        'wall time of the last ' + runs.length + ' runs: ' + runs.map(function (r) { return F.dur(r.wall_ns); }).join(', '));
      tr.appendChild(add(el('td', 'trend'), spark || el('span', 'dash', '\u2014')));
      var b = last.bottleneck;
      tr.appendChild(b ? add(el('td', 'bneck'), el('span', 'stage', String(b.stage)), ' ', el('span', 'kind kind-' + (/^[a-z]+$/.test(String(b.kind)) ? b.kind : 'other'), String(b.kind)))
        : el('td', 'dash', 'none'));
      var open = alertsOf(data.alerts, p.name);
      var td = el('td', 'alerts-cell');
      if (open === null) {
        td.appendChild(el('span', 'dash', '\u2014'));
        td.title = 'the alerts could not be read';
      } else if (!open.length) {
        td.appendChild(el('span', 'ok', 'none'));
      } else {
        // open ones by their worst level; acknowledged ones (someone is on them) apart, muted
        var unacked = open.filter(function (x) { return x.state === 'open'; });
        var acked = open.length - unacked.length;
        if (unacked.length) {
          var crit = unacked.filter(function (x) { return x.level === 'critical'; }).length;
          var lvl = crit ? 'critical' : 'warning';
          td.appendChild(el('span', 'lvl lvl-' + lvl, unacked.length + ' ' + lvl));
        }
        if (acked) {
          td.appendChild(el('span', 'acked', (unacked.length ? ' + ' : '') + acked + ' acknowledged'));
        }
        td.title = open.map(function (x) { return String(x.text) + ' (' + String(x.state) + ')'; }).join('\n');
      }
      tr.appendChild(td);
      body.appendChild(tr);
    });
    table.appendChild(body);
    sec.root.appendChild(add(el('div', 'table-wrap'), table));
    drawUnattached(app, data.alerts);
  }

  /**
   * Alerts over the resource series the analyzer received (pipeline ""): they belong to no
   * pipeline's page, so they are listed here, with their Acknowledge button.
   */
  function drawUnattached(app, alerts) {
    var own = alertsOf(alerts, '');
    if (!own || !own.length) { return; }
    var sec = D.section(app, 'Alerts on the machines (not tied to a pipeline)');
    sec.root.id = 'machine-alerts';
    sec.head.appendChild(el('span', 'muted', 'resource objectives over the series received in the last minute'));
    var ul = el('ul', 'items alerts');
    own.forEach(function (a) { ul.appendChild(global.PerfPipeline.alertItem(a)); });
    sec.root.appendChild(ul);
  }

  global.PerfHome = { load: load, draw: draw, href: pipelineHref };
})(window);
