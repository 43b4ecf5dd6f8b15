/** The cut PostGIS bundle keeps what PostGIS needs and drops raster, topology, tiger and upgrade scripts. */
import { describe, expect, it } from 'vitest';
import { neededByPostgis } from '../../../api/store/postgis-bundle.ts';

describe('PostGIS bundle for the embedded database', () => {
  it('keeps the library, control file, install script and PROJ data', () => {
    for (const name of ['lib/postgresql/postgis-3.so', 'share/postgresql/extension/postgis.control', 'share/postgresql/extension/postgis--3.6.2.sql',
      'share/proj/proj.db', 'share/proj/ITRF2020', 'lib/postgresql/', 'share/postgresql/extension/']) {
      expect(neededByPostgis(name), name).toBe(true);
    }
  });

  it('drops the extensions tantu does not use and the upgrade paths', () => {
    for (const name of ['lib/postgresql/postgis_raster-3.so', 'lib/postgresql/postgis_topology-3.so', 'share/postgresql/extension/postgis_raster--3.6.2.sql',
      'share/postgresql/extension/postgis--ANY--3.6.2.sql', 'share/postgresql/extension/postgis--unpackaged--3.6.2.sql', 'share/postgresql/extension/postgis--2.0.0--ANY.sql',
      'share/postgresql/extension/postgis_tiger_geocoder--3.6.2.sql', 'share/postgresql/contrib/postgis-3.6/postgis.sql']) {
      expect(neededByPostgis(name), name).toBe(false);
    }
  });
});
