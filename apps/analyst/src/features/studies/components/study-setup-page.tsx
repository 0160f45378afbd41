import type { Role } from '@klantreis/shared/auth'
import { useState } from 'react'
import { navigate, routeHref, SETUP_STEPS, type SetupStep } from '../../../lib/routes'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { Stepper } from '../../../components/ui/stepper'
import { isApiError } from '../../../lib/api-client'
import { useStudiesI18n } from '../i18n'
import { canDeleteStudies, canEditStudies, canManageRetention } from '../../../lib/roles'
import { TouchpointModelEditor } from '../../journey-model'
import { PersonasEditor } from '../../personas'
import { useStudy } from '../../../lib/get-study'
import { DeleteStudyDialog } from './delete-study-dialog'
import { GoalStep } from './goal-step'
import { RetentionPanel } from './retention-panel'
import { ScopeStep } from './scope-step'
import { StatusBadge } from '../../../components/ui/status-badge'
import { StudyTabs } from '../../../components/layouts/study-tabs'
import '../studies.css'

type Props = { studyId: string | null; step: SetupStep; role: Role }

export function StudySetupPage({ studyId, step, role }: Props) {
  const { t } = useStudiesI18n()
  const canEdit = canEditStudies(role)
  const study = useStudy(studyId)
  const [confirmDelete, setConfirmDelete] = useState(false)

  const labels: Record<SetupStep, string> = {
    goal: t.wizard.stepGoal,
    scope: t.wizard.stepScope,
    personas: t.wizard.stepPersonas,
    model: t.wizard.stepModel,
  }
  const steps = SETUP_STEPS.map((key) => ({
    key,
    label: labels[key],
    href: studyId ? routeHref({ name: 'study-setup', studyId, step: key }) : null,
  }))
  const go = (next: SetupStep) => studyId && navigate({ name: 'study-setup', studyId, step: next })

  if (studyId && study.isPending) return <Loading />
  if (studyId && study.isError) {
    const notFound = isApiError(study.error) && study.error.status === 404
    return (
      <div className="stack">
        {notFound ? <Notice>{t.studies.notFound}</Notice> : <ErrorAlert error={study.error} />}
        <a href={routeHref({ name: 'studies' })}>{t.studies.backToList}</a>
      </div>
    )
  }
  const current = study.data ?? null
  const wide = step === 'model'

  return (
    <div className={`stack stack--lg${wide ? ' setup--wide' : ''}`}>
      <div className="page-header">
        <div>
          <p className="breadcrumb">
            <a href={routeHref({ name: 'studies' })}>{t.studies.title}</a>
          </p>
          <h1>{current ? current.title : t.wizard.newTitle}</h1>
          {current ? <StatusBadge status={current.status} /> : null}
        </div>
        {current && canDeleteStudies(role) ? (
          <button type="button" className="btn btn--danger-quiet" onClick={() => setConfirmDelete(true)}>
            {t.studies.deleteStudy}
          </button>
        ) : null}
      </div>

      {studyId ? <StudyTabs studyId={studyId} current="setup" /> : null}
      <Stepper steps={steps} current={step} />
      {!canEdit ? <Notice>{t.common.readOnly}</Notice> : null}

      {step === 'goal' ? (
        <GoalStep
          key={current?.id ?? 'new'}
          study={current}
          canEdit={canEdit}
          onDone={(saved) => navigate({ name: 'study-setup', studyId: saved.id, step: 'scope' })}
        />
      ) : null}
      {step === 'goal' && current ? <RetentionPanel study={current} canManage={canManageRetention(role)} /> : null}
      {step === 'scope' && current ? (
        <ScopeStep
          key={current.id}
          study={current}
          canEdit={canEdit}
          onBack={() => go('goal')}
          onDone={() => go('personas')}
        />
      ) : null}
      {step === 'personas' && studyId ? (
        <section className="stack" aria-labelledby="personas-heading">
          <PersonasEditor studyId={studyId} canEdit={canEdit} headingId="personas-heading" />
          <div className="wizard-nav">
            <button type="button" className="btn btn--secondary" onClick={() => go('scope')}>
              {t.common.back}
            </button>
            <button type="button" className="btn btn--primary" onClick={() => go('model')}>
              {t.wizard.continue}
            </button>
          </div>
        </section>
      ) : null}
      {step === 'model' && studyId ? (
        <section className="stack" aria-labelledby="model-heading">
          <TouchpointModelEditor studyId={studyId} canEdit={canEdit} headingId="model-heading" />
          <div className="wizard-nav">
            <button type="button" className="btn btn--secondary" onClick={() => go('personas')}>
              {t.common.back}
            </button>
            <a className="btn btn--primary" href={routeHref({ name: 'studies' })}>
              {t.wizard.finish}
            </a>
          </div>
        </section>
      ) : null}

      {current && canDeleteStudies(role) ? (
        <DeleteStudyDialog
          study={current}
          open={confirmDelete}
          onClose={() => setConfirmDelete(false)}
          onDeleted={() => {
            setConfirmDelete(false)
            navigate({ name: 'studies' }, { replace: true })
          }}
        />
      ) : null}
    </div>
  )
}
