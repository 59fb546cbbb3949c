/**
 * Thrown by a handler when an event can never be applied (e.g. it refers to
 * something that does not exist and never will): the runner parks it in the
 * dead-letter stream at once instead of retrying.
 */
export class PermanentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentError';
  }
}
