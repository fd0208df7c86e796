/* The API page: Swagger UI from our own static files, with the CSRF token for session calls. */
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("swagger-settings").textContent);
  var csrfToken = document.body.dataset.csrfToken;
  settings.presets = [window.SwaggerUIBundle.presets.apis];
  settings.requestInterceptor = function (request) {
    if (csrfToken && !request.headers.Authorization) {
      request.headers["X-CSRFToken"] = csrfToken;
    }
    return request;
  };
  window.SwaggerUIBundle(settings);
})();
