import type { Role } from '@klantreis/shared/auth'
import type { CHANNELS, DMU_ROLES } from '@klantreis/shared/journey'
import type { LOYALTY_METRICS, STUDY_STATUSES } from '@klantreis/shared/studies'

type Labels<T extends readonly string[]> = Record<T[number], string>

const roles: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  researcher: 'Researcher',
  analyst: 'Analyst',
  viewer: 'Viewer',
}
const channels: Labels<typeof CHANNELS> = {
  web: 'Website',
  app: 'App',
  email: 'Email',
  phone: 'Phone',
  chat: 'Chat',
  store: 'Store',
  post: 'Post',
  delivery: 'Delivery',
  social: 'Social media',
  review_site: 'Review site',
  word_of_mouth: 'Word of mouth',
  advertising: 'Advertising',
  other: 'Other',
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
  },
  languages: { nl: 'Dutch', en: 'English' },
  roles,
  channels,
  loyaltyMetrics,
  statuses,
  dmuRoles,
}

export type CommonMessages = typeof commonEn
