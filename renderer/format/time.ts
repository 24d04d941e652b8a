/** `m:ss`, or `h:mm:ss` from an hour; negative and non-finite values show as 0:00. */
export function formatDuration(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Whole seconds left until `at`, never negative (rounded up so "0 s" means now). */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** "in 42 s", "in 3 min", "in 2 h", "in 5 days": for retry and expiry hints. */
export function formatIn(at: number, now: number): string {
  const seconds = secondsUntil(at, now);
  if (seconds < 60) return `in ${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} h`;
  return `in ${Math.round(hours / 24)} days`;
}

/** A calendar date such as "12 May 2027", in the user's locale. */
export function formatDate(at: number, locale?: string): string {
  return new Date(at).toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' });
}
