import { EMPATHY_MAP_BOXES, type EmpathyMap, type EmpathyMapItem, empathyMapBoxOf } from '@klantreis/shared/empathy'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { pseudonym } from '../../lib/pseudonym.js'
import type { Analyst } from '../../lib/actors.js'
import type { JourneyService } from '../journey/journey.service.js'
import type { StudiesService } from '../studies/studies.service.js'
import { codesOf, empathyCodings } from './empathy.queries.js'

export function createEmpathyService({
  db,
  studies,
  journey,
}: {
  db: Kysely<DB>
  studies: StudiesService
  journey: JourneyService
}) {
  return {
    /** The six boxes of a persona (or of everyone), each item a coded quote; the rule is empathyMapBoxOf. */
    async map(a: Analyst, studyId: string, personaId?: string): Promise<EmpathyMap> {
      await studies.get(a, studyId)
      // a foreign or unknown persona is a 404, not an empty map
      if (personaId) await journey.personas.get(a, studyId, personaId)
      const rows = await empathyCodings(db, studyId, personaId)
      const codes = await codesOf(
        db,
        rows.map((r) => r.id),
      )
      const boxes = Object.fromEntries(EMPATHY_MAP_BOXES.map((b) => [b, [] as EmpathyMapItem[]])) as EmpathyMap['boxes']
      const participants = new Set<string>()
      for (const r of rows) {
        const kind = r.source.startsWith('diary_entry:') ? 'diary_entry' : 'empathy_item'
        const box = empathyMapBoxOf({
          kind,
          codingValence: r.valence,
          itemBox: r.item_box,
          itemValence: r.item_valence,
          emotion: r.emotion,
        })
        if (!box) continue
        if (r.participant_id) participants.add(r.participant_id)
        boxes[box].push({
          codingId: r.id,
          source: r.source,
          sourceKind: kind,
          quote: r.quote,
          participant: r.participant_id ? pseudonym(r.participant_id) : null,
          touchpointId: r.touchpoint_id,
          touchpointName: r.touchpoint_name,
          valence: r.valence as EmpathyMapItem['valence'],
          itemBox: r.item_box,
          codes: codes.filter((c) => c.coding_id === r.id).map((c) => ({ id: c.id, name: c.name })),
          at: r.at ? new Date(r.at).toISOString() : null,
        })
      }
      return { personaId: personaId ?? null, participants: participants.size, boxes }
    },
  }
}
export type EmpathyService = ReturnType<typeof createEmpathyService>
