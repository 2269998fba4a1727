/*
 * The dashboard's frame: the route in the URL's fragment (#/ for the pipelines,
 * #/pipelines/NAME and #/pipelines/NAME/runs/ID for one pipeline and one of its runs, so any
 * view can be shared as a link), and the live refresh.
 *
 * Live: GET /api/changes every 2 s; when its stamp differs, the view shown is read again and
 * swapped in one synchronous step after all its data arrived, with the page's height held,
 * so the scroll position and the selected run stay. Polling rather than server-sent events:
 * one request of a few bytes per 2 s per open page, nothing held open in the analyzer's small
 * thread pool, no reconnect logic, and it passes any proxy that passes the API.
 */
(function (global) {
  'use strict';

  var D = global.PerfReport.dom;
  var POLL_MS = 2000;
  var app = document.getElementById('app');
  var crumbs = document.getElementById('crumbs');
  var live = document.getElementById('live');
  var lastStamp = null;
  var showing = 0; // increases with each draw: a slow answer for an older route is dropped
  var refreshes = 0;
  var drawn = 0;
  var shown = null; // the route and data last drawn
  var pollTimer = null;

  function route() {
    var h = location.hash.replace(/^#\/?/, '');
    var parts = h.split('/').map(function (s) {
      try { return decodeURIComponent(s); } catch (e) { return s; }
    });
    if (parts[0] === 'pipelines' && parts.length >= 2 && parts[1] !== '') {
      return { view: 'pipeline', name: parts[1], run: parts[2] === 'runs' && parts[3] ? parts[3] : null };
    }
    return { view: 'home' };
  }

  function nav(href) {
    if (location.hash === href) { show(false); } else { location.hash = href; }
  }

  function setCrumbs(r) {
    while (crumbs.firstChild) { crumbs.removeChild(crumbs.firstChild); }
    var home = D.el('a', null, 'Pipelines');
    home.href = '#/';
    crumbs.appendChild(home);
    if (r.view === 'pipeline') {
      var p = D.el('a', null, r.name);
      p.href = global.PerfHome.href(r.name);
      crumbs.appendChild(p);
      document.title = r.name + ' \u2014 perf-analyzer';
    } else {
      document.title = 'perf-analyzer';
    }
  }

  /** Reads the route's data, then replaces the view; keepScroll for a live refresh. */
  function show(keepScroll) {
    var r = route();
    var mine = ++showing;
    var loading = r.view === 'pipeline' ? global.PerfPipeline.load(r.name, r.run) : global.PerfHome.load();
    return loading.then(function (data) {
      if (mine !== showing) { return; }
      shown = { route: r, data: data };
      render(r, data, keepScroll);
    }).catch(function (e) {
      global.PerfApi.error('while showing the view: ' + (e && e.stack ? e.stack : e));
    });
  }

  /** Replaces the view with one drawn from data, in one synchronous step. */
  function render(r, data, keepScroll) {
    var x = global.scrollX;
    var y = global.scrollY;
    app.style.minHeight = keepScroll ? app.offsetHeight + 'px' : '';
    // charts of the view being replaced stop being resized with the window
    global.PerfCharts.charts.length = 0;
    while (app.firstChild) { app.removeChild(app.firstChild); }
    setCrumbs(r);
    if (r.view === 'pipeline') { global.PerfPipeline.draw(app, r.name, data, nav); } else { global.PerfHome.draw(app, data); }
    app.setAttribute('data-view', r.view);
    app.setAttribute('data-drawn', String(++drawn));
    drawnWidth = global.innerWidth;
    if (keepScroll) {
      global.scrollTo(x, y);
      app.style.minHeight = '';
    } else if (r.run && document.getElementById('run')) {
      document.getElementById('run').scrollIntoView(); // a picked or shared run: show it
    } else {
      global.scrollTo(0, 0);
    }
  }

  // The waterfall and the tables take the window's width when drawn: a window made much wider
  // or narrower gets the view drawn again from the data already read (the charts follow alone).
  var drawnWidth = global.innerWidth;
  var resizeTimer = null;
  global.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      if (shown && Math.abs(global.innerWidth - drawnWidth) > 80) {
        drawnWidth = global.innerWidth;
        render(shown.route, shown.data, true);
      }
    }, 250);
  });

  function poll() {
    if (document.hidden) { // a tab nobody looks at asks nothing; it asks again when shown
      pollTimer = null;
      return;
    }
    global.PerfApi.get('/api/changes').then(function (r) {
      var stamp = r.ok && r.json ? String(r.json.stamp) : null;
      live.textContent = r.ok ? 'live' : 'offline (' + r.status + ')';
      live.className = 'live' + (r.ok ? ' on' : ' off');
      if (stamp !== null && lastStamp !== null && stamp !== lastStamp) {
        refreshes++;
        app.setAttribute('data-refreshes', String(refreshes));
        lastStamp = stamp;
        return show(true);
      }
      if (stamp !== null) { lastStamp = stamp; }
    }, function () {
      live.textContent = 'offline';
      live.className = 'live off';
    }).then(function () { pollTimer = setTimeout(poll, POLL_MS); });
  }

  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && pollTimer === null) { poll(); }
  });

  global.addEventListener('hashchange', function () { show(false); });
  // something on the page changed what the analyzer holds (an acknowledgement): read again
  global.addEventListener('perf-refresh', function () { show(true); });
  show(false).then(function () { pollTimer = 0; poll(); });
})(window);
