import type { ShellMessages } from './shell.en'

export const shellNl = {
  shell: {
    mainNav: 'Hoofdmenu',
    organization: 'Organisatie',
    language: 'Taal',
    userMenu: (name) => `Accountmenu van ${name}`,
    signedInAs: 'Ingelogd als',
    skipToContent: 'Naar de inhoud',
    studyNotFound: 'Dit onderzoek bestaat niet of u hebt er geen toegang toe.',
    backToStudies: 'Terug naar onderzoeken',
  },
  nav: { studies: 'Onderzoeken', team: 'Team' },
  studyNav: {
    findings: 'Bevindingen',
    empathy: 'Empathy map',
    dashboard: 'Dashboard',
    coding: 'Coderen',
    surveys: 'Vragenlijsten',
    label: 'Onderdelen van het onderzoek',
    setup: 'Opzet',
    participants: 'Deelnemers',
    diary: 'Dagboek',
    entries: 'Momenten',
    messages: 'Berichten',
    exports: 'Exporteren',
  },
  stepper: {
    steps: 'Stappen van de opzet',
    stepOf: (n, total) => `Stap ${n} van ${total}`,
  },
} satisfies ShellMessages
