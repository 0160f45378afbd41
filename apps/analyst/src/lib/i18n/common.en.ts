import type { Role } from '@klantreis/shared/auth'
import type { DMU_ROLES } from '@klantreis/shared/journey'
import { CHANNEL_LABELS_EN } from '@klantreis/shared/journey/channel-labels'
import type { LOYALTY_METRICS, STUDY_STATUSES } from '@klantreis/shared/studies'

type Labels<T extends readonly string[]> = Record<T[number], string>

const roles: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  researcher: 'Researcher',
  analyst: 'Analyst',
  viewer: 'Viewer',
}
const loyaltyMetrics: Labels<typeof LOYALTY_METRICS> = {
  buy_more: 'Buy more',
  stay_longer: 'Stay longer',
  recommend: 'Recommend (NPS)',
}
const statuses: Labels<typeof STUDY_STATUSES> = { draft: 'Draft', live: 'Live', closed: 'Closed' }
const dmuRoles: Labels<typeof DMU_ROLES> = {
  decider: 'Decider',
  buyer: 'Buyer',
  user: 'User',
  influencer: 'Influencer',
  gatekeeper: 'Gatekeeper',
}

export const commonEn = {
  languageName: 'English',
  common: {
    copy: 'Copy link',
    copied: 'Copied',
    loading: 'Loading…',
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    delete: 'Delete',
    deleting: 'Deleting…',
    edit: 'Edit',
    close: 'Close',
    add: 'Add',
    remove: 'Remove',
    back: 'Back',
    retry: 'Try again',
    loadMore: 'Load more',
    loadingMore: 'Loading more…',
    none: '—',
    somethingWrong: 'Something went wrong.',
    readOnly: 'You can view this, but your role does not allow changes.',
    confirmTitle: 'Are you sure?',
    optional: '(optional)',
    noName: '(no name)',
  },
  languages: { nl: 'Dutch', en: 'English' },
  roles,
  channels: CHANNEL_LABELS_EN,
  loyaltyMetrics,
  statuses,
  dmuRoles,
  /** A finding's verdict, in the findings table and the dashboard's joint display. */
  verdicts: {
    supported: 'Supported',
    contradicted: 'Contradicted',
    inconclusive: 'Inconclusive',
    silence: 'Silence',
  } as Record<string, string>,
}

export type CommonMessages = typeof commonEn
