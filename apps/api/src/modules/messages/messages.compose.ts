import type { Language } from '@klantreis/shared/common'
import type { Selectable } from 'kysely'
import type { Kysely } from 'kysely'
import type { DB, MailMessageTable } from '../../db/schema.js'
import { type ParticipantMailKind, renderMail } from '../../email/templates/participant-mail.js'
import type { OutgoingMail } from '../../email/transport.js'
import { hashToken, newToken } from '../../lib/tokens.js'
import { mintMailLink, replaceOlderMailLinks } from '../participants/participants.service.js'
import { textIn, ymd } from './messages.mappers.js'
import { findMailContext, setLinksReplaced, setUnsubscribeToken } from './messages.queries.js'

/** How long the personal link in a mail works. */
const LINK_DAYS = 60

/** What the analyst wrote for a send, per language (see message_send.content). */
type SendContent = {
  note?: Partial<Record<Language, string>>
  intro?: Partial<Record<Language, string>>
  changes?: Partial<Record<Language, string>>[]
}

/** Where the personal link lands: the questionnaire, a new moment, or the diary. */
function landing(kind: ParticipantMailKind, surveyId: string | null) {
  if ((kind === 'survey_invitation' || kind === 'reminder') && surveyId) return `?to=survey:${surveyId}`
  if (kind === 'diary_prompt') return '?to=new'
  return ''
}

/**
 * A participant's mail, rendered when it is sent: the reasons it must not go (any more), else the
 * message with a fresh personal link and unsubscribe link. Only the tokens' hashes are stored.
 * `linkFor` names the participant whose older links the new one replaces once the mail went out.
 */
export async function composeParticipantMail(
  db: Kysely<DB>,
  msg: Selectable<MailMessageTable>,
  opts: { publicUrl: string; now: Date },
): Promise<{ mail: OutgoingMail; linkFor: string | null } | { suppressed: string }> {
  const c = await findMailContext(db, msg.id)
  if (!c) return { suppressed: 'participant removed' }
  const kind = msg.kind as ParticipantMailKind
  if (c.unsubscribed_at) return { suppressed: 'unsubscribed' }
  if ((kind === 'survey_invitation' || kind === 'reminder') && c.response_status === 'complete')
    return { suppressed: 'already answered' }
  if ((kind === 'survey_invitation' || kind === 'reminder') && c.survey_status !== 'open')
    return { suppressed: 'survey not open' }
  if (kind === 'diary_prompt') {
    if (c.finished_at) return { suppressed: 'finished' }
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: c.time_zone ?? c.diary_time_zone ?? 'UTC' }).format(
      opts.now,
    )
    if (!c.ends_on || today > ymd(c.ends_on)) return { suppressed: 'diary ended' }
  }

  const language = (c.language === 'en' ? 'en' : 'nl') as Language
  const content = (c.content ?? {}) as SendContent
  let link: string | null = null
  if (kind !== 'feedback') {
    const token = await mintMailLink(
      db,
      c.participant_id,
      msg.id,
      new Date(opts.now.getTime() + LINK_DAYS * 86_400_000),
    )
    link = `${opts.publicUrl}/r/t/${token}${landing(kind, msg.survey_id)}`
  }
  const unsubscribe = newToken()
  const unsubscribeUrl = `${opts.publicUrl}/u/${unsubscribe}`
  const rendered = renderMail({
    kind,
    language,
    participantName: c.name,
    studyTitle: c.study_title,
    organizationName: c.organization_name,
    link,
    unsubscribeUrl,
    surveyTitle: c.survey_title,
    diary: c.starts_on && c.ends_on ? { startsOn: ymd(c.starts_on), endsOn: ymd(c.ends_on) } : null,
    note: textIn(content.note, language) || null,
    feedback:
      kind === 'feedback'
        ? {
            intro: textIn(content.intro, language),
            changes: (content.changes ?? []).map((t) => textIn(t, language)).filter(Boolean),
          }
        : null,
  })
  await setUnsubscribeToken(db, msg.id, hashToken(unsubscribe), rendered.subject)
  return {
    linkFor: link ? c.participant_id : null,
    mail: {
      to: c.email,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      headers: {
        // RFC 8058 one-click: mail programs show "unsubscribe" and POST to the link themselves
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'X-Klantreis-Message': msg.id,
      },
    },
  }
}

/**
 * After the mail went out (not before: a mail that never arrives must not take the participant's
 * working link away): its link replaces the participant's older mail links, and the log says how many.
 */
export async function recordPersonalLink(db: Kysely<DB>, messageId: string, participantId: string, now: Date) {
  await setLinksReplaced(db, messageId, await replaceOlderMailLinks(db, participantId, messageId, now))
}
