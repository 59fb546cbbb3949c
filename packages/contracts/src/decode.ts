import { envelopeSchema, type Envelope } from './envelope';
import { issuesFromZod, type Issue } from './errors';
import type { EventDefinition, EventRegistry } from './registry';

export type DecodeResult =
  { ok: true; envelope: Envelope; definition: EventDefinition } | { ok: false; reason: string; issues?: Issue[] };

/**
 * Validates raw bytes as an envelope of a registered event type and version.
 * Used on arrival by every consumer: a payload that fails here can never
 * succeed, so the consumer parks it instead of retrying.
 */
export function decodeEvent(registry: EventRegistry, raw: Uint8Array | string): DecodeResult {
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : new TextDecoder().decode(raw));
  } catch {
    return { ok: false, reason: 'payload is not valid JSON' };
  }
  const env = envelopeSchema.safeParse(json);
  if (!env.success) return { ok: false, reason: 'envelope is invalid', issues: issuesFromZod(env.error) };
  const definition = registry[env.data.type];
  if (!definition) return { ok: false, reason: `unknown event type ${env.data.type}` };
  if (definition.version !== env.data.version) {
    return {
      ok: false,
      reason: `${env.data.type} v${env.data.version} is not supported (expected v${definition.version})`,
    };
  }
  const data = definition.data.safeParse(env.data.data);
  if (!data.success) {
    return { ok: false, reason: `data of ${env.data.type} is invalid`, issues: issuesFromZod(data.error) };
  }
  return { ok: true, envelope: { ...env.data, data: data.data }, definition };
}

/** Validates an envelope before it is staged in an outbox, so a producer can never emit a bad event. */
export function assertValidEvent(registry: EventRegistry, envelope: Envelope): void {
  const result = decodeEvent(registry, JSON.stringify(envelope));
  if (!result.ok) {
    const detail = result.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new Error(`refusing to emit ${envelope.type}: ${result.reason}${detail ? ` (${detail})` : ''}`);
  }
}
