import type { Target } from '../task/task';

/**
 * The measures the goals section (发展目标) quantifies. The text gives each as either
 * `<measure><comparator word><number><unit>` (核心产业规模超过100亿元) or
 * `<number><unit>以上<measure>` (10个以上深度应用场景).
 */
const MEASURES: readonly { metric: string; label: string; pattern: RegExp }[] = [
  {
    metric: 'core_industry_scale',
    label: '人工智能核心产业规模',
    pattern: /人工智能核心产业规模(?<word>超过|达到|不低于|不少于)(?<value>\d+(?:\.\d+)?)(?<unit>万亿元|亿元)/g,
  },
  {
    metric: 'driven_industry_scale',
    label: '带动产业规模',
    pattern: /带动产业规模(?<word>超过|达到|不低于|不少于)(?<value>\d+(?:\.\d+)?)(?<unit>万亿元|亿元)/g,
  },
  {
    metric: 'application_scenarios',
    label: '深度应用场景',
    pattern: /(?<value>\d+)(?<unit>个)(?<word>以上)深度应用场景/g,
  },
  {
    metric: 'demonstration_projects',
    label: '应用示范项目',
    pattern: /(?<value>\d+)(?<unit>个)(?<word>以上)应用示范项目/g,
  },
];

/** 超过 is strictly more; 达到 (reach), 不低于/不少于 (not less than) and 以上 (or more) include the number. */
const COMPARATOR_BY_WORD: Readonly<Record<string, Target['comparator']>> = {
  超过: '>',
  达到: '≥',
  不低于: '≥',
  不少于: '≥',
  以上: '≥',
};

/**
 * The quantified goals of the goals section, each dated by the `到<year>年` that precedes it
 * (到2020年 … 到2025年 …). Sorted by year, then in the order of `MEASURES`.
 */
export function parsePlanTargets(goalsText: string): Target[] {
  const years = [...goalsText.matchAll(/到(\d{4})年/g)].map((m) => ({ at: m.index, year: Number(m[1]) }));
  const targets: { target: Target; order: number }[] = [];
  MEASURES.forEach((measure, order) => {
    for (const m of goalsText.matchAll(measure.pattern)) {
      const year = years.filter((y) => y.at < m.index).at(-1)?.year;
      const { word = '', value = '', unit = '' } = m.groups ?? {};
      const comparator = COMPARATOR_BY_WORD[word];
      if (year === undefined || comparator === undefined) continue;
      targets.push({
        order,
        target: { metric: measure.metric, label: measure.label, comparator, value: Number(value), unit, year },
      });
    }
  });
  return targets.sort((a, b) => a.target.year - b.target.year || a.order - b.order).map((t) => t.target);
}
