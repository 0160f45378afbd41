import type { Code, Source } from '@klantreis/shared/coding'
import { pseudonym } from '../../lib/pseudonym.js'
import type { listCodes, listSources } from './coding.queries.js'

export type CodeRow = Awaited<ReturnType<typeof listCodes>>[number]
export const toCode = (r: CodeRow): Code => ({
  id: r.id,
  parentId: r.parent_id,
  name: r.name,
  description: r.description,
  colour: r.colour,
  shortcut: r.shortcut,
  position: r.position,
  uses: Number(r.uses ?? 0),
  version: r.version,
})

type SourceRow = Awaited<ReturnType<typeof listSources>>[number]
export const toSource = (r: SourceRow): Source => ({
  ref: r.ref,
  kind: r.kind,
  text: r.text,
  participant: r.participant_id
    ? { id: r.participant_id, pseudonym: pseudonym(r.participant_id), personaId: r.persona_id }
    : null,
  suggestion: { touchpointId: r.touchpoint_id, valence: (r.valence as Source['suggestion']['valence']) ?? null },
  context: r.context,
  occurredAt: r.at ? new Date(r.at).toISOString() : null,
  codingCount: Number(r.coding_count),
})
