import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { problemHandler } from './problem.ts';
import { isTextPath, requireText } from './request-text.ts';

const app = new Hono();
app.onError(problemHandler);
app.use('*', requireText());
app.get('/t/:name', (c) => c.text(c.req.param('name')));
app.post('/j', async (c) => c.json(await c.req.json()));
const postBytes = (bytes: Uint8Array<ArrayBuffer>) => app.request('/j', { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes });

describe('requireText', () => {
  it('knows text paths', () => {
    expect(isTextPath('/t/%E7%A2%B3')).toBe(true);
    expect(isTextPath('/t/%00')).toBe(false);
    expect(isTextPath('/t/%FF')).toBe(false);
  });

  it('answers 400 for a NUL or invalid UTF-8 in the path, and passes text', async () => {
    expect(await (await app.request('/t/%E7%A2%B3')).text()).toBe('碳');
    for (const path of ['/t/%00', '/t/a%00b', '/t/%C3%28']) {
      const res = await app.request(path);
      expect(res.status).toBe(400);
      expect((await res.json()).where).toBe('path');
    }
  });

  it('answers 400 for a raw NUL or invalid UTF-8 in a JSON body, and the route still reads a good body', async () => {
    const enc = new TextEncoder();
    expect(await (await postBytes(enc.encode('{"a":"碳"}'))).json()).toEqual({ a: '碳' });
    for (const bytes of [new Uint8Array([...enc.encode('{"a":"'), 0, ...enc.encode('"}')]), new Uint8Array([...enc.encode('{"a":"'), 0xff, 0xfe, ...enc.encode('"}')])]) {
      const res = await postBytes(bytes);
      expect(res.status).toBe(400);
      expect((await res.json()).where).toBe('body');
    }
  });
});
