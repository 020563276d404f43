// Starts Swagger UI (vendored, swagger-ui-dist) on the service's own OpenAPI document. "Try it out"
// goes with the page's session, so each change carries the session's CSRF token, as the clerk's page does.
const csrf = document.querySelector('meta[name="csrf-token"]').content;
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: "none",
  presets: [SwaggerUIBundle.presets.apis],
  requestInterceptor: (request) => {
    if (csrf && !["GET", "HEAD", "OPTIONS"].includes((request.method || "GET").toUpperCase())) {
      request.headers["X-CSRF-Token"] = csrf;
    }
    return request;
  },
});
