/** KML and KMZ reader (@tmcw/togeojson on @xmldom/xmldom). KML coordinates are WGS 84 lon/lat by definition. */
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import type { Feature } from 'geojson';
import { ParseError } from './errors.ts';
import type { SourceData } from './source.ts';

/** Parse KML text. Placemark name → `name`, ExtendedData → properties; styles are dropped. */
export function readKml(text: string): SourceData {
  const errors: string[] = [];
  let doc;
  try {
    doc = new DOMParser({
      onError: (level: string, msg: string) => {
        if (level !== 'warning') errors.push(msg);
      },
    }).parseFromString(text.replace(/^\uFEFF/, ''), 'text/xml');
  } catch (e) {
    errors.push((e as Error).message);
  }
  if (errors.length || !doc?.documentElement) {
    throw new ParseError(`not well-formed KML/XML (${errors[0] ?? 'no root element'})`, 'check the file is complete; re-export it from the mapping tool');
  }
  if (doc.documentElement.localName !== 'kml') {
    throw new ParseError(`the XML root is <${doc.documentElement.localName}>, not <kml>`, 'export the layer as KML');
  }
  const fc = kml(doc as never);
  const features: Feature[] = [];
  const labels: string[] = [];
  fc.features.forEach((f, i) => {
    const props: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(f.properties ?? {})) {
      if (/^(styleUrl|styleHash|styleMapHash|stroke|stroke-opacity|stroke-width|fill|fill-opacity|icon|visibility)$/.test(k)) continue;
      props[k] = v;
    }
    features.push({ type: 'Feature', properties: props, geometry: f.geometry } as Feature);
    const name = typeof f.properties?.name === 'string' ? ` "${f.properties.name}"` : '';
    labels.push(`placemark ${i + 1}${name}`);
  });
  return { features, labels, crs: 'EPSG:4326', crsNote: 'KML is WGS 84 lon/lat', warnings: [] };
}

/** Read a KMZ (zip): the root doc.kml, else the first .kml inside. */
export function readKmz(bytes: Uint8Array): SourceData {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    throw new ParseError(`not a readable KMZ/zip archive (${(e as Error).message})`, 'the file is truncated or damaged: export the KMZ again');
  }
  const names = Object.keys(files).filter((n) => /\.kml$/i.test(n));
  const main = names.find((n) => n.toLowerCase() === 'doc.kml') ?? names.sort()[0];
  if (!main) throw new ParseError('the KMZ holds no .kml file', 'a KMZ must contain doc.kml');
  return readKml(new TextDecoder().decode(files[main]));
}
