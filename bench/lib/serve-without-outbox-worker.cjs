// The built server as its main.js starts it (config from the environment, HTTP on PORT), but with its
// outbox worker not started: bench/comment-fanout.mjs --delivery off times what a request itself does
// (the mails stay rows in the outbox). Usage: node serve-without-outbox-worker.cjs <packages/server/dist/main.js>
const path = require('node:path');

const dist = path.dirname(path.resolve(process.argv[2]));
require(require.resolve('reflect-metadata', { paths: [dist] }));
const { createApp } = require(path.join(dist, 'app.js'));
const { loadConfig } = require(path.join(dist, 'config.js'));
const { createHttpServer } = require(path.join(dist, 'http', 'server.js'));

(async () => {
  const config = loadConfig();
  const app = await createApp(config, { startOutboxWorker: false });
  const server = createHttpServer(app);
  server.listen(config.port, config.host);
  const stop = () => server.close(() => void app.close().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
