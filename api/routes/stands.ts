import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { describe } from '../openapi.ts';
import { standCarbon } from '../services/stand-carbon.ts';

const Pools = z.object({ above: z.number(), below: z.number(), soil: z.number(), dead: z.number(), total: z.number() });
const StandCarbon = z.object({
  id: z.string(),
  species_group: z.string(),
  forest_type: z.enum(['arbor', 'bamboo', 'shrub']),
  area_ha: z.number(),
  route: z.string(),
  landcover_code: z.number().int(),
  landcover_matched: z.boolean(),
  per_ha: z.object({ pools_tC: Pools, stock_tC: z.number(), stock_tCO2e: z.number(), sink_tCO2e_per_yr: z.number(), volume_m3_per_ha: z.number().nullable() }),
  model_version: z.string(),
  parameter_overrides: z.array(z.string()),
});

describe({ method: 'get', path: '/api/stands/:id/carbon', tags: ['carbon'], response: StandCarbon, summary: 'Carbon per hectare of one stand (小班): pools, stock and annual sink' });

export function standsRouter({ db }: AppDeps) {
  return new Hono().get('/stands/:id/carbon', async (c) => c.json(await standCarbon(db.sql, c.req.param('id'))));
}
