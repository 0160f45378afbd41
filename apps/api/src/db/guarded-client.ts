import pg from 'pg'

/**
 * A pg.Client that never crashes the process when its server goes away. pg emits 'error' on a
 * checked-out client when the connection drops during or between queries; the query that was
 * running fails on its own (and is answered 503), so the event needs a listener, not a handler.
 * Pools made by libraries (BullMQ's PostgreSQL backend) get it through the `Client` pool option.
 */
export class GuardedClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config)
    this.on('error', () => {})
  }
}
