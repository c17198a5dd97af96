/** Delay before retry number `attempts` (1 = after the first failure): base × 2^(attempts−1),
 * capped, with ±20% jitter so failed endpoints are not hit in lockstep (pure; `random` ∈ [0,1)). */
export function retryDelayMs(
  attempts: number,
  baseMs: number,
  maxMs: number,
  random: number,
): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30));
  return Math.round(exp * (0.8 + 0.4 * random));
}
