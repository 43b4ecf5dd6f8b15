/**
 * Request bodies must say they are JSON (`application/json` or `…+json`): 415 otherwise. A web
 * page can make a browser post `text/plain` to any origin without a CORS preflight, but not
 * `application/json`, so this keeps other sites from driving a tantu on the visitor's machine.
 */
import type { MiddlewareHandler } from 'hono';
import { ProblemError } from '../services/problem.ts';

const JSON_TYPE = /^application\/([\w.+-]+\+)?json$/i;

export function requireJsonBody(): MiddlewareHandler {
  return async (c, next) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const type = (c.req.header('content-type') ?? '').split(';')[0].trim();
      // A body is announced by Content-Length or Transfer-Encoding (HTTP/1.1); a declared type counts too.
      const hasBody = type !== '' || Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined;
      if (hasBody && !JSON_TYPE.test(type)) {
        throw new ProblemError(415, 'Unsupported media type', `Send the body as JSON with "Content-Type: application/json" (got ${type ? `"${type.slice(0, 100)}"` : 'none'}).`,
          { content_type: type.slice(0, 100) }, { title: '不支持的媒体类型', detail: `请以 “Content-Type: application/json” 发送 JSON 请求体（收到 ${type ? `“${type.slice(0, 100)}”` : '无'}）。` });
      }
    }
    await next();
  };
}
