import { loadConfig } from '../../src/config';
import { DEMO_PASSWORD, demoSignInNotice, loadDemoData } from '../../src/demo/demo-data';
import { accountsWithDemoPassword, assertNoDemoPasswordInProduction } from '../../src/demo/demo-password-guard';
import { hashPassword } from '../../src/modules/account/password';
import { startTestApp, TestApp } from '../support/test-app';

describe('production mode (account-security.md)', () => {
  it('loads no demo data by default in production or when ADMIN_EMAIL sets up an installation; Secure cookies in production', () => {
    const admin = { ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'a long enough password' };
    const production = { NODE_ENV: 'production', SECRET_KEY: 'a production secret key of 32+ characters' };
    expect(loadConfig({}).demoData).toBe(true);
    expect(loadConfig(production).demoData).toBe(false);
    expect(loadConfig(admin).demoData).toBe(false);
    // an explicit choice still wins
    expect(loadConfig({ ...admin, DEMO_DATA: '1' }).demoData).toBe(true);
    expect(loadConfig({ DEMO_DATA: '0' }).demoData).toBe(false);
    expect(loadConfig(production).session.secureCookie).toBe(true);
    // production needs SECRET_KEY (it seals the two-step secrets)
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SECRET_KEY must be set in production/);
    expect(loadConfig({}).session.secureCookie).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'https://portal.example.com' }).session.secureCookie).toBe(true);
  });

  it('the start-up hint at the demo sign-ins names the accounts, never the password', () => {
    const { fields, message } = demoSignInNotice();
    expect(message).toContain('admin@clientele.demo');
    expect(JSON.stringify({ fields, message })).not.toContain(DEMO_PASSWORD);
  });

  describe('with the demo data loaded', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
      await loadDemoData(t.app.deps.transactions);
    });
    afterAll(() => t.close());

    it('refuses to start while an account signs in with the published demo password, and only in production', async () => {
      const reader = t.app.deps.reader;
      const open = await accountsWithDemoPassword(reader);
      expect(open).toContain('admin@clientele.demo');
      expect(open.length).toBeGreaterThan(10);
      await expect(assertNoDemoPasswordInProduction({ env: 'development' }, reader)).resolves.toBeUndefined();
      await expect(assertNoDemoPasswordInProduction({ env: 'production' }, reader)).rejects.toThrow(
        /Refusing to start in production: \d+ account\(s\) can sign in with the published demo password \(.*admin@clientele\.demo/,
      );
      // the message names accounts, never the password
      await expect(assertNoDemoPasswordInProduction({ env: 'production' }, reader)).rejects.not.toThrow(DEMO_PASSWORD);

      // every demo account disabled or given another password: production starts
      const other = await hashPassword('another secret password 2026');
      await t.app.deps.transactions.run(async (db) => {
        await db.query(`UPDATE account SET password_hash = ? WHERE email_normalized = ?`, [other, 'admin@clientele.demo']);
        await db.query(`UPDATE account SET disabled = 1 WHERE email_normalized LIKE '%.demo' AND email_normalized <> ?`, [
          'admin@clientele.demo',
        ]);
      });
      expect(await accountsWithDemoPassword(reader)).toEqual([]);
      await expect(assertNoDemoPasswordInProduction({ env: 'production' }, reader)).resolves.toBeUndefined();
    });
  });
});
