// localStorage keys this app creates carry one prefix, `klantreis.respondent.`, as the analyst's
// carry `klantreis.analyst.`. A value a device still holds under its key from before the prefix
// moves to the new key the first time it is read, so nothing a participant chose or typed is lost.
//
// Not renamed, on purpose (each would strand data or split the app from an older copy of itself):
// the IndexedDB databases (`klantreis-diary`, `klantreis-diary-<participant>`) and their stores and
// meta keys hold the unsent entries and answers; `klantreis-diary-owner` names which of those
// databases is open and is read synchronously at start by every build still cached on a device; the
// BroadcastChannel `klantreis-diary` and the lock `klantreis-diary-sync` only work if a tab still on
// the previous build uses the same names (else two tabs send one queue at once); the service
// worker's caches (`klantreis-diary-shell-<version>`, `klantreis-diary-photos`) are found by name
// when an old shell is cleaned up.
export const STORAGE_PREFIX = 'klantreis.respondent.'

/** Reads a key; a value still under `legacy` (its key before the prefix) moves to `key` on the way. */
export function readMigrated(key: string, legacy: string): string | null {
  const value = localStorage.getItem(key)
  if (value !== null) return value
  const old = localStorage.getItem(legacy)
  if (old === null) return null
  try {
    localStorage.setItem(key, old)
    localStorage.removeItem(legacy)
  } catch {
    // storage full: the value still serves this read, and is moved next time
  }
  return old
}
