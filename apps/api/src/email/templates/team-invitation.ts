import { escapeHtml, headerSafe } from '../escape.js'

export type TeamInvitationProps = {
  organizationName: string
  inviterName: string
  role: string
  link: string
  expiresAt: Date
  language: 'nl' | 'en'
}

const copy = {
  en: {
    subject: (p: TeamInvitationProps) => `${p.inviterName} invited you to ${p.organizationName} on Klantreis`,
    body: (p: TeamInvitationProps) =>
      `${p.inviterName} invited you to join ${p.organizationName} on Klantreis as ${p.role}.`,
    cta: 'Accept the invitation',
    expires: (d: string) => `The link works once and expires on ${d}.`,
  },
  nl: {
    subject: (p: TeamInvitationProps) => `${p.inviterName} nodigt je uit voor ${p.organizationName} op Klantreis`,
    body: (p: TeamInvitationProps) =>
      `${p.inviterName} nodigt je uit om als ${p.role} mee te werken aan ${p.organizationName} op Klantreis.`,
    cta: 'Uitnodiging accepteren',
    expires: (d: string) => `De link werkt één keer en verloopt op ${d}.`,
  },
}

/**
 * Where the invitation's token goes in the stored mail: the outbox keeps the body with this in its
 * place, and the token is put in when the mail is sent (it passes escapeHtml unchanged).
 */
export const INVITE_TOKEN_SLOT = '{{invite-token}}'

/** The stored mail with its working token in place, at send time. */
export const withInviteToken = (body: string, token: string) => body.replaceAll(INVITE_TOKEN_SLOT, token)

export function teamInvitationEmail(p: TeamInvitationProps) {
  const c = copy[p.language]
  const date = p.expiresAt.toISOString().slice(0, 10)
  const text = `${c.body(p)}\n\n${c.cta}: ${p.link}\n\n${c.expires(date)}\n`
  const html = `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">
<p>${escapeHtml(c.body(p))}</p>
<p><a href="${escapeHtml(p.link)}">${escapeHtml(c.cta)}</a></p>
<p style="color:#555">${escapeHtml(c.expires(date))}</p>
</body></html>`
  return { subject: headerSafe(c.subject(p)), text, html }
}
