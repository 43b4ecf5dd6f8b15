import { describe, expect, it } from 'vitest';
import { parseCsv, readCsv } from '../../../data-pipeline/import/csv.ts';
import { ParseError } from '../../../data-pipeline/import/errors.ts';
import { readGeoJson } from '../../../data-pipeline/import/geojson.ts';
import { readKml, readKmz } from '../../../data-pipeline/import/kml.ts';
import { readDbf, readZippedShapefile, unzipShapefile } from '../../../data-pipeline/import/shapefile.ts';
import { parseWktGeometry } from '../../../data-pipeline/import/wkt.ts';
import { STANDS, STATIONS } from '../../fixtures/import/expected.ts';
import { fixture, fixtureText } from './helpers.ts';

describe('zipped shapefile', () => {
  it('reads GBK column names and values, the .cpg and the .prj', async () => {
    const data = await readZippedShapefile(fixture('stands-gbk.zip'));
    expect(data.columns).toEqual(['小班号', '树种', '起源', '林龄', '每公顷蓄积', '村名']);
    expect(data.encoding).toMatch(/gb18030.*cpg/);
    expect(data.crs).toBe('EPSG:4549');
    expect(data.features).toHaveLength(3);
    expect(data.features.map((f) => f.properties?.树种)).toEqual(['杉木', '马尾松', '毛竹']);
    expect(data.features[0].properties).toMatchObject({ 小班号: STANDS[0].id, 林龄: 18, 每公顷蓄积: 142.5, 村名: '递铺村' });
    expect(data.features[2].properties?.每公顷蓄积).toBeNull();
    expect(data.features[0].geometry?.type).toBe('Polygon');
    expect(data.labels[1]).toBe('record 2');
  });

  it('honours --encoding over the .cpg (UTF-8 on GBK bytes gives mojibake)', async () => {
    const data = await readZippedShapefile(fixture('stands-gbk.zip'), { encoding: 'utf-8' });
    expect(data.features[0].properties?.树种).toBeUndefined();
    const gbk = await readZippedShapefile(fixture('stands-gbk.zip'), { encoding: 'gbk' });
    expect(gbk.features[0].properties?.树种).toBe('杉木');
  });

  it('detects GBK without a .cpg from the DBF language driver', () => {
    const parts = unzipShapefile(fixture('stands-gbk.zip'));
    const table = readDbf(parts.dbf!);
    expect(table.fields[1].name).toBe('树种');
    expect(table.records[1].树种).toBe('马尾松');
  });

  it('rejects a truncated zip with a hint', async () => {
    const err = await readZippedShapefile(fixture('bad-truncated.zip')).catch((e) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect(err.problem).toMatch(/not a readable zip/);
    expect(err.hint).toMatch(/truncated or damaged/);
  });
});

describe('CSV', () => {
  it('splits quoted fields with separators, quotes and newlines inside', () => {
    const { rows, lines } = parseCsv('a,b,c\n1,"x, ""y""",3\r\n2,"multi\nline",4\n');
    expect(rows).toEqual([['a', 'b', 'c'], ['1', 'x, "y"', '3'], ['2', 'multi\nline', '4']]);
    expect(lines).toEqual([1, 2, 3]);
    expect(parseCsv('a\tb\n1\t2').rows[1]).toEqual(['1', '2']);
  });

  it('reads UTF-8 with BOM: 经度/纬度 columns become points, the rest properties', () => {
    const data = readCsv(fixture('stations-gcj02.csv'));
    expect(data.encoding).toBe('utf-8');
    expect(data.columns).toEqual(['编号', '名称', '充电桩数', '功率kW', '类型']);
    expect(data.features[0].properties?.名称).toBe(STATIONS[0].name);
    expect(data.features[1].properties?.名称).toBe(STATIONS[1].name);
    expect(data.features[0].geometry.type).toBe('Point');
    expect(data.labels[2]).toBe('row 3 (line 4)');
  });

  it('detects GBK (Excel on Chinese Windows) and decodes it', () => {
    const data = readCsv(fixture('stations-gcj02-gbk.csv'));
    expect(data.encoding).toBe('gb18030');
    expect(data.features[2].properties?.名称).toBe('杭长高速安吉服务区');
  });

  it('reads a WKT column (EWKT SRID becomes the CRS)', () => {
    const csv = 'name,wkt\n甲,"SRID=4549;POLYGON((465000 3390000, 465100 3390000, 465100 3390100, 465000 3390000))"\n';
    const data = readCsv(new TextEncoder().encode(csv));
    expect(data.crs).toBe('EPSG:4549');
    expect(data.features[0].geometry.type).toBe('Polygon');
    expect(data.features[0].properties).toEqual({ name: '甲' });
  });

  it('names the missing latitude column and lists the columns', () => {
    const err = (() => {
      try {
        readCsv(fixture('bad-missing-lat.csv'));
      } catch (e) {
        return e as ParseError;
      }
    })()!;
    expect(err.problem).toBe('no latitude column (columns are: 编号, 名称, 经度, 充电桩数, 功率kW)');
    expect(err.hint).toMatch(/--map lat=/);
  });

  it('reports a bad coordinate with its row and line', () => {
    const err = (() => {
      try {
        readCsv(new TextEncoder().encode('lon,lat\n119.6,30.6\nabc,30.6\n'));
      } catch (e) {
        return e as ParseError;
      }
    })()!;
    expect(err.where).toBe('row 2 (line 3)');
  });
});

describe('WKT', () => {
  it('parses the common geometry types, with Z ignored', () => {
    expect(parseWktGeometry('POINT (1 2)').geometry).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(parseWktGeometry('POINT Z (1 2 3)').geometry).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(parseWktGeometry('MULTIPOINT (1 2, 3 4)').geometry).toEqual({ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] });
    expect(parseWktGeometry('MULTIPOINT ((1 2), (3 4))').geometry).toEqual({ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] });
    expect(parseWktGeometry('LINESTRING(0 0,1 1)').geometry.type).toBe('LineString');
    const mp = parseWktGeometry('MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((2 2,3 2,3 3,2 2),(2.1 2.1,2.2 2.1,2.2 2.2,2.1 2.1)))').geometry;
    expect(mp.type === 'MultiPolygon' && mp.coordinates[1].length).toBe(2);
    expect(parseWktGeometry('GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1))').geometry.type).toBe('GeometryCollection');
    expect(() => parseWktGeometry('POLYGON((0 0, 1 1)')).toThrow(/expected/);
  });
});

describe('GeoJSON', () => {
  it('accepts a bare geometry as one feature without properties', () => {
    const data = readGeoJson(fixtureText('redline-bare.geojson'));
    expect(data.features).toHaveLength(1);
    expect(data.features[0].geometry?.type).toBe('Polygon');
    expect(data.features[0].properties).toEqual({});
  });
  it('accepts a Feature (its id becomes the id property) and a FeatureCollection', () => {
    const f = readGeoJson(JSON.stringify({ type: 'Feature', id: 7, properties: { a: 1 }, geometry: { type: 'Point', coordinates: [1, 2] } }));
    expect(f.features[0].properties).toEqual({ a: 1, id: 7 });
    expect(readGeoJson(fixtureText('bad-self-intersecting.geojson')).labels).toEqual(['feature 1', 'feature 2']);
  });
  it('reports the legacy crs member', () => {
    const fc = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4549' } }, features: [] };
    expect(readGeoJson(JSON.stringify(fc)).crs).toBe('urn:ogc:def:crs:EPSG::4549');
  });
  it('rejects text that is not JSON', () => {
    expect(() => readGeoJson('{"type": "Feature",')).toThrow(ParseError);
  });
});

describe('KML / KMZ', () => {
  it('reads placemarks with name and ExtendedData', () => {
    const data = readKml(fixtureText('wetlands.kml'));
    expect(data.crs).toBe('EPSG:4326');
    expect(data.features).toHaveLength(2);
    expect(data.features[0].properties).toEqual({ name: '西苕溪湿地', 湿地类型: '河流' });
    expect(data.features[1].geometry?.type).toBe('Polygon');
    expect(data.labels[1]).toBe('placemark 2 "赋石水库"');
  });
  it('reads doc.kml inside a KMZ', () => {
    const data = readKmz(fixture('wetlands-kmz.kmz'));
    expect(data.features.map((f) => f.properties?.name)).toEqual(['老石坎水库', '南湖湿地']);
  });
  it('rejects malformed XML', () => {
    expect(() => readKml('<kml><Document><Placemark></Document>')).toThrow(ParseError);
  });
});
