/**
 * Synthetic solar and wind resource of the demo county and a typical-year hourly weather file.
 * Values are plausible for northern Zhejiang (annual GHI ~1,150–1,300 kWh/m², mean wind at
 * 100 m ~4–7.5 m/s, higher on ridges) but are NOT measurements.
 */
import { Noise2D, Rng } from './random.ts';
import { forEachCellCenter, northUpFrame, type Grid } from '../../layers/raster/grid.ts';

/**
 * Annual global horizontal irradiation, kWh/m²/yr, modulated by terrain: south-facing slopes
 * gain, north-facing slopes and deep valleys lose, a slight rise with elevation and a weak
 * regional gradient. Clamped to 1,150–1,300.
 */
export function ghiRaster(
  g: Grid, inside: Uint8Array, dem: Float32Array, slope: Float32Array, aspect: Float32Array, tpi: Float32Array, seed: number,
): Float32Array {
  const { y0 } = northUpFrame(g);
  const noise = new Noise2D(new Rng(seed, 71));
  const out = new Float32Array(g.width * g.height).fill(-9999);
  forEachCellCenter(g, inside, (i, x, y) => {
    const s = (slope[i] * Math.PI) / 180;
    const facing = Math.cos(((aspect[i] - 180) * Math.PI) / 180);
    const tilt = Math.sin(s) * facing; // + south-facing
    const v = 1218 + 150 * tilt - 25 * (1 - Math.cos(s)) + 0.025 * Math.max(0, dem[i]) + 0.12 * Math.max(-60, Math.min(60, tpi[i]))
      + 10 * noise.fbm(x, y, 15000, 2) + ((y - y0) / 60000) * -8;
    out[i] = Math.round(Math.min(1300, Math.max(1150, v)) * 10) / 10;
  });
  return out;
}

/** Mean wind speed at 100 m above ground, m/s: ~4 m/s in valleys, up to ~7.5 m/s on high ridges. */
export function windRaster(g: Grid, inside: Uint8Array, dem: Float32Array, tpi: Float32Array, seed: number): Float32Array {
  const noise = new Noise2D(new Rng(seed, 72));
  const out = new Float32Array(g.width * g.height).fill(-9999);
  forEachCellCenter(g, inside, (i, x, y) => {
    const v = 4.1 + 1.6 * (Math.max(0, dem[i]) / 1000) + 0.018 * Math.max(-80, Math.min(120, tpi[i])) + 0.3 * noise.fbm(x, y, 8000, 3);
    out[i] = Math.round(Math.min(8.5, Math.max(3.2, v)) * 100) / 100;
  });
  return out;
}

/**
 * Typical-year hourly weather (8,760 rows, local standard time UTC+8, hour-ending stamps omitted:
 * `time` is the start of the hour) for 30.63°N 119.68°E: GHI/DNI/DHI (W/m²) from a clear-sky model
 * times a seeded cloudiness process, scaled to ~1,220 kWh/m²/yr, Erbs decomposition; air temperature
 * (°C) with the seasonal and daily cycle of Anji (~16 °C mean); wind speed at 10 m (m/s).
 */
export function weatherCsv(seed: number): { csv: string; ghi_kwh_per_m2_yr: number } {
  const rng = new Rng(seed, 73);
  const lat = (30.63 * Math.PI) / 180;
  const lon = 119.68;
  const rows: { t: string; ghi: number; dni: number; dhi: number; temp: number; wind: number }[] = [];
  let cloud = 0.5;
  let dayCloud = 0.5;
  let windState = 0;
  const raw: number[] = [];
  const zenCos: number[] = [];
  for (let h = 0; h < 8760; h++) {
    const doy = Math.floor(h / 24) + 1;
    const hour = h % 24 + 0.5;
    const B = ((doy - 1) * 2 * Math.PI) / 365;
    const decl = 0.006918 - 0.399912 * Math.cos(B) + 0.070257 * Math.sin(B) - 0.006758 * Math.cos(2 * B) + 0.000907 * Math.sin(2 * B);
    const eot = 229.18 * (0.000075 + 0.001868 * Math.cos(B) - 0.032077 * Math.sin(B) - 0.014615 * Math.cos(2 * B) - 0.040849 * Math.sin(2 * B));
    const solarTime = hour + (4 * (lon - 120) + eot) / 60;
    const ha = ((solarTime - 12) * 15 * Math.PI) / 180;
    const cz = Math.sin(lat) * Math.sin(decl) + Math.cos(lat) * Math.cos(decl) * Math.cos(ha);
    if (h % 24 === 0) {
      // daily weather regime: plum-rain season (June) and winter are cloudier
      const season = 0.5 + 0.18 * Math.cos(((doy - 170) * 2 * Math.PI) / 365) * 0 + (doy > 155 && doy < 190 ? 0.22 : 0) + (doy < 60 || doy > 330 ? 0.08 : 0) - (doy > 195 && doy < 245 ? 0.12 : 0);
      dayCloud = Math.min(0.95, Math.max(0.02, 0.6 * dayCloud + 0.4 * (season + 0.35 * rng.normal())));
    }
    cloud = Math.min(1, Math.max(0, 0.7 * cloud + 0.3 * (dayCloud + 0.15 * rng.normal())));
    const clear = cz > 0 ? 1098 * cz * Math.exp(-0.057 / Math.max(cz, 0.02)) : 0;
    raw.push(clear * (1 - 0.75 * Math.pow(cloud, 1.6)));
    zenCos.push(cz);
    const t = new Date(Date.UTC(2023, 0, 1, 0) + h * 3600e3);
    const stamp = `${t.toISOString().slice(0, 13)}:00+08:00`;
    const tempMean = 16.2 - 12.4 * Math.cos(((doy - 20) * 2 * Math.PI) / 365);
    const diurnal = 4.2 * Math.cos(((hour - 14.5) * 2 * Math.PI) / 24) * (1 - 0.5 * cloud);
    windState = 0.85 * windState + 0.15 * rng.normal();
    const wind = Math.max(0, 2.1 + 0.35 * Math.cos(((doy - 30) * 2 * Math.PI) / 365) + 0.6 * Math.cos(((hour - 15) * 2 * Math.PI) / 24) + 1.6 * windState + 0.3 * rng.normal());
    rows.push({ t: stamp, ghi: 0, dni: 0, dhi: 0, temp: tempMean + diurnal + 1.2 * rng.normal(), wind });
  }
  const target = 1220e3; // Wh/m²
  const total = raw.reduce((a, b) => a + b, 0);
  const k = target / total;
  let sum = 0;
  const lines = ['time,ghi_w_per_m2,dni_w_per_m2,dhi_w_per_m2,temp_c,wind_ms'];
  rows.forEach((row, h) => {
    const cz = zenCos[h];
    const ghi = Math.min(1050, raw[h] * k);
    let dni = 0, dhi = 0;
    if (cz > 0.01 && ghi > 0) {
      const doy = Math.floor(h / 24) + 1;
      const extra = 1367 * (1 + 0.033 * Math.cos((2 * Math.PI * doy) / 365));
      const kt = Math.min(1, ghi / (extra * cz));
      const fd = kt <= 0.22 ? 1 - 0.09 * kt : kt <= 0.8 ? 0.9511 - 0.1604 * kt + 4.388 * kt ** 2 - 16.638 * kt ** 3 + 12.336 * kt ** 4 : 0.165;
      dhi = ghi * fd;
      dni = Math.min(1000, (ghi - dhi) / cz);
    }
    sum += ghi;
    lines.push(`${row.t},${ghi.toFixed(1)},${dni.toFixed(1)},${dhi.toFixed(1)},${row.temp.toFixed(1)},${row.wind.toFixed(1)}`);
  });
  return { csv: lines.join('\n') + '\n', ghi_kwh_per_m2_yr: Math.round(sum / 100) / 10 };
}
