/**
 * What the server answers while it starts (database, demo county, carbon layers): the web page
 * says so in both languages and reloads itself; API and tile requests get 503 problem+json with
 * Retry-After. api/server.ts listens at once and hands requests to the app when it is ready.
 */
import { PROBLEM_CONTENT_TYPE } from '../middleware/problem.ts';
import type { Problem } from '../schemas/problem.ts';

const RETRY_S = 2;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The answer to `request` while start-up is at `step` (e.g. "demo: terrain 40 %"). */
export function startingResponse(request: Request, step: string): Response {
  const { pathname } = new URL(request.url);
  if (pathname.startsWith('/api/') || pathname.startsWith('/tiles/')) {
    const body: Problem = { type: 'about:blank', title: 'Starting', status: 503, detail: `tantu is starting (${step}). Try again in a few seconds.`, step };
    return new Response(JSON.stringify(body), { status: 503, headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'retry-after': String(RETRY_S) } });
  }
  const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta http-equiv="refresh" content="${RETRY_S}">
<title>tantu 碳图 — 正在启动 / starting</title>
<body style="font-family:system-ui,sans-serif;margin:3rem;color:#234">
<h1>碳图 tantu</h1><p>正在启动,请稍候……页面会自动刷新。</p><p>Starting, please wait… this page reloads by itself.</p>
<p style="color:#678"><code>${escapeHtml(step)}</code></p></body></html>`;
  return new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': String(RETRY_S), 'cache-control': 'no-store' } });
}
