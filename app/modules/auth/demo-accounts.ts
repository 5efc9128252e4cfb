// Demo accounts exist only in demo mode (`npm run demo`); a production start never creates them.
import type { Role } from "~/generated/prisma/sqlite/enums";

export const DEMO_PASSWORD = "demo-password";

/**
 * The demo accounts' authenticator secret (160 bits, base32), printed on the
 * login page in demo mode only. Fictional, like everything in the demo.
 */
export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; role: Role }> = [
  { email: "organizer@example.org", role: "ORGANIZER" },
  { email: "lawyer@example.org", role: "LAWYER" },
  { email: "coordinator@example.org", role: "COORDINATOR" },
  { email: "admin@example.org", role: "ADMIN" },
];
