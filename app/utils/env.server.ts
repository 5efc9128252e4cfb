/** Demo mode (`npm run demo`): fictional data, and the login page lists the demo accounts. */
export function isDemoMode(): boolean {
  return process.env.ADAL_DEMO === "1";
}
