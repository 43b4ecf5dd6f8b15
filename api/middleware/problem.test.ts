import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it, vi } from 'vitest';
import { ModelInputError } from '../../layers/core/errors.ts';
import { ProblemError } from '../services/problem.ts';
import { MAX_PROBLEM_BYTES, preferredLanguage, problemHandler } from './problem.ts';

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

  it('answers a model input error in Chinese by default and in English when asked', async () => {
    const err = new ModelInputError({ code: 'unknown_methodology', title: 'Unknown methodology', detail: "unknown methodology 'X'",
      zh: { title: '未知方法学', detail: '没有方法学 “X”' } });
    const zh = await app(err).request('/');
    expect(await zh.json()).toMatchObject({ title: '未知方法学', detail: '没有方法学 “X”', code: 'unknown_methodology' });
    const en = await app(err).request('/', { headers: { 'accept-language': 'en' } });
    expect(await en.json()).toMatchObject({ title: 'Unknown methodology', detail: "unknown methodology 'X'" });
  });

  it('turns a client HTTPException (e.g. malformed JSON) into a problem that says what to send', async () => {
    const res = await app(new HTTPException(400, { message: 'Malformed JSON in request body' })).request('/', { headers: { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-language')).toBe('en');
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
    expect(JSON.parse(text).title).toBe('服务器内部错误');
    expect(res.headers.get('content-language')).toBe('zh-CN');
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  it('answers in Chinese unless Accept-Language prefers English, and says so', async () => {
    const err = new ProblemError(404, 'Unknown layer', 'No layer "x".', {}, { title: '没有这个图层', detail: '没有图层“x”。' });
    const zh = await app(err).request('/');
    expect(zh.headers.get('content-language')).toBe('zh-CN');
    expect(zh.headers.get('vary')).toContain('Accept-Language');
    expect(await zh.json()).toMatchObject({ title: '没有这个图层', detail: '没有图层“x”。' });
    const en = await app(err).request('/', { headers: { 'accept-language': 'en-US' } });
    expect(await en.json()).toMatchObject({ title: 'Unknown layer', detail: 'No layer "x".' });
    const noZh = await app(new ProblemError(400, 'Only English', 'English only.')).request('/');
    expect(noZh.headers.get('content-language')).toBe('en');
    expect(preferredLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(preferredLanguage('en;q=0.9,zh;q=0.5')).toBe('en');
    expect(preferredLanguage('fr, en;q=0.1')).toBe('en');
    expect(preferredLanguage('en;q=0')).toBe('zh');
    expect(preferredLanguage(undefined)).toBe('zh');
  });

  it('keeps every answer within 16 KB however large the error', async () => {
    const problems = Array.from({ length: 2_000_000 }, (_, i) => `coordinates[${i}]: expected a position, got null`);
    const huge = new ProblemError(422, 'Invalid geometry', 'x'.repeat(1_000_000), { problems, nested: { a: { b: { c: { d: { e: 1 } } } } }, wide: Object.fromEntries(problems.slice(0, 1000).map((p, i) => [`k${i}`, p])) });
    const res = await app(huge).request('/', { headers: { 'accept-language': 'en' } });
    const text = await res.text();
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(MAX_PROBLEM_BYTES);
    const body = JSON.parse(text);
    expect(body.status).toBe(422);
    expect(body.detail).toMatch(/… \(998,000 more characters\)$/);
    expect(body.problems.slice(0, 2)).toEqual(problems.slice(0, 2));
    expect(body.problems.at(-1)).toBe('… and 1,999,980 more');
    expect(body.nested.a.b.c).toBe('…');
    expect(body.wide['…']).toBe('more members left out');
  });

  it('drops extension members that would still exceed 16 KB, keeping title and detail', async () => {
    const wide = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, Array.from({ length: 20 }, () => 'y'.repeat(400))]));
    const res = await app(new ProblemError(422, 'Wide', 'Too wide.', wide)).request('/');
    const text = await res.text();
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(MAX_PROBLEM_BYTES);
    expect(JSON.parse(text)).toEqual({ type: 'about:blank', title: 'Wide', status: 422, detail: 'Too wide.', extensions_omitted: true });
  });
});
