// `npm run admin:create -- --email a@example.org --name "Full Name"`: creates
// an administrator (the first one of a production install). The password is
// never taken from argv, where `ps` and shell history would show it: it is
// read from stdin when stdin is not a terminal (one line), otherwise prompted
// twice without echo.
import readline from "node:readline/promises";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { prisma } from "~/db.server";
import { isLanguage, LANGUAGES, type Language } from "~/i18n/config";
import { normalizeEmail } from "~/modules/auth/login.server";
import {
  checkPasswordPolicy,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordProblem,
} from "~/modules/auth/password.server";
import { loginSchema } from "~/modules/auth/schema";
import { createUser } from "~/modules/people/people.server";

const USAGE = `usage: npm run admin:create -- [--email EMAIL] [--name "DISPLAY NAME"] [--locale ${LANGUAGES.join("|")}]
The password is read from stdin when it is not a terminal (one line), otherwise prompted twice.`;

const POLICY_MESSAGES: Record<PasswordProblem, string> = {
  tooShort: `The password is too short: use at least ${PASSWORD_MIN_LENGTH} characters (15 or more is better).`,
  tooLong: `The password is too long: use at most ${PASSWORD_MAX_LENGTH} characters.`,
  tooSimple: "The password is only spaces or a repeated character or pattern: choose another.",
  tooCommon: "The password is one of the most common passwords: choose another.",
};

class UsageError extends Error {}

/** A terminal prompt whose echo can be switched off while a password is typed. */
function createPrompt() {
  let muted = false;
  const output = new Writable({
    write(chunk, encoding, callback) {
      if (!muted) process.stdout.write(chunk, encoding);
      callback();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  rl.on("SIGINT", () => {
    process.stdout.write("\n");
    process.exit(130);
  });
  return {
    ask: async (question: string) => (await rl.question(question)).trim(),
    askHidden: async (question: string) => {
      process.stdout.write(question);
      muted = true;
      try {
        return await rl.question("");
      } finally {
        muted = false;
        process.stdout.write("\n");
      }
    },
    close: () => rl.close(),
  };
}

/** The first line of a piped stdin, without its line ending. */
async function readPasswordFromStdin(): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  throw new UsageError("No password on stdin: pipe one line, or run in a terminal to be prompted.");
}

async function main(): Promise<string> {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      locale: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }

  const interactive = Boolean(process.stdin.isTTY);
  const prompt = interactive ? createPrompt() : null;
  try {
    const ask = (question: string) => {
      if (!prompt) throw new UsageError("Pass --email and --name when stdin is not a terminal.");
      return prompt.ask(question);
    };
    let email = values.email ?? (await ask("Email: "));
    const parsedEmail = loginSchema.shape.email.safeParse(email);
    if (!parsedEmail.success)
      throw new UsageError(`Not a valid email address: ${JSON.stringify(email)}`);
    email = normalizeEmail(parsedEmail.data);

    const displayName = (values.name ?? (await ask("Display name: "))).trim();
    if (!displayName || displayName.length > 200) {
      throw new UsageError("The display name must be 1–200 characters.");
    }

    let locale: Language | undefined;
    if (values.locale !== undefined) {
      if (!isLanguage(values.locale))
        throw new UsageError(`--locale must be one of ${LANGUAGES.join(", ")}.`);
      locale = values.locale;
    }

    if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new UsageError(
        `An account with the email ${email} already exists; nothing was changed.`,
      );
    }

    let password: string;
    if (prompt) {
      password = await prompt.askHidden("Password: ");
      const problem = checkPasswordPolicy(password);
      if (problem) throw new UsageError(POLICY_MESSAGES[problem]);
      if ((await prompt.askHidden("Repeat the password: ")) !== password) {
        throw new UsageError("The two passwords differ; nothing was changed.");
      }
    } else {
      password = await readPasswordFromStdin();
      const problem = checkPasswordPolicy(password);
      if (problem) throw new UsageError(POLICY_MESSAGES[problem]);
    }

    const user = await createUser(
      { email, displayName, role: "ADMIN", regions: [], locale, password },
      { actorId: null, ipAddress: null, userAgent: "npm run admin:create" },
    );
    return user.email;
  } finally {
    prompt?.close();
  }
}

try {
  const email = await main();
  console.log(`Created administrator ${email}.`);
  await prisma.$disconnect();
  process.exit(0);
} catch (error) {
  await prisma.$disconnect().catch(() => {});
  if (error instanceof UsageError) {
    console.error(error.message);
  } else if (
    error instanceof TypeError &&
    "code" in error &&
    String(error.code).startsWith("ERR_PARSE_ARGS")
  ) {
    console.error(`${error.message}\n${USAGE}`);
  } else {
    console.error(
      "Could not create the administrator:",
      error instanceof Error ? error.message : error,
    );
  }
  process.exit(1);
}
