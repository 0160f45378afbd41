export const en = {
  empathy: {
    heading: 'Empathy map',
    intro:
      'What participants say, think, do and feel, and their pains and gains — each item a coded quote from the diaries or the empathy-map questionnaires.',
    persona: 'Persona',
    allParticipants: 'All participants',
    summary: (items: number, participants: number) =>
      `${items} ${items === 1 ? 'item' : 'items'} from ${participants} ${participants === 1 ? 'participant' : 'participants'}`,
    none: 'Nothing coded yet for this selection. Code diary entries and empathy-map answers in the coding workbench.',
    mapLabel: 'Empathy map',
    boxes: { says: 'Says', thinks: 'Thinks', does: 'Does', feels: 'Feels', pains: 'Pains', gains: 'Gains' } as Record<
      string,
      string
    >,
    hints: {
      says: 'Empathy-map items in “says”',
      thinks: 'Empathy-map items in “thinks”',
      does: 'Empathy-map items in “does”; diary quotes coded without pain, gain or emotion',
      feels:
        'Empathy-map items in “feels”; diary quotes coded without pain or gain where the diarist recorded an emotion',
      pains: 'Diary quotes coded as a pain; “sees” and “hears” items that are a pain',
      gains: 'Diary quotes coded as a gain; “sees” and “hears” items that are a gain',
    } as Record<string, string>,
    itemBoxes: { says: 'says', thinks: 'thinks', does: 'does', feels: 'feels', sees: 'sees', hears: 'hears' } as Record<
      string,
      string
    >,
    emptyBox: 'Nothing here yet.',
    anonymous: 'anonymous',
    noTouchpoint: 'no touchpoint',
    fromDiary: 'diary',
    fromEmpathyItem: (box: string) => `empathy map · ${box}`,
    openSource: 'Open in the coding workbench',
    openSourceNamed: (quote: string) => `Open the source of “${quote}” in the coding workbench`,
    rule: 'Each coding appears once. Open answers to text questions are not part of the map.',
  },
}

export type EmpathyMessages = typeof en
