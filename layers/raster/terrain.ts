/**
 * Slope, aspect and hillshade of a DEM with Horn's 3×3 method, as GDAL `gdaldem` computes them
 * (GDAL apps/gdaldem_lib.cpp: GDALSlopeHornAlg, GDALAspectAlg, GDALHillshadeAlg).
 *
 * Window around the pixel e (row-major, north at the top):
 *     a b c
 *     d e f
 *     g h i
 * Horn (B. K. P. Horn, "Hill shading and the reflectance map", Proc. IEEE 69(1), 14–47, 1981):
 *     ∂z/∂x = ((c + 2f + i) − (a + 2d + g)) / (8 · Δx)       (rising to the east > 0)
 *     ∂z/∂y = ((a + 2b + c) − (g + 2h + i)) / (8 · Δy)       (rising to the north > 0)
 *     slope  = atan(z · √(∂z/∂x² + ∂z/∂y²))                  (degrees; z = vertical exaggeration)
 *     aspect = azimuth (clockwise from north) of the downslope direction, i.e. of (−∂z/∂x, −∂z/∂y)
 *              (GDAL: atan2(dy, −dx) mapped to azimuth; flat → nodata unless zeroForFlat)
 *     hillshade = 1 + 254 · max(0, cos i), 0 = nodata, with
 *       cos i = (sin alt − z·cos alt·(∂z/∂x′·sin az − … )) per GDAL's closed form:
 *       cang = (sin alt − (y·cos az·cos alt·z/8 − x·sin az·cos alt·z/8)) / √(1 + (z/8)²(x² + y²)),
 *       x = (a + 2d + g − c − 2f − i)/Δx, y = (a + 2b + c − g − 2h − i)/Δy  (GDAL's signs for a north-up grid)
 *     rounded to a byte as GDAL writes it (flat ground at altitude 45° → 1 + 254·sin 45° = 180.6 → 181).
 * Δx, Δy are the cell sizes in the horizontal units × `scale` (GDAL -s; 111 120 for a DEM in metres on
 * a degree grid). GDAL's aspect ignores the cell size; here ∂z/∂x and ∂z/∂y are scaled by Δx and Δy,
 * which is the same for square cells and right for rectangular ones. GDAL's hillshade uses a
 * single-precision reciprocal square root (SSE) and can differ from this by ±1 grey level.
 *
 * Edges and nodata as gdaldem: by default the outer ring of pixels and any pixel with a nodata
 * neighbour are nodata (NaN; 0 for hillshade). With `computeEdges`, neighbours outside the grid are
 * extrapolated linearly (2·edge − inner, GDAL's INTERPOL; exact for a plane) and nodata neighbours
 * take the centre value; the four corner pixels may differ from GDAL, which mixes clamping and
 * extrapolation there.
 */

export interface DemOptions {
  width: number;
  height: number;
  /** cell width, horizontal units (|gt[1]|) */
  cellSizeX: number;
  /** cell height, horizontal units (|gt[5]|) */
  cellSizeY: number;
  /** ratio of horizontal units to vertical units (GDAL -s), default 1 */
  scale?: number;
  /** vertical exaggeration (GDAL -z), default 1 */
  zFactor?: number;
  /** nodata value of the DEM (NaN is always nodata) */
  nodata?: number | null;
  /** compute the edge pixels by extrapolation (GDAL -compute_edges), default false */
  computeEdges?: boolean;
}

export interface AspectOptions extends DemOptions {
  /** flat pixels get 0 instead of nodata (GDAL -zero_for_flat), default false */
  zeroForFlat?: boolean;
}

export interface HillshadeOptions extends DemOptions {
  /** azimuth of the light, degrees clockwise from north, default 315 */
  azimuthDeg?: number;
  /** altitude of the light above the horizon, degrees, default 45 */
  altitudeDeg?: number;
}

const RAD = 180 / Math.PI;

/**
 * Visit every pixel with its 3×3 window; `fn` gets (index, win) or is skipped (output left nodata).
 * win = [a, b, c, d, e, f, g, h, i].
 */
function forEachWindow(dem: ArrayLike<number>, o: DemOptions, fn: (k: number, w: Float64Array) => void) {
  const { width: W, height: H } = o;
  if (dem.length !== W * H) throw new RangeError(`DEM has ${dem.length} cells, expected ${W}×${H}`);
  const nodata = o.nodata ?? null;
  const isNd = (v: number) => v !== v || v === nodata;
  const edges = o.computeEdges === true && W >= 2 && H >= 2;
  const w = new Float64Array(9);
  const z = (r: number, c: number) => dem[r * W + c];
  // value at (rr, cc) next to the centre (r, c); outside the grid it is extrapolated linearly from the
  // centre's row/column (2·edge − inner), first along the row, then along the column: exact for a plane
  const nb = (r: number, c: number, rr: number, cc: number): number => {
    if (rr < 0 || rr >= H) {
      const dr = rr - r;
      return 2 * nb(r, c, r, cc) - nb(r, c, r - dr, cc);
    }
    if (cc < 0 || cc >= W) return 2 * z(rr, c) - z(rr, 2 * c - cc);
    return z(rr, cc);
  };
  for (let r = 0; r < H; r++) {
    for (let c = 0; c < W; c++) {
      const inner = r > 0 && r < H - 1 && c > 0 && c < W - 1;
      if (!inner && !edges) continue;
      const e = z(r, c);
      if (isNd(e)) continue;
      let ok = true;
      for (let k = 0; k < 9; k++) {
        const dr = ((k / 3) | 0) - 1;
        const dc = (k % 3) - 1;
        let v = inner ? z(r + dr, c + dc) : nb(r, c, r + dr, c + dc);
        if (isNd(v)) {
          if (!edges) { ok = false; break; }
          v = e;
        }
        w[k] = v;
      }
      if (ok) fn(r * W + c, w);
    }
  }
}

/** Horn gradients: [west − east, north − south] weighted sums (GDAL's x and y before ÷ resolution). */
const hornX = (w: Float64Array) => w[0] + 2 * w[3] + w[6] - (w[2] + 2 * w[5] + w[8]);
const hornY = (w: Float64Array) => w[0] + 2 * w[1] + w[2] - (w[6] + 2 * w[7] + w[8]);

/**
 * Slope in degrees (0 = flat, 90 = vertical); NaN = nodata.
 * @param dem elevations, row-major, north-up
 */
export function slopeDegrees(dem: ArrayLike<number>, o: DemOptions): Float32Array {
  const out = new Float32Array(o.width * o.height).fill(NaN);
  const sx = 8 * o.cellSizeX * (o.scale ?? 1);
  const sy = 8 * o.cellSizeY * (o.scale ?? 1);
  const zf = o.zFactor ?? 1;
  forEachWindow(dem, o, (k, w) => {
    const gx = hornX(w) / sx;
    const gy = hornY(w) / sy;
    out[k] = Math.atan(zf * Math.sqrt(gx * gx + gy * gy)) * RAD;
  });
  return out;
}

/**
 * Aspect: azimuth of the downslope direction in degrees clockwise from north, in [0, 360)
 * (0 = facing north, 90 = east, 180 = south, 270 = west); NaN = nodata or flat (0 with zeroForFlat).
 * @param dem elevations, row-major, north-up
 */
export function aspectDegrees(dem: ArrayLike<number>, o: AspectOptions): Float32Array {
  const out = new Float32Array(o.width * o.height).fill(NaN);
  forEachWindow(dem, o, (k, w) => {
    const dx = -hornX(w) / o.cellSizeX; // east − west
    const dy = -hornY(w) / o.cellSizeY; // south − north
    if (dx === 0 && dy === 0) {
      if (o.zeroForFlat) out[k] = 0;
      return;
    }
    let a = Math.atan2(dy, -dx) * RAD; // GDAL: angle of the downslope vector, math convention
    a = a > 90 ? 450 - a : 90 - a; // → azimuth
    out[k] = a >= 360 ? a - 360 : a;
  });
  return out;
}

/**
 * Hillshade (GDAL's default algorithm): 1–255, 0 = nodata.
 * @param dem elevations, row-major, north-up
 */
export function hillshade(dem: ArrayLike<number>, o: HillshadeOptions): Uint8Array {
  const out = new Uint8Array(o.width * o.height);
  const az = ((o.azimuthDeg ?? 315) * Math.PI) / 180;
  const alt = ((o.altitudeDeg ?? 45) * Math.PI) / 180;
  const zf = (o.zFactor ?? 1) / 8;
  const invX = 1 / (o.cellSizeX * (o.scale ?? 1));
  const invY = 1 / (o.cellSizeY * (o.scale ?? 1));
  const sinAlt = Math.sin(alt);
  const cosAzCosAltZ = Math.cos(az) * Math.cos(alt) * zf;
  const sinAzCosAltZ = Math.sin(az) * Math.cos(alt) * zf;
  forEachWindow(dem, o, (k, w) => {
    const x = hornX(w) * invX;
    const y = hornY(w) * invY; // GDAL: (bottom − top)/gt[5] with gt[5] < 0 = (top − bottom)/Δy
    const cang = (sinAlt - (y * cosAzCosAltZ - x * sinAzCosAltZ)) / Math.sqrt(1 + zf * zf * (x * x + y * y));
    const v = cang <= 0 ? 1 : 1 + 254 * cang;
    out[k] = Math.min(255, Math.round(v));
  });
  return out;
}
