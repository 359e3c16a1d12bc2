// `node bench/ab.mjs --a <main.js> --b <main.js> [--only S1,S2] [--pairs 2] [--duration 10]`: two builds of
// the server, each beside its own baseline, alternately (A B A B …), one round per run (bench/run.mjs
// --server-script). On a shared machine only ratios within one run compare: each run's server against the
// baseline measured with it, and the two builds against each other run by run. Writes bench/results/ab.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { benchDir, parseArgs } from './lib/common.mjs';

const args = parseArgs(process.argv.slice(2));
if (!args.a || !args.b) {
  console.error('usage: node bench/ab.mjs --a <server main.js> --b <server main.js> [--only S1,S2] [--pairs 2] [--duration 10]');
  process.exit(2);
}
const builds = { A: path.resolve(args.a), B: path.resolve(args.b) };
const pairs = Number(args.pairs ?? 2);
const passOn = ['only', 'duration', 'warmup', 'connections'].flatMap((k) => (args[k] ? [`--${k}`, String(args[k])] : []));
const runs = [];
for (let i = 0; i < pairs; i++) {
  for (const [label, script] of Object.entries(builds)) {
    console.log(`--- run ${runs.length + 1}/${2 * pairs}: ${label} (${script})`);
    const r = spawnSync(process.execPath, [path.join(benchDir, 'run.mjs'), '--rounds', '1', '--server-script', script, ...passOn], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
    const report = JSON.parse(fs.readFileSync(path.join(benchDir, 'results', 'latest.json'), 'utf8'));
    runs.push({ label, date: report.date, scenarios: report.scenarios.filter((s) => s.server) });
  }
}
const ids = runs[0].scenarios.map((s) => s.id);
const row = (id, name, pick) => `| ${id} ${name} | ${runs.map((r) => pick(r.scenarios.find((s) => s.id === id))).join(' | ')} |`;
const lines = [
  `| | ${runs.map((r) => r.label).join(' | ')} |`,
  `|---|${runs.map(() => '---:').join('|')}|`,
  ...ids.flatMap((id) => [
    row(id, 'CPU µs per request', (s) => s.server.cpuUsPerReq),
    row(id, 'server rps', (s) => s.server.rps),
    row(id, 'throughput ratio', (s) => s.ratio.throughput),
    row(id, 'p99 ratio', (s) => s.ratio.p99),
    row(id, 'statements per request', (s) => s.server.statementsPerReq),
  ]),
];
console.log(`\n${lines.join('\n')}`);
fs.writeFileSync(path.join(benchDir, 'results', 'ab.json'), JSON.stringify({ builds, runs }, null, 2) + '\n');
