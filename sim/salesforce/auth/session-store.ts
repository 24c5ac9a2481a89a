import { randomBytes } from "node:crypto";

interface Session {
  expiresAt: number;
}

/** Access tokens the sandbox issued, with expiry; tests can expire them all to exercise refresh. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Set<string>();
  private readonly orgId: string;
  ttlMs: number;

  constructor(orgId: string, ttlMs: number) {
    this.orgId = orgId;
    this.ttlMs = ttlMs;
  }

  issue(): string {
    const token = `${this.orgId.slice(0, 15)}!AQ${randomBytes(48).toString("base64url")}`;
    this.sessions.set(token, { expiresAt: Date.now() + this.ttlMs });
    return token;
  }

  isValid(token: string): boolean {
    const session = this.sessions.get(token);
    if (!session) return false;
    if (session.expiresAt <= Date.now()) {
      this.sessions.delete(token);
      return false;
    }
    return true;
  }

  revoke(token: string): void {
    this.sessions.delete(token);
    this.refreshTokens.delete(token);
  }

  expireAll(): void {
    this.sessions.clear();
  }

  issueRefreshToken(): string {
    const token = `5Aep${randomBytes(40).toString("base64url")}`;
    this.refreshTokens.add(token);
    return token;
  }

  isValidRefreshToken(token: string): boolean {
    return this.refreshTokens.has(token);
  }

  activeCount(): number {
    return this.sessions.size;
  }
}
