import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { hostAllowList, hostName } from './host-allow-list.ts';
import { problemHandler } from './problem.ts';

const app = new Hono();
app.onError(problemHandler);
app.use('*', hostAllowList(['localhost', '127.0.0.1', '[::1]']));
app.get('/', (c) => c.text('ok'));
const get = (host: string) => app.request('/', { headers: { host } });

describe('hostAllowList', () => {
  it('reads the name of a Host header without its port', () => {
    expect(hostName('LocalHost:8787')).toBe('localhost');
    expect(hostName('[::1]:8787')).toBe('[::1]');
    expect(hostName('example.org.')).toBe('example.org');
  });

  it('answers the allowed names on any port', async () => {
    for (const host of ['localhost', 'localhost:8787', '127.0.0.1:5173', '[::1]:8787']) expect((await get(host)).status).toBe(200);
  });

  it('answers 421 problem+json to any other name (DNS rebinding)', async () => {
    for (const host of ['evil.example', 'evil.example:8787', 'localhost.evil.example', '127.0.0.1.nip.io']) {
      const res = await get(host);
      expect(res.status).toBe(421);
      expect((await res.json()).host).toBe(host);
    }
  });

  it('answers every name with *', async () => {
    const open = new Hono();
    open.use('*', hostAllowList(['*']));
    open.get('/', (c) => c.text('ok'));
    expect((await open.request('/', { headers: { host: 'anything.example' } })).status).toBe(200);
  });
});
