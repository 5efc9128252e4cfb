// The app's own server modules, loaded against the e2e database so that test
// users and sessions are made exactly the way the app makes them.
import { E2E_DATABASE_FILE, E2E_DATABASE_URL } from "./env";

// Loaded on first use, after DATABASE_URL is set: db.server.ts reads it on import.
export async function loadApp() {
  process.env.DATABASE_URL = E2E_DATABASE_URL;
  const [db, session, people, intake, keys] = await Promise.all([
    import("~/db.server"),
    import("~/modules/auth/session.server"),
    import("~/modules/people/people.server"),
    import("~/modules/intake/intake.server"),
    import("~/modules/keys/keyring.server"),
  ]);
  // Never let a test write to a developer's database.
  if (db.database.provider !== "sqlite" || db.database.filePath !== E2E_DATABASE_FILE) {
    throw new Error(`e2e fixtures refuse to use ${db.database.url}`);
  }
  // Cases recorded here are sealed and indexed as the server does it: with the demo key the
  // e2e server made under data/ (its keyring, read from the same database and file).
  await keys.keyring.start();
  return {
    prisma: db.prisma,
    createSession: session.createSession,
    hashToken: session.hashToken,
    SESSION_COOKIE_NAME: session.SESSION_COOKIE_NAME,
    createUser: people.createUser,
    /** Records an intake through the app's own path (form-shaped values, as the browser posts them). */
    submitIntake: intake.submitIntake,
  };
}

export type App = Awaited<ReturnType<typeof loadApp>>;
