import { CodingListSchema } from '@klantreis/shared/coding'
import {
  AddFindingQuestionBodySchema,
  AddFindingQuestionResultSchema,
  CreateFindingBodySchema,
  FindingListSchema,
  FindingSchema,
  UpdateFindingBodySchema,
  VerificationSchema,
  type CreateFindingBody,
  type UpdateFindingBody,
} from '@klantreis/shared/findings'
import {
  SurveyDetailSchema,
  SurveyVersionSchema,
  type SurveyDefinition,
  type SurveySummary,
} from '@klantreis/shared/surveys'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiJson, apiVoid, jsonBody } from '../../../lib/api-client'
import { studyPath } from '../../../lib/api-paths'
import { listSurveys, surveyKeys } from '../../surveys'

export const findingKeys = {
  all: (studyId: string) => ['findings', studyId] as const,
  list: (studyId: string) => ['findings', studyId, 'list'] as const,
  verification: (studyId: string, adjustment: Adjustment) => ['findings', studyId, 'verification', adjustment] as const,
  questions: (studyId: string) => ['findings', studyId, 'questions'] as const,
  codings: (studyId: string) => ['findings', studyId, 'codings'] as const,
  surveys: (studyId: string) => ['findings', studyId, 'surveys'] as const,
}

export type Adjustment = 'bh' | 'holm'

/** What the finding dialog and the meta-inference box change: a new finding's whole body, or an edit's fields. */
export type FindingChanges = Omit<UpdateFindingBody, 'baseVersion'>

const findingsPath = (studyId: string, rest = '') => studyPath(studyId, `/findings${rest}`)

export const useFindings = (studyId: string) =>
  useQuery({ queryKey: findingKeys.list(studyId), queryFn: () => apiJson(FindingListSchema, findingsPath(studyId)) })

export const useVerification = (studyId: string, adjustment: Adjustment) =>
  useQuery({
    queryKey: findingKeys.verification(studyId, adjustment),
    queryFn: () => apiJson(VerificationSchema, findingsPath(studyId, '/verification'), { query: { adjustment } }),
  })

/** A new finding's whole body, or an edit's fields with the version it started from. */
export type SaveFinding =
  { findingId: null; body: CreateFindingBody } | { findingId: string; body: FindingChanges; baseVersion: number }

export function useSaveFinding(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (save: SaveFinding) =>
      save.findingId === null
        ? apiJson(FindingSchema, findingsPath(studyId), {
            method: 'POST',
            body: jsonBody(CreateFindingBodySchema, save.body),
          })
        : apiJson(FindingSchema, findingsPath(studyId, `/${encodeURIComponent(save.findingId)}`), {
            method: 'PATCH',
            body: jsonBody(UpdateFindingBodySchema, { ...save.body, baseVersion: save.baseVersion }),
          }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: findingKeys.all(studyId) }),
  })
}

export function useDeleteFinding(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (findingId: string) =>
      apiVoid(findingsPath(studyId, `/${encodeURIComponent(findingId)}`), { method: 'DELETE' }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: findingKeys.all(studyId) }),
  })
}

/** All codings of the study, for picking evidence. */
export const useStudyCodings = (studyId: string, enabled = true) =>
  useQuery({
    queryKey: findingKeys.codings(studyId),
    queryFn: () => apiJson(CodingListSchema, studyPath(studyId, '/codings')),
    enabled,
  })

/** `draftOnly`: in the draft but in no published version yet, so no respondent has seen it. */
export type QuestionChoice = {
  surveyId: string
  surveyTitle: string
  id: string
  type: string
  text: string
  touchpointId: string | null
  draftOnly: boolean
}

async function allSurveys(studyId: string): Promise<SurveySummary[]> {
  const surveys = []
  let cursor: string | null = null
  for (let i = 0; i < 20; i++) {
    const page = await listSurveys(studyId, cursor)
    surveys.push(...page.items)
    cursor = page.nextCursor
    if (!cursor) break
  }
  return surveys
}

/** The study's surveys (not empathy-map questionnaires): where a question for a finding can go. */
export const useFindingSurveys = (studyId: string, enabled = true) =>
  useQuery({
    queryKey: findingKeys.surveys(studyId),
    enabled,
    queryFn: async () => (await allSurveys(studyId)).filter((s) => s.kind === 'survey'),
  })

/**
 * The questions a finding can be checked against: each survey's newest published version (what the
 * API checks against), then what its draft adds (a question added for a finding waits there).
 */
export const useSurveyQuestions = (studyId: string, lang: string, enabled = true) =>
  useQuery({
    queryKey: [...findingKeys.questions(studyId), lang],
    enabled,
    queryFn: async () => {
      const out: QuestionChoice[] = []
      for (const s of await allSurveys(studyId)) {
        if (s.kind !== 'survey') continue
        const draft = (await apiJson(SurveyDetailSchema, studyPath(studyId, `/surveys/${encodeURIComponent(s.id)}`)))
          .draft
        const published: SurveyDefinition | null =
          s.currentVersion !== null
            ? (
                await apiJson(
                  SurveyVersionSchema,
                  studyPath(studyId, `/surveys/${encodeURIComponent(s.id)}/versions/${s.currentVersion}`),
                )
              ).definition
            : null
        const seen = new Set<string>()
        for (const [def, draftOnly] of [
          [published, false],
          [draft, published !== null],
        ] as const) {
          for (const q of def?.pages.flatMap((p) => p.questions) ?? []) {
            if (seen.has(q.id)) continue
            seen.add(q.id)
            const texts = q.text as Record<string, string>
            out.push({
              surveyId: s.id,
              surveyTitle: s.title,
              id: q.id,
              type: q.type,
              text: texts[lang] ?? Object.values(texts)[0] ?? q.id,
              touchpointId: q.touchpointId ?? null,
              draftOnly,
            })
          }
        }
      }
      return out
    },
  })

/** A CSAT question about the finding's touchpoint in a survey's draft, and the measure that tests it. */
export function useAddFindingQuestion(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({
      findingId,
      surveyId,
      touchpointId,
    }: {
      findingId: string
      surveyId: string
      touchpointId?: string
    }) =>
      apiJson(AddFindingQuestionResultSchema, findingsPath(studyId, `/${encodeURIComponent(findingId)}/question`), {
        method: 'POST',
        body: jsonBody(AddFindingQuestionBodySchema, { surveyId, ...(touchpointId ? { touchpointId } : {}) }),
      }),
    // the survey's draft changed too: the builder must not show (and save over) the old one
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: findingKeys.all(studyId) }),
        queryClient.invalidateQueries({ queryKey: surveyKeys.all(studyId) }),
      ]),
  })
}
