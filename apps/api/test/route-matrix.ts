// The study routes' matrix: a valid body for every write and the ids to fill into each path, shared
// by the tenancy matrix (foreign ids must 404) and the bad-input table (bad values must 400).
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Client, TestApp } from './build-test-app.js'
import type { makeStudyWithModel } from './factories.js'

export type StudyIds = Awaited<ReturnType<typeof makeStudyWithModel>>

/** A valid body for every write, so that only the ownership check can refuse the request. */
export function bodyFor(method: string, path: string, ids: StudyIds): unknown {
  const key = `${method} ${path}`
  const bodies: Record<string, unknown> = {
    'PATCH /api/v1/studies/{studyId}': { title: 'Renamed', retentionMonths: 12, eraseOnRequest: true },
    'POST /api/v1/studies/{studyId}/personas': { name: 'P' },
    'POST /api/v1/studies/{studyId}/personas/reorder': { ids: [ids.personaId] },
    'PATCH /api/v1/studies/{studyId}/personas/{personaId}': { name: 'P2' },
    'POST /api/v1/studies/{studyId}/stages': { name: 'S' },
    'POST /api/v1/studies/{studyId}/stages/reorder': { ids: [...ids.stageIds].reverse() },
    'PATCH /api/v1/studies/{studyId}/stages/{stageId}': { name: 'S2' },
    'POST /api/v1/studies/{studyId}/touchpoints': { name: 'T', stageId: ids.stageIds[0] },
    'PUT /api/v1/studies/{studyId}/touchpoints/arrangement': {
      columns: [{ stageId: ids.stageIds[0], touchpointIds: [...ids.touchpointIds].reverse() }],
    },
    'PATCH /api/v1/studies/{studyId}/touchpoints/{touchpointId}': { name: 'T2' },
    'POST /api/v1/studies/{studyId}/participants': { email: 'p@example.com' },
    'PATCH /api/v1/studies/{studyId}/participants/{participantId}': {
      name: 'Renamed',
      segments: { customerType: 'new' },
    },
    'POST /api/v1/studies/{studyId}/participants/{participantId}/link': {},
    'POST /api/v1/studies/{studyId}/participants/{participantId}/link/revoke': {},
    'POST /api/v1/studies/{studyId}/consent': { texts: { en: 'Consent' } },
    'PUT /api/v1/studies/{studyId}/diary': {
      title: 'D',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      timeZone: 'Europe/Amsterdam',
    },
    'POST /api/v1/studies/{studyId}/proposals/{proposalId}/resolve': { action: 'reject' },
    'POST /api/v1/studies/{studyId}/participants/import': 'email\nnew@example.com\n',
    'POST /api/v1/studies/{studyId}/surveys': { title: 'S' },
    'POST /api/v1/studies/{studyId}/surveys/generate': { title: 'S' },
    'PATCH /api/v1/studies/{studyId}/surveys/{surveyId}': { title: 'S2' },
    'POST /api/v1/studies/{studyId}/surveys/{surveyId}/publish': {},
    'POST /api/v1/studies/{studyId}/surveys/{surveyId}/anonymous-links': {},
    'POST /api/v1/studies/{studyId}/surveys/{surveyId}/anonymous-links/{linkId}/revoke': {},
    'POST /api/v1/studies/{studyId}/messages/invitations': { kind: 'diary_invitation', recipients: { type: 'all' } },
    'POST /api/v1/studies/{studyId}/messages/feedback': {
      intro: { en: 'Thanks' },
      changes: [{ en: 'Faster delivery' }],
      recipients: { type: 'contributors' },
    },
    'POST /api/v1/studies/{studyId}/messages/preview': { kind: 'diary_prompt' },
    'PUT /api/v1/studies/{studyId}/surveys/{surveyId}/reminders': { enabled: true, maxReminders: 1, intervalHours: 24 },
    'PUT /api/v1/studies/{studyId}/participants/{participantId}/mail': { subscribed: false },
    'POST /api/v1/studies/{studyId}/codes': { name: 'Delivery' },
    'PATCH /api/v1/studies/{studyId}/codes/{codeId}': { name: 'Waiting long', baseVersion: 1 },
    'POST /api/v1/studies/{studyId}/codebook': {
      format: 'klantreis-codebook',
      version: 1,
      codes: [{ name: 'Imported' }],
    },
    'POST /api/v1/studies/{studyId}/codebook.csv': 'name\nImported\n',
    'PUT /api/v1/studies/{studyId}/codings/{codingId}': {
      source: `diary_entry:${ids.entryId}`,
      start: 0,
      end: 3,
      valence: 'gain',
    },
    'POST /api/v1/studies/{studyId}/findings': {
      statement: 'Returns are a pain',
      touchpointIds: [ids.touchpointIds[0]],
      codingIds: [ids.codingId],
    },
    'PATCH /api/v1/studies/{studyId}/findings/{findingId}': { statement: 'Returns hurt', baseVersion: 1 },
    'POST /api/v1/studies/{studyId}/findings/{findingId}/question': { surveyId: ids.surveyId },
    'POST /api/v1/studies/{studyId}/removal-requests/{requestId}/confirm': {},
    'POST /api/v1/studies/{studyId}/removal-requests/{requestId}/decline': { reason: 'Kept by law' },
    'POST /api/v1/studies/{studyId}/exports': { datasets: ['codebook'], format: 'csv' },
    'POST /api/v1/studies/{studyId}/samples': {
      name: 'S',
      share: 0.5,
      coderIds: [crypto.randomUUID(), crypto.randomUUID()],
    },
  }
  if (method === 'GET' || method === 'DELETE') return undefined
  if (!(key in bodies)) throw new Error(`no test body for ${key}: add one so the matrix covers the new route`)
  return bodies[key]
}

export const fill = (path: string, ids: StudyIds) =>
  path
    .replace('{studyId}', ids.studyId)
    .replace('{personaId}', ids.personaId)
    .replace('{stageId}', ids.stageIds[0]!)
    .replace('{touchpointId}', ids.touchpointIds[0]!)
    .replace('{participantId}', ids.participantId)
    .replace('{proposalId}', ids.proposalId)
    .replace('{photoId}', ids.photoId)
    .replace('{importId}', ids.importId)
    .replace('{surveyId}', ids.surveyId)
    .replace('{version}', '1')
    .replace('{responseId}', ids.responseId)
    .replace('{linkId}', ids.linkId)
    .replace('{requestId}', ids.removalRequestId)
    .replace('{sendId}', ids.sendId)
    .replace('{codeId}', ids.codeId)
    .replace('{codingId}', ids.codingId)
    .replace('{sampleId}', ids.sampleId)
    .replace('{findingId}', ids.findingId)
    .replace('{exportId}', ids.exportId)
    // a delete that must name the version it saw
    .replace(/(\/codings\/[0-9a-f-]{36})$/, '$1?baseVersion=1')
    // the quotes behind a dashboard bar name their touchpoint in the query
    .replace(/\/dashboard\/quotes$/, `/dashboard/quotes?touchpointId=${ids.touchpointIds[0]}`)

/** Every route under a study, from the OpenAPI document: a new route joins every matrix by itself. */
export function studyRoutesOf(app: TestApp['app']) {
  const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> }
  return Object.entries(doc.paths)
    .filter(([p]) => p.startsWith('/api/v1/studies/{studyId}'))
    .flatMap(([p, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path: p })))
}

/**
 * The study's export made the caller's own and finished, with a small file: a member reaches only their
 * own exports, and the download answers 200 only for a finished one.
 */
export async function ownFinishedExport(t: TestApp, ids: StudyIds, c: Client) {
  const name = `${ids.exportId}-1.csv`
  await fs.mkdir(path.join(t.dataDir, 'exports'), { recursive: true })
  await fs.writeFile(path.join(t.dataDir, 'exports', name), '\uFEFFname\r\n')
  await t.db
    .updateTable('export_job')
    .set({
      requested_by: c.me.user.id,
      status: 'done',
      file_path: name,
      file_name: 'klantreis-study.csv',
      file_bytes: 9,
      finished_at: new Date(),
      expires_at: new Date(Date.now() + 3_600_000),
    })
    .where('id', '=', ids.exportId)
    .execute()
}
