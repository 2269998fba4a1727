/*
 * The dashboard's only way to the analyzer: JSON over fetch() from this origin, with the
 * bearer token when the analyzer wants one. Also the page's error box (loaded first, so any
 * script failing later is shown on the page and seen by tests) and small in-page forms
 * (never window.prompt: it can be suppressed, and cannot say why it asks again).
 *
 * Token: the static files need none; the first API call answered 401 shows a form, and
 * every call waiting on a 401 waits on that one form. The token is kept in sessionStorage:
 * it survives reloads in the tab and is gone when the browser session ends. A wrong token
 * is answered 401 again: it is dropped from sessionStorage and the form comes back saying it
 * was refused; nothing retries on its own, so a wrong token never loops.
 */
(function (global) {
  'use strict';

  var TOKEN_KEY = 'perf-analyzer.token';
  var NAME_KEY = 'perf-analyzer.name';

  // ---------------------------------------------------------------- error box

  function reportError(msg) {
    var box = document.getElementById('js-errors');
    if (!box) { return; }
    var line = document.createElement('div');
    line.textContent = String(msg);
    box.appendChild(line);
    box.hidden = false;
  }
  global.__perfError = reportError;
  global.addEventListener('error', function (e) {
    reportError('error: ' + (e.message || e.type) + (e.filename ? ' at ' + e.filename + ':' + e.lineno : ''));
  });
  global.addEventListener('unhandledrejection', function (e) {
    reportError('unhandled rejection: ' + (e.reason && e.reason.message ? e.reason.message : e.reason));
  });

  // ---------------------------------------------------------------- in-page forms

  var asking = null;

  /**
   * Shows a small form and resolves with what was typed (trimmed, not empty); rejects on
   * Cancel (only when o.cancel). o: id, title, message, label, type ('text' | 'password'),
   * warning (a line in red), maxLength.
   */
  function ask(o) {
    var host = document.getElementById('dialog-host');
    return new Promise(function (resolve, reject) {
      var form = document.createElement('form');
      form.className = 'ask';
      form.id = o.id;
      form.setAttribute('autocomplete', 'off');
      var h = document.createElement('h2');
      h.textContent = o.title;
      form.appendChild(h);
      if (o.message) {
        var p = document.createElement('p');
        p.textContent = o.message;
        form.appendChild(p);
      }
      if (o.warning) {
        var w = document.createElement('p');
        w.className = 'ask-warning';
        w.textContent = o.warning;
        form.appendChild(w);
      }
      var label = document.createElement('label');
      label.textContent = o.label + ' ';
      var input = document.createElement('input');
      input.type = o.type || 'text';
      input.name = 'value';
      input.required = true;
      input.maxLength = o.maxLength || 1000;
      label.appendChild(input);
      form.appendChild(label);
      var buttons = document.createElement('div');
      buttons.className = 'ask-buttons';
      var ok = document.createElement('button');
      ok.type = 'submit';
      ok.textContent = o.submit || 'OK';
      buttons.appendChild(ok);
      if (o.cancel) {
        var no = document.createElement('button');
        no.type = 'button';
        no.className = 'secondary';
        no.textContent = 'Cancel';
        no.addEventListener('click', function () { close(); reject(new Error('cancelled')); });
        buttons.appendChild(no);
      }
      form.appendChild(buttons);
      function close() {
        host.removeChild(form);
        host.hidden = !host.firstChild;
      }
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var v = input.value.trim();
        if (!v) { return; }
        close();
        resolve(v);
      });
      host.appendChild(form);
      host.hidden = false;
      input.focus();
    });
  }

  // ---------------------------------------------------------------- token

  /** Waits for a token from the form; one form however many calls were refused. */
  function askToken(refused) {
    if (!asking) {
      if (refused !== null) { sessionStorage.removeItem(TOKEN_KEY); }
      asking = ask({
        id: 'token-form',
        title: 'This analyzer needs its API token',
        message: 'It was started with --token. The token is kept in this browser tab until the browser session ends.',
        warning: refused !== null ? 'The token given was refused; enter it again.' : null,
        label: 'Token',
        type: 'password',
        submit: 'Use token'
      }).then(function (t) {
        sessionStorage.setItem(TOKEN_KEY, t);
        asking = null;
      });
    }
    return asking;
  }

  /** Resolves with {status, ok, json}; a 401 waits for a token and tries again. */
  function request(method, path, body) {
    var sent = sessionStorage.getItem(TOKEN_KEY);
    var headers = { Accept: 'application/json' };
    if (sent !== null) { headers.Authorization = 'Bearer ' + sent; }
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    return fetch(path, { method: method, headers: headers, body: body, cache: 'no-store', credentials: 'same-origin' })
      .then(function (r) {
        if (r.status === 401) {
          // another call may have stored a new token while this one was under way
          var now = sessionStorage.getItem(TOKEN_KEY);
          var wait = now !== null && now !== sent ? Promise.resolve() : askToken(sent);
          return wait.then(function () { return request(method, path, body); });
        }
        return r.text().then(function (text) {
          var json = null;
          try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
          return { status: r.status, ok: r.ok, json: json };
        });
      });
  }

  /** The name acknowledgements are signed with: asked once, kept for the browser session. */
  function name() {
    var n = sessionStorage.getItem(NAME_KEY);
    if (n) { return Promise.resolve(n); }
    return ask({
      id: 'name-form', title: 'Who acknowledges?', label: 'Your name', type: 'text', cancel: true, maxLength: 100,
      message: 'Kept with the acknowledgement, and in this tab for the next ones.', submit: 'Acknowledge'
    }).then(function (v) { sessionStorage.setItem(NAME_KEY, v); return v; });
  }

  global.PerfApi = {
    get: function (path) { return request('GET', path); },
    post: function (path, value) { return request('POST', path, JSON.stringify(value)); },
    ask: ask,
    name: name,
    error: reportError
  };
})(window);
