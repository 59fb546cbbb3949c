import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DomainError, UNITS, type UnitId } from '@aiplat/contracts';
import { describe, expect, it } from 'vitest';
import { newTaskSchema } from '../task/task';
import { parsePolicy } from './parse-policy';

// CI checks out shared/ beside the repository, as on a developer machine: <root>/shared and <root>/main.
const SEED = resolve(__dirname, '../../../../../shared/seed/000_4ff1a9d776ae5834.txt');
const seed = readFileSync(SEED, 'utf8');

const DISTRICTS_AND_ZONES = UNITS.filter((u) => u.kind === 'district' || u.kind === 'zone').map((u) => u.id);

describe('parsePolicy on the Hefei 2020 AI opinions', () => {
  const plan = parsePolicy(seed);
  const task = (code: string) => {
    const found = plan.tasks.find((t) => t.code === code);
    if (!found) throw new Error(`no task ${code}`);
    return found;
  };

  it('reads the title, the publication date and the plan year', () => {
    expect(plan.title).toBe('合肥市人民政府关于加快推进新一代人工智能产业发展的实施意见');
    expect(plan.publishedOn).toBe('2020-04-22');
    expect(plan.year).toBe(2020);
  });

  it('takes the 2020 and 2025 targets from the goals section', () => {
    expect(plan.targets.map((t) => [t.year, t.metric, t.comparator, t.value, t.unit])).toEqual([
      [2020, 'core_industry_scale', '>', 100, '亿元'],
      [2020, 'driven_industry_scale', '≥', 700, '亿元'],
      [2020, 'application_scenarios', '≥', 10, '个'],
      [2020, 'demonstration_projects', '≥', 20, '个'],
      [2025, 'core_industry_scale', '>', 300, '亿元'],
      [2025, 'driven_industry_scale', '≥', 3000, '亿元'],
      [2025, 'application_scenarios', '≥', 60, '个'],
      [2025, 'demonstration_projects', '≥', 100, '个'],
    ]);
  });

  it('makes one task per numbered item of sections 二 to 四 (五 has none, 六 is safeguards)', () => {
    expect(plan.tasks.filter((t) => !t.parentCode).map((t) => `${t.code} ${t.title}`)).toEqual([
      '2020-2.1 布局前沿技术研究',
      '2020-2.2 突破关键共性技术',
      '2020-2.3 强化创新平台建设',
      '2020-3.1 发展核心产业',
      '2020-3.2 做强重点产业',
      '2020-3.3 培育智能企业',
      '2020-4.1 人工智能+先进制造',
      '2020-4.2 人工智能+现代农业',
      '2020-4.3 人工智能+金融商贸',
      '2020-4.4 人工智能+教育',
      '2020-4.5 人工智能+医疗康养',
      '2020-4.6 人工智能+公共安全',
      '2020-4.7 人工智能+政务司法',
      '2020-4.8 人工智能+城市治理',
      '2020-4.9 人工智能+文创旅游',
      '2020-4.10 人工智能+军民融合',
    ]);
    expect(plan.tasks).toHaveLength(16 + 17);
  });

  it('makes a sub-task per ——-area: six key common technologies among them', () => {
    const counts = Object.fromEntries(
      plan.tasks.filter((t) => t.children.length).map((t) => [t.code, t.children.length]),
    );
    expect(counts).toEqual({ '2020-2.2': 6, '2020-2.3': 3, '2020-3.1': 3, '2020-3.2': 5 });

    const areas = plan.tasks.filter((t) => t.parentCode === '2020-2.2');
    expect(areas.map((t) => `${t.code} ${t.title}`)).toEqual([
      '2020-2.2.1 智能语音',
      '2020-2.2.2 机器视觉',
      '2020-2.2.3 认知智能',
      '2020-2.2.4 智能驾驶',
      '2020-2.2.5 大数据智能',
      '2020-2.2.6 虚拟现实与增强现实',
    ]);
    expect(task('2020-2.2').children).toEqual(areas.map((t) => t.code));
    expect(task('2020-2.2.6').description).toBe(
      '重点突破虚拟现实可视化、动态环境建模、多源数据处理等关键技术,实现虚拟现实、增强现实等技术与人工智能的有机结合和高效互动。',
    );
    expect(task('2020-2.2.6').policySection).toEqual({ section: 2, sectionTitle: '构建创新体系', item: 2, area: 6 });
  });

  it('lists lead units in the order written and the co-responsible ones after 牵头', () => {
    const t = task('2020-4.5');
    expect(t.leadUnitIds).toEqual(['city-health', 'city-market-regulation', 'city-civil-affairs']);
    expect(t.coUnitIds).toEqual([
      ...DISTRICTS_AND_ZONES,
      'city-drc',
      'city-economy-it',
      'city-data-resources',
      'city-healthcare-security',
    ]);
    expect(task('2020-2.1').leadUnitIds).toEqual(['city-science-tech', 'city-drc']);
    expect(task('2020-3.3').leadUnitIds).toEqual(['city-economy-it', 'city-investment-promotion']);
    expect(task('2020-4.7').leadUnitIds).toEqual(['city-data-resources', 'city-court', 'city-procuratorate']);
    expect(task('2020-4.8').coUnitIds.slice(-3)).toEqual([
      'city-data-resources',
      'city-emergency-management',
      'city-power-supply',
    ]);
  });

  it('expands 各相关县(市)区政府、开发区管委会 to every district and zone', () => {
    expect(DISTRICTS_AND_ZONES).toHaveLength(9 + 4);
    expect(task('2020-4.4').coUnitIds).toEqual(DISTRICTS_AND_ZONES);
    for (const t of plan.tasks) expect(t.coUnitIds.slice(0, 13)).toEqual(DISTRICTS_AND_ZONES);
  });

  it('gives sub-tasks their parent’s units', () => {
    const parent = task('2020-3.2');
    for (const code of parent.children) {
      expect(task(code)).toMatchObject({
        parentCode: '2020-3.2',
        leadUnitIds: parent.leadUnitIds,
        coUnitIds: parent.coUnitIds,
      });
    }
    expect(parent.coUnitIds).toContain('city-transport' satisfies UnitId);
  });

  it('builds valid draft tasks due at the end of the plan year', () => {
    for (const t of plan.tasks) {
      expect(newTaskSchema.safeParse(t).error?.issues).toBeUndefined();
      expect(t).toMatchObject({ status: 'draft', dueDate: '2020-12-31', progress: 0, weight: 1, history: [] });
    }
  });

  it('knows every unit the text names and reports what it skipped', () => {
    expect(plan.unknownUnits).toEqual([]);
    expect(plan.skippedItems.map((s) => `${s.code} ${s.title}`)).toEqual([
      '2020-5 优化产业布局',
      '2020-6.1 加强组织保障',
      '2020-6.2 加大政策支持',
      '2020-6.3 强化推进实施',
      '2020-6.4 扩大开放合作',
      '2020-6.5 优化人才支撑',
      '2020-6.6 完善基础支撑',
    ]);
  });

  it('is deterministic, so re-importing finds the same codes', () => {
    expect(parsePolicy(seed)).toEqual(plan);
    expect(parsePolicy(seed.replace(/\n/g, '\r\n'))).toEqual(plan);
    expect(parsePolicy(seed, { year: 2021 }).tasks.map((t) => t.code)).toEqual(
      plan.tasks.map((t) => t.code.replace(/^2020-/, '2021-')),
    );
  });
});

describe('parsePolicy on small texts', () => {
  const text = [
    '某市关于人工智能的实施意见',
    '',
    '一、发展目标',
    '到2021年,形成5个以上深度应用场景。',
    '二、重点任务',
    '（一）建设算力平台',
    '——通用算力。建设公共算力中心。',
    '——智能算力。',
    '责任单位：合肥市发改委、市火星局牵头，市科技局、市月球办等按责任分工负责。',
    '（二）只有未知单位',
    '责任单位:市木星局牵头,市科技局按责任分工负责。',
    '（三）没有责任单位',
    '正文。',
    '三、完善保障措施',
    '（一）加强组织保障',
    '正文。',
    '（二）强化督查',
    '责任单位:市数据资源局牵头。',
    'THE END',
    '（四）页脚之后的内容',
    '责任单位:市发改委牵头。',
  ].join('\n');

  it('reports unknown units with their task instead of dropping them', () => {
    const plan = parsePolicy(text, { year: 2021 });
    expect(plan.unknownUnits).toEqual([
      { name: '市火星局', taskCode: '2021-2.1' },
      { name: '市月球办', taskCode: '2021-2.1' },
      { name: '市木星局', taskCode: '2021-2.2' },
    ]);
    expect(plan.tasks.find((t) => t.code === '2021-2.1')).toMatchObject({
      leadUnitIds: ['city-drc'],
      coUnitIds: ['city-science-tech'],
      children: ['2021-2.1.1', '2021-2.1.2'],
    });
  });

  it('reads fullwidth parentheses and colons, areas without a body, a safeguard with a 责任单位 line, and stops at the footer', () => {
    const plan = parsePolicy(text, { year: 2021 });
    expect(plan.tasks.map((t) => `${t.code} ${t.title}`)).toEqual([
      '2021-2.1 建设算力平台',
      '2021-2.1.1 通用算力',
      '2021-2.1.2 智能算力',
      '2021-3.2 强化督查',
    ]);
    expect(plan.tasks[2]?.description).toBe('智能算力');
    expect(plan.targets).toEqual([
      { metric: 'application_scenarios', label: '深度应用场景', comparator: '≥', value: 5, unit: '个', year: 2021 },
    ]);
    expect(plan.skippedItems.map((s) => [s.code, s.reason])).toEqual([
      ['2021-2.2', 'no known lead unit (牵头) in its 责任单位 line'],
      ['2021-2.3', 'no 责任单位 line'],
      ['2021-3.1', 'a safeguard measure (保障措施) without a 责任单位 line'],
    ]);
  });

  it('skips an item whose number repeats, so that codes stay unique', () => {
    const repeated = text.replace('（三）没有责任单位', '（二）重复编号');
    const plan = parsePolicy(repeated, { year: 2021 });
    expect(plan.skippedItems.find((s) => s.code === '2021-2.2' && s.title === '重复编号')?.reason).toMatch(/repeats/);
  });

  it('gives the same result for the same text', () => {
    expect(parsePolicy(text, { year: 2021 })).toEqual(parsePolicy(text, { year: 2021 }));
  });

  it('needs a plan year when the text has no publication date', () => {
    expect(() => parsePolicy(text)).toThrow(DomainError);
    expect(parsePolicy(`发布于:2022-01-05\n${text}`).tasks[0]?.code).toBe('2022-2.1');
  });
});
