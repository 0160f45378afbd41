import type { Role } from '@klantreis/shared/auth'

// Who a request acts for. plugins/auth.ts resolves them from the session cookies and puts them on the
// request; the services take them as their first argument. Here so that neither needs the other.

/** The signed-in analyst, in the organization the session is switched to. */
export type Analyst = {
  accountId: string
  email: string
  name: string
  language: 'nl' | 'en'
  organizationId: string
  role: Role
  /**
   * The studies this member is limited to (a stakeholder shown one study); null = every study of the
   * organization. studies.get and the studies list hold it, so another study answers 404.
   */
  studyIds: readonly string[] | null
  sessionId: string
  csrfToken: string
}

/** The participant behind a respondent request. */
export type ParticipantContext = {
  participantId: string
  studyId: string
  language: 'nl' | 'en'
  name: string
  consentVersion: number | null
  /** Read with the session, so a diary write needs no second look: the newest consent version and the diary. */
  study?: {
    latestConsent: number | null
    diary: { starts_on: string; ends_on: string; time_zone: string; form: unknown } | null
  }
}

/** A browser that opened an anonymous survey link. */
export type AnonymousRespondent = {
  kind: 'anonymous'
  studyId: string
  sessionId: string
  linkId: string
  surveyId: string
}

/** Who answers: a participant (personal link), or a browser that opened an anonymous link. */
export type Respondent =
  | {
      kind: 'participant'
      studyId: string
      participantId: string
      consentVersion: number | null
      /** The study's newest consent version, when the session lookup brought it along. */
      latestConsent?: number | null
    }
  | AnonymousRespondent

/** What a session check reads from a request besides the cookie (a narrow view of FastifyRequest). */
export type RequestFacts = {
  method: string
  headers: Record<string, string | string[] | undefined>
}

/** Where a new session was opened from, for the session row and the audit log. */
export type ClientFacts = { ip: string; userAgent: string | null }
