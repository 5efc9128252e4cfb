// The demo server's case keys, seen from a test: the keyring of this process
// unseals with the same demo key file as the server (both keep it beside the
// e2e database), so a test can give a case taken before the keys were wired to
// the data its key, as the intake now does for new cases.
import type { App } from "./app";

export async function withCaseKey(app: App, reference: string): Promise<void> {
  const { keyring } = await import("~/modules/keys/keyring.server");
  const found = await app.prisma.case.findUniqueOrThrow({
    where: { reference },
    select: { id: true },
  });
  if ((await app.prisma.caseKey.count({ where: { caseId: found.id } })) > 0) return;
  if (!keyring.isUnsealed()) await keyring.start();
  // Two tests on one case at once: the second finds the key the first made.
  await app.prisma
    .$transaction((tx) => keyring.createCaseKey(tx, found.id))
    .catch(async (error: unknown) => {
      if ((await app.prisma.caseKey.count({ where: { caseId: found.id } })) === 0) throw error;
    });
}
