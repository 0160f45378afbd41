import { RuleValidationError } from './errors.js'

// Text PostgreSQL cannot store. A NUL is refused in `text` (22021) and in `jsonb` (22P05), and a
// lone UTF-16 surrogate cannot be encoded as UTF-8 at all: left to the database both become a 500,
// which a participant's phone treats as "try again later", forever. They are refused up front,
// naming the field, so the sender can fix the text.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Why this string cannot be stored, or null when it can. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored'
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate, which is not valid text'
  return null
}

/** Deeper than any body this API takes; walking (and validating) deeper input only costs stack. */
export const MAX_DEPTH = 32

/**
 * Every unstorable string (values and keys) in a parsed body, query or params, with its path
 * (`body.answers.q1`), and whether the value nests deeper than MAX_DEPTH. Iterative, so a hostile
 * nesting depth cannot overflow the stack here.
 */
export function findUnstorableText(root: unknown, base: string): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = []
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: base, depth: 0 }]
  while (stack.length && problems.length < 20) {
    const { value, path, depth } = stack.pop()!
    if (typeof value === 'string') {
      const p = textProblem(value)
      if (p) problems.push({ path, message: p })
      continue
    }
    if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) continue
    if (depth >= MAX_DEPTH) {
      problems.push({ path, message: `nests deeper than ${MAX_DEPTH} levels` })
      continue
    }
    for (const [k, v] of Object.entries(value)) {
      const keyProblem = textProblem(k)
      const at = `${path}.${keyProblem ? JSON.stringify(k) : k}`
      if (keyProblem) problems.push({ path: at, message: `its name ${keyProblem}` })
      else stack.push({ value: v, path: at, depth: depth + 1 })
    }
  }
  return problems.sort((a, b) => a.path.localeCompare(b.path))
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * A request body as text, refusing bytes that are not UTF-8 (a plain string decode would replace
 * them with U+FFFD and store something the sender never wrote).
 */
export function decodeUtf8Body(body: Buffer): string {
  try {
    return utf8.decode(body)
  } catch {
    throw new RuleValidationError([{ path: 'body', message: 'is not valid UTF-8' }])
  }
}

/** A content-type parser for text bodies (CSV) that refuses what is not UTF-8. */
export function utf8TextParser(
  _request: unknown,
  body: string | Buffer,
  done: (err: Error | null, body?: unknown) => void,
) {
  try {
    done(null, decodeUtf8Body(body as Buffer))
  } catch (err) {
    done(err as Error, undefined)
  }
}
