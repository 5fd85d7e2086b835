/**
 * Lists in finding messages stay short: the first `limit` items, then how many were left out
 * (`a, b, c and 4 more`). `more` names what was left out when the list alone does not say it.
 */
export function shortList(items: readonly string[], limit: number, more = 'more'): string {
  const shown = items.slice(0, limit).join(', ');
  return items.length > limit ? `${shown} and ${items.length - limit} ${more}` : shown;
}
