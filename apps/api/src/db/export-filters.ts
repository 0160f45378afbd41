import { type RawBuilder, sql } from 'kysely'

/**
 * The filters an export applies (issue 15): the dashboard's persona, segment and period, the wave
 * (one survey) and whether responses still in progress come along. Each module's export query reads
 * the ones that make sense for its rows, with the helpers below, so every dataset filters alike.
 */
export type ExportRowFilter = {
  studyId: string
  surveyId?: string
  personaId?: string
  segment?: { key: string; value: string }
  from?: string
  to?: string
  includeInProgress: boolean
}

/**
 * The participant filters on a participant row `p` (persona, segment attribute): an anonymous
 * response has no participant, so either filter drops it, as on the dashboard.
 */
export const participantMatches = (f: ExportRowFilter, p: string): RawBuilder<boolean> =>
  sql<boolean>`true
    ${f.personaId ? sql`and ${sql.ref(`${p}.persona_id`)} = ${f.personaId}::uuid` : sql``}
    ${f.segment ? sql`and ${sql.ref(`${p}.segments`)} @> ${JSON.stringify({ [f.segment.key]: f.segment.value })}::jsonb` : sql``}`

/**
 * The period on a timestamp, by its UTC day, as the dashboard counts a day (dashboard.queries.ts,
 * dashboard.rollup.queries.ts), so an export with a period holds what the dashboard showed for it.
 */
export const dayWithin = (f: ExportRowFilter, at: RawBuilder<unknown>): RawBuilder<boolean> =>
  sql<boolean>`true
    ${f.from ? sql`and (${at} at time zone 'UTC')::date >= ${f.from}::date` : sql``}
    ${f.to ? sql`and (${at} at time zone 'UTC')::date <= ${f.to}::date` : sql``}`
