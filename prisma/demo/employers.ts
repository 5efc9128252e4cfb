// Fictional employers. BINs start with "99" followed by an impossible month
// ("99"), so none can be a real registration; the check digit is valid.
import type { Region, Sector } from "~/generated/prisma/sqlite/enums";
import { withCheckDigit } from "~/modules/intake/identifiers";

export type DemoEmployer = { name: string; sector: Sector; region: Region; bin: string | null };

function fictionalBin(serial: number): string {
  for (let salt = 0; salt < 10; salt++) {
    const bin = withCheckDigit(
      `9999${String(4 + (salt % 3))}${String(serial * 10 + salt).padStart(6, "0")}`,
    );
    if (bin) return bin;
  }
  throw new Error("no check digit");
}

const raw: Array<[string, Sector, Region, boolean]> = [
  ["ТОО «Каспий Бурение Сервис»", "OIL_AND_GAS", "ATYRAU", true],
  ["ТОО «Жайык Ойл Логистик»", "OIL_AND_GAS", "ATYRAU", true],
  ["АО «Мангистау Терминал Групп»", "OIL_AND_GAS", "MANGYSTAU", true],
  ["ТОО «Бейнеу Вахта Сервис»", "OIL_AND_GAS", "MANGYSTAU", false],
  ["ТОО «Сарыарка Руда»", "MINING_AND_METALS", "KARAGANDA", true],
  ["АО «Темиртау Металл Конструкция»", "MINING_AND_METALS", "KARAGANDA", true],
  ["ТОО «Алтай Полиметалл Добыча»", "MINING_AND_METALS", "EAST_KAZAKHSTAN", true],
  ["ТОО «Иртыш Горный Подряд»", "MINING_AND_METALS", "EAST_KAZAKHSTAN", false],
  ["ТОО «Есиль Жилстрой Подряд»", "CONSTRUCTION", "ASTANA", true],
  ["ТОО «Байтерек Монолит»", "CONSTRUCTION", "ASTANA", false],
  ["ТОО «Алатау Строй Инвест»", "CONSTRUCTION", "ALMATY", true],
  ["ТОО «Медеу Фасад Монтаж»", "CONSTRUCTION", "ALMATY", false],
  ["КХ «Мактаарал Мақта»", "AGRICULTURE", "TURKISTAN", false],
  ["ТОО «Оңтүстік Агро Жер»", "AGRICULTURE", "TURKISTAN", true],
  ["ТОО «Павлодар Литейный Цех»", "MANUFACTURING", "PAVLODAR", true],
  ["ТОО «Шымкент Текстиль Фабрика»", "MANUFACTURING", "SHYMKENT", true],
  ["ТОО «Транзит Жолы Карго»", "TRANSPORT", "AKTOBE", true],
  ["ГКП «Городская больница №0»", "PUBLIC_SECTOR", "KOSTANAY", false],
  ["ТОО «Кызылорда Сервис Клининг»", "SERVICES", "KYZYLORDA", false],
  ["ТОО «Global Staffing Partners KZ»", "SERVICES", "ALMATY", true],
];

export const DEMO_EMPLOYERS: DemoEmployer[] = raw.map(([name, sector, region, hasBin], i) => ({
  name,
  sector,
  region,
  bin: hasBin ? fictionalBin(i + 1) : null,
}));

/** Used as contractors above employers and as recruitment agencies for migrants. */
export const DEMO_CHAIN = {
  contractors: [
    "ТОО «Генподряд Каспий Инжиниринг»",
    "АО «Республиканская Строительная Корпорация»",
  ],
  parents: ["Fictional Energy Holdings B.V.", "АО «Национальная Горная Группа (вымышл.)»"],
  agencies: [
    "ОсОО «Бишкек Трудовой Набор»",
    "MChJ «Toshkent Ish Agentligi»",
    "ООО «Душанбе Кадры Экспорт»",
  ],
};
