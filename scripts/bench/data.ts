// Fictional data for the benchmark: small word lists of Kazakh and Russian
// names, places and companies, combined by a seeded random generator so that
// every run seeds the same database.
import type {
  CaseCategory,
  CaseStatus,
  IntakeChannel,
  Region,
  Sector,
  Urgency,
} from "~/generated/prisma/sqlite/enums";
import { ILO_INDICATORS } from "~/modules/intake/categories";

/** mulberry32: small, fast, deterministic. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
    /** Picks by weight: [[value, weight], …]. */
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [value, weight] of items) {
        r -= weight;
        if (r < 0) return value;
      }
      return items[items.length - 1]![0];
    },
  };
}
export type Random = ReturnType<typeof randomSource>;

export const FIRST_NAMES_MALE = [
  "Ержан",
  "Нұрлан",
  "Қайрат",
  "Асқар",
  "Бауыржан",
  "Ғалым",
  "Дәурен",
  "Жанболат",
  "Мұрат",
  "Серік",
  "Талғат",
  "Өтеген",
  "Үсен",
  "Ілияс",
  "Жаңабек",
  "Арман",
  "Болат",
  "Дмитрий",
  "Сергей",
  "Алексей",
  "Руслан",
  "Тимур",
  "Виктор",
  "Андрей",
  "Ерлан",
  "Самат",
] as const;
export const FIRST_NAMES_FEMALE = [
  "Әлия",
  "Айгүл",
  "Гүлнар",
  "Сәуле",
  "Жанар",
  "Ұлжан",
  "Динара",
  "Меруерт",
  "Асель",
  "Шаһизада",
  "Мадина",
  "Светлана",
  "Ольга",
  "Наталья",
  "Татьяна",
  "Айжан",
  "Қарлығаш",
  "Зәуре",
  "Гаухар",
  "Әсел",
] as const;
export const SURNAMES = [
  "Сапаров",
  "Ахметов",
  "Жұмабаев",
  "Қасымов",
  "Нұрмағанбетов",
  "Тоқаев",
  "Сейітов",
  "Бекмұхамбетов",
  "Әбдірахманов",
  "Есенов",
  "Мұхамедов",
  "Оспанов",
  "Құрманов",
  "Ибраев",
  "Смағұлов",
  "Төлеуов",
  "Жақсылықов",
  "Байжанов",
  "Омаров",
  "Серікбаев",
  "Иванов",
  "Петров",
  "Ким",
  "Ли",
  "Шевченко",
  "Кузнецов",
  "Попов",
  "Садықов",
  "Әлімжанов",
  "Үмбетов",
  "Ғабдуллин",
  "Өмірзақов",
  "Ізбасаров",
  "Дүйсенов",
  "Қожахметов",
  "Тұрсынов",
  "Рахимов",
  "Искаков",
  "Мусин",
  "Абенов",
] as const;

/** A surname in the form that goes with the first name. */
export function surnameFor(surname: string, female: boolean): string {
  if (!female) return surname;
  if (/(ов|ев|ин)$/.test(surname)) return `${surname}а`;
  return surname;
}

export const PLACES: Record<Region, readonly string[]> = {
  ASTANA: ["Астана", "Астана, Есіл ауданы", "Астана, промзона"],
  ALMATY: ["Алматы", "Алматы, Түрксіб ауданы", "Алматы, барахолка"],
  SHYMKENT: ["Шымкент", "Шымкент, Абай ауданы"],
  ABAI: ["Семей", "Аягөз", "Курчатов"],
  AKMOLA: ["Көкшетау", "Степногорск", "Щучинск"],
  AKTOBE: ["Ақтөбе", "Хромтау", "Кандыағаш"],
  ALMATY_REGION: ["Қонаев", "Талғар", "Есік"],
  ATYRAU: ["Атырау", "Теңіз кен орны", "Құлсары"],
  EAST_KAZAKHSTAN: ["Өскемен", "Риддер", "Алтай"],
  JAMBYL: ["Тараз", "Жаңатас", "Қаратау"],
  JETISU: ["Талдықорған", "Текелі", "Жаркент"],
  KARAGANDA: ["Қарағанды", "Теміртау", "Шахтинск", "Саран"],
  KOSTANAY: ["Қостанай", "Рудный", "Лисаковск"],
  KYZYLORDA: ["Қызылорда", "Байқоңыр", "Арал"],
  MANGYSTAU: ["Ақтау", "Жаңаөзен", "Бейнеу"],
  NORTH_KAZAKHSTAN: ["Петропавл", "Булаево"],
  PAVLODAR: ["Павлодар", "Екібастұз", "Ақсу"],
  TURKISTAN: ["Түркістан", "Кентау", "Сарыағаш"],
  ULYTAU: ["Жезқазған", "Сәтбаев", "Ұлытау"],
  WEST_KAZAKHSTAN: ["Орал", "Ақсай", "Қарашығанақ"],
};

export const COMPANY_WORDS = [
  "Құрылыс",
  "Мұнай",
  "Газ",
  "Строй",
  "Транс",
  "Агро",
  "Металл",
  "Сервис",
  "Инвест",
  "Энерго",
  "Көмір",
  "Жол",
  "Тау-Кен",
  "Алтын",
  "Дала",
  "Степь",
  "Нефтесервис",
  "Логистик",
  "Монтаж",
  "Темір",
  "Азия",
  "Каспий",
  "Арка",
  "Ертіс",
  "Сарыарқа",
  "Болашақ",
  "Береке",
];
export const LEGAL_FORMS = ["ТОО", "АО", "ИП", "ТОО", "ТОО"];

export const ACCOUNT_SENTENCES = [
  "Жалақы үш ай бойы төленбеді.",
  "Заработную плату не выплачивают с весны.",
  "Рабочих заставляют работать по 12 часов без выходных.",
  "Паспорта забрал бригадир и не возвращает.",
  "Жұмыс орнында қауіпсіздік техникасы сақталмайды.",
  "После забастовки уволили членов профсоюза.",
  "Вахтовиков поселили в вагончиках без отопления.",
  "Работодатель угрожает полицией тем, кто жалуется.",
  "Кәсіподақ төрағасына қысым көрсетілуде.",
  "Часть зарплаты выдают в конверте.",
  "Травму на производстве не оформили.",
  "Мигрантам не дают уехать домой до конца сезона.",
  "Жұмысшылар ереуілге шықты, оларға айыппұл салынды.",
  "Детей привлекают к работе на хлопковых полях.",
  "Долг по зарплате составляет около двух миллионов тенге.",
  "Инспекция труда проверку не проводила.",
];

export const CATEGORY_WEIGHTS: readonly (readonly [CaseCategory, number])[] = [
  ["UNPAID_WAGES", 40],
  ["FORCED_LABOR", 6],
  ["UNSAFE_CONDITIONS", 14],
  ["DETAINED_ACTIVIST", 3],
  ["UNION_BUSTING", 10],
  ["STRIKE_PENALTIES", 5],
  ["CHILD_LABOR", 2],
  ["MIGRANT_ABUSE", 8],
  ["OTHER", 12],
];
export const URGENCY_WEIGHTS: readonly (readonly [Urgency, number])[] = [
  ["URGENT", 8],
  ["HIGH", 27],
  ["NORMAL", 65],
];
export const REGION_WEIGHTS: readonly (readonly [Region, number])[] = [
  ["ALMATY", 14],
  ["ASTANA", 9],
  ["SHYMKENT", 7],
  ["KARAGANDA", 9],
  ["ATYRAU", 8],
  ["MANGYSTAU", 7],
  ["AKTOBE", 5],
  ["PAVLODAR", 5],
  ["EAST_KAZAKHSTAN", 5],
  ["TURKISTAN", 5],
  ["JAMBYL", 4],
  ["KOSTANAY", 3],
  ["KYZYLORDA", 3],
  ["WEST_KAZAKHSTAN", 3],
  ["ABAI", 2],
  ["AKMOLA", 2],
  ["ALMATY_REGION", 2],
  ["JETISU", 1],
  ["NORTH_KAZAKHSTAN", 1],
  ["ULYTAU", 1],
];
export const CHANNELS: readonly IntakeChannel[] = [
  "FIELD_VISIT",
  "HOTLINE",
  "WALK_IN",
  "MESSENGER",
  "PARTNER_REFERRAL",
];
export const SECTORS: readonly Sector[] = [
  "OIL_AND_GAS",
  "MINING_AND_METALS",
  "CONSTRUCTION",
  "AGRICULTURE",
  "MANUFACTURING",
  "TRANSPORT",
  "PUBLIC_SECTOR",
  "SERVICES",
  "OTHER",
];

/** Older cases are mostly finished; recent ones mostly open. */
export function statusFor(random: Random, ageDays: number): CaseStatus {
  if (ageDays > 365) {
    return random.weighted([
      ["CLOSED", 70],
      ["RESOLVED", 20],
      ["ON_HOLD", 3],
      ["IN_PROGRESS", 5],
      ["REOPENED", 2],
    ] as const);
  }
  if (ageDays > 60) {
    return random.weighted([
      ["CLOSED", 30],
      ["RESOLVED", 20],
      ["IN_PROGRESS", 30],
      ["ASSIGNED", 8],
      ["ON_HOLD", 7],
      ["REOPENED", 3],
      ["TRIAGED", 2],
    ] as const);
  }
  return random.weighted([
    ["NEW", 18],
    ["TRIAGED", 15],
    ["ASSIGNED", 20],
    ["IN_PROGRESS", 30],
    ["ON_HOLD", 5],
    ["RESOLVED", 10],
    ["CLOSED", 2],
  ] as const);
}

const TRI = [
  ["YES", 3],
  ["NO", 5],
  ["UNKNOWN", 2],
] as const;

/** Distinct picks, one to `max`, in their list order (as the intake stores a multiple choice). */
function some<T>(random: Random, items: readonly T[], max: number): T[] {
  const chosen = new Set<T>();
  const n = random.int(1, max);
  while (chosen.size < n) chosen.add(random.pick(items));
  return items.filter((item) => chosen.has(item));
}

/**
 * The structured facts an intake stores for each category (decision 0027: no
 * free text, which is sealed), so that the monitoring reports and the
 * register's flags count real values: forced-labour indicators and whether
 * the person can leave, the kind of harm and the report to the inspectorate,
 * union actions, strike penalties, violence. `day` is the incident's date.
 */
export function factsFor(random: Random, category: CaseCategory, day: string) {
  switch (category) {
    case "UNPAID_WAGES":
      return {
        periodStart: day,
        amountOwed: random.int(50, 3_000) * 100_000,
        currency: "KZT",
        workersAffected: random.int(1, 60),
        offTheBooks: random.chance(0.3),
      };
    case "FORCED_LABOR":
      return {
        indicators: some(random, ILO_INDICATORS, 4),
        canLeave: random.weighted(TRI),
        ongoing: random.chance(0.4),
      };
    case "UNSAFE_CONDITIONS": {
      const kind = random.weighted([
        ["UNSAFE_CONDITIONS", 40],
        ["INJURY", 38],
        ["DEATH", 7],
        ["OCCUPATIONAL_DISEASE", 15],
      ] as const);
      return {
        kind,
        eventDate: day,
        severity:
          kind === "DEATH" ? "FATAL" : kind === "UNSAFE_CONDITIONS" ? "NONE_YET" : "SERIOUS",
        peopleHarmed: kind === "UNSAFE_CONDITIONS" ? 0 : random.int(1, 4),
        reportedToInspectorate: random.weighted(TRI),
      };
    }
    case "DETAINED_ACTIVIST":
      return {
        detainedAt: `${day}T09:30`,
        lawyerHasAccess: random.weighted(TRI),
        familyInformed: random.weighted(TRI),
        violence: random.chance(0.1) ? ["ASSAULT"] : [],
      };
    case "UNION_BUSTING":
      return {
        actions: some(random, ["DISMISSAL", "PRESSURE", "REGISTRATION_REFUSED", "DISSOLUTION"], 2),
        workersAffected: random.int(1, 40),
        violence: random.chance(0.05) ? ["THREATS_TO_LIFE"] : [],
      };
    case "STRIKE_PENALTIES":
      return {
        strikeDate: day,
        penalties: some(random, ["FINES", "DISMISSALS", "JAIL"], 2),
        currency: "KZT",
        peopleDismissed: random.int(0, 30),
        peopleJailed: random.chance(0.2) ? random.int(1, 5) : 0,
        violence: random.chance(0.05) ? ["ASSAULT"] : [],
      };
    case "CHILD_LABOR":
      return { childrenCount: random.int(1, 12), hazardous: random.chance(0.4) };
    case "MIGRANT_ABUSE":
      return {
        countryOfOrigin: random.pick(["UZ", "KG", "TJ"]),
        passportConfiscated: random.chance(0.5),
        journeyHomeUnpaid: random.chance(0.5),
      };
    default:
      return {};
  }
}
