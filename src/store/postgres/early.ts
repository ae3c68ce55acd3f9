/**
 * The entry's way in to PostgreSQL (dist/postgres-early.cjs): the synchronous client
 * alone, loaded before the command tree when the command line names a PostgreSQL
 * address, so that connecting overlaps loading the rest. The store takes the connection.
 */
export { closeEarly, connectEarly } from './sync-client.ts';
