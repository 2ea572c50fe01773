/**
 * One slice of background work per event-loop turn, shared by every long task of the process (the corpus sync,
 * the index catch-up, the quotation warm-up, the snapshot save, briefing filters).
 *
 * Why not a plain `await new Promise(setImmediate)` in each task: Node runs every immediate queued before its
 * check phase in that same phase. Three tasks that each yield after an 8 ms slice would then run their next
 * slices back to back, and the event loop would stall for the sum of them (bursts of 1,000 arrivals measured
 * 50–70 ms pauses made of three or four such slices). Here the waiters form one queue and only the first is let
 * go per turn: its slice runs, then timers, I/O and interactions get their turn before the next waiter's slice.
 */

const waiters: Array<() => void> = [];
let pumping = false;

function pump(): void {
  const next = waiters.shift();
  if (next) next();
  // Scheduled from inside the check phase, so it runs in the next turn, after timers and I/O.
  if (waiters.length) setImmediate(pump);
  else pumping = false;
}

/** Resolves at a later event-loop turn, after the background slices queued before it (one slice per turn). */
export function nextBackgroundTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiters.push(resolve);
    if (!pumping) {
      pumping = true;
      // Two hops: a slice that yields from an I/O callback would otherwise resume in the same turn's check phase,
      // before any timer has had its turn. From inside a check phase, setImmediate always lands in the next turn.
      setImmediate(() => setImmediate(pump));
    }
  });
}
