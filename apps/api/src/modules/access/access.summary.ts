import { escapeHtml } from '../../email/escape.js'
import type { ParticipantExport } from './access.archive.js'

type Lang = 'nl' | 'en'
const T = {
  nl: {
    title: 'Jouw gegevens',
    intro: (study: string) =>
      `Dit is alles wat Klantreis over jou bewaart in het onderzoek "${study}". De bestanden data.json, entries.csv en answers.csv in deze map bevatten hetzelfde, geschikt voor andere programma's; je foto's staan in de map photos.`,
    exportedAt: 'Gemaakt op',
    you: 'Over jou',
    name: 'Naam',
    email: 'E-mailadres',
    language: 'Taal',
    timeZone: 'Tijdzone',
    persona: 'Persona',
    externalRef: 'Referentie',
    segments: 'Kenmerken',
    createdAt: 'Toegevoegd op',
    unsubscribed: 'Geen mail meer sinds',
    consent: 'Toestemming',
    consentGiven: (v: number, at: string) => `Versie ${v}, gegeven op ${at}`,
    links: 'Persoonlijke links',
    linkLine: (c: string, e: string) => `Gemaakt ${c}, geldig tot ${e}`,
    revoked: 'ingetrokken',
    entries: 'Dagboekmomenten',
    feeling: 'Gevoel',
    touchpoint: 'Contactmoment',
    photo: 'Foto',
    proposals: 'Voorgestelde contactmomenten',
    responses: 'Vragenlijsten',
    empathy: 'Empathy map',
    codings: 'Hoe onderzoekers je woorden coderen',
    codes: 'Codes',
    mails: 'Mails aan jou',
    requests: 'Verzoeken om verwijdering',
    status: {
      pending: 'in behandeling',
      declined: 'afgewezen',
      sent: 'verstuurd',
      queued: 'wacht',
      sending: 'wordt verstuurd',
      failed: 'mislukt',
      suppressed: 'niet verstuurd',
    } as Record<string, string>,
    none: 'Niets.',
  },
  en: {
    title: 'Your data',
    intro: (study: string) =>
      `This is everything Klantreis holds about you in the study "${study}". The files data.json, entries.csv and answers.csv in this folder hold the same, for other programs; your photos are in the photos folder.`,
    exportedAt: 'Made on',
    you: 'About you',
    name: 'Name',
    email: 'Email address',
    language: 'Language',
    timeZone: 'Time zone',
    persona: 'Persona',
    externalRef: 'Reference',
    segments: 'Attributes',
    createdAt: 'Added on',
    unsubscribed: 'No more mail since',
    consent: 'Consent',
    consentGiven: (v: number, at: string) => `Version ${v}, given on ${at}`,
    links: 'Personal links',
    linkLine: (c: string, e: string) => `Made ${c}, valid until ${e}`,
    revoked: 'revoked',
    entries: 'Diary moments',
    feeling: 'Feeling',
    touchpoint: 'Touchpoint',
    photo: 'Photo',
    proposals: 'Touchpoints you proposed',
    responses: 'Questionnaires',
    empathy: 'Empathy map',
    codings: 'How researchers code your words',
    codes: 'Codes',
    mails: 'Mails to you',
    requests: 'Requests to remove your data',
    status: {
      pending: 'pending',
      declined: 'declined',
      sent: 'sent',
      queued: 'waiting',
      sending: 'sending',
      failed: 'failed',
      suppressed: 'not sent',
    } as Record<string, string>,
    none: 'Nothing.',
  },
} satisfies Record<Lang, unknown>

const e = (s: string | number | null | undefined) => escapeHtml(String(s ?? ''))
const LANGUAGE_NAMES: Record<string, string> = { nl: 'Nederlands', en: 'English' }

/**
 * summary.html: the export as a page the participant can read, in their language. Every piece of
 * text from the database (theirs, the study's, the researchers') is escaped; the page loads nothing.
 */
export function summaryHtml(d: ParticipantExport): string {
  const lang: Lang = d.participant.language === 'en' ? 'en' : 'nl'
  const t = T[lang]
  const fmt = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: d.participant.timeZone ?? 'Europe/Amsterdam',
  })
  const at = (iso: string | null) => (iso ? e(fmt.format(new Date(iso))) : '')
  const section = (title: string, body: string[]) =>
    `<section><h2>${e(title)}</h2>${body.length ? body.join('\n') : `<p>${e(t.none)}</p>`}</section>`
  const row = (k: string, v: string) => `<tr><th scope="row">${e(k)}</th><td>${v}</td></tr>`
  const p = d.participant
  const you = [
    `<table>${[
      row(t.name, e(p.name)),
      row(t.email, e(p.email)),
      row(t.language, e(LANGUAGE_NAMES[p.language] ?? p.language)),
      row(t.timeZone, e(p.timeZone ?? '')),
      row(t.persona, e(p.persona ?? '')),
      row(t.externalRef, e(p.externalRef)),
      row(
        t.segments,
        Object.entries(p.segments)
          .map(([k, v]) => `${e(k)}: ${e(v)}`)
          .join('<br>'),
      ),
      row(t.createdAt, at(p.createdAt)),
      ...(p.unsubscribedAt ? [row(t.unsubscribed, at(p.unsubscribedAt))] : []),
    ].join('')}</table>`,
  ]
  const consent = d.consent.map(
    (c) =>
      `<p>${e(t.consentGiven(c.version, c.consentedAt ? fmt.format(new Date(c.consentedAt)) : ''))}</p>${
        c.text ? `<blockquote>${e(c.text)}</blockquote>` : ''
      }`,
  )
  const list = (items: string[]) => (items.length ? [`<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`] : [])
  const links = list(
    d.links.map(
      (l) =>
        `${e(t.linkLine(fmt.format(new Date(l.createdAt)), fmt.format(new Date(l.expiresAt))))}${l.revokedAt ? ` (${e(t.revoked)} ${at(l.revokedAt)})` : ''}`,
    ),
  )
  const entries = d.diary.entries.map(
    (x) =>
      `<article><h3>${at(x.occurredAt)}</h3><p class="meta">${e(t.touchpoint)}: ${e(x.touchpoint ?? '–')} · ${e(t.feeling)}: ${e(x.feeling ?? '–')}</p><p>${e(x.text)}</p>${
        x.photo ? `<p><a href="photos/${e(x.photo)}">${e(t.photo)}</a></p>` : ''
      }</article>`,
  )
  const proposals = list(d.diary.proposals.map((x) => e(x.description)))
  const responses = d.answered.responses.map(
    (r) =>
      `<article><h3>${e(r.survey)}</h3><dl>${r.answers.map((a) => `<dt>${e(a.question)}</dt><dd>${e(a.answer)}</dd>`).join('')}</dl></article>`,
  )
  const empathy = list(d.answered.empathyItems.map((i) => `${e(i.box)}: ${e(i.text)}`))
  const codings = list(d.codings.map((c) => `<q>${e(c.quote)}</q> — ${e(t.codes)}: ${e(c.codes.join(', '))}`))
  const mails = list(
    d.mails.map((m) => `${at(m.sentAt ?? m.createdAt)}: ${e(m.subject)} (${e(t.status[m.status] ?? m.status)})`),
  )
  const requests = list(
    d.removalRequests.map(
      (r) =>
        `${at(r.requestedAt)}: ${e(t.status[r.status] ?? r.status)}${r.declineReason ? ` — ${e(r.declineReason)}` : ''}`,
    ),
  )
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'unsafe-inline'">
<title>${e(t.title)} – ${e(d.study.title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1rem;margin-bottom:.25rem}
th{text-align:left;padding-right:1rem;vertical-align:top}.meta{color:#555;margin:0}blockquote{white-space:pre-wrap;border-left:3px solid #ccc;margin:0;padding-left:1rem}
article{margin-bottom:1rem}p{white-space:pre-wrap}dt{font-weight:600}dd{margin:0 0 .5rem}
</style>
</head>
<body>
<main>
<h1>${e(t.title)}</h1>
<p>${e(t.intro(d.study.title))}</p>
<p class="meta">${e(t.exportedAt)} ${at(d.exportedAt)}</p>
${section(t.you, you)}
${section(t.consent, consent)}
${section(t.links, links)}
${section(t.entries, entries)}
${section(t.proposals, proposals)}
${section(t.responses, responses)}
${section(t.empathy, empathy)}
${section(t.codings, codings)}
${section(t.mails, mails)}
${section(t.requests, requests)}
</main>
</body>
</html>
`
}
