/** The app under test, on the database the global setup prepared (see test/setup/database.ts). */
import { inject } from 'vitest';
import postgres from 'postgres';
import { createApp } from '../../api/app.ts';
import { readConfig } from '../../api/config.ts';
import type { Database } from '../../api/db/connect.ts';
import { VERSION } from '../../api/version.ts';

export function testDatabase(): Database {
  const url = inject('databaseUrl');
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  return { sql, url, backend: inject('backend'), close: () => sql.end() };
}

export function testApp(db: Database = testDatabase()) {
  const config = { ...readConfig({}), dataDir: inject('dataDir'), databaseUrl: db.url, loadDemo: false, adminToken: 'test-admin-token' };
  return { app: createApp({ db, config, version: VERSION }), db };
}
