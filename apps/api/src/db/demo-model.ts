import {
  generateSurveyFromJourney,
  type QuestionInput,
  type SurveyDefinition,
  SurveyDefinitionSchema,
} from '@klantreis/shared/surveys'
import type { Kysely } from 'kysely'
import type { DB } from './schema.js'

type Tp = [
  name: string,
  channel: string,
  kind: 'direct' | 'indirect',
  owner: string,
  momentOfTruth: boolean,
  description: string,
]

// A webshop's "order to delivery and returns" journey: realistic enough to show every screen.
export const STAGES: { name: string; description: string; touchpoints: Tp[] }[] = [
  {
    name: 'Orientation',
    description: 'The customer looks for a product and compares shops.',
    touchpoints: [
      [
        'Friend recommends the shop',
        'word_of_mouth',
        'indirect',
        'Marketing',
        false,
        'A friend or colleague mentions us.',
      ],
      [
        'Product review sites',
        'review_site',
        'indirect',
        'Marketing',
        false,
        'Reviews on comparison and review sites.',
      ],
      [
        'Search and product page',
        'web',
        'direct',
        'E-commerce',
        true,
        'Finding the product, photos, stock and delivery promise.',
      ],
    ],
  },
  {
    name: 'Ordering',
    description: 'From basket to paid order.',
    touchpoints: [
      ['Shopping basket', 'web', 'direct', 'E-commerce', false, 'Basket, delivery options and costs.'],
      ['Checkout and payment', 'web', 'direct', 'E-commerce', true, 'Address, payment method, confirmation page.'],
      [
        'Order confirmation email',
        'email',
        'direct',
        'Customer service',
        false,
        'The confirmation with order number and expected date.',
      ],
    ],
  },
  {
    name: 'Waiting and delivery',
    description: 'Between order and parcel in hand.',
    touchpoints: [
      [
        'Track-and-trace updates',
        'email',
        'direct',
        'Logistics',
        false,
        'Messages from the carrier with the delivery window.',
      ],
      [
        'Delivery at the door',
        'delivery',
        'direct',
        'Logistics',
        true,
        'The driver, the time window, a neighbour or pick-up point.',
      ],
      [
        'Parcel and packaging',
        'delivery',
        'direct',
        'Logistics',
        false,
        'Unboxing: state of the product, packing material.',
      ],
    ],
  },
  {
    name: 'Using',
    description: 'The product at home.',
    touchpoints: [
      ['Manual and first use', 'other', 'direct', 'Product', false, 'Instructions, setting up, first impression.'],
      ['Customer service chat', 'chat', 'direct', 'Customer service', false, 'Questions about use or a missing part.'],
      [
        'Talking about it on social media',
        'social',
        'indirect',
        'Marketing',
        false,
        'The customer shares the purchase, or a complaint.',
      ],
    ],
  },
  {
    name: 'Returning',
    description: 'When the product goes back.',
    touchpoints: [
      ['Return request online', 'web', 'direct', 'Customer service', false, 'Finding the return form and the label.'],
      ['Drop-off at a parcel point', 'store', 'direct', 'Logistics', false, 'Handing in the parcel.'],
      ['Refund received', 'email', 'direct', 'Finance', true, 'Money back, and how long it took.'],
    ],
  },
]

export const PERSONAS = [
  {
    name: 'Sanne, the student',
    description: 'Orders on her phone between lectures, compares prices, returns often when sizes do not fit.',
    attributes: { age: '23', device: 'smartphone', segment: 'price-conscious' },
  },
  {
    name: 'Mrs de Vries',
    description:
      'Orders a few times a year on the tablet her grandson set up; wants to talk to a person when in doubt.',
    attributes: { age: '76', device: 'tablet', segment: 'needs reassurance' },
  },
  {
    name: 'Ahmed, the busy parent',
    description: 'Orders for the whole family in the evening; the delivery moment has to fit around work and school.',
    attributes: { age: '41', device: 'laptop and phone', segment: 'convenience' },
  },
]

/** A live study about the demo journey, with its personas, stages and touchpoints. */
export async function insertDemoStudy(
  trx: Kysely<DB>,
  organizationId: string,
  title: string,
  goal: string,
): Promise<string> {
  const study = await trx
    .insertInto('study')
    .values({
      organization_id: organizationId,
      title,
      goal,
      loyalty_metrics: ['buy_more', 'recommend'],
      scope: 'From finding a product on the site until the parcel is in use, or returned and refunded.',
      customer_job:
        'Get the right product at home at a moment that suits me, and send it back without hassle if it is not right.',
      languages: ['nl', 'en'],
      status: 'live',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await insertJourney(trx, study.id)
  return study.id
}

/**
 * The survey the generator makes from the demo journey (with a "why?" after a low score), plus an
 * emotion question after each moment of truth, for the remembered emotion curve.
 */
export function demoSurveyDefinition(
  touchpoints: { id: string; name: string; moment_of_truth: boolean }[],
): SurveyDefinition {
  const generated = generateSurveyFromJourney(
    {
      languages: ['nl', 'en'],
      stages: STAGES.map((s) => ({
        name: s.name,
        touchpoints: s.touchpoints.map(([name]) => ({ id: touchpoints.find((t) => t.name === name)!.id, name })),
      })),
    },
    { includeWhy: true },
  )
  return SurveyDefinitionSchema.parse({
    ...generated,
    pages: generated.pages.map((page) => ({
      ...page,
      questions: page.questions.flatMap((q): QuestionInput[] => {
        const t = touchpoints.find((x) => x.id === q.touchpointId)
        if (q.type !== 'csat' || !t?.moment_of_truth) return [q as QuestionInput]
        const emotion: QuestionInput = {
          id: q.id.replace(/-csat$/, '-emotion'),
          type: 'emotion',
          text: {
            nl: `Hoe voelde u zich bij ${t.name.toLowerCase()}?`,
            en: `How did you feel about ${t.name.toLowerCase()}?`,
          },
          required: false,
          touchpointId: t.id,
          measure: 'emotion',
        }
        return [q as QuestionInput, emotion]
      }),
    })),
  })
}

/** The personas, stages and touchpoints of the demo journey, into a study. */
async function insertJourney(trx: Kysely<DB>, studyId: string) {
  await trx
    .insertInto('persona')
    .values(
      PERSONAS.map((p, i) => ({
        study_id: studyId,
        name: p.name,
        description: p.description,
        attributes: JSON.stringify(p.attributes),
        position: i,
      })),
    )
    .execute()
  for (const [i, s] of STAGES.entries()) {
    const stage = await trx
      .insertInto('stage')
      .values({ study_id: studyId, name: s.name, description: s.description, position: i })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('touchpoint')
      .values(
        s.touchpoints.map(([name, channel, kind, owner, mot, description], j) => ({
          study_id: studyId,
          stage_id: stage.id,
          name,
          description,
          channel,
          kind,
          owner_department: owner,
          moment_of_truth: mot,
          position: j,
        })),
      )
      .execute()
  }
}
