/** What every format reader returns: GeoJSON features in the file's own CRS, plus what it learnt about the file. */
import type { Feature } from 'geojson';

export interface SourceData {
  /** Features with coordinates in the source CRS (not yet reprojected). */
  features: Feature[];
  /** Where each feature came from, for messages: `feature 3`, `row 3 (line 4)`, `record 2`. */
  labels: string[];
  /** CRS the file declares (e.g. from a .prj or a GeoJSON `crs` member), as 'EPSG:nnnn'; undefined if none. */
  crs?: string;
  /** The file declares a CRS that tantu cannot use (e.g. a .prj on Xian 1980): its description. */
  crsUnsupported?: string;
  /** How the CRS was found, e.g. `.prj: CGCS2000 3° Gauss–Krüger CM 120°E`. */
  crsNote?: string;
  /** Text encoding used to decode attributes, when the format has one (DBF, CSV). */
  encoding?: string;
  /** Attribute column names in file order, when the format has a fixed set (DBF, CSV). */
  columns?: string[];
  /** Things worth telling the user that did not stop the import. */
  warnings: string[];
}
