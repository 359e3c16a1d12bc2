// node bench/profile-summary.mjs <file.cpuprofile> [top]: where a `--cpu-prof` profile's samples went.
// Self time by package (native frames counted with their JavaScript caller; idle, and the time the
// event loop spends inside write() to MariaDB's socket, shown apart: on a shared 2-core machine that
// is mostly the database running in our place, not our CPU), then by function.
import fs from 'node:fs';

const [file, top = '40'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++)
  selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));

const packageOf = (url) => {
  const dep = url.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/);
  if (dep) return dep[1];
  if (url.includes('/dist/')) return `server ${url.split('/dist/').pop()}`;
  if (url.startsWith('node:')) return url.split('/')[0];
  return url;
};
const apart = new Set(['(idle)', '(program)', 'writeBuffer']);
const byPackage = new Map();
const byFunction = new Map();
const aside = new Map();
let cpu = 0;
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = nodes.get(id).callFrame;
  if (apart.has(functionName)) {
    aside.set(functionName, (aside.get(functionName) ?? 0) + us);
    continue;
  }
  cpu += us;
  let owner = id;
  while (owner && !nodes.get(owner).callFrame.url) owner = parent.get(owner);
  const pkg =
    functionName === '(garbage collector)' ? '(garbage collector)' : owner ? packageOf(nodes.get(owner).callFrame.url) : '(native)';
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  const fn = `${functionName || '(anonymous)'} ${url ? `${packageOf(url)}:${lineNumber + 1}` : '(native)'}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
}
const show = (map, n) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .forEach(([k, us]) => console.log(`${((100 * us) / cpu).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`));
console.log(`CPU samples ${(cpu / 1e6).toFixed(2)} s; apart: ${[...aside].map(([k, us]) => `${k} ${(us / 1e6).toFixed(2)} s`).join(', ')}`);
console.log('--- by package (share of CPU samples)');
show(byPackage, 25);
console.log('--- by function');
show(byFunction, Number(top));
