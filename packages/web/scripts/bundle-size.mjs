// Reports the gzipped size of the JavaScript that index.html loads up front (entry + modulepreloads),
// and of every lazy chunk. Fails when the initial JavaScript exceeds the budget (issue 3: 250 KB).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const html = readFileSync(`${dist}index.html`, 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]));
const kb = (file) => gzipSync(readFileSync(`${dist}${file}`), { level: 9 }).length / 1024;

let total = 0;
for (const file of initial) total += kb(file);
const lazy = readdirSync(`${dist}assets`)
  .filter((f) => f.endsWith('.js') && !initial.has(`assets/${f}`))
  .map((f) => `  ${f}: ${kb(`assets/${f}`).toFixed(1)} KB`);
console.log(`initial JavaScript (${[...initial].join(', ')}): ${total.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`);
console.log(`lazy chunks (gzipped):\n${lazy.join('\n')}`);
// the German and Slovak catalogues load on demand (src/app/i18n/catalogues.ts): a static import
// anywhere would fold them into the initial chunk, and no chunk of their own would be left
for (const language of ['de', 'sk']) {
  const chunk = readdirSync(`${dist}assets`).find((f) => f.startsWith(`${language}-`) && f.endsWith('.js'));
  if (!chunk || initial.has(`assets/${chunk}`)) {
    console.error(`the ${language} catalogue is not a lazy chunk of its own: is it imported statically?`);
    process.exit(1);
  }
}
if (total > BUDGET_KB) {
  console.error(`initial JavaScript is over the budget of ${BUDGET_KB} KB`);
  process.exit(1);
}
