import type { RequestHandler, Router } from 'express';
import express from 'express';
// The package's own path helper (the same function its index exports as `getAbsoluteFSPath`),
// required directly: the index also loads the 1.8 MB browser bundle into the server process.
import getAbsoluteFSPath from 'swagger-ui-dist/absolute-path';
import { notFoundHandler } from './error-handler';

/**
 * The API reference: Swagger UI from the `swagger-ui-dist` package, served by the platform itself
 * with no CDN, so it works in a closed government network. It renders /api/v1/openapi.json.
 *
 * Everything is a file from this origin, so helmet's default Content-Security-Policy holds as it
 * is: script-src 'self' (no inline script: the initialiser is served below), img-src 'self' data:
 * (the stylesheet's icons are data: URIs), style-src 'self' 'unsafe-inline' (React's style
 * attributes), connect-src falling back to 'self' (the document and "Try it out" go to this origin).
 *
 * The URLs are relative to /api/v1/docs, so the page also works behind a proxy that adds a prefix.
 */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ketenhuis API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="docs/swagger-ui.css"></head>
<body><div id="swagger-ui"><noscript>The API reference needs JavaScript; the document itself is
<a href="openapi.json">openapi.json</a>.</noscript></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/init.js"></script></body></html>`;

/**
 * One fixed document, no top bar to load another one (nor `?url=`/`?configUrl=` in the query),
 * no online validator (`validatorUrl: null`: by default the page asks validator.swagger.io for a
 * badge). Swagger UI sends no telemetry from the browser. "Authorize" comes from the document's
 * `bearer` scheme; the token stays in the page's memory, not in localStorage.
 */
const INIT = `window.ui = SwaggerUIBundle({
  url: 'openapi.json',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  deepLinking: true,
  queryConfigEnabled: false,
  validatorUrl: null,
  persistAuthorization: false
});
`;

/** The package's files the page loads; nothing else of the package is served. */
const ASSETS = new Set(['/swagger-ui.css', '/swagger-ui-bundle.js']);

export function apiDocsRouter(): Router {
  // Strict: /docs/ would resolve the page's relative URLs under /docs/docs/; it is redirected.
  const router = express.Router({ strict: true });
  router.get('/docs', (_req, res) => { res.type('html').send(PAGE); });
  router.get('/docs/', (_req, res) => { res.redirect(301, '../docs'); });
  router.get('/docs/init.js', (_req, res) => { res.type('text/javascript').send(INIT); });

  // No index, no directory redirect, no dotfiles: only the names in ASSETS reach express.static
  // (req.path is compared as sent, so `..`, `%2e` or a trailing slash do not match).
  const files = express.static(getAbsoluteFSPath(), { index: false, redirect: false, dotfiles: 'deny', fallthrough: true });
  const assets: RequestHandler = (req, res, next) => (ASSETS.has(req.path) ? files(req, res, next) : next());
  // Anything else under /docs is the platform's problem+json 404, not authentication's 401.
  router.use('/docs', assets, notFoundHandler);
  return router;
}
