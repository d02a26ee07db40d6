import type { Router } from 'express';
import express from 'express';

/**
 * A small, dependency-free API reference served by the platform itself: no CDN, so it works in
 * a closed government network. It renders /api/v1/openapi.json in the browser.
 */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ketenhuis API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="docs/style.css"></head>
<body><header><h1>Ketenhuis API</h1><p id="version"></p>
<p>Send <code>Authorization: Bearer &lt;token&gt;</code>. Errors are <code>application/problem+json</code>.
The raw document: <a href="openapi.json">openapi.json</a>.</p></header>
<main id="ops">Loading…</main><script src="docs/app.js"></script></body></html>`;

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem;color:#1b1b1b}
header{border-bottom:1px solid #ccc}details{border:1px solid #ddd;border-radius:6px;margin:.5rem 0;padding:.4rem .8rem}
summary{cursor:pointer}.m{display:inline-block;min-width:4.5rem;font-weight:700;text-transform:uppercase}
.get{color:#0a6}.post{color:#06c}.put,.patch{color:#a60}.delete{color:#c22}pre{background:#f6f6f6;padding:.5rem;overflow:auto}`;

const SCRIPT = `(async function () {
  const main = document.getElementById('ops');
  const doc = await (await fetch('openapi.json')).json();
  document.getElementById('version').textContent = doc.info.title + ' ' + doc.info.version;
  main.textContent = '';
  const el = (tag, attrs, ...kids) => { const e = document.createElement(tag); Object.assign(e, attrs || {}); kids.forEach(k => e.append(k)); return e; };
  const json = (v) => el('pre', {}, JSON.stringify(v, null, 2));
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (typeof op !== 'object' || !op.responses) continue;
      const d = el('details', {}, el('summary', {}, el('span', { className: 'm ' + method }, method), ' ', el('code', {}, path), ' — ', op.summary || ''));
      if (op.parameters) d.append(el('h4', {}, 'Parameters'), json(op.parameters));
      if (op.requestBody) d.append(el('h4', {}, 'Request body'), json(op.requestBody));
      d.append(el('h4', {}, 'Responses'), json(op.responses));
      main.append(d);
    }
  }
  main.append(el('h2', {}, 'Schemas'), json((doc.components || {}).schemas || {}));
})();`;

export function apiDocsRouter(): Router {
  const router = express.Router();
  router.get('/docs', (_req, res) => { res.type('html').send(PAGE); });
  router.get('/docs/app.js', (_req, res) => { res.type('application/javascript').send(SCRIPT); });
  router.get('/docs/style.css', (_req, res) => { res.type('text/css').send(STYLE); });
  return router;
}
