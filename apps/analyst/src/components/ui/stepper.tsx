import { useI18n } from '../../lib/i18n'

export type StepperStep = { key: string; label: string; href: string | null }

/** The set-up steps as an ordered list; steps not yet reachable are plain text. */
export function Stepper({ steps, current }: { steps: StepperStep[]; current: string }) {
  const { t } = useI18n()
  const currentIndex = steps.findIndex((s) => s.key === current)
  return (
    <nav aria-label={t.stepper.steps} className="stepper">
      <ol>
        {steps.map((step, i) => {
          const state = i === currentIndex ? 'current' : i < currentIndex ? 'done' : 'todo'
          const content = (
            <>
              <span className="stepper__num" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              <span className="stepper__label">
                <span className="visually-hidden">{t.stepper.stepOf(i + 1, steps.length)}: </span>
                {step.label}
              </span>
            </>
          )
          return (
            <li key={step.key} className={`stepper__step stepper__step--${state}`}>
              {step.href && state !== 'current' ? (
                <a href={step.href} className="stepper__item">
                  {content}
                </a>
              ) : (
                <span className="stepper__item" aria-current={state === 'current' ? 'step' : undefined}>
                  {content}
                </span>
              )}
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
