/**
 * The object placed on context.secrets. Handlers read it like a plain object, but serialising
 * or inspecting it (a logger dumping the context, console.log while debugging) prints only the
 * names, so secret material does not end up in CloudWatch by accident.
 */
import { inspect } from 'node:util';

export function secretsContainer(values: Record<string, unknown>): Readonly<Record<string, unknown>> {
  const container: Record<string, unknown> = { ...values };
  const redacted = () => Object.fromEntries(Object.keys(values).map((name) => [name, '[REDACTED]']));
  Object.defineProperty(container, 'toJSON', { value: redacted, enumerable: false });
  Object.defineProperty(container, inspect.custom, { value: () => `Secrets ${inspect(redacted())}`, enumerable: false });
  return Object.freeze(container);
}
