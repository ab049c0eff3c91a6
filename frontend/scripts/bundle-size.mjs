#!/usr/bin/env node
// Prints the production bundle's size from dist/.vite/manifest.json: the initial JavaScript (the entry chunk and
// every chunk it imports statically, i.e. what the browser must load before the first screen) gzipped at level 9,
// then the lazily loaded chunks and the CSS. Exits 1 when the initial JavaScript exceeds the budget.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
if (!entry) throw new Error('no entry chunk in the manifest');
const initial = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit(Object.keys(manifest).find((key) => manifest[key] === entry));
const allJs = [...new Set(Object.values(manifest).map((c) => c.file).filter((f) => f.endsWith('.js')))];
const lazy = allJs.filter((f) => !initial.has(f));
const css = [...new Set(Object.values(manifest).flatMap((c) => c.css ?? []))];

const initialBytes = [...initial].reduce((n, f) => n + gz(f), 0);
console.log(`initial JS (gzip -9): ${kb(initialBytes)} (budget ${BUDGET_KB} kB) in ${initial.size} file(s): `
  + [...initial].map((f) => `${f} ${kb(gz(f))}`).join(', '));
console.log(`lazy JS (gzip -9): ${kb(lazy.reduce((n, f) => n + gz(f), 0))} in ${lazy.length} chunk(s); `
  + `CSS (gzip -9): ${kb(css.reduce((n, f) => n + gz(f), 0))}`);
if (initialBytes > BUDGET_KB * 1024) {
  console.error(`bundle-size: the initial JavaScript is over the ${BUDGET_KB} kB budget`);
  process.exit(1);
}
