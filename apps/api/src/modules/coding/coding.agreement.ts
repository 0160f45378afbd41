import type { Agreement } from '@klantreis/shared/coding'
import {
  cohensKappaFromCodes,
  interpretAlpha,
  interpretKappa,
  krippendorffAlpha,
  percentAgreement,
} from '@klantreis/stats'
import type { CodingRow } from './coding.queries.js'

type CodeInfo = { id: string; name: string; parent_id: string | null }
const NONE = '∅'
const finite = (x: number) => (Number.isFinite(x) ? x : null)

/**
 * Agreement of the two coders of a double-coding sample, per variable (docs/analysis.md §3): the unit
 * is a source both have coded. Touchpoint and valence are nominal variables (the value of the coder's
 * codings on that source; several different ones count as their combination). Each code is present or
 * absent per unit; each code family (a top-level code with codes under it) has the set of its codes
 * that were used as its value. Percent agreement, Cohen's κ and Krippendorff's α (nominal), with
 * their bands, and the list of disagreements to resolve.
 */
export function computeAgreement(
  sampleId: string,
  coders: [string, string],
  sources: string[],
  codings: CodingRow[],
  codes: CodeInfo[],
  touchpointName: (id: string) => string,
): Agreement {
  const of = (coder: string, source: string) => codings.filter((c) => c.coder_id === coder && c.source === source)
  const units = sources.filter((s) => of(coders[0], s).length > 0 && of(coders[1], s).length > 0)
  const combine = (values: (string | null)[]) => {
    const set = [...new Set(values.filter((v): v is string => v !== null))].sort()
    return set.length ? set.join('+') : NONE
  }
  const codesOf = (rows: CodingRow[]) => new Set(rows.flatMap((r) => (r.code_ids ?? []) as string[]))
  const nameOf = new Map(codes.map((c) => [c.id, c.name]))
  const descendants = (id: string): string[] =>
    codes.filter((c) => c.parent_id === id).flatMap((c) => [c.id, ...descendants(c.id)])

  type Variable = {
    variable: string
    label: string
    family: 'touchpoint' | 'valence' | 'code'
    value: (rows: CodingRow[]) => string
    show: (v: string) => string
  }
  const variables: Variable[] = [
    {
      variable: 'touchpoint',
      label: 'Touchpoint',
      family: 'touchpoint',
      value: (r) => combine(r.map((x) => x.touchpoint_id)),
      show: (v) =>
        v
          .split('+')
          .map((x) => (x === NONE ? NONE : touchpointName(x)))
          .join(' + '),
    },
    {
      variable: 'valence',
      label: 'Valence',
      family: 'valence',
      value: (r) => combine(r.map((x) => x.valence)),
      show: (v) => v,
    },
    ...codes
      .filter((c) => c.parent_id === null && descendants(c.id).length > 0)
      .map((c) => {
        const members = new Set([c.id, ...descendants(c.id)])
        return {
          variable: `family:${c.id}`,
          label: `${c.name} (family)`,
          family: 'code' as const,
          value: (r: CodingRow[]) => combine([...codesOf(r)].filter((id) => members.has(id))),
          show: (v: string) =>
            v
              .split('+')
              .map((x) => nameOf.get(x) ?? x)
              .join(' + '),
        }
      }),
    ...codes.map((c) => ({
      variable: c.id,
      label: c.name,
      family: 'code' as const,
      value: (r: CodingRow[]) => (codesOf(r).has(c.id) ? 'present' : 'absent'),
      show: (v: string) => v,
    })),
  ]

  const rows: Agreement['rows'] = []
  const disagreements: Agreement['disagreements'] = []
  for (const v of variables) {
    const a = units.map((u) => v.value(of(coders[0], u)))
    const b = units.map((u) => v.value(of(coders[1], u)))
    if (units.length === 0) {
      rows.push({
        variable: v.variable,
        label: v.label,
        family: v.family,
        units: 0,
        percentAgreement: null,
        cohensKappa: null,
        krippendorffAlpha: null,
        kappaBand: null,
        alphaBand: null,
      })
      continue
    }
    const pa = finite(percentAgreement(a, b).agreement)
    // no variation at all (say, a code neither coder used): agreement is trivial and the coefficients
    // are undefined, not "almost perfect"; the stats module says so with a reason
    const k = cohensKappaFromCodes(a, b)
    const al = krippendorffAlpha([a, b], 'nominal')
    const kappa = k.reason ? null : finite(k.kappa)
    const alpha = al.reason ? null : finite(al.alpha)
    rows.push({
      variable: v.variable,
      label: v.label,
      family: v.family,
      units: units.length,
      percentAgreement: pa,
      cohensKappa: kappa,
      krippendorffAlpha: alpha,
      kappaBand: kappa === null ? null : interpretKappa(kappa),
      alphaBand: alpha === null ? null : interpretAlpha(alpha),
    })
    units.forEach((u, i) => {
      if (a[i] !== b[i])
        disagreements.push({ source: u, variable: v.variable, label: v.label, a: v.show(a[i]!), b: v.show(b[i]!) })
    })
  }
  return { sampleId, units: units.length, rows, disagreements }
}
