// lucia v3's storage adapter, written for our Prisma client: lucia's own
// @lucia-auth/adapter-prisma refuses Prisma 6. Only this file and
// session.server.ts know lucia exists.
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { Db } from "~/db.server";
import { flag, instant, readRows, textOrNull } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type { Region, Role } from "~/generated/prisma/sqlite/enums";

type SessionRow = {
  id: string;
  userId: string;
  expiresAt: Date;
  absoluteExpiresAt: Date;
  createdAt: Date;
  lastSeenAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  secondFactorRequired: boolean;
  secondFactorAt: Date | null;
  duress: boolean;
  webAuthnChallenge: string | null;
};

function toDatabaseSession({ id, userId, expiresAt, ...attributes }: SessionRow): DatabaseSession {
  return { id, userId, expiresAt, attributes };
}

export class PrismaSessionAdapter implements Adapter {
  constructor(private readonly db: Db) {}

  /**
   * Every request's first read, so through the driver (reads.server.ts): one statement, no query
   * compiled by Prisma (about a millisecond of CPU a request, decision 0040). One row per region
   * of the person (one with a null region when they have none).
   */
  async getSessionAndUser(
    sessionId: string,
  ): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const rows = await readRows(Prisma.sql`
      SELECT s."userId", s."expiresAt", s."absoluteExpiresAt", s."createdAt", s."lastSeenAt",
        s."ipAddress", s."userAgent", s."secondFactorRequired", s."secondFactorAt", s."duress",
        s."webAuthnChallenge", u."email", u."displayName", u."role", u."locale", u."active",
        r."region"
      FROM "Session" s
      JOIN "User" u ON u."id" = s."userId"
      LEFT JOIN "UserRegion" r ON r."userId" = u."id"
      WHERE s."id" = ${sessionId}
      ORDER BY r."region"`);
    const row = rows[0];
    if (!row) return [null, null];
    const session: SessionRow = {
      id: sessionId,
      userId: String(row.userId),
      expiresAt: instant(row.expiresAt),
      absoluteExpiresAt: instant(row.absoluteExpiresAt),
      createdAt: instant(row.createdAt),
      lastSeenAt: instant(row.lastSeenAt),
      ipAddress: textOrNull(row.ipAddress),
      userAgent: textOrNull(row.userAgent),
      secondFactorRequired: flag(row.secondFactorRequired),
      secondFactorAt: row.secondFactorAt === null ? null : instant(row.secondFactorAt),
      duress: flag(row.duress),
      webAuthnChallenge: textOrNull(row.webAuthnChallenge),
    };
    const user: DatabaseUser = {
      id: session.userId,
      attributes: {
        email: String(row.email),
        displayName: String(row.displayName),
        role: row.role as Role,
        locale: String(row.locale),
        active: flag(row.active),
        regions: rows.flatMap((r) => (r.region === null ? [] : [r.region as Region])),
      },
    };
    return [toDatabaseSession(session), user];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db.session.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
    });
    return rows.map(toDatabaseSession);
  }

  async setSession(session: DatabaseSession): Promise<void> {
    const {
      absoluteExpiresAt,
      createdAt,
      lastSeenAt,
      ipAddress,
      userAgent,
      secondFactorRequired,
      secondFactorAt,
      duress,
    } = session.attributes;
    await this.db.session.create({
      data: {
        id: session.id,
        userId: session.userId,
        expiresAt: session.expiresAt,
        absoluteExpiresAt,
        createdAt,
        lastSeenAt,
        ipAddress,
        userAgent,
        secondFactorRequired,
        secondFactorAt,
        duress,
      },
    });
  }

  /** Pushing the idle expiry forward means the session was just used: "last seen" moves too. */
  async updateSessionExpiration(
    sessionId: string,
    expiresAt: Date,
    lastSeenAt: Date = new Date(),
  ): Promise<void> {
    await this.db.session.updateMany({ where: { id: sessionId }, data: { expiresAt, lastSeenAt } });
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.session.deleteMany({ where: { id: sessionId } });
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.session.deleteMany({ where: { userId } });
  }

  async deleteExpiredSessions(): Promise<void> {
    const now = new Date();
    await this.db.session.deleteMany({
      where: { OR: [{ expiresAt: { lte: now } }, { absoluteExpiresAt: { lte: now } }] },
    });
  }
}
