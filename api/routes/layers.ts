import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { describe } from '../openapi.ts';
import { catalog } from '../services/catalog.ts';

const Layer = z.object({
  id: z.string(),
  title_zh: z.string(),
  title_en: z.string(),
  kind: z.enum(['vector', 'raster']),
  unit: z.string().nullable(),
  legend: z.any(),
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  minzoom: z.number(),
  maxzoom: z.number(),
  tiles: z.string(),
  tilejson: z.string(),
  source: z.string(),
  synthetic: z.boolean(),
  attribution: z.string().nullable(),
});

describe({ method: 'get', path: '/api/layers', summary: 'Layer catalog', tags: ['layers'], response: z.object({ layers: z.array(Layer) }) });

export function layersRouter({ db }: AppDeps) {
  return new Hono().get('/layers', async (c) => c.json({ layers: await catalog(db.sql) }));
}
