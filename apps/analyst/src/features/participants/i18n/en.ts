import type { PARTICIPANT_STATUSES } from '@klantreis/shared/participants/constants'

type Labels<T extends readonly string[]> = Record<T[number], string>

export const en = {
  participants: {
    heading: 'Participants',
    intro: 'The people who keep the diary. Each one opens the diary with a personal link: that link is their key.',
    empty: 'No participants yet. Add them one by one or import a CSV file.',
    colName: 'Name',
    colStatus: 'Status',
    colLanguage: 'Language',
    colPersona: 'Persona',
    colSegments: 'Segments',
    colEntries: 'Entries',
    colLastEntry: 'Last entry',
    colActions: 'Actions',
    statuses: { invited: 'Invited', consented: 'Consented', active: 'Active', finished: 'Finished' } as Labels<
      typeof PARTICIPANT_STATUSES
    >,
    personalLink: 'Personal link',
    revokeLinks: 'Revoke links',
    addHeading: 'Add a participant',
    email: 'Email address',
    name: 'Name',
    language: 'Language',
    persona: 'Persona',
    personaNone: 'No persona',
    externalRef: 'External reference',
    externalRefHint: 'Your own id for this person, for example from a CRM or a panel.',
    segments: 'Segments',
    segmentsHint:
      'Attributes to filter the dashboard by, as a name and a value, for example customerType: new. A name has no colon.',
    segmentKey: (n: number) => `Segment ${n} name`,
    segmentValue: (n: number) => `Segment ${n} value`,
    addSegment: 'Add segment',
    removeSegment: (n: number) => `Remove segment ${n}`,
    editTitle: (name: string) => `Edit ${name}`,
    add: 'Add participant',
    adding: 'Adding…',
    added: (name: string) => `${name} was added. Create a personal link to invite them.`,
    exists: 'This email address already takes part in this study.',
    linkTitle: (name: string) => `Personal link for ${name}`,
    linkIntro:
      'Nothing is sent: share the link yourself, for example by email. Earlier links keep working until you revoke them.',
    validDays: 'Valid for',
    days: (n: number) => `${n} days`,
    createLink: 'Create link',
    creatingLink: 'Creating…',
    linkLabel: 'Personal link',
    linkOnce:
      'This link is shown only once. We keep only a fingerprint of it, so it cannot be shown again: copy it now.',
    linkExpires: (date: string) => `Valid until ${date}.`,
    done: 'Done',
    revokeConfirm: (name: string) =>
      `Revoke all personal links of ${name}? They stop working at once, also on phones where they were already opened.`,
    revoking: 'Revoking…',
    revoked: (name: string) => `The personal links of ${name} no longer work.`,
    participantMessages: (name: string) => `Messages to ${name}`,
    erase: {
      action: 'Erase participant…',
      title: (name: string) => `Erase ${name}`,
      intro: (name: string) =>
        `Everything this study holds about ${name} is removed for good. This cannot be undone. What goes:`,
      items: [
        'the participant, their attributes and segments',
        'diary moments and their photos, and the touchpoints only they proposed',
        'survey answers and empathy-map items',
        'codings and quotes from their words; findings stay and say that a quote was erased',
        'mails (also those still waiting), personal links and unsubscribe state',
        'consent records',
      ],
      kept: 'An anonymous record that an erasure happened (when, by whom, how much) is kept, without anything personal.',
      mailFolder:
        'Mail files already written to the mail folder of a development server, and mail a mail server has already accepted, are outside the database and are not touched.',
      typeName: (name: string) => `Type ${name} to confirm`,
      confirm: 'Erase for good',
      erasing: 'Erasing…',
      erased: (name: string, c: { entries: number; photos: number; answers: number; codings: number; mails: number }) =>
        `${name} was erased: ${c.entries} ${c.entries === 1 ? 'moment' : 'moments'}, ${c.photos} ${c.photos === 1 ? 'photo' : 'photos'}, ${c.answers} ${c.answers === 1 ? 'answer' : 'answers'}, ${c.codings} ${c.codings === 1 ? 'coding' : 'codings'} and ${c.mails} ${c.mails === 1 ? 'mail' : 'mails'} removed.`,
    },
    mail: {
      unsubscribed: 'Unsubscribed',
      how: { link: 'with their own link', one_click: 'one-click in their mail program', researcher: 'by you' },
      since: (how: string, date: string) => `${how}, ${date}`,
      stop: 'Stop mail',
      resume: 'Resume mail',
      stopConfirm: (name: string) =>
        `Stop all mail to ${name}? Messages still waiting are not sent. You can resume it later.`,
      stopping: 'Stopping…',
      resuming: 'Resuming…',
      stopped: (name: string) => `Mail to ${name} is stopped.`,
      resumed: (name: string) => `Mail to ${name} is resumed.`,
      messages: 'Messages',
    },
  },
  participantData: {
    download: 'Download data',
    badge: 'Asked for removal',
    pendingHeading: (n: number) =>
      n === 1 ? '1 participant asked to have their data removed' : `${n} participants asked to have their data removed`,
    pendingIntro: 'An admin of your organization confirms (their data is erased) or declines each request.',
    pendingIntroAdmin:
      'Confirm to erase everything this study holds about them, for good, or decline and say why: they see your answer in the diary app.',
    requestedOn: (date: string) => `asked on ${date}`,
    confirm: 'Confirm removal…',
    decline: 'Decline…',
    confirmMessage: (name: string) =>
      `Erase ${name} and everything this study holds about them (moments, photos, answers, codings, mails, consent), for good? This cannot be undone.`,
    confirmAction: 'Erase for good',
    confirmed: (name: string) => `${name} was erased at their request.`,
    declineTitle: (name: string) => `Decline the request of ${name}`,
    declineIntro: 'Their data stays. They see that their request was declined, with your reason if you give one.',
    declineReason: 'Reason',
    declineReasonHint: 'For example a legal obligation to keep the data. The participant reads this.',
    declineAction: 'Decline request',
    declining: 'Declining…',
    declined: (name: string) => `The request of ${name} was declined.`,
  },
  csvImport: {
    heading: 'Import from a CSV file',
    intro:
      'One participant per row. The first row names the columns: email (required), name, language (nl or en), persona (the name of a persona of this study) and external_ref.',
    segmentColumns:
      'Each column named segment:<name>, for example segment:customerType, becomes a segment of that name; an empty cell leaves it out. Other columns are ignored.',
    example: 'Example',
    file: 'CSV file',
    start: 'Import',
    uploading: 'Uploading…',
    noFile: 'Choose a CSV file first.',
    empty: 'This file is empty.',
    readFailed: 'The file could not be read.',
    tooLarge: 'This file is too large.',
    progressLabel: 'Import progress',
    queued: 'Waiting to start…',
    progress: (processed: number, total: number) => `${processed} of ${total} rows processed…`,
    done: (imported: number, total: number) => `Imported ${imported} of ${total} ${total === 1 ? 'row' : 'rows'}.`,
    failed: 'The import failed.',
    errorsHeading: 'Rows that were not imported',
    colRow: 'Row',
    colProblem: 'Problem',
  },
  consent: {
    heading: 'Consent text',
    intro: 'Participants read and accept this text before their first entry.',
    current: (version: number, date: string) => `Current: version ${version}, published ${date}.`,
    none: 'No consent text yet. Participants cannot start until you publish one.',
    text: (language: string) => `Consent text (${language})`,
    reconsent:
      'Publishing makes a new version. Every participant has to read and accept it again before they can add entries.',
    publish: 'Publish new version',
    publishing: 'Publishing…',
    confirm: (version: number) => `Publish version ${version}? Every participant has to consent again.`,
    published: (version: number) => `Version ${version} published.`,
    needOne: 'Write the text in at least one language.',
  },
}

export type ParticipantsMessages = typeof en
