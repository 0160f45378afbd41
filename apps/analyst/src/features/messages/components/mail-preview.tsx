import { useMessagesI18n } from '../i18n'

type Item = { language: 'nl' | 'en'; subject: string; text: string; html: string }

/**
 * The mail as each language's participants get it. The HTML is shown in a sandboxed frame with
 * every permission off, so nothing in it can run, navigate or reach this page.
 */
export function MailPreview({ items }: { items: Item[] }) {
  const { t } = useMessagesI18n()
  return (
    <section className="stack mail-preview" aria-label={t.messages.previewHeading}>
      {items.map((item) => {
        const language = t.languages[item.language]
        return (
          <article key={item.language} className="panel stack" aria-label={t.messages.previewIn(language)}>
            <h4>{t.messages.previewIn(language)}</h4>
            <p>
              <strong>{t.messages.subject}:</strong> <span className="mail-preview__subject">{item.subject}</span>
            </p>
            <iframe
              className="mail-preview__frame"
              sandbox=""
              srcDoc={item.html}
              title={t.messages.mailFrame(language)}
            />
            <details>
              <summary>{t.messages.plainText}</summary>
              <pre className="mail-preview__text">{item.text}</pre>
            </details>
          </article>
        )
      })}
    </section>
  )
}
