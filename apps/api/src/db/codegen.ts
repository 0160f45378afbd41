// The row types generated from the migrations (kysely-codegen over a freshly migrated database):
// `npm run db:codegen` writes schema.generated.ts, `npm run db:codegen:check` (and schema.int.test.ts
// in CI) fails when the committed file and the migrations disagree. schema.ts checks its hand-refined
// row types against the generated ones, so a migration that changes a table is a type error there.
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const GENERATED_SCHEMA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema.generated.ts')

/**
 * The flags, the same for writing and checking. `date` columns arrive as 'YYYY-MM-DD' strings and
 * int8 as numbers (the type parsers in plugins/db.ts), so the generated types say so. A json(b)
 * column is a JsonDocument (json-document.ts), not kysely-codegen's Json, which includes JSON's
 * null and so would hide whether the column itself may be NULL.
 */
export const codegenArgs = (url: string, outFile = GENERATED_SCHEMA) => [
  '--dialect',
  'postgres',
  '--url',
  url,
  '--out-file',
  outFile,
  '--type-mapping',
  JSON.stringify({ date: 'string', int8: 'number', json: 'JsonDocument', jsonb: 'JsonDocument' }),
  '--custom-imports',
  JSON.stringify({ JsonDocument: './json-document.js' }),
  '--log-level',
  'error',
]

/** Runs kysely-codegen (with `--verify`, only compares); resolves with its exit code and output. */
export function runCodegen(url: string, opts: { verify?: boolean; outFile?: string } = {}) {
  const bin = path.join(
    path.dirname(createRequire(import.meta.url).resolve('kysely-codegen/package.json')),
    'dist/cli/bin.js',
  )
  const args = [bin, ...codegenArgs(url, opts.outFile), ...(opts.verify ? ['--verify'] : [])]
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(process.execPath, args, { env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
    )
  })
}
