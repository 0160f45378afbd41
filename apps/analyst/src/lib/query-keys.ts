export const studyKeys = {
  all: ['studies'] as const,
  list: () => ['studies', 'list'] as const,
  detail: (studyId: string) => ['studies', 'detail', studyId] as const,
  model: (studyId: string) => ['studies', 'model', studyId] as const,
}

/** The root of a study's message queries (features/messages builds its keys on it): stopping someone's mail changes their messages. */
export const messagesKey = (studyId: string) => ['messages', studyId] as const

export const meQueryKey = ['me'] as const

/**
 * The roots of every study query that can hold a participant's data (each feature builds its keys on the
 * same root): erasing a participant invalidates them all.
 */
export const participantDataKeys = (studyId: string) =>
  [
    ['entries', studyId],
    ['proposals', studyId],
    ['dashboard', studyId],
    ['findings', studyId],
    ['coding', studyId],
    ['empathy', studyId],
    ['surveys', studyId],
    messagesKey(studyId),
    // an erasure re-runs the study's exports, so their status changes too
    ['exports', studyId],
  ] as const
