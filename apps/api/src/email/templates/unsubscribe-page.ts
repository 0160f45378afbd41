import { escapeHtml as esc } from '../escape.js'

/** Whose mails the unsubscribe link stops: the study, its organization and the participant's language. */
export type UnsubscribeProps = { study_title: string; organization_name: string; language: string | null }
type Lang = 'nl' | 'en'

const copy = {
  en: {
    title: 'Unsubscribe',
    ask: (f: UnsubscribeProps) =>
      `Do you want to stop receiving messages about “${f.study_title}” from ${f.organization_name}?`,
    button: 'Unsubscribe',
    done: (f: UnsubscribeProps) =>
      `You are unsubscribed. You will receive no more messages about “${f.study_title}” from ${f.organization_name}.`,
    doneTitle: 'Unsubscribed',
    invalidTitle: 'This link does not work',
    invalid:
      'This unsubscribe link is not known. If you keep receiving messages, reply to one of them and ask to be removed.',
  },
  nl: {
    title: 'Afmelden',
    ask: (f: UnsubscribeProps) =>
      `Wil je geen berichten meer ontvangen over “${f.study_title}” van ${f.organization_name}?`,
    button: 'Afmelden',
    done: (f: UnsubscribeProps) =>
      `Je bent afgemeld. Je ontvangt geen berichten meer over “${f.study_title}” van ${f.organization_name}.`,
    doneTitle: 'Afgemeld',
    invalidTitle: 'Deze link werkt niet',
    invalid:
      'Deze afmeldlink is niet bekend. Blijf je berichten ontvangen, antwoord dan op een ervan en vraag om verwijdering.',
  },
}

const langOf = (f: UnsubscribeProps): Lang => (f.language === 'en' ? 'en' : 'nl')

function page(lang: Lang, title: string, body: string) {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title>
<style>body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;background:#f5f4f1;color:#1f2933;margin:0;padding:24px;line-height:1.5}main{max-width:520px;margin:10vh auto;background:#fff;border-radius:8px;padding:24px}h1{font-size:1.5rem;color:#1d5c57;margin-top:0}button{font:inherit;font-weight:600;background:#1d5c57;color:#fff;border:0;border-radius:6px;padding:12px 20px;cursor:pointer}button:focus-visible{outline:3px solid #f0b429;outline-offset:2px}</style>
</head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`
}

/** An unknown link: in English, as nothing says whose it was. */
export const unsubscribeInvalidPage = () => page('en', copy.en.invalidTitle, `<p>${esc(copy.en.invalid)}</p>`)

/** The question, with the button that POSTs back to the same link (`token` as it came in the path). */
export function unsubscribeAskPage(f: UnsubscribeProps, token: string) {
  const l = langOf(f)
  return page(
    l,
    copy[l].title,
    `<p>${esc(copy[l].ask(f))}</p><form method="post" action="/u/${esc(encodeURIComponent(token))}"><button type="submit">${esc(copy[l].button)}</button></form>`,
  )
}

export function unsubscribeDonePage(f: UnsubscribeProps) {
  const l = langOf(f)
  return page(l, copy[l].doneTitle, `<p>${esc(copy[l].done(f))}</p>`)
}
