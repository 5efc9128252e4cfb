// lucia v3's storage adapter, written for our Prisma client: lucia's own
// @lucia-auth/adapter-prisma refuses Prisma 6. Only this file and
// session.server.ts know lucia exists.
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { Db } from "~/db.server";

const userSelect = {
  id: true,
  email: true,
  displayName: true,
  role: true,
  locale: true,
  active: true,
  regions: { select: { region: true } },
} as const;

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

  async getSessionAndUser(
    sessionId: string,
  ): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await this.db.session.findUnique({
      where: { id: sessionId },
      include: { user: { select: userSelect } },
    });
    if (!row) return [null, null];
    const { user, ...session } = row;
    const { id, regions, ...attributes } = user;
    return [
      toDatabaseSession(session),
      { id, attributes: { ...attributes, regions: regions.map((r) => r.region) } },
    ];
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
