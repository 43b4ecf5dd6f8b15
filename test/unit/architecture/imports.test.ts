/** The dependency rule (docs/DEVELOPING.md) holds for every source file, and the checker catches a wrong-way import. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkImports, importsOf, sourceFiles } from './imports.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('dependency rule', () => {
  it('holds for layers/, api/, data-pipeline/ and web/', () => {
    const files = sourceFiles(ROOT, ['layers', 'api', 'data-pipeline', 'web/src']);
    expect(files.size).toBeGreaterThan(100);
    expect(checkImports(files)).toEqual([]);
  }, 60_000);

  it('fails on wrong-way imports, I/O in layers/ and value imports into the web app', () => {
    const files = new Map([
      ['api/store/x.ts', "import { analyseCarbon } from '../services/carbon-analysis.ts';"],
      ['api/routes/y.ts', "import { rasterStore } from '../store/rasters.ts';"],
      ['layers/solar/z.ts', "import { readFileSync } from 'node:fs';\nexport const t = () => process.env.X;"],
      ['data-pipeline/w.ts', "const m = await import('../api/routes/tiles.ts');"],
      ['web/src/v.ts', "import { LAYER_DEFINITIONS } from '../../api/store/layer-definitions.ts';\nimport type { Legend } from '../../api/schemas/platform.ts';\nimport { gcj02ToWgs84 } from '../../layers/geo/gcj02.ts';"],
      ['api/services/ok.ts', "import type { Sql } from 'postgres';\nimport { getRaster } from '../store/catalog.ts';"],
    ]);
    const v = checkImports(files);
    expect(v.map((x) => x.file)).toEqual(['api/store/x.ts', 'api/routes/y.ts', 'layers/solar/z.ts', 'layers/solar/z.ts', 'data-pipeline/w.ts', 'web/src/v.ts']);
    expect(v[0].message).toMatch(/store may not import services/);
    expect(v[2].message).toMatch(/node:fs/);
    expect(v[3].message).toMatch(/process/);
  });

  it('tells type-only imports from value imports', () => {
    const imports = importsOf('web/src/a.ts', [
      "import type { A } from '../../api/x.ts';",
      "import { type B, type C } from '../../api/y.ts';",
      "import { D, type E } from '../../api/z.ts';",
      "export type { F } from '../../layers/f.ts';",
      "type G = import('../../layers/g.ts').G;",
    ].join('\n'));
    expect(imports.map((i) => [i.target, i.typeOnly])).toEqual([
      ['api/x.ts', true], ['api/y.ts', true], ['api/z.ts', false], ['layers/f.ts', true], ['layers/g.ts', true],
    ]);
  });
});
