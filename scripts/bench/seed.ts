// Seeds a migrated, empty benchmark database with fictional data at the scale
// the benchmark asks for: 5 000 employers, 100 000 cases, 300 000 workers,
// 1 000 000 timeline and audit entries, ~30 people, assignments (one "busy
// lawyer" with ~1 500 open cases), proceedings with hearings and deadlines
// (some next week) and outcomes. Audit entries are hash-chained with the
// app's own hashing, so `audit:verify` accepts the log. Worker names, places
// and accounts are sealed with per-case keys and the search text holds their
// blind tokens, as intakes write them (issue 13), so the searches measured are
// the real ones; so are the hearings' places, descriptions and outcomes.
import type {
  AssignmentRole,
  CaseStatus,
  Region,
  Role,
  TimelineKind,
} from "~/generated/prisma/sqlite/enums";
import { canonicalJson, entryHash, GENESIS_HASH } from "~/modules/audit/audit.server";
import { OPEN_STATUSES } from "~/modules/cases/status";
import { composeSearchText } from "~/modules/cases/search-text.server";
import { blindSearchText } from "~/modules/keys/blind-index.server";
import { sealField } from "~/modules/keys/envelope.server";
import { keyring } from "~/modules/keys/keyring.server";
import { foldForSearch } from "~/utils/text";
import {
  ACCOUNT_SENTENCES,
  CATEGORY_WEIGHTS,
  CHANNELS,
  COMPANY_WORDS,
  factsFor,
  FIRST_NAMES_FEMALE,
  FIRST_NAMES_MALE,
  LEGAL_FORMS,
  PLACES,
  randomSource,
  REGION_WEIGHTS,
  SECTORS,
  statusFor,
  SURNAMES,
  surnameFor,
  URGENCY_WEIGHTS,
} from "./data";
import { unsealedBenchKeyring } from "./keyring";
import type { BulkWriter, Value } from "./writer";
import { PSEUDONYM_ALPHABET } from "~/modules/cases/pseudonym";

export const SCALE = {
  employers: 5_000,
  cases: 100_000,
  workers: 300_000,
  timelineAndAudit: 1_000_000,
  /** Of timelineAndAudit, how many are audit entries. */
  auditEntries: 300_000,
  busyLawyerOpenCases: 1_500,
};

const DAY = 86_400_000;
/** The seeded world ends now: recent cases, hearings next week. */
export const BENCH_NOW = new Date();
const FIRST_DAY = Date.UTC(2019, 0, 1);

export type SeededPerson = { id: string; role: Role; regions: Region[] };

export type SeededPeople = {
  coordinator: SeededPerson;
  busyLawyer: SeededPerson;
  organizer: SeededPerson;
  lawyers: string[];
  organizers: string[];
};

export type SeedResult = {
  people: SeededPeople;
  counts: Record<string, number>;
};

const id = (prefix: string, n: number) => `${prefix}${n.toString(36).padStart(9, "0")}`;

function validBin(random: ReturnType<typeof randomSource>, n: number): string {
  // Unique 12 digits; the checksum does not matter to the list.
  return `${String(100000 + (n % 900000)).padStart(6, "0")}${String(random.int(0, 999999)).padStart(6, "0")}`.slice(
    0,
    12,
  );
}

/**
 * The report tally's triggers (decision 0037) fold each written row through a
 * view: right for the app's writes, far too slow for millions of seeded rows.
 * The seed sets them aside and fills the tally once at the end, as the
 * migration does for existing data; the triggers are back before anything reads.
 */
async function pauseReportTally(writer: BulkWriter): Promise<() => Promise<void>> {
  const refill = `DELETE FROM "ReportTally";
    INSERT INTO "ReportTally" ("month", "region", "category", "sector", "level", "factGroup", "reported",
      "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed", ${Array.from({ length: 11 }, (_, i) => `"indicator${i + 1}"`).join(", ")})
    SELECT "month", "region", "category", "sector", "level", "factGroup", "reported",
      COUNT(*), SUM("namedWorkerCount"), SUM("unnamedWorkerCount"), SUM("peopleHarmed"),
      ${Array.from({ length: 11 }, (_, i) => `SUM("i${i + 1}")`).join(", ")}
    FROM "CaseReportRow"
    GROUP BY "month", "region", "category", "sector", "level", "factGroup", "reported";`;
  if (writer.provider === "sqlite") {
    const triggers = await writer.all<{ name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND instr(name, '_report_') > 0`,
    );
    for (const t of triggers) await writer.exec(`DROP TRIGGER "${t.name}"`);
    return async () => {
      for (const t of triggers) await writer.exec(t.sql);
      await writer.exec(refill);
    };
  }
  const triggers = await writer.all<{ name: string; table: string }>(
    `SELECT t.tgname::text AS name, c.relname::text AS table FROM pg_trigger t
     JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND strpos(t.tgname, '_report_') > 0`,
  );
  const alter = (action: "DISABLE" | "ENABLE") =>
    triggers.map((t) => `ALTER TABLE "${t.table}" ${action} TRIGGER "${t.name}";`).join("\n");
  if (triggers.length > 0) await writer.exec(alter("DISABLE"));
  return async () => {
    if (triggers.length > 0) await writer.exec(alter("ENABLE"));
    await writer.exec(refill);
  };
}

export async function seedBench(writer: BulkWriter): Promise<SeedResult> {
  const resumeReportTally = await pauseReportTally(writer);
  const random = randomSource(20261129);
  // The facts from a source of their own: the rest of the seeded data stays as it was.
  const factsRandom = randomSource(20261206);
  const counts: Record<string, number> = {};
  const count = (table: string, n: number) => (counts[table] = (counts[table] ?? 0) + n);
  const insert = async (table: string, columns: readonly string[], rows: Value[][]) => {
    if (rows.length === 0) return;
    await writer.insert(table, columns, rows);
    count(table, rows.length);
  };
  const now = BENCH_NOW;

  // ---- People ----
  const people: { id: string; role: Role; name: string; regions: Region[] }[] = [];
  const addPerson = (role: Role, name: string, regions: Region[]) => {
    const person = { id: id("bu", people.length + 1), role, name, regions };
    people.push(person);
    return person;
  };
  const regionsCycle = REGION_WEIGHTS.map(([r]) => r);
  // The first coordinator is national (every region): the one whose lists are measured.
  const coordinators = Array.from({ length: 5 }, (_, i) =>
    addPerson(
      "COORDINATOR",
      `Координатор ${i + 1}`,
      i === 0 ? [...regionsCycle] : [regionsCycle[i]!],
    ),
  );
  const lawyers = Array.from({ length: 12 }, (_, i) =>
    addPerson("LAWYER", `Заңгер ${FIRST_NAMES_MALE[i]} ${i + 1}`, [
      regionsCycle[i % regionsCycle.length]!,
      regionsCycle[(i + 7) % regionsCycle.length]!,
    ]),
  );
  const organizers = Array.from({ length: 12 }, (_, i) =>
    addPerson("ORGANIZER", `Ұйымдастырушы ${FIRST_NAMES_FEMALE[i]} ${i + 1}`, [
      regionsCycle[i % regionsCycle.length]!,
    ]),
  );
  addPerson("ADMIN", "Әкімші", []);
  const busyLawyer = lawyers[0]!;

  await writer.begin();
  await insert(
    "User",
    ["id", "email", "displayName", "role", "locale", "active", "createdAt", "updatedAt"],
    people.map((p, i) => [
      p.id,
      `bench.${i + 1}@example.org`,
      p.name,
      p.role,
      "ru",
      true,
      new Date(FIRST_DAY),
      new Date(FIRST_DAY),
    ]),
  );
  await insert(
    "UserRegion",
    ["userId", "region"],
    people.flatMap((p) => p.regions.map((r) => [p.id, r])),
  );

  // ---- Employers ----
  const employers: { id: string; name: string; bin: string | null }[] = [];
  const employerRows: Value[][] = [];
  for (let i = 1; i <= SCALE.employers; i += 1) {
    const name = `${random.pick(LEGAL_FORMS)} «${random.pick(COMPANY_WORDS)}${random.pick(COMPANY_WORDS).toLowerCase()}-${i}»`;
    const bin = random.chance(0.85) ? validBin(random, i) : null;
    const employer = { id: id("be", i), name, bin };
    employers.push(employer);
    employerRows.push([
      employer.id,
      name,
      foldForSearch(name),
      bin,
      random.pick(SECTORS),
      random.weighted(REGION_WEIGHTS),
      new Date(FIRST_DAY),
      new Date(FIRST_DAY),
    ]);
  }
  await insert(
    "Employer",
    ["id", "name", "normalizedName", "bin", "sector", "region", "createdAt", "updatedAt"],
    employerRows,
  );
  await writer.commit();

  // ---- Cases, their employers, workers, timeline, assignments, proceedings ----
  await unsealedBenchKeyring(writer.provider);
  const indexKeys = keyring.blindIndexKeys();
  const caseColumns = [
    "id",
    "reference",
    "year",
    "number",
    "category",
    "status",
    "urgency",
    "suggestedUrgency",
    "incidentStart",
    "region",
    "place",
    "channel",
    "account",
    "facts",
    "unnamedWorkerCount",
    "organizerId",
    "heldFrom",
    "closedAt",
    "lastActivityAt",
    "searchText",
    "version",
    "createdAt",
    "updatedAt",
  ] as const;
  const workerColumns = [
    "id",
    "caseId",
    "pseudonym",
    "anonymous",
    "yearOfBirth",
    "gender",
    "citizenship",
    "occupation",
    "consentToStore",
    "consentToContact",
    "createdAt",
  ] as const;
  const timelineColumns = ["id", "caseId", "actorId", "kind", "createdAt", "details", "legal"];
  const span = now.getTime() - FIRST_DAY;
  // Creation times, sorted, so that references run in order within each year.
  const createdTimes = Array.from({ length: SCALE.cases }, () => {
    // More cases in recent years.
    const r = Math.sqrt(random.next());
    return FIRST_DAY + Math.floor(r * span);
  }).sort((a, b) => a - b);
  const timelinePerCase = (SCALE.timelineAndAudit - SCALE.auditEntries) / SCALE.cases;
  const workersPerCase = SCALE.workers / SCALE.cases;
  const numberInYear = new Map<number, number>();
  let workerSeq = 0;
  let timelineSeq = 0;
  let proceedingSeq = 0;
  let dateSeq = 0;
  let outcomeSeq = 0;
  let busyOpen = 0;
  const caseIds: string[] = [];
  const caseRefs: string[] = [];
  const caseCreated: number[] = [];
  const BATCH = 5_000;

  for (let start = 0; start < SCALE.cases; start += BATCH) {
    const cases: Value[][] = [];
    const caseEmployers: Value[][] = [];
    const workers: Value[][] = [];
    const identities: Value[][] = [];
    const caseKeys: Value[][] = [];
    const timeline: Value[][] = [];
    const assignments: Value[][] = [];
    const views: Value[][] = [];
    const proceedings: Value[][] = [];
    const dates: Value[][] = [];
    const outcomes: Value[][] = [];
    for (let i = start; i < Math.min(start + BATCH, SCALE.cases); i += 1) {
      const created = createdTimes[i]!;
      const createdAt = new Date(created);
      const year = createdAt.getUTCFullYear();
      const number = (numberInYear.get(year) ?? 0) + 1;
      numberInYear.set(year, number);
      const reference = `KZ-${year}-${String(number).padStart(6, "0")}`;
      const caseId = id("bc", i + 1);
      caseIds.push(caseId);
      caseRefs.push(reference);
      caseCreated.push(created);
      // The case's own key, wrapped by the master key, as an intake makes it.
      const { caseKey, wrappedKey, masterVersion } = keyring.newCaseKeyForBulkLoad(caseId);
      caseKeys.push([caseId, 1, "MASTER", masterVersion, wrappedKey, createdAt]);
      const seal = (table: string, column: string, rowId: string, value: string) =>
        sealField(caseKey, { table, column, rowId }, value);
      const ageDays = (now.getTime() - created) / DAY;
      const category = random.weighted(CATEGORY_WEIGHTS);
      const urgency = random.weighted(URGENCY_WEIGHTS);
      const region = random.weighted(REGION_WEIGHTS);
      const place = random.pick(PLACES[region]);
      let status: CaseStatus = statusFor(random, ageDays);
      const organizer = organizers[i % organizers.length]!;
      const lastActivity = created + Math.floor(random.next() * (now.getTime() - created));
      const closed = status === "RESOLVED" || status === "CLOSED";

      // Employers
      const employer = category === "DETAINED_ACTIVIST" ? null : random.pick(employers);
      const chain = employer && random.chance(0.15) ? random.pick(employers) : null;
      if (employer) caseEmployers.push([caseId, employer.id, "EMPLOYER"]);
      if (chain && chain.id !== employer?.id) caseEmployers.push([caseId, chain.id, "CONTRACTOR"]);

      // Workers: about three per case, most of them named.
      const workerCount = Math.max(0, Math.round(workersPerCase + (random.next() - 0.5) * 4));
      const names: string[] = [];
      for (let w = 0; w < workerCount && workerSeq < SCALE.workers; w += 1) {
        workerSeq += 1;
        const workerId = id("bw", workerSeq);
        const female = random.chance(0.4);
        const anonymous = random.chance(0.12);
        workers.push([
          workerId,
          caseId,
          // Unique within the case (the w-th worker); the app draws them at random.
          `W-22${PSEUDONYM_ALPHABET[(w >> 5) & 31]}${PSEUDONYM_ALPHABET[w & 31]}`,
          anonymous,
          random.int(1960, 2005),
          female ? "FEMALE" : "MALE",
          random.weighted([
            ["KZ", 85],
            ["UZ", 7],
            ["KG", 5],
            ["TJ", 3],
          ] as const),
          random.pick(["сварщик", "водитель", "оператор", "разнорабочий", "повар", "шахтёр"]),
          !anonymous,
          random.chance(0.6),
          createdAt,
        ]);
        if (!anonymous) {
          const first = female ? random.pick(FIRST_NAMES_FEMALE) : random.pick(FIRST_NAMES_MALE);
          const fullName = `${first} ${surnameFor(random.pick(SURNAMES), female)}`;
          names.push(fullName);
          identities.push([workerId, seal("WorkerIdentity", "fullName", workerId, fullName)]);
        }
      }
      const account = Array.from({ length: random.int(2, 4) }, () =>
        random.pick(ACCOUNT_SENTENCES),
      ).join(" ");
      // The clear part (reference, employers, BINs) and one blind token per word of the names,
      // the place and the account: what refreshSearchText writes.
      const searchText = composeSearchText(
        { reference, employers: [employer, chain].filter((e) => e !== null) },
        blindSearchText(indexKeys, [...names, place, account]),
      );

      // Assignments: every case past triage has a lead lawyer; one lawyer holds many open ones.
      const assigned = !["NEW", "TRIAGED"].includes(status);
      let lead: string | null = null;
      if (assigned) {
        const open = OPEN_STATUSES.includes(status) || status === "ON_HOLD";
        if (open && busyOpen < SCALE.busyLawyerOpenCases && random.chance(0.12)) {
          lead = busyLawyer.id;
          busyOpen += 1;
          if (random.chance(0.5)) {
            views.push([busyLawyer.id, caseId, new Date(lastActivity - random.int(-5, 5) * DAY)]);
          }
        } else {
          lead = lawyers[1 + random.int(0, lawyers.length - 2)]!.id;
        }
        assignments.push([
          caseId,
          lead,
          "LEAD_LAWYER" satisfies AssignmentRole,
          coordinators[0]!.id,
          createdAt,
        ]);
        if (random.chance(0.3)) {
          assignments.push([
            caseId,
            organizer.id,
            "FIELD_ORGANIZER",
            coordinators[0]!.id,
            createdAt,
          ]);
        }
      } else if (random.chance(0.02)) {
        // A few untriaged cases with only a field organizer.
        assignments.push([caseId, organizer.id, "FIELD_ORGANIZER", coordinators[0]!.id, createdAt]);
      }
      if (status === "ASSIGNED" && !lead) status = "TRIAGED";

      const incidentStart = new Date(created - random.int(1, 90) * DAY);
      cases.push([
        caseId,
        reference,
        year,
        number,
        category,
        status,
        urgency,
        urgency,
        incidentStart,
        region,
        seal("Case", "place", caseId, place),
        random.pick(CHANNELS),
        seal("Case", "account", caseId, account),
        JSON.stringify(factsFor(factsRandom, category, incidentStart.toISOString().slice(0, 10))),
        random.int(0, 8),
        organizer.id,
        status === "ON_HOLD" ? "IN_PROGRESS" : null,
        closed ? new Date(lastActivity) : null,
        new Date(lastActivity),
        searchText,
        1,
        createdAt,
        new Date(lastActivity),
      ]);

      // Timeline: CREATED, then changes spread up to the last activity, each with the details
      // the app writes for it (a status change names both statuses, an assignment the lawyer).
      const events = Math.max(1, Math.round(timelinePerCase + (random.next() - 0.5) * 6));
      const leadPerson = people.find((p) => p.id === lead) ?? busyLawyer;
      const detailsOf = (kind: TimelineKind): string => {
        if (kind === "STATUS_CHANGED") return JSON.stringify({ from: "TRIAGED", to: status });
        if (kind === "ASSIGNMENT_CHANGED")
          return JSON.stringify({
            change: "assigned",
            userId: leadPerson.id,
            name: leadPerson.name,
            role: "LEAD_LAWYER",
          });
        return "{}";
      };
      for (let e = 0; e < events; e += 1) {
        timelineSeq += 1;
        const at =
          e === 0 ? created : created + Math.floor(((lastActivity - created) * e) / events);
        const kind: TimelineKind =
          e === 0
            ? "CREATED"
            : random.pick([
                "STATUS_CHANGED",
                "NOTE_ADDED",
                "ASSIGNMENT_CHANGED",
                "FACT_EDITED",
                "DOCUMENT_ADDED",
              ] as const);
        timeline.push([
          id("bt", timelineSeq),
          caseId,
          e === 0 ? organizer.id : (lead ?? coordinators[0]!.id),
          kind,
          new Date(at),
          detailsOf(kind),
          kind === "NOTE_ADDED" && random.chance(0.3),
        ]);
      }

      // Proceedings with hearings and deadlines; the open ones have dates ahead, some next week.
      if (assigned && random.chance(0.25)) {
        proceedingSeq += 1;
        const proceedingId = id("bp", proceedingSeq);
        proceedings.push([
          proceedingId,
          caseId,
          random.pick(["LABOR_INSPECTORATE", "CIVIL_CLAIM", "PROSECUTOR_COMPLAINT"] as const),
          "Инспекция труда",
          closed ? "DECIDED" : "PENDING",
          lead ?? busyLawyer.id,
          createdAt,
          createdAt,
        ]);
        for (let d = 0; d < random.int(1, 3); d += 1) {
          dateSeq += 1;
          const open = !closed;
          const due = open
            ? now.getTime() + random.int(-10, 60) * DAY + random.int(0, 23) * 3_600_000
            : created + random.int(10, 200) * DAY;
          const dateId = id("bd", dateSeq);
          const sealDate = (column: string, value: string | null) =>
            value === null ? null : seal("ProceedingDate", column, dateId, value);
          dates.push([
            dateId,
            proceedingId,
            caseId,
            random.chance(0.6) ? "HEARING" : "DEADLINE",
            new Date(due),
            sealDate("place", random.chance(0.5) ? "Суд №2" : null),
            sealDate("description", "Рассмотрение по существу"),
            sealDate("outcome", open && due < now.getTime() ? null : closed ? "Рассмотрено" : null),
            lead ?? busyLawyer.id,
            createdAt,
            createdAt,
          ]);
        }
      }
      if (closed && random.chance(0.3)) {
        outcomeSeq += 1;
        const money = random.chance(0.6);
        outcomes.push([
          id("bo", outcomeSeq),
          caseId,
          money ? "WAGES_RECOVERED" : random.pick(["REINSTATED", "SETTLED", "LOST"] as const),
          money ? BigInt(random.int(100_000, 50_000_000)) * 100n : null,
          money ? "KZT" : null,
          random.int(1, 20),
          new Date(lastActivity),
          lead ?? coordinators[0]!.id,
          new Date(lastActivity),
        ]);
      }
    }
    await writer.begin();
    await insert("Case", caseColumns, cases);
    // Workers before employers: the triggers then write each EmployerCase row (0038) with
    // the case's final worker count, instead of updating it once per worker.
    await insert("AffectedWorker", workerColumns, workers);
    await insert("CaseEmployer", ["caseId", "employerId", "role"], caseEmployers);
    await insert("WorkerIdentity", ["workerId", "fullName"], identities);
    await insert(
      "CaseKey",
      ["caseId", "version", "wrappedTo", "masterVersion", "wrappedKey", "createdAt"],
      caseKeys,
    );
    await insert("TimelineEvent", timelineColumns, timeline);
    await insert(
      "CaseAssignment",
      ["caseId", "userId", "role", "assignedById", "assignedAt"],
      assignments,
    );
    await insert("CaseView", ["userId", "caseId", "lastViewedAt"], views);
    await insert(
      "Proceeding",
      ["id", "caseId", "kind", "authority", "status", "createdById", "createdAt", "updatedAt"],
      proceedings,
    );
    await insert(
      "ProceedingDate",
      [
        "id",
        "proceedingId",
        "caseId",
        "kind",
        "dueAt",
        "place",
        "description",
        "outcome",
        "createdById",
        "createdAt",
        "updatedAt",
      ],
      dates,
    );
    await insert(
      "CaseOutcome",
      [
        "id",
        "caseId",
        "kind",
        "amountMinor",
        "currency",
        "people",
        "date",
        "recordedById",
        "createdAt",
      ],
      outcomes,
    );
    await writer.commit();
  }

  // The reference counter as intakes left it: the next intake of a year takes
  // the number after the seeded ones (an empty counter would issue KZ-<year>-000001
  // again and fail on the unique reference).
  await writer.begin();
  await insert(
    "CaseCounter",
    ["year", "last"],
    [...numberInYear].map(([year, last]) => [year, last]),
  );
  await writer.commit();

  // ---- Audit log: hash-chained in time order ----
  const auditColumns = [
    "seq",
    "createdAt",
    "actorId",
    "action",
    "targetType",
    "targetId",
    "ipAddress",
    "userAgent",
    "details",
    "prevHash",
    "hash",
  ];
  // After what is there already: the keyring's creation (keys.initialized) is the first entry.
  const { prisma } = await import("~/db.server");
  const head = await prisma.auditEntry.findFirst({
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const firstSeq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const auditSpan = now.getTime() - FIRST_DAY;
  for (let start = 0; start < SCALE.auditEntries; start += 20_000) {
    const rows: Value[][] = [];
    for (let seq = start + 1; seq <= Math.min(start + 20_000, SCALE.auditEntries); seq += 1) {
      const createdAt = new Date(FIRST_DAY + Math.floor((auditSpan * seq) / SCALE.auditEntries));
      const caseIndex = Math.min(
        caseIds.length - 1,
        Math.floor((caseIds.length * seq) / SCALE.auditEntries),
      );
      const kind = random.weighted([
        ["case.status_changed", 40],
        ["case.note_added", 25],
        ["auth.login", 30],
        ["auth.logout", 5],
      ] as const);
      const actor = random.pick(people.slice(0, -1));
      const onCase = kind.startsWith("case.");
      const entry = {
        seq: firstSeq + seq,
        createdAt,
        actorId: actor.id,
        action: kind,
        targetType: onCase ? "case" : "user",
        targetId: onCase ? caseRefs[caseIndex]! : actor.id,
        ipAddress: `10.0.${seq % 255}.${(seq * 7) % 255}`,
        userAgent: "bench",
        details: canonicalJson(onCase ? { note: "bench" } : {}),
      };
      const hash = entryHash(entry, prevHash);
      rows.push([
        entry.seq,
        entry.createdAt,
        entry.actorId,
        entry.action,
        entry.targetType,
        entry.targetId,
        entry.ipAddress,
        entry.userAgent,
        entry.details,
        prevHash,
        hash,
      ]);
      prevHash = hash;
    }
    await writer.begin();
    await insert("AuditEntry", auditColumns, rows);
    await writer.commit();
  }
  if (writer.provider === "postgresql") {
    // Let the sequence behind AuditEntry.seq continue after the seeded entries.
    await writer.exec(
      `SELECT setval(pg_get_serial_sequence('"AuditEntry"', 'seq'), ${firstSeq + SCALE.auditEntries})`,
    );
  }
  counts.busyLawyerOpenCases = busyOpen;
  await resumeReportTally();

  const person = (p: (typeof people)[number]) => ({ id: p.id, role: p.role, regions: p.regions });
  return {
    people: {
      coordinator: person(coordinators[0]!),
      busyLawyer: person(busyLawyer),
      organizer: person(organizers[0]!),
      lawyers: lawyers.map((l) => l.id),
      organizers: organizers.map((o) => o.id),
    },
    counts,
  };
}
