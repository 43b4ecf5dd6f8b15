import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { analysisQueue } from './analysis-queue.ts';

/** An app whose /work requests each wait for their own release, so the test decides when they finish. */
function gatedApp(concurrency: number, maxWaiting: number) {
  const started: string[] = [];
  const releases = new Map<string, () => void>();
  const app = new Hono();
  app.use('/work/*', analysisQueue({ concurrency, maxWaiting }));
  app.post('/work/:id', async (c) => {
    const id = c.req.param('id');
    started.push(id);
    await new Promise<void>((r) => releases.set(id, r));
    return c.json({ id });
  });
  app.get('/light', (c) => c.text('ok'));
  return { app, started, release: (id: string) => releases.get(id)!() };
}

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('analysisQueue', () => {
  it('runs `concurrency` at once, the rest in arrival order, and light requests meanwhile', async () => {
    const { app, started, release } = gatedApp(2, 10);
    const answers = ['a', 'b', 'c', 'd'].map((id) => app.request(`/work/${id}`, { method: 'POST' }));
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect(await (await app.request('/light')).text()).toBe('ok');
    release('b');
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    release('a');
    await tick();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    release('c'); release('d');
    expect(await Promise.all(answers.map(async (r) => (await (await r).json()).id))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('answers 503 problem+json with Retry-After, in Chinese by default, once maxWaiting are waiting', async () => {
    const { app, started, release } = gatedApp(1, 1);
    const first = app.request('/work/a', { method: 'POST' });
    const second = app.request('/work/b', { method: 'POST' });
    await tick();
    const refused = await app.request('/work/c', { method: 'POST' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    const body = await refused.json();
    expect(body).toMatchObject({ status: 503, title: '排队的分析过多', running: 1, waiting: 1, max_waiting: 1 });
    const en = await (await app.request('/work/d', { method: 'POST', headers: { 'accept-language': 'en' } })).json();
    expect(en.title).toBe('Too many analyses waiting');
    expect(started).toEqual(['a']);
    release('a');
    await tick();
    release('b');
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
  });
});
