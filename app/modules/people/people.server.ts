// Accounts: the people who use Adal, their roles and regions.
import { isDuressPassword } from "~/modules/auth/duress.server";
import { prisma } from "~/db.server";
import { DomainError } from "~/utils/domain-error";
import type { Region, Role } from "~/generated/prisma/sqlite/enums";
import type { Language } from "~/i18n/config";
import { appendAudit } from "~/modules/audit/audit.server";
import { normalizeEmail } from "~/modules/auth/login.server";
import {
  checkPasswordPolicy,
  hashPassword,
  type PasswordProblem,
} from "~/modules/auth/password.server";
import type { RequestContext } from "~/modules/auth/caller";

/** A password the policy refuses, as the refusal of the form's `field`. */
export function passwordRefused(problem: PasswordProblem, field = "password"): DomainError {
  return DomainError.invalidField(field, `setPassword.problems.${problem}`);
}

export type NewUser = {
  email: string;
  displayName: string;
  role: Role;
  regions: Region[];
  locale?: Language;
  password?: string;
};

type Actor = RequestContext & { actorId: string | null };

/** Creates an account; a password, when given, must pass the policy. */
export async function createUser(
  input: NewUser,
  actor: Actor,
  options: { skipPolicy?: boolean } = {},
) {
  if (input.password !== undefined && !options.skipPolicy) {
    const problem = checkPasswordPolicy(input.password);
    if (problem) throw passwordRefused(problem);
  }
  const hash = input.password === undefined ? null : await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: normalizeEmail(input.email),
        displayName: input.displayName.trim().normalize("NFC"),
        role: input.role,
        locale: input.locale ?? "ru",
        regions: { create: [...new Set(input.regions)].map((region) => ({ region })) },
        ...(hash ? { password: { create: { hash } } } : {}),
      },
      select: { id: true, email: true, role: true },
    });
    await appendAudit(tx, {
      action: "user.created",
      ...actor,
      targetType: "user",
      targetId: user.id,
      details: { role: input.role, regions: [...new Set(input.regions)].sort() },
    });
    return user;
  });
}

/** Sets a new password and ends every session of that user. */
export async function setPassword(userId: string, password: string, actor: Actor): Promise<void> {
  const problem = checkPasswordPolicy(password);
  if (problem) throw passwordRefused(problem);
  const hash = await hashPassword(password);
  // A reset is a fresh start: a duress password equal to the new real one would
  // make the two indistinguishable, so it goes (the person can set another).
  const duressMatches = await isDuressPassword(userId, password);
  await prisma.$transaction(async (tx) => {
    await tx.password.upsert({ where: { userId }, create: { userId, hash }, update: { hash } });
    if (duressMatches) await tx.duressPassword.deleteMany({ where: { userId } });
    await tx.session.deleteMany({ where: { userId } });
    await appendAudit(tx, {
      action: "user.password_set",
      ...actor,
      targetType: "user",
      targetId: userId,
    });
  });
}

export async function setPreferredLanguage(userId: string, locale: Language): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { locale } });
}

export async function listUsers() {
  return prisma.user.findMany({
    orderBy: [{ active: "desc" }, { role: "asc" }, { displayName: "asc" }],
    select: {
      id: true,
      email: true,
      displayName: true,
      role: true,
      active: true,
      createdAt: true,
      regions: { select: { region: true }, orderBy: { region: "asc" } },
    },
  });
}

/**
 * Deactivating ends every session at once, and any unused set-password link;
 * the account's history stays.
 */
export async function deactivateUser(userId: string, actor: Actor): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { active: false } });
    const { count: sessionsEnded } = await tx.session.deleteMany({ where: { userId } });
    await tx.passwordToken.deleteMany({ where: { userId, usedAt: null } });
    await appendAudit(tx, {
      action: "user.deactivated",
      ...actor,
      targetType: "user",
      targetId: userId,
      details: { sessionsEnded },
    });
  });
}
