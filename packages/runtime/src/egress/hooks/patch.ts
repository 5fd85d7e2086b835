/**
 * Replaces a function property with a checking wrapper and gives back the undo. The wrapper
 * keeps the original's name and, on undo, the original is put back only if nobody patched on
 * top of us since; otherwise we would silently remove their hook.
 */
import { createRequire } from 'node:module';

export type Restore = () => void;

/** The CommonJS export objects of builtins: the ones other code reads functions from at call time. */
export const nodeRequire = createRequire(import.meta.url);

export function wrapMethod(target: object, name: string, make: (original: (...args: any[]) => any) => (...args: any[]) => any): Restore {
  const holder = target as Record<string, unknown>;
  const original = holder[name];
  if (typeof original !== 'function') return () => undefined;
  const wrapped = make(original as (...args: any[]) => any);
  Object.defineProperty(wrapped, 'name', { value: original.name, configurable: true });
  Object.defineProperty(wrapped, 'length', { value: original.length, configurable: true });
  // Keep util.promisify.custom and similar static extras working (fs.exists, setTimeout...).
  for (const symbol of Object.getOwnPropertySymbols(original)) {
    const descriptor = Object.getOwnPropertyDescriptor(original, symbol);
    if (descriptor) Object.defineProperty(wrapped, symbol, descriptor);
  }
  holder[name] = wrapped;
  return () => {
    if (holder[name] === wrapped) holder[name] = original;
  };
}
