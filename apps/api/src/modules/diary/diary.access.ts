import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { diaryEntriesForExport, photosForExport, proposalsForExport } from './diary.access.queries.js'

/** The file a photo gets in the export's photos/ folder: its id and an extension from its checked type. */
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/gif': 'gif',
}
export const photoFileName = (id: string, contentType: string) => `${id}.${EXTENSIONS[contentType] ?? 'bin'}`

/**
 * The diary's part of a participant's data export (modules/access), in the caller's snapshot: their
 * entries (text, feeling, touchpoint, the photo's file name), their photos with the bytes, and the
 * touchpoints they proposed. Beside diary.erasure.ts, the other half of the participant's rights.
 */
export async function exportParticipant(trx: Kysely<DB>, participantId: string) {
  const [entries, photos, proposals] = [
    await diaryEntriesForExport(trx, participantId),
    await photosForExport(trx, participantId),
    await proposalsForExport(trx, participantId),
  ]
  const files = new Map(photos.map((p) => [p.id, photoFileName(p.id, p.content_type)]))
  return {
    entries: entries.map((e) => ({
      id: e.id,
      occurredAt: e.occurred_at.toISOString(),
      text: e.text,
      /** How it felt, -3 (very bad) … 3 (very good). */
      feeling: e.emotion,
      valence: e.valence,
      channel: e.channel,
      touchpoint: e.touchpoint_name ?? e.proposal_description ?? null,
      photo: e.photo_id ? (files.get(e.photo_id) ?? null) : null,
      createdAt: e.created_at.toISOString(),
      updatedAt: e.updated_at.toISOString(),
    })),
    photos: photos.map((p) => ({
      file: files.get(p.id)!,
      contentType: p.content_type,
      createdAt: p.created_at.toISOString(),
      bytes: p.bytes,
    })),
    proposals: proposals.map((p) => ({
      description: p.description,
      status: p.status,
      createdAt: p.created_at.toISOString(),
    })),
  }
}
