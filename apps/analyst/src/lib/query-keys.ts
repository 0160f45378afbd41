export const studyKeys = {
  all: ['studies'] as const,
  list: () => ['studies', 'list'] as const,
  detail: (studyId: string) => ['studies', 'detail', studyId] as const,
  model: (studyId: string) => ['studies', 'model', studyId] as const,
}

export const meQueryKey = ['me'] as const
