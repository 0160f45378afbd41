import type { Claim, Operationalization } from '@klantreis/shared/findings'
import type { useFindingsI18n } from '../i18n'
import { formatValue } from '../../../components/charts/format'

type T = ReturnType<typeof useFindingsI18n>['t']
export function describeClaim(
  claim: Claim,
  o: { metric: Operationalization['metric'] },
  t: T,
  lang: string,
  tpName: Map<string, string>,
  personaName: Map<string, string>,
): string {
  const m = t.findings.metrics[o.metric] ?? o.metric
  switch (claim.kind) {
    case 'comparative': {
      const ref =
        claim.reference === 'rest' ? t.findings.restOfJourney : (tpName.get(claim.reference) ?? claim.reference)
      return claim.direction === 'higher' ? t.findings.claimHigher(m, ref) : t.findings.claimLower(m, ref)
    }
    case 'level': {
      const v = formatValue(o.metric, claim.threshold, lang)
      return claim.direction === 'at_least' ? t.findings.claimAtLeast(m, v) : t.findings.claimAtMost(m, v)
    }
    case 'personas':
      return t.findings.claimPersonas(
        m,
        personaName.get(claim.personaId) ?? '?',
        t.findings.directions[claim.direction]!,
        personaName.get(claim.otherPersonaId) ?? '?',
      )
  }
}
