import type { Persona, Stage, Touchpoint } from '@klantreis/shared/journey'
import type { PersonaRow, StageRow, TouchpointRow } from '../../db/schema.js'

export const toPersona = (r: PersonaRow): Persona => ({
  id: r.id,
  studyId: r.study_id,
  name: r.name,
  description: r.description,
  attributes: r.attributes,
  dmuRole: r.dmu_role as Persona['dmuRole'],
  position: r.position,
})

export const toStage = (r: StageRow): Stage => ({
  id: r.id,
  studyId: r.study_id,
  name: r.name,
  description: r.description,
  position: r.position,
})

export const toTouchpoint = (r: TouchpointRow): Touchpoint => ({
  id: r.id,
  studyId: r.study_id,
  stageId: r.stage_id,
  name: r.name,
  description: r.description,
  channel: r.channel as Touchpoint['channel'],
  kind: r.kind as Touchpoint['kind'],
  ownerDepartment: r.owner_department,
  momentOfTruth: r.moment_of_truth,
  origin: r.origin as Touchpoint['origin'],
  position: r.position,
})
