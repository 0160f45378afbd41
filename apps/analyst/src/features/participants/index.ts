import './participants.css'
export { participantKeys, useParticipantOptions, useParticipants } from './api/participants'
