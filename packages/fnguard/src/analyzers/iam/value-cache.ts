/**
 * Caches keyed by policy text (ARNs, action patterns). The same values recur across every role of
 * every template, so results are kept by value; the bound keeps a long-running process (watch
 * mode, an editor integration) from growing without limit on ever-new text.
 */
const MAX_CACHED = 50_000;

export function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, value);
  return value;
}
