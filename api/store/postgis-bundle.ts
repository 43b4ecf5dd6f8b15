/**
 * A smaller PostGIS bundle for the embedded database. PGlite's PostGIS extension ships one
 * tar.gz of 95 MB (PostGIS, postgis_raster, postgis_topology, the tiger geocoder, upgrade
 * scripts) and unpacks all of it into memory on every start; tantu uses PostGIS alone. Once per
 * installed version the bundle is cut to what `CREATE EXTENSION postgis` and its functions need
 * (postgis-3.so, postgis.control, the install script, PROJ's data: 33 MB) and kept in
 * node_modules/.cache; every later start unpacks that. Same library, same SQL, same PROJ data.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createTar, parseTar } from 'nanotar';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Extension } from '@electric-sql/pglite';


/** Whether a file of the full bundle is needed by PostGIS itself (not raster, topology, tiger or upgrades). */
export function neededByPostgis(name: string): boolean {
  if (name.startsWith('share/proj/')) return true;
  if (name.startsWith('lib/postgresql/')) return /\/postgis-3\.so$/.test(name) || name.endsWith('/');
  if (name.startsWith('share/postgresql/extension/')) return /\/postgis(\.control|--\d+\.\d+\.\d+\.sql)$/.test(name) || name.endsWith('/');
  return /^(share|share\/postgresql|lib)\/$/.test(name);
}

/** Cut `full` (…/@electric-sql/pglite-postgis/dist/postgis.tar.gz) once into node_modules/.cache/tantu, atomically; its path. */
function slimBundle(full: string): string {
  const packageDir = dirname(dirname(full));
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const cacheDir = join(packageDir, '..', '..', '.cache', 'tantu');
  const out = join(cacheDir, `postgis-${version}-slim.tar.gz`);
  if (existsSync(out)) return out;
  const files = parseTar(gunzipSync(readFileSync(full))).filter((f) => neededByPostgis(f.name));
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, gzipSync(createTar(files.map(({ name, data, attrs }) => ({ name, data, attrs }))), { level: 1 }));
  renameSync(tmp, out);
  return out;
}

/** PGlite's PostGIS extension, reading the cut bundle (made on first use; the full one if that fails). */
export function slimPostgis(): Extension {
  return {
    name: 'postgis',
    async setup(pg, emscriptenOpts) {
      const result = await postgis.setup(pg, emscriptenOpts);
      if (!result.bundlePath) return result;
      try {
        return { ...result, bundlePath: pathToFileURL(slimBundle(fileURLToPath(result.bundlePath))) };
      } catch {
        return result;
      }
    },
  };
}
