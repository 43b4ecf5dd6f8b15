/**
 * The dependency rule of docs/DEVELOPING.md, as data, and a checker that reads the import
 * statements of every source file with TypeScript's own parser (static, re-exports, dynamic
 * `import()`; `import type` told apart). dependency-cruiser does the same job but brings ~60
 * packages for what the compiler we already have does in a page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';

export interface Import {
  /** Module specifier as written. */
  specifier: string;
  /** Resolved repository path for relative specifiers ('' for packages). */
  target: string;
  typeOnly: boolean;
}

/** The imports of one file (path relative to the repository root). */
export function importsOf(file: string, text: string): Import[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Import[] = [];
  const add = (spec: string, typeOnly: boolean) =>
    out.push({ specifier: spec, target: spec.startsWith('.') ? normalize(join(dirname(file), spec)) : '', typeOnly });
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : undefined;
      const typeOnly = !!c && (c.isTypeOnly || (!c.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      add(node.arguments[0].text, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}

/** Where a file belongs; the first matching prefix wins. */
const PARTS: [prefix: string, part: string][] = [
  ['api/server.ts', 'entry'],
  ['data-pipeline/cli.ts', 'entry'],
  ['test/bench/run.ts', 'entry'],
  ['layers/', 'layers'],
  ['api/store/', 'store'],
  ['api/schemas/', 'schemas'],
  ['api/services/', 'services'],
  ['api/middleware/', 'middleware'],
  ['api/routes/', 'routes'],
  ['api/app.ts', 'app'],
  ['api/config.ts', 'leaf'],
  ['api/version.ts', 'leaf'],
  ['data-pipeline/', 'pipeline'],
  ['web/', 'web'],
];

export function partOf(path: string): string | undefined {
  return PARTS.find(([prefix]) => path === prefix || path.startsWith(prefix))?.[1];
}

/** What each part may import (besides itself and npm packages). */
export const ALLOWED: Record<string, readonly string[]> = {
  layers: [],
  leaf: [],
  store: ['layers', 'leaf'],
  schemas: ['layers'],
  services: ['store', 'schemas', 'layers', 'leaf'],
  middleware: ['services', 'schemas', 'layers'],
  routes: ['services', 'schemas', 'middleware', 'leaf'],
  app: ['routes', 'middleware', 'services', 'leaf'],
  pipeline: ['store', 'layers', 'leaf'],
};

/** Node built-ins and globals that are I/O: layers/ must use none of them. */
const NODE_BUILTINS = new Set(['fs', 'fs/promises', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'url', 'worker_threads', 'stream', 'zlib']);
const IO_GLOBALS = /\b(?:fetch|process|require)\s*[.(]/;

export interface Violation { file: string; message: string }

/** Violations of the dependency rule among `files` (path → text, paths relative to the repository root). */
export function checkImports(files: ReadonlyMap<string, string>): Violation[] {
  const out: Violation[] = [];
  for (const [file, text] of files) {
    const part = partOf(file);
    if (!part || part === 'entry') continue;
    for (const imp of importsOf(file, text)) {
      if (!imp.target) {
        if (part === 'layers' && (imp.specifier.startsWith('node:') || NODE_BUILTINS.has(imp.specifier))) {
          out.push({ file, message: `layers/ is pure: it may not import "${imp.specifier}"` });
        }
        continue;
      }
      const to = partOf(imp.target);
      if (to === part) continue;
      if (part === 'web') {
        // The browser shares the pure science (e.g. GCJ-02 conversion of uploads) and the API's types.
        if (to !== 'layers' && !imp.typeOnly) out.push({ file, message: `web/ may import layers/ and only types from the rest: "${imp.specifier}" (use import type)` });
        continue;
      }
      if (!to || !ALLOWED[part]?.includes(to)) {
        out.push({ file, message: `${part} may not import ${to ?? imp.target} ("${imp.specifier}"); allowed: ${ALLOWED[part]?.join(', ') || 'nothing outside itself'}` });
      }
    }
    if (part === 'layers') {
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      const m = IO_GLOBALS.exec(code);
      if (m) out.push({ file, message: `layers/ is pure: it may not use ${m[0].replace(/\s*[.(]$/, '')}` });
    }
  }
  return out;
}

/** Every .ts file under the given folders of the repository at `root`. */
export function sourceFiles(root: string, folders: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) { if (e.name !== 'node_modules') walk(p); } else if (/\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name)) {
        files.set(relative('.', p), readFileSync(join(root, p), 'utf8'));
      }
    }
  };
  for (const f of folders) walk(f);
  return files;
}
