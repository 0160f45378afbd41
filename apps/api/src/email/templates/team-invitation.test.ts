import { describe, expect, it } from 'vitest'
import { teamInvitationEmail } from './team-invitation.js'

const base = {
  organizationName: 'Acme',
  inviterName: 'Ann',
  role: 'researcher',
  link: 'https://k.example/#invite=abc',
  expiresAt: new Date('2026-12-01T00:00:00Z'),
  language: 'en' as const,
}

describe('team invitation email', () => {
  it('says who invited whom, with the link, in both languages', () => {
    const en = teamInvitationEmail(base)
    expect(en.subject).toBe('Ann invited you to Acme on Klantreis')
    expect(en.text).toContain('https://k.example/#invite=abc')
    expect(en.text).toContain('2026-12-01')
    const nl = teamInvitationEmail({ ...base, language: 'nl' })
    expect(nl.subject).toBe('Ann nodigt je uit voor Acme op Klantreis')
    expect(nl.html).toContain('Uitnodiging accepteren')
  })

  it('escapes names in HTML and keeps them out of headers', () => {
    const m = teamInvitationEmail({
      ...base,
      organizationName: '<script>x</script>\r\nBcc: victim@example.com',
      inviterName: 'A & B',
    })
    expect(m.html).not.toContain('<script>')
    expect(m.html).toContain('&lt;script&gt;')
    expect(m.html).toContain('A &amp; B')
    expect(m.subject).not.toMatch(/[\r\n]/)
  })
})
