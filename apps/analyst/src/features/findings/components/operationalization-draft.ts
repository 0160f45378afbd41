import type { Claim, Finding, Metric, OperationalizationBody } from '@klantreis/shared/findings'
import { isShare } from '../../../components/charts/format'

// An operationalization as the dialog's form holds it (strings as typed, shares in percent) and its
// conversion to and from the API's shape.

export type ClaimKind = Claim['kind']
export type OpDraft = {
  question: string // surveyId::questionId
  metric: Metric | ''
  kind: ClaimKind
  reference: string
  direction: 'higher' | 'lower'
  levelDirection: 'at_least' | 'at_most'
  threshold: string
  personaId: string
  otherPersonaId: string
  sesoi: string
  primary: boolean
}

export const emptyOp = (primary: boolean): OpDraft => ({
  question: '',
  metric: '',
  kind: 'comparative',
  reference: 'rest',
  direction: 'higher',
  levelDirection: 'at_least',
  threshold: '50',
  personaId: '',
  otherPersonaId: '',
  sesoi: '5',
  primary,
})

export const scaled = (m: Metric | '') => m !== '' && (isShare(m) || m === 'nps')

/** The SESOI as entered: percentage points for shares. */
export const sesoiToInput = (m: Metric, v: number) => String(isShare(m) || m === 'nps' ? Math.round(v * 1000) / 10 : v)
export const sesoiFromInput = (m: Metric, s: string) => {
  const v = Number(s.replace(',', '.'))
  return isShare(m) || m === 'nps' ? v / 100 : v
}

export function toDraft(o: Finding['operationalizations'][number]): OpDraft {
  const d = {
    ...emptyOp(o.primary),
    question: `${o.surveyId}::${o.questionId}`,
    metric: o.metric,
    kind: o.claim.kind,
    sesoi: sesoiToInput(o.metric, o.sesoi),
  }
  if (o.claim.kind === 'comparative') return { ...d, reference: o.claim.reference, direction: o.claim.direction }
  if (o.claim.kind === 'level')
    return {
      ...d,
      levelDirection: o.claim.direction,
      threshold: String(scaled(o.metric) ? Math.round(o.claim.threshold * 1000) / 10 : o.claim.threshold),
    }
  return { ...d, personaId: o.claim.personaId, otherPersonaId: o.claim.otherPersonaId, direction: o.claim.direction }
}

export function fromDraft(d: OpDraft): OperationalizationBody {
  const [surveyId = '', questionId = ''] = d.question.split('::')
  const metric = (d.metric || 'top2box') as Metric
  let claim: Claim
  if (d.kind === 'comparative') claim = { kind: 'comparative', reference: d.reference, direction: d.direction }
  else if (d.kind === 'level') {
    const v = Number(d.threshold.replace(',', '.'))
    claim = { kind: 'level', threshold: scaled(metric) ? v / 100 : v, direction: d.levelDirection }
  } else claim = { kind: 'personas', personaId: d.personaId, otherPersonaId: d.otherPersonaId, direction: d.direction }
  return { surveyId, questionId, metric, claim, sesoi: sesoiFromInput(metric, d.sesoi), primary: d.primary }
}
