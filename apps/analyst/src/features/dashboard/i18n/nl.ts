import type { DashboardMessages } from './en'

export const nl = {
  dashboard: {
    heading: 'Klantreisdashboard',
    intro:
      'De klantreis in één oogopslag: pijn en winst, de emotiecurve met piek en einde, de scores per contactmoment en de NPS.',
    filters: 'Filters',
    persona: 'Persona',
    allPersonas: 'Alle persona’s',
    segment: 'Segment',
    allSegments: 'Alle segmenten',
    from: 'Van',
    to: 'Tot en met',
    clear: 'Filters wissen',
    responses: (n: number) =>
      `Vragenlijstcijfers op basis van ${n} ${n === 1 ? 'ingevulde vragenlijst' : 'ingevulde vragenlijsten'}.`,
    noData: 'Nog geen gegevens',
    showTable: 'Als tabel tonen',
    touchpoint: 'Contactmoment',
    stage: 'Fase',
    n: (n: number) => `n = ${n}`,
    painGain: {
      title: 'Pijn en winst per contactmoment',
      caption: (coded: number, diary: number) =>
        `Pijn links, winst rechts, in de volgorde van de klantreis. Gecodeerde passages n = ${coded}, dagboekmomenten n = ${diary}.`,
      coded: 'Gecodeerd',
      diary: 'Dagboek',
      codedPain: 'Pijn (gecodeerd)',
      codedGain: 'Winst (gecodeerd)',
      diaryPain: 'Pijn (dagboek)',
      diaryGain: 'Winst (dagboek)',
    },
    emotion: {
      title: 'Emotiecurve',
      caption: (experienced: number, remembered: number) =>
        `Gemiddelde emotie (−3 … +3) per contactmoment met het 95%-interval: beleefd in het dagboek (n = ${experienced}) en herinnerd in de vragenlijsten (n = ${remembered}).`,
      experienced: 'Beleefd (dagboek)',
      remembered: 'Herinnerd (vragenlijst)',
      experiencedBand: '95%-interval beleefd',
      rememberedBand: '95%-interval herinnerd',
      peak: 'Piek',
      trough: 'Dal',
      end: 'Einde',
      peakEnd: (peak: string | null, trough: string | null, end: string | null) =>
        `Piek: ${peak ?? '—'}. Dal: ${trough ?? '—'}. Einde: ${end ?? '—'}.`,
      moments: (names: string) => `Moments of truth, gearceerd (aangewezen of kandidaat): ${names}.`,
    },
    scores: {
      title: 'Scores per contactmoment',
      caption: (level: number, n: number) =>
        `Aandeel top-2-box (CSAT) per contactmoment met het 95%-Wilsoninterval; de lijn is het basisniveau van ${level}%. n = ${n} antwoorden.`,
      top2: 'Aandeel top-2-box',
      basicLevel: 'Basisniveau',
      below: 'onder het basisniveau',
      belowList: (names: string) => `Onder het basisniveau: ${names}.`,
      allAbove: 'Alle gescoorde contactmomenten halen het basisniveau.',
      interval: '95%-interval',
      mean: 'Gemiddelde CSAT',
    },
    nps: {
      title: 'Net Promoter Score',
      caption: (n: number) => `Promotors min criticasters, met het 95%-interval (aangepaste Wald). n = ${n}.`,
      promoters: 'Promotors',
      passives: 'Passieven',
      detractors: 'Criticasters',
      score: 'NPS',
    },
    ipa: {
      title: 'Belang-prestatiematrix',
      caption: (k: number, min: number, max: number) =>
        `Prestatie (CSAT top-2-box) tegen afgeleid belang (Spearman-ρ met de NPS), beide met 95%-intervallen; de lijnen zijn de gemiddelden. ${k} ${k === 1 ? 'contactmoment' : 'contactmomenten'}, n = ${min === max ? min : `${min}–${max}`} antwoordparen per contactmoment.`,
      performance: 'Prestatie (top-2-box)',
      importance: 'Belang (ρ met NPS)',
      bubble: 'Grootte van de bel: deelnemers met een gecodeerde pijn',
      painParticipants: 'Deelnemers met een pijn',
      quadrant: 'Kwadrant',
      quadrants: {
        concentrate: 'Hier op inzetten',
        keep: 'Zo doorgaan',
        low: 'Lage prioriteit',
        overkill: 'Mogelijk overdreven',
        unclassified: 'Niet ingedeeld',
      } as Record<string, string>,
      unclassifiedLegend: 'Niet ingedeeld (grijs): een foutmarge kruist een lijn, dus het kwadrant is onzeker',
      note: 'Afgeleid belang is een correlatie: het weerspiegelt hoeveel de prestatie nu varieert, niet wat klanten zelf belangrijk vinden, en het is geen oorzaak en gevolg.',
    },
    moments: {
      title: 'Moments of truth',
      caption: (k: number, n: number) =>
        `Een vuistregel (analyse §4.3): kandidaten hebben een impact met een ondergrens boven 20 NPS-punten en komen vaak voor (≥ 10% ontevreden) of zijn een piek of het einde. ${k} ${k === 1 ? 'contactmoment' : 'contactmomenten'}, n = ${n} ingevulde vragenlijsten.`,
      impact: 'Impact ΔNPS',
      impactHelp: 'NPS van de tevredenen (CSAT 4–5) min die van de ontevredenen (CSAT 1–2), 95%-interval',
      impactN: (sat: number, dissat: number) => `n = ${sat} tevreden / ${dissat} ontevreden`,
      prevalence: 'Ontevreden',
      opportunity: 'Kans (wat-als)',
      opportunityNote:
        'Kans = aandeel ontevredenen × impact: de NPS-punten die zouden verschuiven als de ontevredenen antwoordden als de tevredenen. Een correlationele wat-als, geen causale schatting.',
      marker: 'Piek / einde',
      status: 'Moment of truth',
      designated: 'Aangewezen',
      candidate: 'Kandidaat',
      points: (x: string) => `${x} ptn`,
    },
    joint: {
      title: 'Joint display per contactmoment',
      caption: (k: number, findings: number) =>
        `Kwalitatief en vragenlijstbewijs naast elkaar, één rij per contactmoment in de volgorde van de klantreis (${k} contactmomenten). De oordelen over ${findings} ${findings === 1 ? 'bevinding' : 'bevindingen'} gelden voor het hele onderzoek, zonder de filters.`,
      painGain: 'Pijn / winst',
      topCodes: 'Meest gebruikte codes',
      quotes: 'Citaten',
      csatTop2: 'CSAT top-2-box',
      csatMean: 'Gemiddelde CSAT',
      remembered: 'Herinnerde emotie',
      findings: 'Bevindingen en oordelen',
      noFindings: 'Geen bevindingen',
      noQuotes: 'Geen citaten',
      pains: (n: number) => `${n} pijn`,
      gains: (n: number) => `${n} winst`,
      anonymous: 'anoniem',
    },
    quotes: {
      open: (n: number, valence: 'pain' | 'gain', touchpoint: string) =>
        `${n} citaten over ${valence === 'pain' ? 'pijn' : 'winst'} bij ${touchpoint}`,
      title: (valence: 'pain' | 'gain', touchpoint: string) =>
        `${valence === 'pain' ? 'Pijn' : 'Winst'} bij ${touchpoint}`,
      count: (shown: number, total: number) =>
        shown === total
          ? `${total} ${total === 1 ? 'citaat' : 'citaten'}, met de filters van het dashboard.`
          : `De eerste ${shown} van ${total} citaten, met de filters van het dashboard.`,
      none: 'Hier zijn met deze filters geen gecodeerde citaten.',
      sources: { diary: 'dagboek', answer: 'antwoord in vragenlijst', empathy: 'empathiekaart' } as Record<
        string,
        string
      >,
      clickHint: 'Klik op een balk, of op een getal in de tabel, om de citaten erachter te lezen.',
    },
  },
} satisfies DashboardMessages
