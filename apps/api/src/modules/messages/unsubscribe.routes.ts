import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { escapeHtml as esc } from '../../email/escape.js'
import type { MessagesService } from './messages.service.js'

type Found = NonNullable<Awaited<ReturnType<MessagesService['findUnsubscribe']>>>
type Lang = 'nl' | 'en'

const t = {
  en: {
    title: 'Unsubscribe',
    ask: (f: Found) => `Do you want to stop receiving messages about “${f.study_title}” from ${f.organization_name}?`,
    button: 'Unsubscribe',
    done: (f: Found) =>
      `You are unsubscribed. You will receive no more messages about “${f.study_title}” from ${f.organization_name}.`,
    doneTitle: 'Unsubscribed',
    invalidTitle: 'This link does not work',
    invalid:
      'This unsubscribe link is not known. If you keep receiving messages, reply to one of them and ask to be removed.',
  },
  nl: {
    title: 'Afmelden',
    ask: (f: Found) => `Wil je geen berichten meer ontvangen over “${f.study_title}” van ${f.organization_name}?`,
    button: 'Afmelden',
    done: (f: Found) =>
      `Je bent afgemeld. Je ontvangt geen berichten meer over “${f.study_title}” van ${f.organization_name}.`,
    doneTitle: 'Afgemeld',
    invalidTitle: 'Deze link werkt niet',
    invalid:
      'Deze afmeldlink is niet bekend. Blijf je berichten ontvangen, antwoord dan op een ervan en vraag om verwijdering.',
  },
}

function page(reply: FastifyReply, status: number, lang: Lang, title: string, body: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title>
<style>body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;background:#f5f4f1;color:#1f2933;margin:0;padding:24px;line-height:1.5}main{max-width:520px;margin:10vh auto;background:#fff;border-radius:8px;padding:24px}h1{font-size:1.5rem;color:#1d5c57;margin-top:0}button{font:inherit;font-weight:600;background:#1d5c57;color:#fff;border:0;border-radius:6px;padding:12px 20px;cursor:pointer}button:focus-visible{outline:3px solid #f0b429;outline-offset:2px}</style>
</head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`)
}

/**
 * The unsubscribe link of every participant mail. GET only asks (a link checker or a mail
 * scanner may open it); POST unsubscribes: the button on that page, or a mail program's RFC 8058
 * one-click POST (`List-Unsubscribe=One-Click`). No sign-in: the random token is the key.
 */
export const unsubscribeRoutes: FastifyPluginAsync<{ messages: MessagesService }> = async (app, { messages }) => {
  // the one-click body is a form post; its content does not matter, only that it came
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_req, body, done) => done(null, body),
  )
  const rate = { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }

  app.get<{ Params: { token: string } }>('/u/:token', rate, async (req, reply) => {
    const found = await messages.findUnsubscribe(req.params.token)
    if (!found) return page(reply, 404, 'en', t.en.invalidTitle, `<p>${esc(t.en.invalid)}</p>`)
    const l = (found.language === 'en' ? 'en' : 'nl') as Lang
    if (found.unsubscribed_at) return page(reply, 200, l, t[l].doneTitle, `<p>${esc(t[l].done(found))}</p>`)
    return page(
      reply,
      200,
      l,
      t[l].title,
      `<p>${esc(t[l].ask(found))}</p><form method="post" action="/u/${esc(encodeURIComponent(req.params.token))}"><button type="submit">${esc(t[l].button)}</button></form>`,
    )
  })

  app.post<{ Params: { token: string } }>('/u/:token', rate, async (req, reply) => {
    const oneClick = typeof req.body === 'string' && req.body.includes('List-Unsubscribe=One-Click')
    const found = await messages.unsubscribeByToken(req.params.token, oneClick ? 'one_click' : 'link')
    if (!found) return page(reply, 404, 'en', t.en.invalidTitle, `<p>${esc(t.en.invalid)}</p>`)
    const l = (found.language === 'en' ? 'en' : 'nl') as Lang
    return page(reply, 200, l, t[l].doneTitle, `<p>${esc(t[l].done(found))}</p>`)
  })
}
