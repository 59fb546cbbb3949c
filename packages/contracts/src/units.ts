import { z } from 'zod';

/**
 * The responsible units (责任单位) the leading-group office assigns tasks to, as named by the
 * seed policy (合肥市人民政府关于加快推进新一代人工智能产业发展的实施意见, 2020): the bureaus of its
 * 责任单位 lines, the county-level governments and development zones behind
 * 各相关县(市)区政府、开发区管委会, and the platform's own offices created by its section 六.
 *
 * `id` is a wire contract: it is stored on tasks, carried in events and checked in permissions.
 * Never change or reuse one; add a unit by appending a row.
 */

export const UNIT_KINDS = [
  'bureau', // a department of the city government (市政府部门)
  'judicial', // the city court and procuratorate
  'enterprise', // a state-owned company given responsibilities (市供电公司)
  'district', // a county-level government: district, county or county-level city
  'zone', // a development zone's administrative committee (开发区管委会)
  'office', // an office of the leading-group machinery
] as const;
export const unitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof unitKindSchema>;

interface UnitRow {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly kind: UnitKind;
  /** Other spellings: full official names and the short forms people write. */
  readonly aliases: readonly string[];
  /** The unit an office sits in (领导小组办公室设在市发改委). */
  readonly hostUnitId?: string;
}

const UNIT_ROWS = [
  // 市政府部门: every bureau named in a 责任单位 line of the seed policy.
  {
    id: 'city-drc',
    nameZh: '市发改委',
    nameEn: 'Municipal Development and Reform Commission',
    kind: 'bureau',
    aliases: ['市发展和改革委员会', '市发展改革委'],
  },
  {
    id: 'city-science-tech',
    nameZh: '市科技局',
    nameEn: 'Municipal Science and Technology Bureau',
    kind: 'bureau',
    aliases: ['市科学技术局'],
  },
  {
    id: 'city-economy-it',
    nameZh: '市经信局',
    nameEn: 'Municipal Bureau of Economy and Information Technology',
    kind: 'bureau',
    aliases: ['市经济和信息化局'],
  },
  { id: 'city-education', nameZh: '市教育局', nameEn: 'Municipal Education Bureau', kind: 'bureau', aliases: [] },
  {
    id: 'city-data-resources',
    nameZh: '市数据资源局',
    nameEn: 'Municipal Data Resources Bureau',
    kind: 'bureau',
    aliases: [],
  },
  {
    id: 'city-investment-promotion',
    nameZh: '市投资促进局',
    nameEn: 'Municipal Investment Promotion Bureau',
    kind: 'bureau',
    aliases: ['市投促局'],
  },
  {
    id: 'city-transport',
    nameZh: '市交通局',
    nameEn: 'Municipal Transport Bureau',
    kind: 'bureau',
    aliases: ['市交通运输局'],
  },
  {
    id: 'city-agriculture',
    nameZh: '市农业农村局',
    nameEn: 'Municipal Bureau of Agriculture and Rural Affairs',
    kind: 'bureau',
    aliases: [],
  },
  { id: 'city-commerce', nameZh: '市商务局', nameEn: 'Municipal Commerce Bureau', kind: 'bureau', aliases: [] },
  {
    id: 'city-financial-regulation',
    nameZh: '市地方金融监督管理局',
    nameEn: 'Municipal Local Financial Supervision and Administration Bureau',
    kind: 'bureau',
    aliases: ['市地方金融监管局', '市金融局'],
  },
  {
    id: 'city-health',
    nameZh: '市卫生健康委',
    nameEn: 'Municipal Health Commission',
    kind: 'bureau',
    aliases: ['市卫生健康委员会', '市卫健委'],
  },
  {
    id: 'city-market-regulation',
    nameZh: '市市场监督管理局',
    nameEn: 'Municipal Administration for Market Regulation',
    kind: 'bureau',
    aliases: ['市市场监管局'],
  },
  {
    id: 'city-civil-affairs',
    nameZh: '市民政局',
    nameEn: 'Municipal Civil Affairs Bureau',
    kind: 'bureau',
    aliases: [],
  },
  {
    id: 'city-healthcare-security',
    nameZh: '市医疗保障局',
    nameEn: 'Municipal Healthcare Security Bureau',
    kind: 'bureau',
    aliases: ['市医保局'],
  },
  {
    id: 'city-public-security',
    nameZh: '市公安局',
    nameEn: 'Municipal Public Security Bureau',
    kind: 'bureau',
    aliases: [],
  },
  {
    id: 'city-emergency-management',
    nameZh: '市应急管理局',
    nameEn: 'Municipal Emergency Management Bureau',
    kind: 'bureau',
    aliases: ['市应急局'],
  },
  {
    id: 'city-ecology-environment',
    nameZh: '市生态环境局',
    nameEn: 'Municipal Ecology and Environment Bureau',
    kind: 'bureau',
    aliases: [],
  },
  {
    id: 'city-culture-tourism',
    nameZh: '市文化和旅游局',
    nameEn: 'Municipal Culture and Tourism Bureau',
    kind: 'bureau',
    aliases: ['市文旅局'],
  },
  {
    id: 'city-court',
    nameZh: '市法院',
    nameEn: 'Hefei Intermediate People’s Court',
    kind: 'judicial',
    aliases: ['市中级人民法院', '市中院'],
  },
  {
    id: 'city-procuratorate',
    nameZh: '市检察院',
    nameEn: 'Hefei People’s Procuratorate',
    kind: 'judicial',
    aliases: ['市人民检察院'],
  },
  {
    id: 'city-power-supply',
    nameZh: '市供电公司',
    nameEn: 'State Grid Hefei Power Supply Company',
    kind: 'enterprise',
    aliases: ['国网合肥供电公司'],
  },

  // 各相关县(市)区政府: Hefei's county-level governments.
  { id: 'district-yaohai', nameZh: '瑶海区', nameEn: 'Yaohai District', kind: 'district', aliases: ['瑶海区政府'] },
  { id: 'district-luyang', nameZh: '庐阳区', nameEn: 'Luyang District', kind: 'district', aliases: ['庐阳区政府'] },
  { id: 'district-shushan', nameZh: '蜀山区', nameEn: 'Shushan District', kind: 'district', aliases: ['蜀山区政府'] },
  { id: 'district-baohe', nameZh: '包河区', nameEn: 'Baohe District', kind: 'district', aliases: ['包河区政府'] },
  {
    id: 'district-changfeng',
    nameZh: '长丰县',
    nameEn: 'Changfeng County',
    kind: 'district',
    aliases: ['长丰县政府'],
  },
  { id: 'district-feidong', nameZh: '肥东县', nameEn: 'Feidong County', kind: 'district', aliases: ['肥东县政府'] },
  { id: 'district-feixi', nameZh: '肥西县', nameEn: 'Feixi County', kind: 'district', aliases: ['肥西县政府'] },
  { id: 'district-lujiang', nameZh: '庐江县', nameEn: 'Lujiang County', kind: 'district', aliases: ['庐江县政府'] },
  { id: 'district-chaohu', nameZh: '巢湖市', nameEn: 'Chaohu City', kind: 'district', aliases: ['巢湖市政府'] },

  // 开发区管委会: the development zones named in the policy's section 五 (产业布局).
  {
    id: 'zone-hightech',
    nameZh: '高新区',
    nameEn: 'Hefei High-tech Industry Development Zone',
    kind: 'zone',
    aliases: ['合肥高新区', '高新区管委会'],
  },
  {
    id: 'zone-etdz',
    nameZh: '经开区',
    nameEn: 'Hefei Economic and Technological Development Zone',
    kind: 'zone',
    aliases: ['合肥经开区', '经开区管委会'],
  },
  {
    id: 'zone-xinzhan',
    nameZh: '新站高新区',
    nameEn: 'Hefei Xinzhan High-tech Industrial Development Zone',
    kind: 'zone',
    aliases: ['新站区', '新站高新区管委会'],
  },
  {
    id: 'zone-anchao',
    nameZh: '安巢经开区',
    nameEn: 'Anhui Chaohu Economic Development Zone',
    kind: 'zone',
    aliases: ['安徽巢湖经济开发区', '安巢经开区管委会'],
  },

  // The leading-group machinery of section 六 that the platform itself runs.
  {
    id: 'lg-office',
    nameZh: '领导小组办公室',
    nameEn: 'Leading Group Office',
    kind: 'office',
    aliases: ['市人工智能发展领导小组办公室', '推进新一代人工智能发展领导小组办公室'],
    hostUnitId: 'city-drc',
  },
  {
    id: 'committee-secretariat',
    nameZh: '专家咨询委员会秘书处',
    nameEn: 'Expert Advisory Committee Secretariat',
    kind: 'office',
    aliases: ['新一代人工智能专家咨询委员会秘书处'],
  },
  { id: 'funding-office', nameZh: '资金管理办公室', nameEn: 'Funding Office', kind: 'office', aliases: [] },
  { id: 'talent-office', nameZh: '人才工作办公室', nameEn: 'Talent Office', kind: 'office', aliases: [] },
] as const satisfies readonly UnitRow[];

export type UnitId = (typeof UNIT_ROWS)[number]['id'];
export const UNIT_IDS = UNIT_ROWS.map((u) => u.id) as [UnitId, ...UnitId[]];
export const unitIdSchema = z.enum(UNIT_IDS);

export const unitSchema = z
  .object({
    id: unitIdSchema,
    nameZh: z.string().min(1).max(100),
    nameEn: z.string().min(1).max(200),
    kind: unitKindSchema,
    aliases: z.array(z.string().min(1).max(100)).readonly(),
    hostUnitId: unitIdSchema.optional(),
  })
  .strict();
export type Unit = z.infer<typeof unitSchema>;

export const UNITS: readonly Unit[] = Object.freeze(
  UNIT_ROWS.map((row): Unit => Object.freeze({ ...row, aliases: Object.freeze([...row.aliases]) })),
);

const unitsById = new Map<string, Unit>(UNITS.map((u) => [u.id, u]));

/** The unit with this id, or undefined for an id that is not in the registry. */
export function unitById(id: string): Unit | undefined {
  return unitsById.get(id);
}

/**
 * Policy texts write the same name with ASCII or fullwidth parentheses, with stray spaces, and
 * with or without the city prefix (合肥市发改委 is 市发改委; 合肥高新区 is 高新区).
 */
function normalizeName(text: string): string {
  return text.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

const unitsByName = new Map<string, Unit>();
for (const unit of UNITS) {
  for (const name of [unit.nameZh, ...unit.aliases]) {
    const key = normalizeName(name);
    const taken = unitsByName.get(key);
    // Two units answering to one name would make assignment ambiguous: refuse at load time.
    if (taken && taken.id !== unit.id) throw new Error(`unit name ${name} is used by ${taken.id} and ${unit.id}`);
    unitsByName.set(key, unit);
  }
}

/** The unit whose name or alias is exactly `text` (see `normalizeName`), else undefined. */
export function resolveUnitName(text: string): Unit | undefined {
  const name = normalizeName(text);
  if (!name) return undefined;
  return (
    unitsByName.get(name) ??
    (name.startsWith('合肥市') ? unitsByName.get(`市${name.slice(3)}`) : undefined) ??
    (name.startsWith('合肥') ? unitsByName.get(name.slice(2)) : undefined)
  );
}
