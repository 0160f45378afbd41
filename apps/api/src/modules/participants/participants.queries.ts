import { type Kysely, sql, type Updateable } from 'kysely'
import type { Pool } from 'pg'
import { exactTimestamp, prepared, queryBuilder } from '../../db/helpers.js'
import type { DB, ParticipantImportTable } from '../../db/schema.js'

/** Participants with their entry statistics, newest first, keyset-paged. */
export const listParticipants = (
  db: Kysely<DB>,
  studyId: string,
  q: {
    limit: number
    after?: readonly [string, string]
    participantId?: string
    segment?: { key: string; value: string }
  },
) =>
  db
    .selectFrom('participant as p')
    .selectAll('p')
    .select(exactTimestamp('p.created_at').as('created_key'))
    .select((eb) => [
      eb
        .selectFrom('diary_entry as e')
        .whereRef('e.participant_id', '=', 'p.id')
        .where('e.deleted_at', 'is', null)
        .select((i) => i.fn.countAll<number>().as('n'))
        .as('entry_count'),
      eb
        .selectFrom('diary_entry as e')
        .whereRef('e.participant_id', '=', 'p.id')
        .where('e.deleted_at', 'is', null)
        .select((i) => i.fn.max('e.created_at').as('m'))
        .as('last_entry_at'),
    ])
    .where('p.study_id', '=', studyId)
    .$if(!!q.participantId, (b) => b.where('p.id', '=', q.participantId!))
    // containment, so participant_segments_idx (jsonb_path_ops) serves it
    .$if(!!q.segment, (b) =>
      b.where(sql<boolean>`p.segments @> ${JSON.stringify({ [q.segment!.key]: q.segment!.value })}::jsonb`),
    )
    .$if(!!q.after, (b) =>
      b.where(sql<boolean>`(p.created_at, p.id) < (${q.after![0]}::timestamptz, ${q.after![1]}::uuid)`),
    )
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(q.limit + 1)
    .execute()

export const insertParticipant = (
  db: Kysely<DB>,
  studyId: string,
  p: {
    email: string
    name: string
    language: string
    personaId: string | null
    externalRef: string
    timeZone?: string | null
    segments?: Record<string, string>
  },
) =>
  db
    .insertInto('participant')
    .values({
      study_id: studyId,
      email: p.email,
      name: p.name,
      language: p.language,
      persona_id: p.personaId,
      external_ref: p.externalRef,
      time_zone: p.timeZone ?? null,
      // pg sends a plain object as JSON text
      segments: p.segments ?? {},
    })
    .onConflict((oc) => oc.columns(['study_id', 'email']).doNothing())
    .returning('id')
    .executeTakeFirst()

/** Sets only the fields given; undefined leaves a column as it is. */
export const updateParticipant = (
  db: Kysely<DB>,
  participantId: string,
  p: {
    name?: string
    language?: string
    personaId?: string | null
    externalRef?: string
    timeZone?: string | null
    segments?: Record<string, string>
  },
) =>
  db
    .updateTable('participant')
    .set({
      name: p.name,
      language: p.language,
      persona_id: p.personaId,
      external_ref: p.externalRef,
      time_zone: p.timeZone,
      segments: p.segments,
    })
    .where('id', '=', participantId)
    .execute()

export const findParticipant = (db: Kysely<DB>, studyId: string, participantId: string) =>
  db
    .selectFrom('participant')
    .selectAll()
    .where('study_id', '=', studyId)
    .where('id', '=', participantId)
    .executeTakeFirst()

export const personaInStudy = (db: Kysely<DB>, studyId: string, personaId: string) =>
  db.selectFrom('persona').select('id').where('study_id', '=', studyId).where('id', '=', personaId).executeTakeFirst()

export const insertParticipantToken = (
  db: Kysely<DB>,
  participantId: string,
  tokenHash: string,
  expiresAt: Date,
  mailMessageId: string | null = null,
) =>
  db
    .insertInto('participant_token')
    .values({
      participant_id: participantId,
      token_hash: tokenHash,
      expires_at: expiresAt,
      mail_message_id: mailMessageId,
    })
    .execute()

/**
 * The participant's other live mail links are replaced by the one of this mail (links a researcher
 * made are not). Those of the same mail are kept: each attempt of a mail has its own link, and a
 * receiver may keep any copy of a mail sent twice. Returns how many were replaced.
 */
export const replaceOlderMailLinks = async (db: Kysely<DB>, participantId: string, mailMessageId: string, now: Date) =>
  (
    await db
      .updateTable('participant_token')
      .set({ replaced_at: now })
      .where('participant_id', '=', participantId)
      .where('mail_message_id', 'is not', null)
      .where('mail_message_id', '<>', mailMessageId)
      .where('replaced_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst()
  ).numUpdatedRows

export const revokeParticipantAccess = async (db: Kysely<DB>, participantId: string) => {
  await db
    .updateTable('participant_token')
    .set({ revoked_at: new Date() })
    .where('participant_id', '=', participantId)
    .where('revoked_at', 'is', null)
    .execute()
  await db.deleteFrom('participant_session').where('participant_id', '=', participantId).execute()
}

/** A link that opens: not revoked, not expired, and not replaced before `replacedBefore` (a replaced one opens for a while). */
export const findUsableParticipantToken = (db: Kysely<DB>, tokenHash: string, replacedBefore: Date) =>
  db
    .selectFrom('participant_token')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .where((eb) => eb.or([eb('replaced_at', 'is', null), eb('replaced_at', '>', replacedBefore)]))
    .executeTakeFirst()

export const insertParticipantSession = (
  db: Kysely<DB>,
  s: { id: string; participantId: string; tokenId: string; expiresAt: Date },
) =>
  db
    .insertInto('participant_session')
    .values({ id: s.id, participant_id: s.participantId, token_id: s.tokenId, expires_at: s.expiresAt })
    .execute()

export const markTokenUsed = (db: Kysely<DB>, tokenId: string) =>
  db.updateTable('participant_token').set({ last_used_at: new Date() }).where('id', '=', tokenId).execute()

/**
 * Every respondent request starts here, so it is a prepared statement and brings what a diary write
 * checks along: the study's newest consent version and its diary (one round trip instead of four).
 * The session is only as good as the link it came from: a revoked or expired link ends it.
 */
const participantSession = prepared<{
  id: string
  participant_id: string
  study_id: string
  language: string
  name: string
  consent_version: number | null
  latest_consent: number | null
  diary_starts_on: string | null
  diary_ends_on: string | null
  diary_time_zone: string | null
  diary_form: unknown
}>(
  'find-participant-session',
  queryBuilder
    .selectFrom('participant_session as s')
    .innerJoin('participant_token as t', 't.id', 's.token_id')
    .innerJoin('participant as p', 'p.id', 's.participant_id')
    .leftJoin('diary as d', 'd.study_id', 'p.study_id')
    .select(['s.id', 's.participant_id', 'p.study_id', 'p.language', 'p.name', 'p.consent_version'])
    .select([
      'd.starts_on as diary_starts_on',
      'd.ends_on as diary_ends_on',
      'd.time_zone as diary_time_zone',
      'd.form as diary_form',
    ])
    .select((eb) =>
      eb
        .selectFrom('consent_text as c')
        .whereRef('c.study_id', '=', 'p.study_id')
        .select((c) => c.fn.max('c.version').as('v'))
        .as('latest_consent'),
    )
    .where('s.id', '=', '')
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', sql<Date>`now()`),
)
export const findParticipantSession = async (pool: Pool, sessionId: string) =>
  (await participantSession(pool, [sessionId]))[0]

export const latestConsent = (db: Kysely<DB>, studyId: string) =>
  db
    .selectFrom('consent_text')
    .selectAll()
    .where('study_id', '=', studyId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()

export const insertConsentVersion = (db: Kysely<DB>, studyId: string, texts: Record<string, string>) =>
  sql<{ version: number; texts: Record<string, string>; created_at: Date }>`
    insert into consent_text (study_id, version, texts)
    values (${studyId}::uuid, (select coalesce(max(version), 0) + 1 from consent_text where study_id = ${studyId}::uuid), ${JSON.stringify(texts)}::jsonb)
    returning version, texts, created_at`
    .execute(db)
    .then((r) => r.rows[0]!)

export const recordConsent = (db: Kysely<DB>, participantId: string, version: number) =>
  db
    .updateTable('participant')
    .set({ consent_version: version, consented_at: new Date() })
    .where('id', '=', participantId)
    .execute()

export const setParticipantLanguage = (db: Kysely<DB>, participantId: string, language: string) =>
  db.updateTable('participant').set({ language }).where('id', '=', participantId).execute()

/** Imports that have not finished, started before `before`. */
export const listUnfinishedImports = (db: Kysely<DB>, before: Date) =>
  db
    .selectFrom('participant_import')
    .select('id')
    .where('status', 'in', ['queued', 'running'])
    .where('created_at', '<', before)
    .execute()

export const insertImport = (db: Kysely<DB>, i: { studyId: string; csv: string; createdBy: string }) =>
  db
    .insertInto('participant_import')
    .values({ study_id: i.studyId, csv: i.csv, created_by: i.createdBy })
    .returningAll()
    .executeTakeFirstOrThrow()

export const findImport = (db: Kysely<DB>, importId: string) =>
  db.selectFrom('participant_import').selectAll().where('id', '=', importId).executeTakeFirst()

export const findImportInStudy = (db: Kysely<DB>, studyId: string, importId: string) =>
  db
    .selectFrom('participant_import')
    .selectAll()
    .where('study_id', '=', studyId)
    .where('id', '=', importId)
    .executeTakeFirst()

export const updateImport = (db: Kysely<DB>, importId: string, patch: Updateable<ParticipantImportTable>) =>
  db.updateTable('participant_import').set(patch).where('id', '=', importId).execute()

/** A finished import as the audit log records it: whose organization, who started it, how many came in. */
export const finishImport = (db: Kysely<DB>, importId: string, finishedAt: Date) =>
  db
    .updateTable('participant_import as i')
    .set({ status: 'done', finished_at: finishedAt })
    .from('study as s')
    .whereRef('s.id', '=', 'i.study_id')
    .where('i.id', '=', importId)
    .returning([
      's.organization_id',
      'i.study_id',
      'i.created_by',
      'i.total',
      'i.imported',
      sql<number>`jsonb_array_length(i.errors)`.as('rejected'),
    ])
    .executeTakeFirst()

/** One batch's progress, added to what the committed batches before it recorded. */
export const updateImportProgress = (
  db: Kysely<DB>,
  importId: string,
  b: { processed: number; imported: number; errors: { row: number; message: string }[] },
) =>
  db
    .updateTable('participant_import')
    .set({
      processed: b.processed,
      imported: sql`imported + ${b.imported}`,
      errors: sql`errors || ${JSON.stringify(b.errors)}::jsonb`,
    })
    .where('id', '=', importId)
    .execute()

export const listPersonaNames = (db: Kysely<DB>, studyId: string) =>
  db.selectFrom('persona').select(['id', 'name']).where('study_id', '=', studyId).execute()

export const listParticipantEmails = (db: Kysely<DB>, studyId: string, emails: string[]) =>
  db.selectFrom('participant').select('email').where('study_id', '=', studyId).where('email', 'in', emails).execute()

/** Answers the emails inserted: one that took part meanwhile is skipped. */
export const insertImportedParticipants = (
  db: Kysely<DB>,
  studyId: string,
  rows: {
    email: string
    name: string
    language: string
    persona_id: string | null
    external_ref: string
    segments: Record<string, string>
  }[],
) =>
  db
    .insertInto('participant')
    .values(rows.map((r) => ({ ...r, study_id: studyId })))
    .onConflict((oc) => oc.columns(['study_id', 'email']).doNothing())
    .returning('email')
    .execute()

/** Erasure: the participant row, locked for the erasure's transaction (none once erased). */
export const lockParticipantForErasure = (db: Kysely<DB>, studyId: string, participantId: string) =>
  db
    .selectFrom('participant')
    .select(['id', 'email'])
    .where('study_id', '=', studyId)
    .where('id', '=', participantId)
    .forUpdate()
    .executeTakeFirst()

/**
 * Erasure: the participant's sessions, personal links, consent record and attributes (all on the row)
 * go with the row; the lines of stored import CSVs that name their address are cut out. Counts per kind.
 */
export async function eraseParticipantRow(db: Kysely<DB>, studyId: string, participantId: string, email: string) {
  const sessions = await db
    .deleteFrom('participant_session')
    .where('participant_id', '=', participantId)
    .executeTakeFirst()
  const links = await db.deleteFrom('participant_token').where('participant_id', '=', participantId).executeTakeFirst()
  const imports = await db
    .selectFrom('participant_import')
    .select(['id', 'csv'])
    .where('study_id', '=', studyId)
    .where(sql<boolean>`strpos(lower(csv), ${email}) > 0`)
    .execute()
  let importLines = 0
  for (const i of imports) {
    const lines = i.csv.split(/\r?\n/)
    const kept = lines.filter((l) => !l.toLowerCase().includes(email))
    importLines += lines.length - kept.length
    await db
      .updateTable('participant_import')
      .set({ csv: kept.join('\n') })
      .where('id', '=', i.id)
      .execute()
  }
  await db.deleteFrom('participant').where('id', '=', participantId).execute()
  return {
    participant: 1,
    sessions: Number(sessions.numDeletedRows),
    links: Number(links.numDeletedRows),
    importLines,
  }
}

/** The segment attribute keys among the study's participants (an export's columns, issue 15). */
export const listSegmentKeys = (db: Kysely<DB>, studyId: string) =>
  sql<{
    key: string
  }>`select distinct jsonb_object_keys(segments) as key from participant where study_id = ${studyId}::uuid order by 1`
    .execute(db)
    .then((r) => r.rows.map((x) => x.key))
