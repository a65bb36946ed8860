/** Only in-app paths are followed after sign-in: never another origin (`//evil.example`, `https:`). */
export function safeReturnUrl(candidate: string | null | undefined): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return '/';
  return candidate;
}
