/**
 * `run` once, `ms` after the last of a burst of calls: how a page reads again when the live
 * stream tells of many changes at once. `cancel` drops a call still waiting (the page went away).
 */
export function debounced(run: () => void, ms = 200): { (): void; cancel(): void } {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const call = () => {
    clearTimeout(pending);
    pending = setTimeout(run, ms);
  };
  call.cancel = () => clearTimeout(pending);
  return call;
}
