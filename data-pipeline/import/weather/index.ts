/**
 * Weather import: detect the format (extension, then content), parse to a WeatherSeries, insert it
 * as one weather station in one transaction. The CLI (`tantu import <file> --as weather`) and the
 * demo loader use it.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { sqlOf, type DbLike } from '../../../api/store/connect.ts';
import { annualGhiKwhPerM2, insertWeatherStation } from '../../../api/store/weather.ts';
import type { WeatherSeries } from '../../../layers/weather/series.ts';
import { ImportError, ParseError } from '../errors.ts';
import { decodeText } from '../text.ts';
import type { WeatherParseOptions } from './build.ts';
import { parseEpw } from './epw.ts';
import { parseHourlyCsv } from './hourly-csv.ts';
import { parsePvgisCsv, parsePvgisJson } from './pvgis.ts';
import { parseTmy3 } from './tmy3.ts';

export type { WeatherParseOptions } from './build.ts';
export type WeatherFormat = 'epw' | 'tmy3' | 'pvgis-json' | 'pvgis-csv' | 'csv';

/** The format of a weather file from its extension and first lines. */
export function detectWeatherFormat(fileName: string, text: string): WeatherFormat | undefined {
  const ext = extname(fileName).toLowerCase();
  const head = text.slice(0, 4000).replace(/^\uFEFF/, '');
  if (ext === '.epw' || /^LOCATION,/i.test(head)) return 'epw';
  if (ext === '.json' || head.trimStart().startsWith('{')) return 'pvgis-json';
  if (/^time\(UTC\),T2m/m.test(head)) return 'pvgis-csv';
  const second = head.split(/\r?\n/)[1] ?? '';
  if (second.includes('Date (MM/DD/YYYY)')) return 'tmy3';
  if (['.csv', '.txt', '.tsv'].includes(ext)) return 'csv';
  return undefined;
}

/** Parse weather text in the detected (or given) format. Throws ParseError. */
export function parseWeather(fileName: string, text: string, opts: WeatherParseOptions = {}): WeatherSeries {
  const parse = PARSERS[detectWeatherFormat(fileName, text) ?? 'none'];
  if (!parse) throw new ParseError('not a weather file tantu reads', 'import EnergyPlus .epw, NREL TMY3 .csv, PVGIS TMY .json/.csv or a plain hourly .csv');
  const s = parse(text, opts);
  return opts.source ? s : { ...s, station: { ...s.station, source: `${basename(fileName)}: ${s.station.source}` } };
}

const PARSERS: Record<string, (text: string, opts: WeatherParseOptions) => WeatherSeries> = {
  epw: parseEpw, tmy3: parseTmy3, 'pvgis-json': parsePvgisJson, 'pvgis-csv': parsePvgisCsv, csv: parseHourlyCsv,
};

export interface WeatherImportResult {
  id: number;
  series: WeatherSeries;
  annual_ghi_kwh_per_m2: number;
}

/** Read, parse and insert one weather file as a station, in one transaction. Throws ImportError; nothing is written on error. */
export async function importWeatherFile(db: DbLike, file: string, opts: WeatherParseOptions = {}): Promise<WeatherImportResult> {
  const name = basename(file);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    throw new ImportError(name, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'check the path and that the file is readable');
  }
  let series: WeatherSeries;
  try {
    series = parseWeather(name, decodeText(bytes).text, opts);
  } catch (e) {
    if (e instanceof ParseError) throw new ImportError(name, e.problem, e.hint, e.where);
    throw e;
  }
  const id = await sqlOf(db).begin((tx) => insertWeatherStation(tx, series));
  return { id, series, annual_ghi_kwh_per_m2: annualGhiKwhPerM2(series) };
}
