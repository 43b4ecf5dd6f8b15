import { describe, expect, it } from 'vitest';
import { parseImportArgs } from '../../../data-pipeline/commands/import.ts';
import { ImportError } from '../../../data-pipeline/import/errors.ts';

describe('tantu import arguments', () => {
  it('parses the documented command shape', () => {
    const a = parseImportArgs(['小班.zip', '--as', 'stands', '--crs', 'EPSG:4549', '--encoding', 'gbk',
      '--map', 'species_group=树种', 'volume_m3_per_ha=每公顷蓄积', '--map', 'id=小班号']);
    expect(a).toMatchObject({ file: '小班.zip', as: 'stands', crs: 'EPSG:4549', encoding: 'gbk' });
    expect(a.map).toEqual({ species_group: '树种', volume_m3_per_ha: '每公顷蓄积', id: '小班号' });
  });
  it('parses --opt=value, --set, --value, --unit and raster targets', () => {
    const a = parseImportArgs(['--as=raster:agb', 'x.tif', '--unit', 'tC_per_ha', '--set', 'kind=eco_redline', '--value', 'species_group:黄山松=masson_pine']);
    expect(a).toMatchObject({ file: 'x.tif', as: 'raster:agb', unit: 'tC_per_ha', set: { kind: 'eco_redline' } });
    expect(a.values).toEqual({ species_group: { 黄山松: 'masson_pine' } });
  });
  it('rejects missing file, missing --as, unknown options and bad pairs', () => {
    expect(() => parseImportArgs(['--as', 'stands'])).toThrow(/no file given/);
    expect(() => parseImportArgs(['a.zip'])).toThrow(/--as <target> is required/);
    expect(() => parseImportArgs(['a.zip', '--as', 'stands', '--frobnicate'])).toThrow(/unknown option --frobnicate/);
    expect(() => parseImportArgs(['a.zip', '--as', 'stands', '--map', 'species_group'])).toThrow(ImportError);
    expect(() => parseImportArgs(['a.geojson', '--as', 'roads', '--preset', 'here'])).toThrow(/unknown preset "here" \(there is: osm\)/);
  });
  it('takes --preset osm', () => {
    expect(parseImportArgs(['roads.geojson', '--as', 'roads', '--preset', 'osm']).preset).toBe('osm');
  });
});
