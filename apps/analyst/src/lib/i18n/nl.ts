import { authNl } from './auth.nl'
import { commonNl } from './common.nl'
import type { Messages } from './en'
import { shellNl } from './shell.nl'

export const nl = { ...commonNl, ...shellNl, ...authNl } satisfies Messages
