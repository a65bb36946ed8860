/** Feed tokens: random and unguessable, kept only as a digest. */
export abstract class FeedSecrets {
  abstract generate(): string;
  abstract digest(token: string): string;
}
