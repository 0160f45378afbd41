import { describe, expect, it } from 'vitest'
import { parseRoute, routeHref, type Route } from './routes'

const id = '3f0c8a5e-7d7b-4a51-9b8e-2f1d2c3b4a59'

describe('hash routes', () => {
  it('reads the study sections next to the set-up wizard', () => {
    expect(parseRoute(`#/studies/${id}/participants`)).toEqual({ name: 'study-participants', studyId: id })
    expect(parseRoute(`#/studies/${id}/diary`)).toEqual({ name: 'study-diary', studyId: id })
    expect(parseRoute(`#/studies/${id}/entries`)).toEqual({ name: 'study-entries', studyId: id })
    expect(parseRoute(`#/studies/${id}/messages`)).toEqual({ name: 'study-messages', studyId: id })
    expect(parseRoute(`#/studies/${id}/findings`)).toEqual({ name: 'study-findings', studyId: id })
    expect(parseRoute(`#/studies/${id}/dashboard`)).toEqual({ name: 'study-dashboard', studyId: id })
    expect(parseRoute(`#/studies/${id}/exports`)).toEqual({ name: 'study-exports', studyId: id })
    expect(parseRoute(`#/studies/${id}/dashboard?personaId=${id}`)).toEqual({ name: 'study-dashboard', studyId: id })
    expect(parseRoute(`#/studies/${id}/setup/model`)).toEqual({ name: 'study-setup', studyId: id, step: 'model' })
  })

  it('does not mistake other paths for a section', () => {
    expect(parseRoute('#/studies/new/entries').name).toBe('not-found')
    expect(parseRoute(`#/studies/${id}/photos`).name).toBe('not-found')
    expect(parseRoute(`#/studies/${id}/entries/extra`).name).toBe('not-found')
    expect(parseRoute(`#/studies/${id}/messages/extra`).name).toBe('not-found')
    expect(parseRoute('#/studies/new/messages').name).toBe('not-found')
    expect(parseRoute('#/studies/new/findings').name).toBe('not-found')
    expect(parseRoute(`#/studies/${id}/findings/extra`).name).toBe('not-found')
    expect(parseRoute('#/studies/new/dashboard').name).toBe('not-found')
    expect(parseRoute(`#/studies/${id}/dashboard/extra`).name).toBe('not-found')
    // the builder is the survey's bare path, not a `/build` segment
    expect(parseRoute(`#/studies/${id}/surveys/${id}/build`).name).toBe('not-found')
    expect(parseRoute(`#/studies/${id}/surveys/${id}/links/extra`).name).toBe('not-found')
  })

  it('reads the tabs of a survey', () => {
    expect(parseRoute(`#/studies/${id}/surveys/${id}`)).toEqual({
      name: 'study-survey',
      studyId: id,
      surveyId: id,
      view: 'build',
    })
    expect(parseRoute(`#/studies/${id}/surveys/${id}/results`)).toEqual({
      name: 'study-survey',
      studyId: id,
      surveyId: id,
      view: 'results',
    })
    expect(parseRoute(`#/studies/${id}/surveys/${id}/links`)).toEqual({
      name: 'study-survey',
      studyId: id,
      surveyId: id,
      view: 'links',
    })
  })

  it('reads the coding section and its views', () => {
    expect(parseRoute(`#/studies/${id}/coding`)).toEqual({ name: 'study-coding', studyId: id, view: 'workbench' })
    expect(parseRoute(`#/studies/${id}/coding?source=diary_entry:${id}`)).toEqual({
      name: 'study-coding',
      studyId: id,
      view: 'workbench',
    })
    expect(parseRoute(`#/studies/${id}/coding/codebook`)).toEqual({
      name: 'study-coding',
      studyId: id,
      view: 'codebook',
    })
    expect(parseRoute(`#/studies/${id}/coding/agreement`)).toEqual({
      name: 'study-coding',
      studyId: id,
      view: 'agreement',
    })
    expect(parseRoute(`#/studies/${id}/coding/workbench`).name).toBe('not-found')
    expect(parseRoute(`#/studies/${id}/coding/agreement/extra`).name).toBe('not-found')
    expect(parseRoute('#/studies/new/coding').name).toBe('not-found')
  })

  it('writes what it reads', () => {
    const routes: Route[] = [
      { name: 'study-participants', studyId: id },
      { name: 'study-diary', studyId: id },
      { name: 'study-entries', studyId: id },
      { name: 'study-messages', studyId: id },
      { name: 'study-findings', studyId: id },
      { name: 'study-dashboard', studyId: id },
      { name: 'study-empathy', studyId: id },
      { name: 'study-setup', studyId: id, step: 'personas' },
      { name: 'study-survey', studyId: id, surveyId: id, view: 'build' },
      { name: 'study-survey', studyId: id, surveyId: id, view: 'results' },
      { name: 'study-survey', studyId: id, surveyId: id, view: 'links' },
      { name: 'study-coding', studyId: id, view: 'workbench' },
      { name: 'study-coding', studyId: id, view: 'codebook' },
      { name: 'study-coding', studyId: id, view: 'agreement' },
    ]
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route)
  })
})
