/**
 * How far a partner's share of offers is from the share its weight promises, in percentage points. Within
 * 2 points is "fair" (small samples wobble); more is over- or under-served.
 */
export function fairnessGap(
  share: number,
  weightShare: number | null,
  tolerancePoints = 2,
): { points: number; tone: 'fair' | 'over' | 'under' } | null {
  if (weightShare === null) return null;
  const points = Math.round((share - weightShare) * 1000) / 10;
  const tone = Math.abs(points) <= tolerancePoints ? 'fair' : points > 0 ? 'over' : 'under';
  return { points, tone };
}
