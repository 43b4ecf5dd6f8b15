/**
 * TEMPORARY shim for api/stores/vectors.ts (owned elsewhere): insertFeatures passes
 * `JSON.stringify(rows)` as `$1::jsonb`. postgres.js then sees a jsonb parameter and
 * JSON-encodes the string a second time, so the server receives a JSON *string* and
 * jsonb_to_recordset fails with "cannot call jsonb_to_recordset on a non-array".
 * The fix there is `$1::text::jsonb` (or passing `sql.json(rows)`). Until it lands, this
 * wrapper rewrites `$n::jsonb` to `$n::text::jsonb` in `unsafe` queries whose parameter
 * is a string. Once vectors.ts is fixed the pattern no longer matches and this is a no-op.
 */
import type { Sql, TransactionSql } from 'postgres';

export function withTextJsonbParams<T extends Sql | TransactionSql>(tx: T): T {
  return new Proxy(tx, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop !== 'unsafe' || typeof value !== 'function') return value;
      return (query: string, params?: unknown[], ...rest: unknown[]) => {
        const fixed = query.replace(/\$(\d+)::jsonb\b/g, (m, n) => (typeof params?.[Number(n) - 1] === 'string' ? `$${n}::text::jsonb` : m));
        return (value as (...a: unknown[]) => unknown).call(target, fixed, params, ...rest);
      };
    },
  });
}
