// The interval every evaluation script reports: Wilson's score interval for a
// proportion k/n at 95%, which stays inside 0..1 and is honest for small n.
export function wilson(k, n) {
  if (n === 0) return [0, 1];
  const z = 1.96, p = k / n, d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d, h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}
