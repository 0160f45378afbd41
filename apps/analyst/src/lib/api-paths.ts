export const studyPath = (studyId: string, rest = '') => `/studies/${encodeURIComponent(studyId)}${rest}`
