/**
 * `tantu import <file> --as <target> [--crs <epsg-code|gcj02>] [--encoding gbk]
 *   [--map targetField=sourceColumn …] [--set field=value …] [--value field:from=to …]
 *   [--unit <unit>] [--title <title>] [--preset osm]`
 *
 * Targets: regions, stands, wetlands, protected_areas, roads, places, stations, substations,
 * power_lines, raster:<layer-id> for a GeoTIFF, or weather for an hourly weather file (EPW, TMY3,
 * PVGIS TMY, plain CSV; `--utc-offset`, `--name`, `--lat --lon --elevation`). The CLI dispatcher (data-pipeline/cli.ts)
 * calls runImport with the arguments after `import`.
 */
import type { Sql } from 'postgres';
import type { Database } from '../../api/store/connect.ts';
import { ImportError, importFile, type ImportOptions, type ImportResult } from '../import/index.ts';
import { importWeatherFile, type WeatherImportResult } from '../import/weather/index.ts';

export const IMPORT_USAGE = `usage: tantu import <file> --as <target> [--crs <epsg-code|gcj02>] [--encoding gbk]
                    [--map targetField=sourceColumn …] [--set field=value …] [--value field:from=to …]
                    [--unit <unit>] [--title <title>] [--preset osm]
       tantu import <weather file> --as weather [--utc-offset 8] [--name <name>] [--lat <deg> --lon <deg> --elevation <m>]
  targets: regions, stands, wetlands, protected_areas, roads, places, stations, substations, power_lines, raster:<layer-id>, weather
  files:   .geojson/.json, .zip (shapefile), .shp, .kml, .kmz, .csv, .tif (rasters);
           weather: .epw (EnergyPlus), TMY3 .csv, PVGIS TMY .json/.csv, hourly .csv (time, ghi, dni?, dhi?, temp_air, wind_speed, pressure?)
  presets: osm (--as roads: an OSM extract's highway/maxspeed/oneway/name tags, ways split at shared nodes)
  example: tantu import 小班.zip --as stands --crs EPSG:4549 --encoding gbk --map species_group=树种 volume_m3_per_ha=每公顷蓄积`;

export interface ParsedImportArgs {
  file: string;
  as: string;
  crs?: string;
  encoding?: string;
  map: Record<string, string>;
  set: Record<string, string>;
  values: Record<string, Record<string, string>>;
  unit?: string;
  title?: string;
  /** --preset osm: read an OpenStreetMap extract (roads only). */
  preset?: 'osm';
  /** Weather only: --utc-offset, --name, --lat, --lon, --elevation. */
  weather: { utc_offset_h?: number; name?: string; latitude?: number; longitude?: number; elevation_m?: number };
}

const usage = (problem: string): ImportError => new ImportError('tantu import', problem, IMPORT_USAGE.replace(/^usage: /, 'usage: '));

function pair(text: string, option: string): [string, string] {
  const i = text.indexOf('=');
  if (i <= 0) throw usage(`${option} expects field=value, got "${text}"`);
  return [text.slice(0, i).trim(), text.slice(i + 1).trim()];
}

/** Parse the arguments after `import`. Throws ImportError (with the usage as hint) on bad arguments. */
export function parseImportArgs(argv: string[]): ParsedImportArgs {
  const out: ParsedImportArgs = { file: '', as: '', map: {}, set: {}, values: {}, weather: {} };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline: string | undefined;
    const eq = /^(--[a-z-]+)=(.*)$/s.exec(arg);
    if (eq) {
      arg = eq[1];
      inline = eq[2];
    }
    const next = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined || (v.startsWith('--') && v.length > 2)) throw usage(`${arg} needs a value`);
      return v;
    };
    /** Pairs after --map/--set/--value: one, then any more that contain '=' and are not options. */
    const pairs = () => {
      const list = [next()];
      if (inline === undefined) while (i + 1 < argv.length && !argv[i + 1].startsWith('--') && argv[i + 1].includes('=')) list.push(argv[++i]);
      return list;
    };
    const number = () => {
      const v = Number(next());
      if (!Number.isFinite(v)) throw usage(`${arg} takes a number`);
      return v;
    };
    switch (arg) {
      case '--utc-offset':
        out.weather.utc_offset_h = number();
        break;
      case '--lat':
        out.weather.latitude = number();
        break;
      case '--lon':
        out.weather.longitude = number();
        break;
      case '--elevation':
        out.weather.elevation_m = number();
        break;
      case '--name':
        out.weather.name = next();
        break;
      case '--as':
        out.as = next();
        break;
      case '--crs':
        out.crs = next();
        break;
      case '--encoding':
        out.encoding = next();
        break;
      case '--unit':
        out.unit = next();
        break;
      case '--title':
        out.title = next();
        break;
      case '--preset': {
        const v = next();
        if (v !== 'osm') throw usage(`unknown preset "${v}" (there is: osm)`);
        out.preset = v;
        break;
      }
      case '--map':
        for (const p of pairs()) {
          const [k, v] = pair(p, '--map');
          out.map[k] = v;
        }
        break;
      case '--set':
        for (const p of pairs()) {
          const [k, v] = pair(p, '--set');
          out.set[k] = v;
        }
        break;
      case '--value':
        for (const p of pairs()) {
          const m = /^([^:=]+):([^=]+)=(.+)$/.exec(p);
          if (!m) throw usage(`--value expects field:from=to (e.g. species_group:黄山松=masson_pine), got "${p}"`);
          (out.values[m[1].trim()] ??= {})[m[2].trim()] = m[3].trim();
        }
        break;
      default:
        if (arg.startsWith('--')) throw usage(`unknown option ${arg}`);
        positional.push(arg);
    }
  }
  if (positional.length === 0) throw usage('no file given');
  if (positional.length > 1) throw usage(`one file at a time (got ${positional.join(', ')})`);
  if (!out.as) throw usage('--as <target> is required');
  out.file = positional[0];
  return out;
}

export interface ImportContext {
  db: Database | Sql;
  dataDir: string;
  log: (message: string) => void;
}

/** Run `tantu import …`: parse, import in one transaction, log what happened. Throws ImportError on failure. */
export async function runImport(argv: string[], ctx: ImportContext): Promise<ImportResult> {
  const args = parseImportArgs(argv);
  const opts: ImportOptions = {
    ...args,
    dataDir: ctx.dataDir,
    onProgress: (p) => {
      if (p.phase === 'insert') ctx.log(`writing ${p.total} feature(s) to ${args.as} …`);
    },
  };
  ctx.log(`importing ${args.file} as ${args.as}`);
  const result = await importFile(ctx.db, opts);
  for (const n of result.notes) ctx.log(`  ${n}`);
  for (const w of result.warnings) ctx.log(`  warning: ${w}`);
  if (result.rasterPath) {
    const [w, s, e, n] = result.bounds!.map((v) => v.toFixed(5));
    ctx.log(`registered raster layer ${result.ids[0]} (${result.sourceCrs}) → ${result.rasterPath}, bounds ${w},${s} – ${e},${n} (import #${result.importId})`);
  } else {
    ctx.log(`imported ${result.featureCount} feature(s) into ${result.target} from ${result.sourceCrs} (import #${result.importId})`);
  }
  return result;
}

/** Run `tantu import <file> --as weather …`: parse, import one station in one transaction, log it. Throws ImportError on failure. */
export async function runWeatherImport(argv: string[], ctx: ImportContext): Promise<WeatherImportResult> {
  const args = parseImportArgs(argv);
  if (args.as !== 'weather') throw usage(`runWeatherImport imports --as weather, got --as ${args.as}`);
  ctx.log(`importing ${args.file} as weather`);
  const w = await importWeatherFile(ctx.db, args.file, args.weather);
  const ghi = Math.round(w.annual_ghi_kwh_per_m2).toLocaleString('en-US');
  ctx.log(`imported weather station #${w.id} ${w.series.station.name}: ${w.series.time_ms.length} h, GHI ${ghi} kWh/m²/yr`);
  return w;
}

/** The CLI's `import`: weather files to runWeatherImport, everything else to runImport. */
export async function runImportCommand(argv: string[], ctx: ImportContext): Promise<ImportResult | WeatherImportResult> {
  return parseImportArgs(argv).as === 'weather' ? runWeatherImport(argv, ctx) : runImport(argv, ctx);
}
