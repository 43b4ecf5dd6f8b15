import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it, vi } from 'vitest';
import { ModelInputError } from '../../layers/core/errors.ts';
import { ProblemError } from '../services/problem.ts';
import { problemHandler } from './problem.ts';

function app(err: unknown) {
  const a = new Hono();
  a.onError(problemHandler);
  a.get('/', () => { throw err; });
  return a;
}

describe('problem+json error handler', () => {
  it('answers a ProblemError with its status, title, detail and extensions', async () => {
    const res = await app(new ProblemError(422, 'Unknown methodology', 'There is no methodology "X".', { methodology: 'X' })).request('/');
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await res.json()).toEqual({ type: 'about:blank', title: 'Unknown methodology', status: 422, detail: 'There is no methodology "X".', methodology: 'X' });
  });

  it('answers a model input error with 422 by its type, with its code and facts', async () => {
    const err = new ModelInputError({ code: 'missing_lucode', title: 'Land-cover class without carbon parameters', detail: 'No pools row for class 200.', extensions: { missing_classes: [200] } });
    const res = await app(err).request('/');
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ title: 'Land-cover class without carbon parameters', detail: 'No pools row for class 200.', code: 'missing_lucode', missing_classes: [200] });
  });

  it('turns a client HTTPException (e.g. malformed JSON) into a problem that says what to send', async () => {
    const res = await app(new HTTPException(400, { message: 'Malformed JSON in request body' })).request('/');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.title).toBe('Bad request');
    expect(body.detail).toMatch(/^Malformed JSON in request body\. .*application\/json/);
  });

  it('hides anything else behind a logged 500 without a stack trace', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await app(new Error('secret internals at /home/x.ts:12')).request('/');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret internals');
    expect(JSON.parse(text).title).toBe('Internal error');
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});
