// `node bench/sign-in-timing.mjs [--tries 120] [--two-factor 40] [--server-script packages/server/dist/main.js]`:
// account-security.md's no-enumeration and cost checks, measured on a running server (embedded database in a
// temporary folder, limits out of reach), one request at a time, the kinds interleaved so drift hits them alike:
//   1. signIn with a wrong password for an unknown, an existing and a disabled account, and requestPasswordReset
//      for the same three: the same body, and latencies whose medians differ by less than the bound (20 % of the
//      slowest median, at least 3 ms); the right password of a disabled account is timed alike but answers
//      ACCOUNT_DISABLED (issue 17: only who knows the password learns the account is disabled);
//   2. signIn of a password-only account against signIn + completeSignIn of an account with two-step sign-in:
//      the second step costs less than one argon2 verification (measured here as signIn's own median).
// Exit code 1 when a check fails. Writes bench/results/sign-in-timing.json.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { benchDir, parseArgs, repoRoot, serverDir } from './lib/common.mjs';

// the server's own TOTP library (a dependency of packages/server, not of the root)
const OTPAuth = createRequire(path.join(serverDir, 'package.json'))('otpauth');

const args = parseArgs(process.argv.slice(2));
const TRIES = Number(args.tries ?? 120);
const TWO_FACTOR_ACCOUNTS = Number(args['two-factor'] ?? 40);
const PORT = Number(args.port ?? 47390);
const script = args['server-script'] ? path.resolve(args['server-script']) : path.join(serverDir, 'dist', 'main.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-timing-'));
const PASSWORD = 'timing check password 2026';
const ADMIN = { email: 'timing.admin@example.test', password: 'timing admin password 2026' };

const server = spawn(process.execPath, [script], {
  cwd: repoRoot,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${path.join(dir, 'timing.sqlite')}`,
    MAIL_OUTBOX: path.join(dir, 'outbox'),
    DEMO_DATA: '0',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SECRET_KEY: 'clientele-timing-check-secret-key-000',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_CAPACITY: '1000000000',
    RATE_LIMIT_RESTORE_RATE: '1000000000',
    SIGN_IN_ATTEMPTS_PER_ACCOUNT: '1000000',
    SIGN_IN_ATTEMPTS_PER_IP: '1000000',
    SIGN_IN_ACCOUNT_CEILING: '1000000',
  },
});
const stop = () => server.kill('SIGTERM');
process.on('exit', stop);

async function gql(query, variables, token) {
  const res = await fetch(`http://127.0.0.1:${PORT}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}
async function timed(query, variables, token) {
  const start = process.hrtime.bigint();
  const body = await gql(query, variables, token);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, body };
}
const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token secondFactor { challenge } userErrors { code message } } }`;
const RESET = `mutation($e: String!) { requestPasswordReset(email: $e) { ok } }`;
const COMPLETE = `mutation($c: String!, $code: String!) { completeSignIn(challenge: $c, code: $code) { token userErrors { code } } }`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

for (let i = 0; ; i++) {
  try {
    if ((await gql('{ viewer { id } }')).data) break;
  } catch {
    // not listening yet
  }
  if (i > 300) throw new Error('the server did not start');
  await new Promise((r) => setTimeout(r, 100));
}

// accounts: the staff admin creates them (with passwords), disables one, and enrols some in two-step sign-in
const admin = (await gql(SIGN_IN, { e: ADMIN.email, p: ADMIN.password })).data.signIn.token;
const CREATE = `mutation($i: CreateAccountInput!) { createAccount(input: $i) { account { id } userErrors { code message } } }`;
async function account(email) {
  const r = await gql(CREATE, { i: { email, firstName: 'Timing', lastName: 'Check', password: PASSWORD, staffRole: 'AGENT' } }, admin);
  if (!r.data?.createAccount.account) throw new Error(JSON.stringify(r));
  return r.data.createAccount.account.id;
}
await account('existing@example.test');
const disabledId = await account('disabled@example.test');
await gql(`mutation($id: ID!) { setAccountDisabled(id: $id, disabled: true) { userErrors { code } } }`, { id: disabledId }, admin);
await account('password.only@example.test');
const enrolled = [];
for (let i = 0; i < TWO_FACTOR_ACCOUNTS; i++) {
  const email = `two.factor.${i}@example.test`;
  await account(email);
  const token = (await gql(SIGN_IN, { e: email, p: PASSWORD })).data.signIn.token;
  const begun = await gql(`mutation { beginTwoFactorEnrollment { enrollment { secret } userErrors { code } } }`, {}, token);
  const secret = begun.data.beginTwoFactorEnrollment.enrollment.secret;
  const code = OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp: Date.now() });
  const confirmed = await gql(
    `mutation($c: String!) { confirmTwoFactorEnrollment(code: $c) { recoveryCodes userErrors { code } } }`,
    { c: code },
    token,
  );
  if (!confirmed.data?.confirmTwoFactorEnrollment.recoveryCodes) throw new Error(JSON.stringify(confirmed));
  enrolled.push({ email, secret });
}

// 1. no enumeration: the same body and about the same time for every kind of email
const kinds = [
  ['signIn, unknown email', SIGN_IN, { e: 'unknown@example.test', p: 'a wrong password 2026' }],
  ['signIn, existing account, wrong password', SIGN_IN, { e: 'existing@example.test', p: 'a wrong password 2026' }],
  ['signIn, disabled account, wrong password', SIGN_IN, { e: 'disabled@example.test', p: 'a wrong password 2026' }],
  ['signIn, disabled account, right password', SIGN_IN, { e: 'disabled@example.test', p: PASSWORD }, 'ACCOUNT_DISABLED'],
  ['requestPasswordReset, unknown email', RESET, { e: 'unknown@example.test' }],
  ['requestPasswordReset, existing account', RESET, { e: 'existing@example.test' }],
  ['requestPasswordReset, disabled account', RESET, { e: 'disabled@example.test' }],
];
const samples = new Map(kinds.map(([name]) => [name, []]));
const bodies = new Map(kinds.map(([name]) => [name, new Set()]));
for (let i = 0; i < 5; i++) for (const [, q, v] of kinds) await gql(q, v); // warm-up
for (let i = 0; i < TRIES; i++) {
  // a fresh order every round: whatever one request leaves behind (the outbox delivering a reset mail)
  // falls on every kind alike, not always on the one after it
  const round = [...kinds].sort(() => Math.random() - 0.5);
  for (const [name, q, v] of round) {
    const { ms, body } = await timed(q, v);
    samples.get(name).push(ms);
    // the answer, without extensions.cost: that is the caller's budget (all of these come from one address)
    bodies
      .get(name)
      .add(JSON.stringify({ data: body.data, errors: body.errors?.map((e) => ({ message: e.message, code: e.extensions?.code })) }));
  }
}
const report = { date: new Date().toISOString(), tries: TRIES, enumeration: [], failures: [] };
for (const group of ['signIn', 'requestPasswordReset']) {
  const names = kinds.map(([n]) => n).filter((n) => n.startsWith(group));
  const medians = names.map((n) => median(samples.get(n)));
  const bound = Math.max(3, 0.2 * Math.max(...medians));
  const spread = Math.max(...medians) - Math.min(...medians);
  // the kinds that answer differently on purpose (their own code) are timed with the group, not compared
  const alike = names.filter((n) => !kinds.find(([k]) => k === n)[3]);
  const distinctBodies = new Set(alike.flatMap((n) => [...bodies.get(n)]));
  for (const [n, , , code] of kinds.filter(([k, , , c]) => c && names.includes(k))) {
    const answers = [...bodies.get(n)];
    if (answers.length !== 1 || !answers[0].includes(`"${code}"`))
      report.failures.push(`${n}: expected ${code}, got ${answers.join(' | ')}`);
  }
  for (const n of names)
    report.enumeration.push({ kind: n, medianMs: median(samples.get(n)), p90Ms: p90(samples.get(n)), bodies: bodies.get(n).size });
  report.enumeration.push({ kind: `${group}: spread of medians`, spreadMs: spread, boundMs: bound, distinctBodies: distinctBodies.size });
  if (distinctBodies.size !== 1)
    report.failures.push(`${group}: ${distinctBodies.size} different answers: ${[...distinctBodies].join(' | ')}`);
  if (spread > bound) report.failures.push(`${group}: medians differ by ${spread.toFixed(1)} ms (bound ${bound.toFixed(1)} ms)`);
}

// 2. the second step's cost: signIn alone against signIn + completeSignIn, interleaved
const passwordOnly = [];
const withSecondStep = [];
for (const { email, secret } of enrolled) {
  passwordOnly.push((await timed(SIGN_IN, { e: 'password.only@example.test', p: PASSWORD })).ms);
  const first = await timed(SIGN_IN, { e: email, p: PASSWORD });
  // the step after the enrolment's code: good once, as a person's next code would be
  const code = OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp: Date.now() + 30_000 });
  const second = await timed(COMPLETE, { c: first.body.data.signIn.secondFactor.challenge, code });
  if (!second.body.data?.completeSignIn.token) throw new Error(JSON.stringify(second.body));
  withSecondStep.push(first.ms + second.ms);
}
const argon2Ms = median(passwordOnly); // signIn is one argon2 verification plus a few statements
report.secondStep = {
  accounts: enrolled.length,
  signInMedianMs: median(passwordOnly),
  signInWithSecondStepMedianMs: median(withSecondStep),
  extraMs: median(withSecondStep) - median(passwordOnly),
  oneArgon2VerificationMs: argon2Ms,
};
if (report.secondStep.extraMs >= argon2Ms)
  report.failures.push(
    `the second step costs ${report.secondStep.extraMs.toFixed(1)} ms, one argon2 verification ${argon2Ms.toFixed(1)} ms`,
  );

fs.mkdirSync(path.join(benchDir, 'results'), { recursive: true });
fs.writeFileSync(path.join(benchDir, 'results', 'sign-in-timing.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log('kind | median ms | p90 ms | distinct bodies');
for (const row of report.enumeration) {
  if (row.spreadMs !== undefined)
    console.log(`${row.kind}: ${row.spreadMs.toFixed(2)} ms (bound ${row.boundMs.toFixed(2)}), ${row.distinctBodies} distinct answer(s)`);
  else console.log(`${row.kind} | ${row.medianMs.toFixed(2)} | ${row.p90Ms.toFixed(2)} | ${row.bodies}`);
}
const s = report.secondStep;
console.log(
  `second step: signIn ${s.signInMedianMs.toFixed(1)} ms, signIn + completeSignIn ${s.signInWithSecondStepMedianMs.toFixed(1)} ms (+${s.extraMs.toFixed(1)} ms; one argon2 verification ≈ ${s.oneArgon2VerificationMs.toFixed(1)} ms) over ${s.accounts} accounts`,
);
for (const f of report.failures) console.log(`FAILED ${f}`);
stop();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(report.failures.length ? 1 : 0);
