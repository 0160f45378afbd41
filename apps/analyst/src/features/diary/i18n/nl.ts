import type { DiaryMessages } from './en'

export const nl = {
  diary: {
    heading: 'Dagboek',
    intro:
      'Wanneer deelnemers het dagboek bijhouden, wanneer ze een herinnering krijgen en wat ze per moment invullen.',
    none: 'Dit onderzoek heeft nog geen dagboek. Vul het formulier in en sla het op.',
    title: 'Titel',
    titleHint: 'Deelnemers zien dit boven in hun dagboek.',
    instructions: 'Instructies',
    instructionsHint: 'Wat ze opschrijven, en wanneer.',
    startsOn: 'Eerste dag',
    endsOn: 'Laatste dag',
    timeZone: 'Tijdzone',
    timeZoneHint: 'Dagen en herinneringstijden gelden in deze tijdzone.',
    promptTimes: 'Herinneringstijden',
    promptTimesHint: 'Deelnemers krijgen op deze tijden een herinnering (hoogstens 6).',
    promptTime: (n: number) => `Herinneringstijd ${n}`,
    addPromptTime: 'Herinneringstijd toevoegen',
    removePromptTime: (n: number) => `Herinneringstijd ${n} verwijderen`,
    noPromptTimes: 'Geen herinneringen.',
    form: 'Invulformulier',
    formIntro: 'Per veld: verbergen, laten overslaan of verplicht maken.',
    colField: 'Veld',
    fields: {
      touchpoint: 'Touchpoint',
      text: 'Wat er gebeurde',
      emotion: 'Emotie',
      valence: 'Pijn of winst',
      channel: 'Kanaal',
      photo: 'Foto',
    },
    settings: { hidden: 'Verborgen', optional: 'Optioneel', required: 'Verplicht' },
    save: 'Dagboek opslaan',
    saved: 'Dagboek opgeslagen.',
  },
} satisfies DiaryMessages
