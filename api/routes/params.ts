import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { describe, parseJson } from '../openapi.ts';
import { ProblemError } from '../problem.ts';
import { carbonTables, overrideCarbonTable, resetCarbonTable } from '../services/carbon-params.ts';
import { CARBON_MODEL_VERSION } from '../../layers/carbon/parcel.ts';

describe({ method: 'get', path: '/api/params/carbon', summary: 'Carbon parameter tables in force (defaults with their sources, and overrides)', tags: ['carbon'] });
const put = describe({
  method: 'put', path: '/api/params/carbon/:table', tags: ['carbon'],
  summary: 'Replace one carbon parameter table (admin: Authorization: Bearer <TANTU_ADMIN_TOKEN>)',
  body: z.object({ value: z.any().describe('The whole table, in the shape GET returns'), note: z.string().max(2000).optional() }),
});
describe({ method: 'delete', path: '/api/params/carbon/:table', summary: 'Restore a table to its default (admin)', tags: ['carbon'] });

export function paramsRouter({ db, config }: AppDeps) {
  const requireAdmin = (authorization: string | undefined): string => {
    if (!config.adminToken) {
      throw new ProblemError(403, 'Parameter editing is disabled', 'Start the server with TANTU_ADMIN_TOKEN set to allow an administrator to change parameter tables.');
    }
    if (!authorization?.startsWith('Bearer ')) {
      throw new ProblemError(401, 'Authorisation required', 'Send the header "Authorization: Bearer <admin token>" to change parameter tables.');
    }
    if (authorization.slice(7) !== config.adminToken) throw new ProblemError(403, 'Not allowed', 'The token is not the administrator token.');
    return 'admin';
  };
  return new Hono()
    .get('/params/carbon', async (c) => {
      const { tables, overrides } = await carbonTables(db.sql);
      return c.json({ model_version: CARBON_MODEL_VERSION, tables, overrides });
    })
    .put('/params/carbon/:table', async (c) => {
      const user = requireAdmin(c.req.header('authorization'));
      const { value, note } = await parseJson(c, put.body);
      await overrideCarbonTable(db.sql, c.req.param('table'), value, user, note ?? null);
      return c.json({ table: c.req.param('table'), status: 'overridden' });
    })
    .delete('/params/carbon/:table', async (c) => {
      requireAdmin(c.req.header('authorization'));
      const removed = await resetCarbonTable(db.sql, c.req.param('table'));
      return c.json({ table: c.req.param('table'), status: removed ? 'default restored' : 'was default' });
    });
}
