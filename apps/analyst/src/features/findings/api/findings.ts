import { CodingListSchema } from '@klantreis/shared/coding'
import { FindingListSchema, FindingSchema, VerificationSchema, type Claim, type Metric } from '@klantreis/shared/findings'
import { SurveyDetailSchema, SurveyVersionSchema, type SurveyDefinition } from '@klantreis/shared/surveys'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiJson, apiVoid } from '../../../lib/api-client'
import { studyPath } from '../../journey-model/api/model-cache'
import { listSurveys } from '../../surveys/api/surveys'

export const findingKeys = {
  all: (studyId: string) => ['findings', studyId] as const,
  list: (studyId: string) => ['findings', studyId, 'list'] as const,
  verification: (studyId: string, adjustment: Adjustment) => ['findings', studyId, 'verification', adjustment] as const,
  questions: (studyId: string) => ['findings', studyId, 'questions'] as const,
  codings: (studyId: string) => ['findings', studyId, 'codings'] as const,
}

export type Adjustment = 'bh' | 'holm'

export type OperationalizationInput = { surveyId: string; questionId: string; metric: Metric; claim: Claim; sesoi: number; primary: boolean }
export type FindingInput = {
  statement: string
  touchpointIds: string[]
  personaIds: string[]
  codingIds: string[]
  operationalizations: OperationalizationInput[]
  metaInference: string
}

const findingsPath = (studyId: string, rest = '') => studyPath(studyId, `/findings${rest}`)

export const useFindings = (studyId: string) =>
  useQuery({ queryKey: findingKeys.list(studyId), queryFn: () => apiJson(FindingListSchema, findingsPath(studyId)) })

export const useVerification = (studyId: string, adjustment: Adjustment) =>
  useQuery({
    queryKey: findingKeys.verification(studyId, adjustment),
    queryFn: () => apiJson(VerificationSchema, findingsPath(studyId, '/verification'), { query: { adjustment } }),
  })

export function useSaveFinding(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ findingId, body, baseVersion }: { findingId: string | null; body: Partial<FindingInput>; baseVersion?: number }) =>
      findingId
        ? apiJson(FindingSchema, findingsPath(studyId, `/${encodeURIComponent(findingId)}`), { method: 'PATCH', body: { ...body, baseVersion } })
        : apiJson(FindingSchema, findingsPath(studyId), { method: 'POST', body }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: findingKeys.all(studyId) }),
  })
}

export function useDeleteFinding(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (findingId: string) => apiVoid(findingsPath(studyId, `/${encodeURIComponent(findingId)}`), { method: 'DELETE' }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: findingKeys.all(studyId) }),
  })
}

/** All codings of the study, for picking evidence. */
export const useStudyCodings = (studyId: string, enabled = true) =>
  useQuery({ queryKey: findingKeys.codings(studyId), queryFn: () => apiJson(CodingListSchema, studyPath(studyId, '/codings')), enabled })

export type QuestionChoice = { surveyId: string; surveyTitle: string; id: string; type: string; text: string; touchpointId: string | null }

/**
 * The questions a finding can be checked against: each survey's newest published version (what the
 * API checks against), else its draft.
 */
export const useSurveyQuestions = (studyId: string, lang: string, enabled = true) =>
  useQuery({
    queryKey: [...findingKeys.questions(studyId), lang],
    enabled,
    queryFn: async () => {
      const surveys = []
      let cursor: string | null = null
      for (let i = 0; i < 20; i++) {
        const page = await listSurveys(studyId, cursor)
        surveys.push(...page.items)
        cursor = page.nextCursor
        if (!cursor) break
      }
      const out: QuestionChoice[] = []
      for (const s of surveys) {
        if (s.kind !== 'survey') continue
        let def: SurveyDefinition
        if (s.currentVersion !== null) {
          def = (await apiJson(SurveyVersionSchema, studyPath(studyId, `/surveys/${encodeURIComponent(s.id)}/versions/${s.currentVersion}`))).definition
        } else {
          def = (await apiJson(SurveyDetailSchema, studyPath(studyId, `/surveys/${encodeURIComponent(s.id)}`))).draft
        }
        for (const p of def.pages) {
          for (const q of p.questions) {
            const texts = q.text as Record<string, string>
            out.push({ surveyId: s.id, surveyTitle: s.title, id: q.id, type: q.type, text: texts[lang] ?? Object.values(texts)[0] ?? q.id, touchpointId: q.touchpointId ?? null })
          }
        }
      }
      return out
    },
  })
