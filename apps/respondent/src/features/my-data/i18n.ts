// The texts of "Mijn gegevens", in this screen's own chunk (both languages, a few hundred bytes):
// the language chunks every route loads stay within the bundle budget.
import type { Lang } from '../../lib/types'

const en = {
  title: 'My data',
  intro: 'For this study Klantreis keeps, about you:',
  held: [
    'your name, email address, language and the details the researcher added',
    'when you gave consent, and the dates of your personal links',
    'the moments you wrote down, with their photos',
    'your answers to questionnaires',
    'how researchers label your words, and the emails we sent you',
  ],
  downloadHeading: 'Download my data',
  downloadBody: 'A ZIP file with all of it: a page to read, your photos, and files for other programs.',
  download: 'Download my data',
  removeHeading: 'Remove my data',
  removeBody:
    'You can ask us to remove everything about you from this study. Your moments and answers are then no longer used.',
  remove: 'Ask to remove my data',
  asking: 'One moment…',
  confirmTitle: 'Remove your data?',
  confirmBody:
    'Everything this study holds about you goes: your name and email address, your moments and photos, your answers, and the emails and links we sent you. This cannot be undone, and your personal link stops working.',
  confirm: 'Yes, remove my data',
  pending: (date: string) =>
    `You asked on ${date} to have your data removed. The researcher will handle your request; you can still read your moments.`,
  declined: (date: string) => `Your request to remove your data was declined on ${date}.`,
  declinedReason: 'Reason',
  failed: 'That did not work. Check your connection and try again.',
  removedTitle: 'Your data has been removed',
  removedBody:
    'Everything this study held about you has been removed, and your personal link no longer works. Thank you for taking part.',
}

const nl: typeof en = {
  title: 'Mijn gegevens',
  intro: 'Voor dit onderzoek bewaart Klantreis over jou:',
  held: [
    'je naam, e-mailadres, taal en de gegevens die de onderzoeker toevoegde',
    'wanneer je toestemming gaf, en de data van je persoonlijke links',
    "de momenten die je opschreef, met hun foto's",
    'je antwoorden op vragenlijsten',
    'hoe onderzoekers je woorden labelen, en de e-mails die we je stuurden',
  ],
  downloadHeading: 'Mijn gegevens downloaden',
  downloadBody: "Een zip-bestand met alles: een pagina om te lezen, je foto's en bestanden voor andere programma's.",
  download: 'Mijn gegevens downloaden',
  removeHeading: 'Mijn gegevens verwijderen',
  removeBody:
    'Je kunt ons vragen alles over jou uit dit onderzoek te verwijderen. Je momenten en antwoorden worden dan niet meer gebruikt.',
  remove: 'Vraag om verwijdering van mijn gegevens',
  asking: 'Een moment…',
  confirmTitle: 'Je gegevens verwijderen?',
  confirmBody:
    "Alles wat dit onderzoek over jou bewaart verdwijnt: je naam en e-mailadres, je momenten en foto's, je antwoorden, en de e-mails en links die we je stuurden. Dit kan niet ongedaan worden gemaakt, en je persoonlijke link werkt daarna niet meer.",
  confirm: 'Ja, verwijder mijn gegevens',
  pending: (date: string) =>
    `Je vroeg op ${date} om verwijdering van je gegevens. De onderzoeker handelt je verzoek af; je kunt je momenten nog lezen.`,
  declined: (date: string) => `Je verzoek om verwijdering van je gegevens is op ${date} afgewezen.`,
  declinedReason: 'Reden',
  failed: 'Dat lukte niet. Controleer je verbinding en probeer het opnieuw.',
  removedTitle: 'Je gegevens zijn verwijderd',
  removedBody:
    'Alles wat dit onderzoek over jou bewaarde is verwijderd, en je persoonlijke link werkt niet meer. Bedankt voor je deelname.',
}

export const myDataTexts: Record<Lang, typeof en> = { en, nl }
