export const shellEn = {
  shell: {
    mainNav: 'Main',
    organization: 'Organization',
    language: 'Language',
    userMenu: (name: string) => `Account menu for ${name}`,
    signedInAs: 'Signed in as',
    skipToContent: 'Skip to content',
    studyNotFound: 'This study does not exist or you have no access to it.',
    backToStudies: 'Back to studies',
  },
  nav: { studies: 'Studies', team: 'Team' },
  studyNav: {
    findings: 'Findings',
    empathy: 'Empathy map',
    dashboard: 'Dashboard',
    coding: 'Coding',
    surveys: 'Surveys',
    label: 'Study sections',
    setup: 'Set-up',
    participants: 'Participants',
    diary: 'Diary',
    entries: 'Entries',
    messages: 'Messages',
    exports: 'Export',
  },
  stepper: {
    steps: 'Set-up steps',
    stepOf: (n: number, total: number) => `Step ${n} of ${total}`,
  },
}

export type ShellMessages = typeof shellEn
