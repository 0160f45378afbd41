export const en = {
  dashboard: {
    heading: 'Journey dashboard',
    intro:
      'The journey at a glance: pains and gains, the emotion curve with its peak and end, the touchpoint scores and the NPS.',
    filters: 'Filters',
    persona: 'Persona',
    allPersonas: 'All personas',
    segment: 'Segment',
    allSegments: 'All segments',
    from: 'From',
    to: 'To',
    clear: 'Clear filters',
    responses: (n: number) => `Survey figures based on ${n} completed ${n === 1 ? 'questionnaire' : 'questionnaires'}.`,
    noData: 'No data yet',
    showTable: 'Show as a table',
    touchpoint: 'Touchpoint',
    stage: 'Stage',
    n: (n: number) => `n = ${n}`,
    painGain: {
      title: 'Pain and gain per touchpoint',
      caption: (coded: number, diary: number) =>
        `Pain to the left, gain to the right, in journey order. Coded passages n = ${coded}, diary moments n = ${diary}.`,
      coded: 'Coded',
      diary: 'Diary',
      codedPain: 'Pain (coded)',
      codedGain: 'Gain (coded)',
      diaryPain: 'Pain (diary)',
      diaryGain: 'Gain (diary)',
    },
    emotion: {
      title: 'Emotion curve',
      caption: (experienced: number, remembered: number) =>
        `Mean emotion (−3 … +3) per touchpoint with its 95% interval: experienced in the diary (n = ${experienced}) and remembered in the surveys (n = ${remembered}).`,
      experienced: 'Experienced (diary)',
      remembered: 'Remembered (survey)',
      experiencedBand: 'Experienced 95% interval',
      rememberedBand: 'Remembered 95% interval',
      peak: 'Peak',
      trough: 'Trough',
      end: 'End',
      peakEnd: (peak: string | null, trough: string | null, end: string | null) =>
        `Peak: ${peak ?? '—'}. Trough: ${trough ?? '—'}. End: ${end ?? '—'}.`,
      moments: (names: string) => `Moments of truth, shaded (designated or candidate): ${names}.`,
    },
    scores: {
      title: 'Touchpoint scores',
      caption: (level: number, n: number) =>
        `CSAT top-2-box share per touchpoint with its 95% Wilson interval; the line is the basic level of ${level}%. n = ${n} answers.`,
      top2: 'Top-2-box share',
      basicLevel: 'Basic level',
      below: 'below the basic level',
      belowList: (names: string) => `Below the basic level: ${names}.`,
      allAbove: 'All scored touchpoints reach the basic level.',
      interval: '95% interval',
      mean: 'CSAT mean',
    },
    nps: {
      title: 'Net Promoter Score',
      caption: (n: number) => `Promoters minus detractors, with its 95% interval (adjusted Wald). n = ${n}.`,
      promoters: 'Promoters',
      passives: 'Passives',
      detractors: 'Detractors',
      score: 'NPS',
    },
    ipa: {
      title: 'Importance–performance matrix',
      caption: (k: number, min: number, max: number) =>
        `Performance (CSAT top-2-box) against derived importance (Spearman ρ with the NPS), both with 95% intervals; the lines are the means. ${k} ${k === 1 ? 'touchpoint' : 'touchpoints'}, n = ${min === max ? min : `${min}–${max}`} answer pairs each.`,
      performance: 'Performance (top-2-box)',
      importance: 'Importance (ρ with NPS)',
      bubble: 'Bubble size: participants with a coded pain',
      painParticipants: 'Participants with a pain',
      quadrant: 'Quadrant',
      quadrants: {
        concentrate: 'Concentrate here',
        keep: 'Keep up the good work',
        low: 'Low priority',
        overkill: 'Possible overkill',
        unclassified: 'Unclassified',
      } as Record<string, string>,
      unclassifiedLegend: 'Unclassified (grey): a whisker crosses a line, so the quadrant is uncertain',
      note: 'Derived importance is a correlation: it reflects how much performance varies now, not what customers say matters, and not cause and effect.',
    },
    moments: {
      title: 'Moments of truth',
      caption: (k: number, n: number) =>
        `A heuristic (analysis §4.3): candidates have an impact whose lower bound exceeds 20 NPS points and are prevalent (≥ 10% dissatisfied) or a peak or end. ${k} ${k === 1 ? 'touchpoint' : 'touchpoints'}, n = ${n} completed questionnaires.`,
      impact: 'Impact ΔNPS',
      impactHelp: 'NPS of the satisfied (CSAT 4–5) minus that of the dissatisfied (CSAT 1–2), 95% interval',
      impactN: (sat: number, dissat: number) => `n = ${sat} satisfied / ${dissat} dissatisfied`,
      prevalence: 'Dissatisfied',
      opportunity: 'Opportunity (what-if)',
      opportunityNote:
        'Opportunity = share dissatisfied × impact: the NPS points that would move if the dissatisfied answered like the satisfied. A correlational what-if, not a causal estimate.',
      marker: 'Peak / end',
      status: 'Moment of truth',
      designated: 'Designated',
      candidate: 'Candidate',
      points: (x: string) => `${x} pts`,
    },
    joint: {
      title: 'Joint display per touchpoint',
      caption: (k: number, findings: number) =>
        `Qualitative and survey evidence side by side, one row per touchpoint in journey order (${k} touchpoints). Verdicts of ${findings} ${findings === 1 ? 'finding' : 'findings'} hold for the whole study, without the filters.`,
      painGain: 'Pain / gain',
      topCodes: 'Top codes',
      quotes: 'Quotes',
      csatTop2: 'CSAT top-2-box',
      csatMean: 'CSAT mean',
      remembered: 'Remembered emotion',
      findings: 'Findings and verdicts',
      noFindings: 'No findings',
      noQuotes: 'No quotes',
      pains: (n: number) => `${n} pain`,
      gains: (n: number) => `${n} gain`,
      anonymous: 'anonymous',
    },
    quotes: {
      open: (n: number, valence: 'pain' | 'gain', touchpoint: string) => `${n} ${valence} quotes at ${touchpoint}`,
      title: (valence: 'pain' | 'gain', touchpoint: string) =>
        `${valence === 'pain' ? 'Pain' : 'Gain'} at ${touchpoint}`,
      count: (shown: number, total: number) =>
        shown === total
          ? `${total} ${total === 1 ? 'quote' : 'quotes'}, with the dashboard's filters.`
          : `The first ${shown} of ${total} quotes, with the dashboard's filters.`,
      none: 'No coded quotes here with these filters.',
      sources: { diary: 'diary', answer: 'survey answer', empathy: 'empathy map' } as Record<string, string>,
      clickHint: 'Click a bar, or a number in the table, to read the quotes behind it.',
    },
  },
}

export type DashboardMessages = typeof en
