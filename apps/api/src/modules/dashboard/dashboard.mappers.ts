import { pseudonym } from '../../lib/pseudonym.js'
import type { QuoteRow } from './dashboard.queries.js'

export const toQuote = (q: QuoteRow) => ({
  codingId: q.id,
  quote: q.quote,
  source: q.source,
  participant: q.participant_id ? pseudonym(q.participant_id) : null,
  valence: q.valence,
  codes: q.codes,
})
