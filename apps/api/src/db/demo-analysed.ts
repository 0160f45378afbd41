import type { Kysely } from 'kysely'
import { demoSurveyDefinition, insertDemoStudy, STAGES } from './demo-model.js'
import type { DB } from './schema.js'

export const ANALYSED_DEMO_STUDY = 'Webshop journey, autumn wave (analysed)'

/**
 * A second demo study that has been through the whole method: 160 customers, a diary, a coded
 * codebook and a survey that 150 of them completed. It is what the dashboard, the findings and the
 * empathy map look like with data, while the first demo study stays a clean start. The numbers
 * come from a small model (a touchpoint's baseline, the customer's mood, persona and segment
 * effects, and an NPS driven by the delivery, the refund and the checkout) with a fixed seed, so
 * every fresh start shows the same dashboard.
 */

/** Mulberry32: a tiny seeded generator, so the demo is the same on every machine. */
function seeded(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())
  return { next, normal, pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! }
}
const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(x)))

/** Baseline CSAT (1–5) per touchpoint: delivery and the refund are where it hurts. */
const BASELINE: Record<string, number> = {
  'Friend recommends the shop': 4.3,
  'Product review sites': 3.9,
  'Search and product page': 4.1,
  'Shopping basket': 4.0,
  'Checkout and payment': 3.5,
  'Order confirmation email': 4.3,
  'Track-and-trace updates': 3.8,
  'Delivery at the door': 2.9,
  'Parcel and packaging': 4.0,
  'Manual and first use': 3.7,
  'Customer service chat': 4.1,
  'Talking about it on social media': 3.6,
  'Return request online': 3.1,
  'Drop-off at a parcel point': 3.9,
  'Refund received': 2.8,
}

const CODES = [
  { name: 'Waiting', description: 'Time passing without news or progress.', colour: '#b42318', shortcut: '1' },
  {
    name: 'Unclear information',
    description: 'The customer does not know what happens or what to do.',
    colour: '#c4320a',
    shortcut: '2',
  },
  { name: 'Payment problems', description: 'Failing or doubtful payments.', colour: '#93370d', shortcut: '3' },
  { name: 'Friendly staff', description: 'People who help, patiently and kindly.', colour: '#067647', shortcut: '4' },
  {
    name: 'Fast and on time',
    description: 'Something happened quicker than expected, or exactly when promised.',
    colour: '#027a48',
    shortcut: '5',
  },
  { name: 'Easy to do', description: 'A task that took no effort.', colour: '#1d5c57', shortcut: '6' },
] as const
type CodeName = (typeof CODES)[number]['name']

/** Diary moments: touchpoint, emotion, valence, text, code. */
const MOMENTS: [string, number, 'pain' | 'gain' | 'neutral', string, CodeName][] = [
  [
    'Search and product page',
    2,
    'gain',
    'Found the right charger in two clicks, the filter on brand worked well.',
    'Easy to do',
  ],
  [
    'Search and product page',
    1,
    'gain',
    'The photos showed the jacket from every side, so I knew what I got.',
    'Easy to do',
  ],
  [
    'Checkout and payment',
    -2,
    'pain',
    'The payment page froze after I chose my bank, I paid twice in the end.',
    'Payment problems',
  ],
  [
    'Checkout and payment',
    -1,
    'pain',
    'Had to type my address again because the form forgot it.',
    'Unclear information',
  ],
  [
    'Order confirmation email',
    1,
    'gain',
    'The confirmation came straight away with a clear overview.',
    'Fast and on time',
  ],
  [
    'Track-and-trace updates',
    -1,
    'pain',
    'The track-and-trace said "in transit" for three days, no idea where it was.',
    'Waiting',
  ],
  ['Track-and-trace updates', 1, 'gain', 'Got a two-hour window on the morning itself, handy.', 'Fast and on time'],
  ['Delivery at the door', -3, 'pain', 'Stayed home all day and the parcel went to a pick-up point anyway.', 'Waiting'],
  ['Delivery at the door', -2, 'pain', 'The driver did not ring, just left a card. I was home.', 'Unclear information'],
  ['Delivery at the door', -3, 'pain', 'Delivery was moved to the next day without a message.', 'Waiting'],
  [
    'Delivery at the door',
    1,
    'gain',
    'Delivered at seven in the morning, before I left for work. Perfect.',
    'Fast and on time',
  ],
  ['Parcel and packaging', 1, 'gain', 'Well packed, no plastic, nice.', 'Easy to do'],
  ['Manual and first use', -1, 'pain', 'The manual was only in German; I had to search online.', 'Unclear information'],
  ['Customer service chat', 2, 'gain', 'The chat person sorted my missing part within five minutes.', 'Friendly staff'],
  ['Customer service chat', 1, 'gain', 'Friendly and quick answer in the chat, even on Sunday.', 'Friendly staff'],
  ['Return request online', -2, 'pain', 'Could not find where to start a return on my phone.', 'Unclear information'],
  ['Return request online', 1, 'gain', 'Return label in my mailbox within a minute.', 'Easy to do'],
  ['Drop-off at a parcel point', 1, 'gain', 'Dropped the return at the supermarket, took no time.', 'Easy to do'],
  ['Refund received', -3, 'pain', 'Two weeks and still no refund, nobody answers my mail.', 'Waiting'],
  ['Refund received', -2, 'pain', 'The refund took ten days and there was no message in between.', 'Waiting'],
  ['Refund received', 2, 'gain', 'Money back two days after I dropped off the parcel.', 'Fast and on time'],
]

/** What customers wrote when a touchpoint scored 3 or less (the generated "why?" follow-up). */
const WHY: Record<string, string[]> = {
  'Delivery at the door': [
    'They did not ring the bell.',
    'Came outside the time window.',
    'Parcel left with a neighbour I do not know.',
  ],
  'Refund received': ['Took far too long.', 'No message when the money would come.'],
  'Checkout and payment': ['Payment failed the first time.', 'Too many steps.'],
  'Return request online': ['Could not find the form.', 'The label did not print.'],
}

export async function seedAnalysedStudy(trx: Kysely<DB>, organizationId: string, coderId: string): Promise<string> {
  const rnd = seeded(20261122)
  const now = Date.now()
  const daysAgo = (d: number, hour = 12) => new Date(now - d * 86_400_000 + (hour - 12) * 3_600_000)
  const study = {
    id: await insertDemoStudy(
      trx,
      organizationId,
      ANALYSED_DEMO_STUDY,
      'Find which moments of the order journey cost us recommendations, and check the diary findings against the survey.',
    ),
  }
  const personas = await trx
    .selectFrom('persona')
    .select(['id', 'position'])
    .where('study_id', '=', study.id)
    .orderBy('position')
    .execute()
  const tps = await trx
    .selectFrom('touchpoint')
    .select(['id', 'name', 'kind', 'moment_of_truth'])
    .where('study_id', '=', study.id)
    .execute()
  const tp = (name: string) => tps.find((t) => t.name === name)!
  await trx
    .insertInto('consent_text')
    .values({
      study_id: study.id,
      version: 1,
      texts: JSON.stringify({
        en: 'You take part voluntarily and may stop at any time.',
        nl: 'U doet vrijwillig mee en kunt op elk moment stoppen.',
      }),
    })
    .execute()

  // 160 customers: persona round robin, a third new customers, web or app
  const people = Array.from({ length: 160 }, (_, i) => ({
    study_id: study.id,
    email: `klant${String(i + 1).padStart(3, '0')}@example.com`,
    name: `Klant ${String(i + 1).padStart(3, '0')}`,
    language: i % 4 === 3 ? 'en' : 'nl',
    persona_id: personas[i % 3]!.id,
    segments: JSON.stringify({
      customerType: rnd.next() < 0.35 ? 'new' : 'returning',
      channel: rnd.next() < 0.55 ? 'app' : 'web',
    }) as never,
    consent_version: 1,
    consented_at: daysAgo(40),
  }))
  const participants = await trx
    .insertInto('participant')
    .values(people)
    .returning(['id', 'persona_id', 'segments'])
    .execute()

  // the survey, generated from the journey, with an emotion question after each moment of truth
  const definition = demoSurveyDefinition(tps)
  const survey = await trx
    .insertInto('survey')
    .values({ study_id: study.id, title: 'How was your order?', status: 'open', draft: JSON.stringify(definition) })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('survey_version')
    .values({ survey_id: survey.id, version: 1, definition: JSON.stringify(definition), published_at: daysAgo(30) })
    .execute()

  const questions = definition.pages.flatMap((p) => p.questions)
  const whyAnswers: { responseId: string; questionId: string; text: string; touchpointId: string; pain: boolean }[] = []
  for (const [i, p] of participants.entries()) {
    if (i >= 155) break // five never started
    const responseId = crypto.randomUUID()
    const complete = i < 150
    const mood = rnd.normal() * 0.6
    const persona = personas.findIndex((x) => x.id === p.persona_id)
    const isNew = (p.segments as Record<string, string>).customerType === 'new'
    const returned = rnd.next() < 0.4
    const answers: { question_id: string; value: string }[] = []
    const csat = new Map<string, number>()
    for (const q of questions) {
      const t = tps.find((x) => x.id === q.touchpointId)
      if (q.type === 'csat' && t) {
        const stage = STAGES.find((s) => s.touchpoints.some(([n]) => n === t.name))!
        if (stage.name === 'Returning' && !returned) continue
        if (rnd.next() > (t.kind === 'direct' ? 0.9 : 0.45)) continue
        let mean = BASELINE[t.name]! + mood
        if (persona === 1 && t.name === 'Checkout and payment') mean -= 0.7 // Mrs de Vries and the payment page
        if (persona === 1 && t.name === 'Customer service chat') mean += 0.5
        if (isNew && t.name === 'Delivery at the door') mean -= 0.3
        const v = clamp(mean + rnd.normal() * 0.8, 1, 5)
        csat.set(t.name, v)
        answers.push({ question_id: q.id, value: JSON.stringify(v) })
      } else if (q.type === 'emotion' && t && csat.has(t.name)) {
        answers.push({
          question_id: q.id,
          value: JSON.stringify(clamp((csat.get(t.name)! - 3) * 1.1 + rnd.normal() * 0.7, -3, 3)),
        })
      } else if (
        q.type === 'long_text' &&
        t &&
        csat.has(t.name) &&
        csat.get(t.name)! <= 3 &&
        WHY[t.name] &&
        rnd.next() < 0.5
      ) {
        const text = rnd.pick(WHY[t.name]!)
        answers.push({ question_id: q.id, value: JSON.stringify(text) })
        whyAnswers.push({ responseId, questionId: q.id, text, touchpointId: t.id, pain: true })
      } else if (q.type === 'nps') {
        const d = (name: string) => (csat.has(name) ? csat.get(name)! - 3 : 0)
        const nps = clamp(
          6.3 +
            1.3 * d('Delivery at the door') +
            0.9 * d('Refund received') +
            0.5 * d('Checkout and payment') +
            1.2 * mood +
            rnd.normal() * 1.4,
          0,
          10,
        )
        if (complete || rnd.next() < 0.5) answers.push({ question_id: q.id, value: JSON.stringify(nps) })
      } else if (q.type === 'ces' && complete) {
        answers.push({ question_id: q.id, value: JSON.stringify(clamp(5 + mood * 1.5 + rnd.normal(), 1, 7)) })
      }
    }
    const completedAt = daysAgo(Math.floor(rnd.next() * 28), 8 + Math.floor(rnd.next() * 12))
    await trx
      .insertInto('survey_response')
      .values({
        id: responseId,
        survey_id: survey.id,
        version: 1,
        participant_id: p.id,
        status: complete ? 'complete' : 'in_progress',
        started_at: completedAt,
        updated_at: completedAt,
        completed_at: complete ? completedAt : null,
      })
      .execute()
    if (answers.length)
      await trx
        .insertInto('survey_answer')
        .values(answers.map((a) => ({ response_id: responseId, ...a, answered_at: completedAt })))
        .execute()
  }

  // a diary kept by the first 14 customers, every moment coded
  const codes = await trx
    .insertInto('code')
    .values(CODES.map((c, i) => ({ study_id: study.id, ...c, position: i })))
    .returning(['id', 'name'])
    .execute()
  const codeId = (name: string) => codes.find((c) => c.name === name)!.id
  await trx
    .insertInto('diary')
    .values({
      study_id: study.id,
      title: 'Your order diary',
      instructions:
        'Every time you deal with the shop (or hear about it), add a moment: what happened and how it felt.',
      starts_on: daysAgo(35).toISOString().slice(0, 10),
      ends_on: daysAgo(-7).toISOString().slice(0, 10),
      time_zone: 'Europe/Amsterdam',
      prompt_times: ['19:30'],
      form: JSON.stringify({
        touchpoint: 'required',
        text: 'required',
        emotion: 'required',
        valence: 'required',
        channel: 'optional',
        photo: 'optional',
      }),
    })
    .execute()
  for (const [k, [name, emotion, valence, text, code]] of MOMENTS.entries()) {
    for (const who of [k % 14, (k + 5) % 14]) {
      const entryId = crypto.randomUUID()
      const at = daysAgo(30 - k - (who % 3), 19)
      await trx
        .insertInto('diary_entry')
        .values({
          id: entryId,
          study_id: study.id,
          participant_id: participants[who]!.id,
          occurred_at: at,
          touchpoint_id: tp(name).id,
          text,
          emotion,
          valence,
        })
        .execute()
      const codingId = crypto.randomUUID()
      await trx
        .insertInto('coding')
        .values({
          id: codingId,
          study_id: study.id,
          source: `diary_entry:${entryId}`,
          entry_id: entryId,
          span_start: 0,
          span_end: text.length,
          quote: text,
          touchpoint_id: tp(name).id,
          valence,
          coder_id: coderId,
          created_at: at,
          updated_at: at,
        })
        .execute()
      await trx
        .insertInto('coding_code')
        .values({ coding_id: codingId, code_id: codeId(code) })
        .execute()
    }
  }
  // and the first open answers of the survey, coded as pains
  for (const w of whyAnswers.slice(0, 12)) {
    const codingId = crypto.randomUUID()
    await trx
      .insertInto('coding')
      .values({
        id: codingId,
        study_id: study.id,
        source: `answer:${w.responseId}:${w.questionId}`,
        response_id: w.responseId,
        question_id: w.questionId,
        span_start: 0,
        span_end: w.text.length,
        quote: w.text,
        touchpoint_id: w.touchpointId,
        valence: 'pain',
        coder_id: coderId,
      })
      .execute()
    await trx
      .insertInto('coding_code')
      .values({
        coding_id: codingId,
        code_id: codeId(/long|wait|time/i.test(w.text) ? 'Waiting' : 'Unclear information'),
      })
      .execute()
  }
  return study.id
}
