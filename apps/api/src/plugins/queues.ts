import type { Queue } from 'bullmq'
import fp from 'fastify-plugin'
import { createQueueConnection, type QueueConnection } from '../jobs/connections.js'
import { MAIL_QUEUE, WORK_QUEUE } from '../jobs/queue-names.js'

export type Queues = {
  backend: QueueConnection['backend']
  mail: Queue
  work: Queue
  /** Reachable within a second? Used by /readyz. */
  ping: () => Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    queues: Queues
    queueConnection: QueueConnection
  }
}

export default fp(
  async (app) => {
    const connection = createQueueConnection(app.config)
    const mail: Queue = new connection.classes.Queue(MAIL_QUEUE, {
      ...connection.producer(),
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 2000 },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      },
    })
    mail.on('error', (err) => app.log.warn({ err }, 'mail queue error'))
    const work: Queue = new connection.classes.Queue(WORK_QUEUE, {
      ...connection.producer(),
      defaultJobOptions: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 2000 },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      },
    })
    work.on('error', (err) => app.log.warn({ err }, 'work queue error'))
    app.decorate('queueConnection', connection)
    app.decorate('queues', {
      backend: connection.backend,
      mail,
      work,
      ping: async () => {
        let timer: NodeJS.Timeout | undefined
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('queue did not answer within 1s')), 1000)
        })
        try {
          await Promise.race([mail.getJobCounts('waiting'), timeout])
        } finally {
          clearTimeout(timer)
        }
      },
    })
    app.addHook('onClose', async () => {
      await Promise.all([mail.close(), work.close()])
      await connection.close()
    })
  },
  { name: 'queues', dependencies: ['config'] },
)
