// The channel names, in both languages, for both apps: the analyst reads the same word the participant
// chose from. Zod-free, one object per language so each language's chunk carries only its own.
import type { Channel } from './constants.js'

export const CHANNEL_LABELS_EN = {
  web: 'Website',
  app: 'App',
  email: 'Email',
  phone: 'Phone',
  chat: 'Chat',
  store: 'Shop',
  post: 'Post',
  delivery: 'Delivery',
  social: 'Social media',
  review_site: 'Review site',
  word_of_mouth: 'Word of mouth',
  advertising: 'Advertising',
  other: 'Other',
} satisfies Record<Channel, string>

export const CHANNEL_LABELS_NL = {
  web: 'Website',
  app: 'App',
  email: 'E-mail',
  phone: 'Telefoon',
  chat: 'Chat',
  store: 'Winkel',
  post: 'Post',
  delivery: 'Bezorging',
  social: 'Sociale media',
  review_site: 'Reviewsite',
  word_of_mouth: 'Mond-tot-mond',
  advertising: 'Reclame',
  other: 'Anders',
} satisfies Record<Channel, string>
