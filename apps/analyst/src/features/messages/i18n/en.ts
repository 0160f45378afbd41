import type { MESSAGE_KINDS, MESSAGE_STATUSES } from '@klantreis/shared/messages'

type Labels<T extends readonly string[]> = Record<T[number], string>

export const en = {
  messages: {
    heading: 'Messages',
    intro: 'Mail to the participants of this study: invitations, "You said, we did", and a log of every message.',
    readOnly: 'Only researchers, admins and owners can send mail. You can see what was sent.',
    kinds: {
      diary_invitation: 'Diary invitation',
      survey_invitation: 'Survey invitation',
      reminder: 'Reminder',
      diary_prompt: 'Diary prompt',
      feedback: 'You said, we did',
      team_invitation: 'Team invitation',
    } as Labels<typeof MESSAGE_KINDS>,
    statuses: {
      queued: 'Queued',
      sending: 'Sending',
      sent: 'Sent',
      failed: 'Failed',
      suppressed: 'Not sent',
    } as Labels<typeof MESSAGE_STATUSES>,
    reasons: {
      unsubscribed: 'unsubscribed',
      'participant removed': 'participant removed',
      'already answered': 'already answered',
      'survey not open': 'survey not open',
      finished: 'finished the diary',
      'diary ended': 'diary has ended',
    } as Record<string, string>,
    invitationsHeading: 'Send invitations',
    invitationsIntro: 'Each participant gets a mail in their own language with their personal link.',
    whatToSend: 'What to send',
    diaryInvitation: 'Diary invitation',
    surveyInvitation: (title: string) => `Survey: ${title}`,
    noOpenSurveys: 'Only open surveys can be sent. Publish a survey to invite people to it.',
    recipients: 'Recipients',
    allParticipants: 'All participants',
    contributors: 'Everyone who contributed (wrote an entry or completed a questionnaire)',
    selectedParticipants: 'Selected participants',
    searchParticipants: 'Search participants',
    selectedCount: (n: number) => `${n} selected`,
    noMatches: 'No participant matches.',
    willBeSkipped: 'Unsubscribed: will be skipped',
    skippedCount: (n: number) =>
      n === 1
        ? '1 participant has unsubscribed and will be skipped.'
        : `${n} participants have unsubscribed and will be skipped.`,
    noteLegend: 'Personal note',
    noteHint: 'Shown above the standard text. Leave empty for none.',
    noteIn: (language: string) => `Note in ${language}`,
    preview: 'Preview',
    previewing: 'Loading preview…',
    previewHeading: 'Preview',
    previewIn: (language: string) => `In ${language}`,
    subject: 'Subject',
    mailFrame: (language: string) => `The mail in ${language}`,
    plainText: 'Plain text version',
    send: 'Send',
    sending: 'Sending…',
    confirmSend: (n: number | null, what: string) =>
      n === null
        ? `Send the ${what} to all participants?`
        : `Send the ${what} to ${n === 1 ? '1 participant' : `${n} participants`}?`,
    confirmContributors: (what: string) => `Send the ${what} to everyone who contributed?`,
    confirmSkipped: (n: number) => (n > 0 ? ` ${n} unsubscribed will be skipped.` : ''),
    noneSelected: 'Choose at least one participant.',
    progressLabel: 'Progress of the send',
    progress: (sent: number, total: number, failed: number, skipped: number) =>
      `${sent} of ${total} sent · ${failed} failed · ${skipped} skipped`,
    progressDone: 'Done.',
    sendsHeading: 'Earlier sends',
    sendsLabel: 'Earlier sends',
    noSends: 'Nothing sent yet.',
    colDate: 'Date',
    colKind: 'Kind',
    colCounts: 'Result',
    colParticipant: 'Participant',
    colStatus: 'Status',
    feedbackHeading: 'You said, we did',
    feedbackIntro: 'Tell participants what changed because of what they told you.',
    introIn: (language: string) => `Introduction in ${language}`,
    changesLegend: 'What changed',
    changeIn: (n: number, language: string) => `Change ${n} in ${language}`,
    addChange: 'Add a change',
    removeChange: (n: number) => `Remove change ${n}`,
    maxChanges: 'At most 20 changes.',
    noChanges: 'Write at least one change.',
    feedbackWhat: '"You said, we did" mail',
    invitationWhat: 'invitation',
    logHeading: 'Message log',
    logLabel: 'Messages to participants',
    filterStatus: 'Status',
    filterKind: 'Kind',
    anyStatus: 'All statuses',
    anyKind: 'All kinds',
    noMessages: 'No messages.',
    participantRemoved: '(removed)',
    /** A sent mail's new personal link, and the participant's older mail links it replaced. */
    personalLink: (replaced: number, graceHours: number) =>
      replaced === 0
        ? 'New personal link'
        : `New personal link; ${replaced === 1 ? '1 older link stops' : `${replaced} older links stop`} working after ${graceHours === 1 ? 'an hour' : `${graceHours} hours`}`,
    reminders: {
      heading: 'Reminders',
      intro: 'Reminders go only to participants who were invited to this survey and have not finished it.',
      enabled: 'Send reminders',
      max: 'At most this many reminders',
      interval: 'Days between reminders',
      intervalHint: 'From 1 to 14 days.',
      maxError: 'Enter a whole number from 1 to 5.',
      intervalError: 'Enter a whole number of days from 1 to 14.',
      save: 'Save reminders',
      saved: 'Reminders saved.',
      summary: (enabled: boolean, max: number, days: number) =>
        enabled ? `On: at most ${max}, every ${days === 1 ? 'day' : `${days} days`}.` : 'Off.',
    },
  },
}

export type MessagesMessages = typeof en
