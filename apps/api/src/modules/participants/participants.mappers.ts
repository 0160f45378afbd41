import type { Participant, ParticipantImport } from '@klantreis/shared/participants'
import type { listParticipants } from './participants.queries.js'

type Row = Awaited<ReturnType<typeof listParticipants>>[number]
export const toParticipant = (r: Row): Participant => ({
  id: r.id,
  studyId: r.study_id,
  email: r.email,
  name: r.name,
  language: r.language as Participant['language'],
  personaId: r.persona_id,
  externalRef: r.external_ref,
  status: r.finished_at ? 'finished' : Number(r.entry_count) > 0 ? 'active' : r.consented_at ? 'consented' : 'invited',
  consentVersion: r.consent_version,
  consentedAt: r.consented_at?.toISOString() ?? null,
  entryCount: Number(r.entry_count ?? 0),
  lastEntryAt: r.last_entry_at ? new Date(r.last_entry_at as unknown as string).toISOString() : null,
  timeZone: r.time_zone,
  unsubscribedAt: r.unsubscribed_at?.toISOString() ?? null,
  unsubscribeReason: r.unsubscribe_reason,
  segments: r.segments,
  createdAt: r.created_at.toISOString(),
})

type ImportRow = {
  id: string
  status: string
  total: number
  processed: number
  imported: number
  errors: { row: number; message: string }[]
  created_at: Date
}
export const toImport = (r: ImportRow): ParticipantImport => ({
  id: r.id,
  status: r.status as ParticipantImport['status'],
  total: r.total,
  processed: r.processed,
  imported: r.imported,
  errors: r.errors,
  createdAt: r.created_at.toISOString(),
})
