import { createRoute, z } from '@hono/zod-openapi';
import {
  PvAnalysisSchema, PvRequestSchema, TurbineSchema, WeatherStationSchema, WindAnalysisSchema, WindRequestSchema,
} from '../schemas/energy.ts';
import { analysePv } from '../services/pv-yield.ts';
import { analyseWind, turbineList } from '../services/wind-yield.ts';
import { weatherStations } from '../services/weather.ts';
import { DEFAULT_PARCEL_LIMITS } from '../services/parcel.ts';
import { jsonResponse, problemResponses, router, type AppDeps } from './openapi.ts';

const pv = createRoute({
  method: 'post', path: '/analysis/pv', tags: ['energy'],
  summary: 'PV yield of a point or parcel: annual and monthly kWh, losses, P50/P90, avoided CO2',
  request: {
    query: z.object({ format: z.enum(['json', 'csv']).optional().describe('csv: the hourly series (UTF-8 with BOM) instead of the summary') }),
    body: { required: true, content: { 'application/json': { schema: PvRequestSchema } } },
  },
  responses: {
    200: {
      description: 'The yield, with the weather, horizon and parameters it used (or the hourly CSV)',
      content: { 'application/json': { schema: PvAnalysisSchema }, 'text/csv': { schema: z.string() } },
    },
    ...problemResponses,
  },
});

const wind = createRoute({
  method: 'post', path: '/analysis/wind', tags: ['energy'],
  summary: 'Wind yield of a point or parcel: hub-height wind, Weibull, AEP gross and net, capacity factor, avoided CO2',
  request: { body: { required: true, content: { 'application/json': { schema: WindRequestSchema } } } },
  responses: { 200: jsonResponse(WindAnalysisSchema, 'The yield, with the wind, turbine and parameters it used'), ...problemResponses },
});

const stations = createRoute({
  method: 'get', path: '/weather/stations', tags: ['energy'], summary: 'Weather stations with hourly series (imported or the demo county’s)',
  responses: { 200: jsonResponse(z.object({ stations: z.array(WeatherStationSchema) }), 'The stations'), ...problemResponses },
});

const turbines = createRoute({
  method: 'get', path: '/wind/turbines', tags: ['energy'], summary: 'Wind turbine types with their power curves and sources',
  responses: { 200: jsonResponse(z.object({ turbines: z.array(TurbineSchema) }), 'The turbines'), ...problemResponses },
});

export function energyRouter({ db, config }: AppDeps) {
  const limits = { ...DEFAULT_PARCEL_LIMITS, max_area_km2: config.maxParcelKm2 };
  return router()
    .openapi(pv, async (c) => {
      const csv = c.req.valid('query').format === 'csv';
      const y = await analysePv(db.sql, c.req.valid('json'), limits, { hourly: csv });
      if (y.hourly_csv) {
        return c.body(y.hourly_csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="tantu-pv-hourly.csv"' });
      }
      return c.json(y.analysis, 200);
    })
    .openapi(wind, async (c) => c.json(await analyseWind(db.sql, c.req.valid('json'), limits), 200))
    .openapi(stations, async (c) => c.json({ stations: await weatherStations(db.sql) }, 200))
    .openapi(turbines, (c) => c.json({ turbines: turbineList() }, 200));
}
