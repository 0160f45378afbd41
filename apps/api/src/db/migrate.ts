import type { DB } from './schema.js'
import fs from 'node:fs/promises'
import path from 'node:path'
import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator, sql } from 'kysely'
import { REPO_ROOT } from '../config.js'

export const MIGRATIONS_DIR = path.join(REPO_ROOT, 'migrations')

/**
 * Migrations are plain SQL files (`NNNN_name.sql`), frozen once merged. An optional
 * `-- migrate:down` line splits the file into its up and down parts.
 */
export class SqlFileMigrationProvider implements MigrationProvider {
  constructor(private readonly dir = MIGRATIONS_DIR) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(this.dir)).filter((f) => f.endsWith('.sql')).sort()
    const migrations: Record<string, Migration> = {}
    for (const file of files) {
      const text = await fs.readFile(path.join(this.dir, file), 'utf8')
      const [up = '', down] = text.split(/^--\s*migrate:down\s*$/m)
      migrations[file.replace(/\.sql$/, '')] = {
        up: async (db) => void (await sql.raw(up).execute(db)),
        ...(down ? { down: async (db: Kysely<unknown>) => void (await sql.raw(down).execute(db)) } : {}),
      }
    }
    return migrations
  }
}

export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: new SqlFileMigrationProvider() })
  const result = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`, {
      cause: result.error,
    })
  }
  return result
}
