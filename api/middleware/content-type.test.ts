import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { requireJsonBody } from './content-type.ts';
import { problemHandler } from './problem.ts';

const app = new Hono();
app.onError(problemHandler);
app.use('*', requireJsonBody());
app.post('/x', (c) => c.text('ok'));
app.delete('/x', (c) => c.text('ok'));
const post = (headers: Record<string, string>, body = '{}') => app.request('/x', { method: 'POST', headers, body });

describe('requireJsonBody', () => {
  it('lets JSON bodies through (application/json, with charset, +json)', async () => {
    expect((await post({ 'content-type': 'application/json' })).status).toBe(200);
    expect((await post({ 'content-type': 'Application/JSON; charset=utf-8' })).status).toBe(200);
    expect((await post({ 'content-type': 'application/geo+json' })).status).toBe(200);
  });

  it('answers 415 problem+json for text/plain, forms and no content type', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await post({ 'content-type': type });
      expect(res.status).toBe(415);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).content_type).toBe(type.split(';')[0]);
    }
    const none = await app.request('/x', { method: 'POST', headers: { 'content-length': '2' }, body: new Blob(['{}']) });
    expect(none.status).toBe(415);
  });

  it('does not ask a request without a body for a content type', async () => {
    expect((await app.request('/x', { method: 'DELETE' })).status).toBe(200);
  });
});
