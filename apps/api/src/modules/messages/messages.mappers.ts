import type { Language } from '@klantreis/shared/common'
import type { Message, Send } from '@klantreis/shared/messages'
import { pseudonym } from '../../lib/pseudonym.js'
import type { findSend, listMessages } from './messages.queries.js'

/** What the researcher wrote for one language, or else the other one. */
export const textIn = (t: Partial<Record<Language, string>> | undefined, language: Language) =>
  t?.[language] ?? t?.[language === 'nl' ? 'en' : 'nl'] ?? ''

/** A DATE column: 'YYYY-MM-DD' from the db plugin's text parser, a Date elsewhere. */
export const ymd = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d))

export type SendRow = NonNullable<Awaited<ReturnType<typeof findSend>>>
export const toSend = (r: SendRow): Send => {
  const open = Number(r.queued) + Number(r.sending)
  return {
    id: r.id,
    kind: r.kind as Send['kind'],
    surveyId: r.survey_id,
    total: r.total,
    queued: Number(r.queued),
    sending: Number(r.sending),
    sent: Number(r.sent),
    failed: Number(r.failed),
    suppressed: Number(r.suppressed),
    done: open === 0,
    createdAt: r.created_at.toISOString(),
  }
}
export type MessageRow = Awaited<ReturnType<typeof listMessages>>[number]
/** `contact`: the caller manages participants and sees whom a mail went to; else only the pseudonym. */
export const toMessage = (r: MessageRow, contact: boolean): Message => ({
  id: r.id,
  kind: r.kind as Message['kind'],
  status: r.status,
  participant: r.participant_id
    ? {
        id: r.participant_id,
        pseudonym: pseudonym(r.participant_id),
        name: contact ? (r.participant_name ?? '') : null,
        email: contact ? (r.participant_email ?? '') : null,
      }
    : null,
  surveyId: r.survey_id,
  sendId: r.send_id,
  language: (r.language as Language | null) ?? null,
  subject: r.subject,
  attempts: r.attempts,
  reason: r.error,
  personalLink: r.links_replaced === null ? null : { replacedLinks: r.links_replaced },
  dueAt: r.due_at.toISOString(),
  sentAt: r.sent_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
})
