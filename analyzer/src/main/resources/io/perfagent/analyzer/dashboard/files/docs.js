/*
 * Starts Swagger UI on the analyzer's own OpenAPI document, same origin. Kept to what needs
 * no other server: no validator badge (it would call validator.swagger.io), no external
 * links followed, the document read from /api/openapi.json. "Try it out" sends the token
 * the dashboard stored for this tab (sessionStorage), if any.
 */
(function () {
  'use strict';
  window.ui = window.SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    defaultModelsExpandDepth: 0,
    requestInterceptor: function (req) {
      var token = sessionStorage.getItem('perf-analyzer.token');
      if (token && !req.headers.Authorization) { req.headers.Authorization = 'Bearer ' + token; }
      return req;
    }
  });
})();
