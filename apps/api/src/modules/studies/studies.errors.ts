import { defineError } from '../../lib/errors.js'

export const StudyNotFoundError = defineError<[string]>('STUDY_NOT_FOUND', 'Study %s not found', 404)
