import type { Participant, ParticipantImport } from '@klantreis/shared/participants'
import { pseudonym } from '../../lib/pseudonym.js'
import type { listParticipants } from './participants.queries.js'

type Row = Awaited<ReturnType<typeof listParticipants>>[number]
/** `contact`: the caller manages participants (lib/roles.ts seesContactDetails); else no name, address or CRM reference. */
export const toParticipant = (r: Row, contact: boolean): Participant => ({
  id: r.id,
  studyId: r.study_id,
  pseudonym: pseudonym(r.id),
  email: contact ? r.email : null,
  name: contact ? r.name : null,
  language: r.language as Participant['language'],
  personaId: r.persona_id,
  externalRef: contact ? r.external_ref : null,
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
/** An import's row messages quote addresses ("already takes part (…)"): hidden from those who may not see them. */
const withoutAddresses = (message: string) => message.replace(/[^\s()<>,;"']+@[^\s()<>,;"']+/g, '[address]')
export const toImport = (r: ImportRow, contact: boolean): ParticipantImport => ({
  id: r.id,
  status: r.status as ParticipantImport['status'],
  total: r.total,
  processed: r.processed,
  imported: r.imported,
  errors: contact ? r.errors : r.errors.map((e) => ({ ...e, message: withoutAddresses(e.message) })),
  createdAt: r.created_at.toISOString(),
})
