// About 60 fictional cases across every category, region and status, so the
// demo looks like a working office. Deterministic: the same data every time.
import type { CaseStatus } from "~/generated/prisma/sqlite/enums";
import { CATEGORIES } from "~/modules/intake/categories";
import { intakeSchema } from "~/modules/intake/schema";
import { REGIONS } from "~/modules/regions/regions";
import { DEMO_CHAIN, DEMO_EMPLOYERS } from "./employers";

/** mulberry32: a tiny seeded generator, so the demo is reproducible. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + Math.imul(t ^ (t >>> 14), 71 | t));
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  "Айбек",
  "Данияр",
  "Гульнара",
  "Ерлан",
  "Жанар",
  "Мурат",
  "Сания",
  "Асель",
  "Бахтияр",
  "Нурлан",
  "Ольга",
  "Сергей",
  "Азамат",
  "Дильноза",
  "Шерзод",
  "Фарход",
  "Бакыт",
  "Айжан",
  "Тимур",
  "Зарина",
];
const LAST = [
  "Тестов",
  "Примеров",
  "Демоев",
  "Условный",
  "Образцов",
  "Вымыслов",
  "Сынақов",
  "Үлгіев",
  "Мысалов",
  "Демонов",
];
const STATUSES: CaseStatus[] = [
  "NEW",
  "NEW",
  "TRIAGED",
  "ASSIGNED",
  "IN_PROGRESS",
  "IN_PROGRESS",
  "ON_HOLD",
  "RESOLVED",
  "CLOSED",
  "REOPENED",
];
const OCCUPATIONS = [
  "сварщик",
  "бетонщик",
  "оператор буровой",
  "водитель",
  "швея",
  "разнорабочий",
  "машинист",
  "повар вахты",
  "электромонтёр",
  "сборщик хлопка",
];

const ACCOUNTS: Record<string, string[]> = {
  UNPAID_WAGES: [
    "Бригаде не платят зарплату с весны. Мастер говорит, что деньги задерживает генподрядчик. Часть людей работает без договора, зарплату выдавали наличными «в конверте».",
    "Жұмысшыларға үш ай бойы жалақы төленбеген. Басшылық келесі айда төлейміз дейді, бірақ келісімшарт көрсетпейді.",
  ],
  FORCED_LABOR: [
    "Рабочих из соседней страны привезли на объект, паспорта забрал бригадир «на регистрацию» и не вернул. Выходить за территорию не разрешают, говорят, что сначала нужно отработать долг за дорогу.",
    "Рабочие живут в запертом вагончике на объекте, документы у мастера участка. Им говорят, что они должны за питание и дорогу, и пока долг не отработан, уехать нельзя.",
  ],
  UNSAFE_CONDITIONS: [
    "На участке нет страховочных поясов, работы на высоте ведутся без ограждения. Неделю назад рабочий упал с лесов, скорую вызвали через час.",
    "Шахтада желдету жұмыс істемейді, жұмысшылар бас ауруына шағымданады. Өндірістік жарақат туралы акт жасалмаған.",
  ],
  DETAINED_ACTIVIST: [
    "Председателя профкома задержали после собрания у проходной. Родственникам не сообщили, где он находится. Адвоката к нему не пустили в первый день.",
    "Кәсіподақ белсендісі ереуілден кейін ұсталды, оған заңсыз жиналыс ұйымдастырды деген айып тағылды.",
  ],
  UNION_BUSTING: [
    "После создания независимого профсоюза троих членов уволили «по сокращению штата». Остальным предложили написать заявления о выходе из профсоюза.",
    "В регистрации нового профсоюза дважды отказали по формальным причинам. Членов профсоюза по одному вызывают в отдел кадров и уговаривают выйти из него.",
  ],
  STRIKE_PENALTIES: [
    "Забастовку признали незаконной, организаторов оштрафовали, нескольких уволили. Один из рабочих получил административный арест.",
  ],
  CHILD_LABOR: [
    "На сборе хлопка работают подростки 13–15 лет, в том числе во время учебного года. Работают без перерывов в жару.",
  ],
  MIGRANT_ABUSE: [
    "Агентство взяло плату за трудоустройство, на месте условия оказались другими. Паспорта у работодателя, денег на обратную дорогу нет.",
    "Мигрант жұмысшылардың төлқұжаттары алынған, үйге қайтатын жол ақысы төленбеген.",
  ],
  OTHER: [
    "Работников заставляют подписывать пустые бланки заявлений и не выдают копии трудовых договоров.",
  ],
};

const FACTS: Record<
  string,
  (r: () => number, date: (daysAgo: number) => string) => Record<string, unknown>
> = {
  UNPAID_WAGES: (r, date) => ({
    periodStart: date(120 + Math.floor(r() * 60)),
    periodEnd: date(10),
    amountOwed: String(Math.round(200_000 + r() * 4_800_000)),
    currency: "KZT",
    workersAffected: String(1 + Math.floor(r() * 60)),
    offTheBooks: r() > 0.5 ? "on" : "",
  }),
  FORCED_LABOR: (r) => ({
    indicators: [
      "RETENTION_OF_IDENTITY_DOCUMENTS",
      "WITHHOLDING_OF_WAGES",
      ...(r() > 0.5 ? ["DEBT_BONDAGE", "RESTRICTION_OF_MOVEMENT"] : ["DECEPTION"]),
    ],
    canLeave: r() > 0.5 ? "NO" : "UNKNOWN",
    documentsHeldBy: "бригадир",
    ongoing: r() > 0.3 ? "on" : "",
  }),
  UNSAFE_CONDITIONS: (r, date) => {
    const severity = (["FATAL", "SERIOUS", "MINOR", "NONE_YET"] as const)[Math.floor(r() * 4)]!;
    return {
      kind:
        severity === "FATAL" ? "DEATH" : severity === "NONE_YET" ? "UNSAFE_CONDITIONS" : "INJURY",
      eventDate: date(5 + Math.floor(r() * 40)),
      severity,
      peopleHarmed: severity === "NONE_YET" ? "0" : String(1 + Math.floor(r() * 3)),
      reportedToInspectorate: (["YES", "NO", "UNKNOWN"] as const)[Math.floor(r() * 3)],
      employerResponse: "Работодатель отрицает нарушения.",
    };
  },
  DETAINED_ACTIVIST: (r, date) => ({
    personRole: "председатель профсоюзного комитета",
    detainedAt: `${date(1 + Math.floor(r() * 20))}T0${Math.floor(r() * 9)}:30`,
    detainedWhere: "у проходной предприятия",
    authority: "районное управление полиции",
    charges: "ст. 402 УК РК (вымышленный пример)",
    court: "районный суд (вымышл.)",
    lawyerHasAccess: r() > 0.5 ? "YES" : "NO",
    familyInformed: r() > 0.5 ? "YES" : "UNKNOWN",
  }),
  UNION_BUSTING: (r) => ({
    actions: r() > 0.5 ? ["DISMISSAL", "PRESSURE"] : ["REGISTRATION_REFUSED"],
    unionName: "Независимый профсоюз работников (вымышл.)",
    workersAffected: String(2 + Math.floor(r() * 30)),
  }),
  STRIKE_PENALTIES: (r, date) => ({
    strikeDate: date(30 + Math.floor(r() * 60)),
    declaredIllegalBy: "районный суд (вымышл.)",
    penalties: ["FINES", "DISMISSALS", ...(r() > 0.6 ? ["JAIL"] : [])],
    finesAmount: String(Math.round(100_000 + r() * 900_000)),
    currency: "KZT",
    peopleDismissed: String(Math.floor(r() * 20)),
    peopleJailed: String(Math.floor(r() * 2)),
  }),
  CHILD_LABOR: (r) => ({
    childrenCount: String(3 + Math.floor(r() * 20)),
    youngestAge: String(11 + Math.floor(r() * 4)),
    work: "сбор хлопка",
    hazardous: r() > 0.5 ? "on" : "",
  }),
  MIGRANT_ABUSE: (r) => ({
    countryOfOrigin: (["KG", "UZ", "TJ"] as const)[Math.floor(r() * 3)],
    passportConfiscated: "on",
    journeyHomeUnpaid: r() > 0.4 ? "on" : "",
    recruitmentFeeCharged: r() > 0.5 ? "on" : "",
  }),
  OTHER: () => ({ summary: "Принуждение к подписанию пустых бланков" }),
};

export type DemoCase = {
  form: ReturnType<typeof intakeSchema.parse>;
  status: CaseStatus;
  createdAt: Date;
};

export function demoCases(now: Date, count = 60): DemoCase[] {
  const r = random(20261123);
  const date = (daysAgo: number) =>
    new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;

  return Array.from({ length: count }, (_, i) => {
    const category = CATEGORIES[i % CATEGORIES.length]!;
    const region = REGIONS[i % REGIONS.length]!;
    const employer = DEMO_EMPLOYERS.find((e) => e.region === region) ?? pick(DEMO_EMPLOYERS);
    const daysAgo = Math.floor((i * 110) / count + r() * 3);
    const named = category === "UNPAID_WAGES" && i % 3 === 0 ? 3 : Math.floor(r() * 3);
    const workers = Array.from({ length: named }, (_, w) => {
      const anonymous = r() < 0.2;
      return {
        anonymous: anonymous ? "on" : "",
        fullName: anonymous ? "" : `${pick(LAST)} ${pick(FIRST)}`,
        phone:
          anonymous || r() < 0.5
            ? ""
            : `+7 700 555 ${String(10 + i).padStart(2, "0")} ${String(10 + w).padStart(2, "0")}`,
        contactNotes: anonymous
          ? ""
          : pick([
              "Только WhatsApp, не во время смены",
              "Звонить после 20:00",
              "Через сестру, не напрямую",
            ]),
        yearOfBirth: String(1970 + Math.floor(r() * 35)),
        gender: pick(["FEMALE", "MALE", "UNDISCLOSED"]),
        citizenship:
          category === "MIGRANT_ABUSE" || category === "FORCED_LABOR"
            ? pick(["KG", "UZ", "TJ"])
            : "KZ",
        occupation: pick(OCCUPATIONS),
        unionMember: pick(["YES", "NO", "UNKNOWN"]),
        consentToStore: "on",
        consentToContact: r() > 0.3 ? "on" : "",
        consentToShare: r() > 0.2 ? "on" : "",
        consentToCiteAnonymously: r() > 0.5 ? "on" : "",
      };
    });
    const withEmployer = category !== "DETAINED_ACTIVIST" || r() > 0.5;
    const form = intakeSchema.parse({
      category,
      facts: FACTS[category]!(r, date),
      incidentStart: date(daysAgo + 3 + Math.floor(r() * 20)),
      region,
      place: `${pick(["участок", "вахтовый посёлок", "цех", "объект", "поле"])} №${1 + Math.floor(r() * 9)}`,
      channel: pick(["FIELD_VISIT", "HOTLINE", "WALK_IN", "MESSENGER", "PARTNER_REFERRAL"]),
      account: pick(ACCOUNTS[category]!),
      urgency: "",
      workers,
      unnamedWorkerCount: String(named === 0 ? 1 + Math.floor(r() * 40) : Math.floor(r() * 10)),
      employer: withEmployer
        ? {
            name: employer.name,
            bin: employer.bin ?? "",
            sector: employer.sector,
            region: employer.region,
          }
        : {},
      chain: {
        contractor:
          category === "UNPAID_WAGES" || category === "UNSAFE_CONDITIONS"
            ? { name: pick(DEMO_CHAIN.contractors) }
            : {},
        parentCompany: employer.sector === "OIL_AND_GAS" ? { name: pick(DEMO_CHAIN.parents) } : {},
        recruitmentAgency:
          category === "MIGRANT_ABUSE" || category === "FORCED_LABOR"
            ? { name: pick(DEMO_CHAIN.agencies) }
            : {},
      },
      confirmDuplicates: "on",
    });
    return {
      form,
      status: STATUSES[i % STATUSES.length]!,
      createdAt: new Date(now.getTime() - daysAgo * 86_400_000 - Math.floor(r() * 36_000_000)),
    };
  });
}
