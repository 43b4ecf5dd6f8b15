/** What the server answers before it is ready: a self-reloading page, 503 problem+json for the API. */
import { describe, expect, it } from 'vitest';
import { startingResponse } from '../../../api/routes/starting.ts';

describe('answers while starting', () => {
  it('gives API and tile requests 503 problem+json with Retry-After and the current step', async () => {
    for (const path of ['/api/health', '/tiles/landcover/10/850/420.png']) {
      const res = startingResponse(new Request(`http://localhost${path}`), 'demo: terrain 40 %');
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.headers.get('retry-after')).toBe('2');
      expect(await res.json()).toMatchObject({ status: 503, title: 'Starting', step: 'demo: terrain 40 %' });
    }
  });

  it('gives the web page a bilingual notice that reloads itself, with the step escaped', async () => {
    const res = startingResponse(new Request('http://localhost/'), '<b>x</b>');
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('正在启动');
    expect(html).toContain('Starting');
    expect(html).toContain('http-equiv="refresh"');
    expect(html).toContain('&#60;b&#62;x&#60;/b&#62;');
  });
});
