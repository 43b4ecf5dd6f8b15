/**
 * Paths and bodies must be text: a NUL byte or bytes that are not UTF-8 in the path (raw or
 * percent-encoded) or in a JSON body answer 400 before any route or database sees them
 * (PostgreSQL text cannot hold NUL; a lossy decode would change what was sent).
 */
import type { MiddlewareHandler } from 'hono';
import { ProblemError } from '../services/problem.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function notText(where: string, what: string): ProblemError {
  return new ProblemError(400, 'Not text', `The ${where} contains ${what}; send UTF-8 text without NUL characters.`,
    { where }, { title: '不是文本', detail: `${where === 'path' ? '路径' : '请求体'}包含${what === 'a NUL character' ? ' NUL 字符' : '非 UTF-8 字节'}；请发送不含 NUL 字符的 UTF-8 文本。` });
}

/** True when `s` percent-decodes to UTF-8 text without NUL. */
export function isTextPath(s: string): boolean {
  try {
    return !decodeURIComponent(s).includes('\0');
  } catch {
    return false;
  }
}

export function requireText(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    const path = url.slice(url.indexOf('/', url.indexOf('//') + 2)).split(/[?#]/)[0];
    if (!isTextPath(path)) throw notText('path', /%00|\0/i.test(path) ? 'a NUL character' : 'bytes that are not UTF-8');
    if (/json/i.test(c.req.header('content-type') ?? '') && !['GET', 'HEAD'].includes(c.req.method)) {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.includes(0)) throw notText('body', 'a NUL character');
      try {
        utf8.decode(bytes);
      } catch {
        throw notText('body', 'bytes that are not UTF-8');
      }
    }
    await next();
  };
}
