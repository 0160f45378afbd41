import { defineError } from '../../lib/errors.js'

export const ParticipantNotFoundError = defineError<[string]>('PARTICIPANT_NOT_FOUND', 'Participant %s not found', 404)
export const ParticipantExistsError = defineError<[string]>(
  'PARTICIPANT_EXISTS',
  '%s already takes part in this study',
  409,
)
export const ConsentNotFoundError = defineError('CONSENT_NOT_FOUND', 'This study has no consent text yet', 404)
export const ConsentRequiredError = defineError('CONSENT_REQUIRED', 'Please give your consent first', 403)
export const ConsentVersionError = defineError(
  'CONSENT_OUTDATED',
  'The consent text has changed; read the new version',
  409,
)
export const ParticipantUnauthenticatedError = defineError(
  'UNAUTHENTICATED',
  'Open the personal link from your invitation',
  401,
)
export const MissingRequestedWithError = defineError('CSRF_TOKEN_INVALID', 'Missing x-requested-with header', 403)
export const ImportNotFoundError = defineError<[string]>('NOT_FOUND', 'Import %s not found', 404)
export const ParticipantChangedError = defineError(
  'PARTICIPANT_CHANGED',
  'Another personal link was opened in this browser since: reload to continue as that participant',
  412,
)
