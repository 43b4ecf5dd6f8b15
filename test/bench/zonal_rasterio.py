"""Reference for tantu's zonal core: class areas of a land-cover GeoTIFF under a polygon with
rasterio.mask + numpy (what a GIS analyst would write). Prints JSON {ms: [...], areas_m2: {...}}.
Usage: python3 zonal_rasterio.py <raster.tif> <polygon-in-raster-crs.geojson> <repeats>"""
import json, sys, time
import numpy as np
import rasterio
from rasterio.mask import mask

path, poly_path, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
geom = json.load(open(poly_path))
times = []
areas = {}
for _ in range(repeats):
    t0 = time.perf_counter()
    with rasterio.open(path) as src:
        data, transform = mask(src, [geom], crop=True, filled=True, nodata=0)
        px = abs(transform.a * transform.e)
    counts = np.bincount(data[0].ravel())
    areas = {int(c): float(n * px) for c, n in enumerate(counts) if c != 0 and n}
    times.append((time.perf_counter() - t0) * 1000)
print(json.dumps({"ms": times, "areas_m2": areas}))
