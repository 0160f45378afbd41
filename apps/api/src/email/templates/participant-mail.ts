// The participant mails, per language, as plain text and HTML. Everything that comes from people
// (names, titles, the researcher's note, the feedback) is escaped for HTML and stripped of line
// breaks where it lands in a header, so it can neither break the markup nor inject a header.
import type { Language } from '@klantreis/shared/common'
import type { MessageKind } from '@klantreis/shared/messages'
import { escapeHtml, headerSafe } from '../escape.js'

export type ParticipantMailKind = Exclude<MessageKind, 'team_invitation'>

export type MailContext = {
  kind: ParticipantMailKind
  language: Language
  participantName: string
  studyTitle: string
  organizationName: string
  /** The personal link (invitations, reminders, prompts). */
  link: string | null
  unsubscribeUrl: string
  surveyTitle?: string | null
  diary?: { startsOn: string; endsOn: string } | null
  /** A personal word from the researcher, above the standard text. */
  note?: string | null
  feedback?: { intro: string; changes: string[] } | null
  /** Which reminder this is (1, 2, …). */
  reminderNumber?: number | null
}
export type RenderedMail = { subject: string; text: string; html: string }

/** Paragraphs from typed text: blank lines separate them, single line breaks stay. */
const paragraphsHtml = (s: string) =>
  s
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n')

const formatDay = (lang: Language, ymd: string) =>
  new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${ymd}T12:00:00Z`))

type Parts = { subject: string; greeting: string; body: string[]; button?: string; after?: string[]; list?: string[] }

const texts: Record<Language, (c: MailContext) => Parts> = {
  en: (c) => {
    const hi = c.participantName ? `Dear ${c.participantName},` : 'Hello,'
    switch (c.kind) {
      case 'diary_invitation':
        return {
          subject: `Keep a diary for ${c.organizationName}: ${c.studyTitle}`,
          greeting: hi,
          body: [
            `${c.organizationName} would like to learn how you experience their service, and invites you to keep a short diary on your phone${c.diary ? ` from ${formatDay('en', c.diary.startsOn)} to ${formatDay('en', c.diary.endsOn)}` : ''}.`,
            'Each time you deal with them (or hear about them), write down what happened and how it felt. It takes a minute, and you need no password: the button below opens your personal diary.',
          ],
          button: 'Open my diary',
          after: ['This link is personal: please do not forward it.'],
        }
      case 'survey_invitation':
        return {
          subject: `A few questions from ${c.organizationName}: ${c.surveyTitle ?? c.studyTitle}`,
          greeting: hi,
          body: [
            `${c.organizationName} would like to know what you think. Would you answer the questionnaire "${c.surveyTitle ?? ''}"? It takes a few minutes, and you can stop and continue later.`,
          ],
          button: 'Answer the questions',
          after: ['This link is personal: please do not forward it.'],
        }
      case 'reminder':
        return {
          subject: `Reminder: ${c.surveyTitle ?? c.studyTitle}`,
          greeting: hi,
          body: [
            `A little while ago ${c.organizationName} asked for your view in the questionnaire "${c.surveyTitle ?? ''}". Your answers have not come in yet; it would help a lot if you took a few minutes for it. Anything you already answered has been kept.`,
          ],
          button: 'Continue the questionnaire',
          after: ['Already done? Then thank you, and please ignore this message.'],
        }
      case 'diary_prompt':
        return {
          subject: `Anything to tell about ${c.organizationName} today?`,
          greeting: hi,
          body: [
            `Did you deal with ${c.organizationName} today, or hear about them? Write it down in your diary while you remember it. Nothing happened? Then there is nothing to do.`,
          ],
          button: 'Add a moment',
        }
      case 'feedback':
        return {
          subject: `What ${c.organizationName} did with your input`,
          greeting: hi,
          body: c.feedback?.intro
            ? [c.feedback.intro]
            : [
                `Thank you for taking part in "${c.studyTitle}". This is what ${c.organizationName} changed because of what you and others told us:`,
              ],
          list: c.feedback?.changes ?? [],
          after: ['Thank you for your time and your honesty.'],
        }
    }
  },
  nl: (c) => {
    const hi = c.participantName ? `Beste ${c.participantName},` : 'Hallo,'
    switch (c.kind) {
      case 'diary_invitation':
        return {
          subject: `Houd een dagboek bij voor ${c.organizationName}: ${c.studyTitle}`,
          greeting: hi,
          body: [
            `${c.organizationName} wil graag weten hoe je hun dienstverlening ervaart, en nodigt je uit om een kort dagboek op je telefoon bij te houden${c.diary ? ` van ${formatDay('nl', c.diary.startsOn)} tot en met ${formatDay('nl', c.diary.endsOn)}` : ''}.`,
            'Schrijf telkens als je met hen te maken hebt (of over hen hoort) op wat er gebeurde en hoe dat voelde. Het kost een minuut, en je hebt geen wachtwoord nodig: de knop hieronder opent je persoonlijke dagboek.',
          ],
          button: 'Open mijn dagboek',
          after: ['Deze link is persoonlijk: stuur hem niet door.'],
        }
      case 'survey_invitation':
        return {
          subject: `Een paar vragen van ${c.organizationName}: ${c.surveyTitle ?? c.studyTitle}`,
          greeting: hi,
          body: [
            `${c.organizationName} hoort graag wat je vindt. Wil je de vragenlijst "${c.surveyTitle ?? ''}" invullen? Het kost een paar minuten, en je kunt stoppen en later verdergaan.`,
          ],
          button: 'Vragen beantwoorden',
          after: ['Deze link is persoonlijk: stuur hem niet door.'],
        }
      case 'reminder':
        return {
          subject: `Herinnering: ${c.surveyTitle ?? c.studyTitle}`,
          greeting: hi,
          body: [
            `Een tijdje geleden vroeg ${c.organizationName} je mening in de vragenlijst "${c.surveyTitle ?? ''}". Je antwoorden zijn nog niet binnen; het zou veel helpen als je er een paar minuten voor neemt. Wat je al beantwoordde, is bewaard.`,
          ],
          button: 'Verder met de vragenlijst',
          after: ['Al klaar? Dan bedankt, en negeer dit bericht.'],
        }
      case 'diary_prompt':
        return {
          subject: `Iets te vertellen over ${c.organizationName} vandaag?`,
          greeting: hi,
          body: [
            `Had je vandaag met ${c.organizationName} te maken, of hoorde je iets over hen? Schrijf het op in je dagboek nu je het nog weet. Niets gebeurd? Dan hoef je niets te doen.`,
          ],
          button: 'Moment toevoegen',
        }
      case 'feedback':
        return {
          subject: `Wat ${c.organizationName} met jouw inbreng deed`,
          greeting: hi,
          body: c.feedback?.intro
            ? [c.feedback.intro]
            : [
                `Bedankt voor je deelname aan "${c.studyTitle}". Dit veranderde ${c.organizationName} door wat jij en anderen ons vertelden:`,
              ],
          list: c.feedback?.changes ?? [],
          after: ['Bedankt voor je tijd en je eerlijkheid.'],
        }
    }
  },
}

const footer: Record<Language, (c: MailContext) => { why: string; unsubscribe: string }> = {
  en: (c) => ({
    why: `You receive this because you take part in "${c.studyTitle}" by ${c.organizationName}.`,
    unsubscribe: 'No more messages about this study',
  }),
  nl: (c) => ({
    why: `Je ontvangt dit omdat je meedoet aan "${c.studyTitle}" van ${c.organizationName}.`,
    unsubscribe: 'Geen berichten meer over dit onderzoek',
  }),
}

export function renderMail(c: MailContext): RenderedMail {
  const p = texts[c.language](c)
  const f = footer[c.language](c)
  const note = c.note?.trim() ? c.note.trim() : null

  const text = [
    p.greeting,
    '',
    ...(note ? [note, ''] : []),
    ...p.body.flatMap((b) => [b, '']),
    ...(p.list?.length ? [...p.list.map((l) => `- ${l.replace(/\s*\n\s*/g, ' ')}`), ''] : []),
    ...(p.button && c.link ? [`${p.button}: ${c.link}`, ''] : []),
    ...(p.after ?? []).flatMap((a) => [a, '']),
    '-- ',
    f.why,
    `${f.unsubscribe}: ${c.unsubscribeUrl}`,
    '',
  ].join('\n')

  const html = `<!doctype html>
<html lang="${c.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(headerSafe(p.subject))}</title></head>
<body style="margin:0;padding:24px;background:#f5f4f1;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2933;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<p>${escapeHtml(p.greeting)}</p>
${note ? `<div style="border-left:3px solid #1d5c57;padding-left:12px;margin:0 0 16px">${paragraphsHtml(note)}</div>` : ''}
${p.body.map((b) => paragraphsHtml(b)).join('\n')}
${p.list?.length ? `<ul>${p.list.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : ''}
${p.button && c.link ? `<p style="margin:24px 0"><a href="${escapeHtml(c.link)}" style="background:#1d5c57;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600;display:inline-block">${escapeHtml(p.button)}</a></p>` : ''}
${(p.after ?? []).map((a) => `<p>${escapeHtml(a)}</p>`).join('\n')}
</div>
<p style="max-width:560px;margin:16px auto 0;font-size:13px;color:#52606d">${escapeHtml(f.why)} <a href="${escapeHtml(c.unsubscribeUrl)}" style="color:#52606d">${escapeHtml(f.unsubscribe)}</a></p>
</body>
</html>
`
  return { subject: headerSafe(p.subject), text, html }
}

/** A mail's subject in each language; it depends only on the study (and survey), so it is known before sending. */
export function subjectsFor(
  kind: ParticipantMailKind,
  c: { studyTitle: string; organizationName: string; surveyTitle?: string | null },
) {
  const one = (language: Language) =>
    renderMail({
      kind,
      language,
      participantName: '',
      link: null,
      unsubscribeUrl: '',
      studyTitle: c.studyTitle,
      organizationName: c.organizationName,
      surveyTitle: c.surveyTitle,
    }).subject
  return { nl: one('nl'), en: one('en') }
}
