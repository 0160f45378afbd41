import { authEn } from './auth.en'
import { commonEn } from './common.en'
import { shellEn } from './shell.en'

/**
 * The strings the entry bundle needs (the shell, the sign-in screens, components/), in English. Each feature's own
 * strings live in features/<f>/i18n and load with its chunk (its use<F>I18n() adds them to `t`).
 */
export const en = { ...commonEn, ...shellEn, ...authEn }

export type Messages = typeof en
