import fs from 'node:fs/promises'
import path from 'node:path'

// Every form in which a working token is handed out: a personal link, an anonymous survey link, an
// unsubscribe link (and its one-click POST), a team invitation, and a token in a query string.
const TOKEN_URL = /\/(?:r\/t|s|u)\/([A-Za-z0-9_-]{16,})|[#?&](?:invite|token|t|code|key)=([A-Za-z0-9_-]{16,})/g

/** The tokens in a text (a mail, a log): whatever follows a token-bearing address form. */
export function tokensIn(text: string) {
  const found = new Set<string>()
  for (const m of text.matchAll(TOKEN_URL)) found.add((m[1] ?? m[2])!)
  return found
}

/** A mail file as a reader sees it: quoted-printable soft breaks and `=3D` undone. */
const unQuote = (eml: string) => eml.replace(/=\r?\n/g, '').replace(/=3D/gi, '=')

/** The tokens the run's mails handed out (the .eml transport writes them to `<dataDir>/mail`). */
export async function mailedTokens(dataDir: string) {
  const dir = path.join(dataDir, 'mail')
  const files = await fs.readdir(dir).catch(() => [] as string[])
  const all = new Set<string>()
  for (const f of files.filter((n) => n.endsWith('.eml')))
    for (const t of tokensIn(unQuote(await fs.readFile(path.join(dir, f), 'utf8')))) all.add(t)
  return all
}

/**
 * What of the API's log gives a token away: any token-bearing address whose token is not
 * `[redacted]`, and any token the run handed out (mailed, or noted by a test) wherever it stands.
 */
export function leaksIn(log: string, handedOut: Iterable<string>) {
  const leaks = new Set(tokensIn(log))
  for (const t of handedOut) if (log.includes(t)) leaks.add(t)
  return [...leaks]
}
