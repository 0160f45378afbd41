import type { Readable } from 'node:stream'
import yazl from 'yazl'
import type { exportParticipant as exportDiary } from '../diary/diary.access.js'
import type { exportParticipantMail } from '../mail/mail.access.js'
import type { CodingService } from '../coding/coding.service.js'
import type { ParticipantsService } from '../participants/participants.service.js'
import type { ResponsesService } from '../responses/responses.service.js'
import { csvFile } from './access.csv.js'
import { summaryHtml } from './access.summary.js'

type Own = NonNullable<Awaited<ReturnType<ParticipantsService['exportParticipant']>>>

/** Everything held about one participant, gathered from each module in one snapshot (access.service.ts). */
export type ParticipantExport = Own & {
  exportedAt: string
  pseudonym: string
  study: { id: string; title: string }
  diary: Awaited<ReturnType<typeof exportDiary>>
  answered: Awaited<ReturnType<ResponsesService['exportParticipant']>>
  codings: Awaited<ReturnType<CodingService['exportParticipant']>>
  mails: Awaited<ReturnType<typeof exportParticipantMail>>
  removalRequests: {
    requestedAt: string
    status: string
    decidedAt: string | null
    declineReason: string | null
  }[]
}

/** data.json: every part, the photos listed by file (their bytes are the files in photos/). */
export const exportJson = (d: ParticipantExport) => ({
  exportedAt: d.exportedAt,
  study: d.study,
  participant: { ...d.participant, pseudonym: d.pseudonym },
  consent: d.consent,
  personalLinks: d.links,
  diaryEntries: d.diary.entries,
  photos: d.diary.photos.map(({ bytes: _bytes, ...p }) => ({ ...p, file: `photos/${p.file}` })),
  proposals: d.diary.proposals,
  surveyResponses: d.answered.responses,
  empathyMapItems: d.answered.empathyItems,
  codings: d.codings,
  mails: d.mails,
  removalRequests: d.removalRequests,
})

const entriesCsv = (d: ParticipantExport) =>
  csvFile(
    ['occurred_at', 'touchpoint', 'feeling', 'valence', 'channel', 'text', 'photo'],
    d.diary.entries.map((e) => [
      e.occurredAt,
      e.touchpoint,
      e.feeling,
      e.valence,
      e.channel,
      e.text,
      e.photo ? `photos/${e.photo}` : null,
    ]),
  )

const answersCsv = (d: ParticipantExport) =>
  csvFile(
    ['survey', 'question_id', 'question', 'answer', 'answered_at'],
    d.answered.responses.flatMap((r) =>
      r.answers.map((a) => [r.survey, a.questionId, a.question, a.answer, a.answeredAt]),
    ),
  )

/** The file name the download gets: the pseudonym, never the name. */
export const exportFileName = (d: { pseudonym: string }) => `klantreis-${d.pseudonym}.zip`

/**
 * The ZIP, streamed as yazl writes it: data.json, summary.html (in the participant's language),
 * entries.csv, answers.csv and photos/<file>. Photos are stored, not compressed (they already are).
 */
export function exportArchive(d: ParticipantExport): Readable {
  const zip = new yazl.ZipFile()
  const mtime = new Date(d.exportedAt)
  zip.addBuffer(Buffer.from(JSON.stringify(exportJson(d), null, 2)), 'data.json', { mtime })
  zip.addBuffer(Buffer.from(summaryHtml(d)), 'summary.html', { mtime })
  zip.addBuffer(Buffer.from(entriesCsv(d)), 'entries.csv', { mtime })
  zip.addBuffer(Buffer.from(answersCsv(d)), 'answers.csv', { mtime })
  for (const p of d.diary.photos) zip.addBuffer(p.bytes, `photos/${p.file}`, { mtime, compress: false })
  zip.end()
  return zip.outputStream as Readable
}
