import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../../../src/store/migrate';
import { openPostgresDb } from '../../../src/store/postgresDb';
import { createTestDatabase } from '../../support/databases';

describe('migrations on Postgres', () => {
  it('apply once even when several processes start together, and record every file', async () => {
    const database = await createTestDatabase('postgres');
    try {
      const others = [openPostgresDb(database.url), openPostgresDb(database.url), openPostgresDb(database.url)];
      const applied = await Promise.all(others.map((db) => migrate(db)));
      // The test database is already migrated, so nobody applies anything again.
      expect(applied.flat()).toEqual([]);
      const files = readdirSync(join(__dirname, '../../../src/store/migrations')).filter((f) => f.endsWith('.sql')).length;
      const { rows } = await database.db.query<{ n: string }>('SELECT count(*) AS n FROM schema_migrations');
      expect(Number(rows[0]!.n)).toBe(files);
      await Promise.all(others.map((db) => db.close()));
    } finally {
      await database.drop();
    }
  });

  it('a fresh database gets every migration, with the concurrent starters agreeing on who applied them', async () => {
    const database = await createTestDatabase('postgres');
    try {
      await database.db.query('DROP SCHEMA public CASCADE');
      await database.db.query('CREATE SCHEMA public');
      const starters = [openPostgresDb(database.url), openPostgresDb(database.url)];
      const applied = await Promise.all(starters.map((db) => migrate(db)));
      const all = applied.flat();
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBe(readdirSync(join(__dirname, '../../../src/store/migrations')).filter((f) => f.endsWith('.sql')).length);
      await Promise.all(starters.map((db) => db.close()));
    } finally {
      await database.drop();
    }
  });
});
