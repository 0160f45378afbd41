/**
 * Reads a teammate invitation token from `#invite=<token>` and removes it from the address bar
 * at once, so it does not linger in history, screenshots or referrers.
 */
export function takeInviteToken(): string | null {
  const hash = location.hash.replace(/^#/, '')
  if (!hash.includes('invite=')) return null
  const token = new URLSearchParams(hash).get('invite')
  history.replaceState(history.state, '', `${location.pathname}${location.search}`)
  return token && token.trim() ? token.trim() : null
}
