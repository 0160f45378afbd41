import type { ReactNode } from 'react'
import { useScreenHeading } from '../lib/context'
import type { Lang } from '../lib/types'

/** A page with one message: invalid link, no session, cannot load. Shown in the browser's language. */
export function MessagePage(props: { lang: Lang; title: string; children: ReactNode; icon?: 'link' | 'cloud' }) {
  const h = useScreenHeading(props.title)
  return (
    <main className="page message-page" lang={props.lang}>
      <div className="message-icon" aria-hidden="true">
        {props.icon === 'cloud' ? (
          <svg viewBox="0 0 48 48" width="56" height="56">
            <path
              d="M14 36h21a8 8 0 0 0 1-15.9A11 11 0 0 0 15 18.5 9 9 0 0 0 14 36z"
              fill="none"
              stroke="currentColor"
              strokeWidth="3"
              strokeLinejoin="round"
            />
            <path d="M8 8l32 32" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
          </svg>
        ) : (
          <svg viewBox="0 0 48 48" width="56" height="56">
            <path
              d="M20 28a8 8 0 0 0 11.3 0l6-6a8 8 0 0 0-11.3-11.3l-2 2"
              fill="none"
              stroke="currentColor"
              strokeWidth="3"
              strokeLinecap="round"
            />
            <path
              d="M28 20a8 8 0 0 0-11.3 0l-6 6A8 8 0 0 0 22 37.3l2-2"
              fill="none"
              stroke="currentColor"
              strokeWidth="3"
              strokeLinecap="round"
            />
          </svg>
        )}
      </div>
      <h1 ref={h} tabIndex={-1}>
        {props.title}
      </h1>
      {props.children}
    </main>
  )
}
