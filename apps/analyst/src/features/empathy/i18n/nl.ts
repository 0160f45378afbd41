import type { EmpathyMessages } from './en'

export const nl = {
  empathy: {
    heading: 'Empathy map',
    intro:
      'Wat deelnemers zeggen, denken, doen en voelen, en hun pijnpunten en winstpunten — elk punt een gecodeerd citaat uit de dagboeken of de empathy-map-vragenlijsten.',
    persona: 'Persona',
    allParticipants: 'Alle deelnemers',
    summary: (items: number, participants: number) =>
      `${items} ${items === 1 ? 'punt' : 'punten'} van ${participants} ${participants === 1 ? 'deelnemer' : 'deelnemers'}`,
    none: 'Voor deze selectie is nog niets gecodeerd. Codeer dagboekmomenten en empathy-map-antwoorden in de codeerwerkbank.',
    mapLabel: 'Empathy map',
    boxes: {
      says: 'Zegt',
      thinks: 'Denkt',
      does: 'Doet',
      feels: 'Voelt',
      pains: 'Pijnpunten',
      gains: 'Winstpunten',
    } as Record<string, string>,
    hints: {
      says: 'Empathy-map-punten bij “zegt”',
      thinks: 'Empathy-map-punten bij “denkt”',
      does: 'Empathy-map-punten bij “doet”; dagboekcitaten gecodeerd zonder pijn, winst of emotie',
      feels:
        'Empathy-map-punten bij “voelt”; dagboekcitaten gecodeerd zonder pijn of winst waarbij de deelnemer een emotie gaf',
      pains: 'Dagboekcitaten gecodeerd als pijn; punten bij “ziet” en “hoort” die een pijn zijn',
      gains: 'Dagboekcitaten gecodeerd als winst; punten bij “ziet” en “hoort” die een winst zijn',
    } as Record<string, string>,
    itemBoxes: { says: 'zegt', thinks: 'denkt', does: 'doet', feels: 'voelt', sees: 'ziet', hears: 'hoort' } as Record<
      string,
      string
    >,
    emptyBox: 'Hier staat nog niets.',
    anonymous: 'anoniem',
    noTouchpoint: 'geen touchpoint',
    fromDiary: 'dagboek',
    fromEmpathyItem: (box: string) => `empathy map · ${box}`,
    openSource: 'Openen in de codeerwerkbank',
    openSourceNamed: (quote: string) => `De bron van “${quote}” openen in de codeerwerkbank`,
    rule: 'Elke codering staat er één keer in. Open antwoorden op tekstvragen horen niet bij de map.',
  },
} satisfies EmpathyMessages
