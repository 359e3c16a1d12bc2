// Preloaded (`node -r`) into both servers by the harness: counts the SQL statements the process
// sends through mysql2 and reports them with the process's CPU time and RSS on BENCH_STATS_PORT.
// A counter per call: nothing measurable next to a network round trip.
const http = require('node:http');
const path = require('node:path');
const { createRequire } = require('node:module');

const from = createRequire(path.resolve(process.env.BENCH_MYSQL2_FROM || process.cwd(), 'package.json'));
// the package's exports hide lib/: reach it by path, next to the resolved entry point
const Base = require(path.join(path.dirname(from.resolve('mysql2')), 'lib', 'base', 'connection.js'));
let statements = 0;
// BENCH_SQL_LOG=<file>: every statement with its parameters, for reading query shapes
const sqlLog = process.env.BENCH_SQL_LOG ? require('node:fs').createWriteStream(process.env.BENCH_SQL_LOG) : null;
for (const method of ['query', 'execute']) {
  const original = Base.prototype[method];
  Base.prototype[method] = function countStatement(...args) {
    statements++;
    if (sqlLog)
      sqlLog.write(
        `${String(typeof args[0] === 'string' ? args[0] : args[0]?.sql).replace(/\s+/g, ' ')} -- ${JSON.stringify(args[1] ?? null)}\n`,
      );
    return original.apply(this, args);
  };
}

const port = Number(process.env.BENCH_STATS_PORT);
if (port) {
  http
    .createServer((_req, res) => {
      const cpu = process.cpuUsage();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ statements, cpuUs: cpu.user + cpu.system, rss: process.memoryUsage().rss }));
    })
    .listen(port, '127.0.0.1')
    .unref();
}
