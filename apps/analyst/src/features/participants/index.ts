export { participantKeys, useParticipantOptions, useParticipants } from './api/participants'
