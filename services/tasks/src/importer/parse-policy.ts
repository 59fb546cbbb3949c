import { validationError } from '@aiplat/contracts';
import type { NewTask, Target } from '../task/task';
import { chineseNumeral } from './chinese-numeral';
import { parsePlanTargets } from './plan-targets';
import { parseResponsibilityLine } from './responsibility-line';

/**
 * Turns a policy text (实施意见) into a DRAFT annual work plan: the plan's targets from its goals
 * section, one task per numbered item （一）（二）… that has a 责任单位 line, and one sub-task per
 * ——-prefixed area inside such an item. Pure and deterministic: the same text gives the same
 * codes, so importing it again finds the tasks already there instead of adding new ones.
 *
 * The text's shape (as in the Hefei 2020 opinions):
 *   一、发展目标            section: Chinese numeral + 、
 *   (二)突破关键共性技术     item: numeral in ASCII or fullwidth parentheses
 *   ——智能语音。发挥……      area: —— + its name up to the first 。
 *   责任单位:市发改委、…牵头,…  responsibility line, ASCII or fullwidth colon
 */

export interface UnknownUnit {
  readonly name: string;
  readonly taskCode: string;
}

export interface SkippedItem {
  readonly code: string;
  readonly title: string;
  readonly reason: string;
}

export interface PolicyImport {
  /** The policy's title: its first line. */
  readonly title: string;
  /** From the `发布于:YYYY-MM-DD` line of the published page, when present. */
  readonly publishedOn?: string;
  readonly year: number;
  readonly targets: Target[];
  /** Each task followed by its sub-tasks, in the order of the text. */
  readonly tasks: NewTask[];
  /** Names in 责任单位 lines that are not in the unit registry; the office must map or add them. */
  readonly unknownUnits: UnknownUnit[];
  /** Numbered items (and sections without any) that became no task, with the reason. */
  readonly skippedItems: SkippedItem[];
}

export interface ParsePolicyOptions {
  /** The plan year that prefixes task codes; defaults to the year the policy was published. */
  readonly year?: number;
}

const SECTION_HEADING = /^([一二三四五六七八九十]+)、([^。]{1,40})$/;
const ITEM_HEADING = /^[(（]([一二三四五六七八九十]+)[)）]\s*([^。]{1,60})$/;
const AREA_PREFIX = /^—{1,2}\s*/;
const RESPONSIBILITY_LINE = /^责任单位\s*[:：]/;
const PUBLISHED_ON = /发布于\s*[:：]\s*(\d{4}-\d{2}-\d{2})/;
/** The page the text was saved from ends the policy with this line; what follows is the site's footer. */
const END_OF_TEXT = /^THE END$/;

/** The goals section; its numbers become the plan's targets. */
const isGoalsSection = (title: string) => title.includes('目标');
/** Safeguards (保障措施) set up the machinery that runs the plan; they are not tasks of it. */
const isSafeguardsSection = (title: string) => title.includes('保障措施');

interface Area {
  readonly title: string;
  readonly paragraphs: string[];
}

interface Item {
  readonly number: number;
  readonly title: string;
  readonly areas: Area[];
  /** Every paragraph, areas included, as written. */
  readonly paragraphs: string[];
  responsibilityLine?: string;
}

interface Section {
  readonly number: number;
  readonly title: string;
  readonly paragraphs: string[];
  readonly items: Item[];
}

export function parsePolicy(text: string, options: ParsePolicyOptions = {}): PolicyImport {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const title = lines.find((l) => l.length > 0) ?? '';
  const publishedOn = PUBLISHED_ON.exec(text)?.[1];
  const year = options.year ?? (publishedOn ? Number(publishedOn.slice(0, 4)) : undefined);
  if (year === undefined) {
    throw validationError('the plan year is not given and the text has no publication date', [
      { path: 'year', message: 'required' },
    ]);
  }

  const sections = readSections(lines);
  const goals = sections.find((s) => isGoalsSection(s.title));
  const targets = goals ? parsePlanTargets(goals.paragraphs.join('\n')) : [];

  const tasks: NewTask[] = [];
  const unknownUnits: UnknownUnit[] = [];
  const skippedItems: SkippedItem[] = [];
  const seenCodes = new Set<string>();
  for (const section of sections) {
    if (section.items.length === 0 && section !== goals) {
      skippedItems.push({
        code: `${year}-${section.number}`,
        title: section.title,
        reason: 'a section without numbered items, so without a 责任单位 line',
      });
    }
    for (const item of section.items) {
      const code = `${year}-${section.number}.${item.number}`;
      if (seenCodes.has(code)) {
        // Codes are the tasks' keys; a repeated number in the text must not make two tasks share one.
        skippedItems.push({
          code,
          title: item.title,
          reason: 'the item number repeats an earlier item of its section',
        });
        continue;
      }
      seenCodes.add(code);
      if (!item.responsibilityLine) {
        skippedItems.push({
          code,
          title: item.title,
          reason: isSafeguardsSection(section.title)
            ? 'a safeguard measure (保障措施) without a 责任单位 line'
            : 'no 责任单位 line',
        });
        continue;
      }
      const units = parseResponsibilityLine(item.responsibilityLine);
      unknownUnits.push(...units.unknownNames.map((name) => ({ name, taskCode: code })));
      if (units.leadUnitIds.length === 0) {
        skippedItems.push({ code, title: item.title, reason: 'no known lead unit (牵头) in its 责任单位 line' });
        continue;
      }
      const draft = (fields: Pick<NewTask, 'code' | 'title' | 'description' | 'policySection'>): NewTask => ({
        ...fields,
        children: [],
        leadUnitIds: [...units.leadUnitIds],
        coUnitIds: [...units.coUnitIds],
        contacts: [],
        // An annual plan's tasks are due by the end of its year; the office adjusts dates when assigning.
        dueDate: `${year}-12-31`,
        milestones: [],
        targets: [],
        weight: 1,
        progress: 0,
        riskLevel: 'none',
        status: 'draft',
        history: [],
      });
      const policySection = { section: section.number, sectionTitle: section.title, item: item.number };
      const children = item.areas.map((area, i) =>
        draft({
          code: `${code}.${i + 1}`,
          title: area.title,
          description: area.paragraphs.join('\n\n'),
          policySection: { ...policySection, area: i + 1 },
        }),
      );
      const parent = draft({ code, title: item.title, description: item.paragraphs.join('\n\n'), policySection });
      tasks.push(
        { ...parent, children: children.map((c) => c.code) },
        ...children.map((c) => ({ ...c, parentCode: code })),
      );
    }
  }

  return { title, ...(publishedOn ? { publishedOn } : {}), year, targets, tasks, unknownUnits, skippedItems };
}

/** Groups the lines into sections, items and areas. Lines before the first section (the preamble) are dropped. */
function readSections(lines: string[]): Section[] {
  const sections: Section[] = [];
  let section: Section | undefined;
  let item: Item | undefined;
  for (const line of lines) {
    if (END_OF_TEXT.test(line)) break;
    if (!line) continue;

    const sectionHeading = SECTION_HEADING.exec(line);
    const sectionNumber = sectionHeading && chineseNumeral(sectionHeading[1] ?? '');
    if (sectionHeading && sectionNumber) {
      section = { number: sectionNumber, title: (sectionHeading[2] ?? '').trim(), paragraphs: [], items: [] };
      sections.push(section);
      item = undefined;
      continue;
    }
    if (!section) continue;

    const itemHeading = ITEM_HEADING.exec(line);
    const itemNumber = itemHeading && chineseNumeral(itemHeading[1] ?? '');
    if (itemHeading && itemNumber) {
      item = { number: itemNumber, title: (itemHeading[2] ?? '').trim(), areas: [], paragraphs: [] };
      section.items.push(item);
      continue;
    }
    if (!item) {
      section.paragraphs.push(line);
      continue;
    }

    if (RESPONSIBILITY_LINE.test(line)) {
      item.responsibilityLine = line;
      continue;
    }
    item.paragraphs.push(line);
    if (AREA_PREFIX.test(line)) {
      const body = line.replace(AREA_PREFIX, '');
      const stop = body.indexOf('。');
      const areaTitle = stop < 0 ? body : body.slice(0, stop);
      const rest = stop < 0 ? '' : body.slice(stop + 1).trim();
      item.areas.push({ title: areaTitle, paragraphs: [rest || areaTitle] });
    } else if (item.areas.length > 0) {
      item.areas[item.areas.length - 1]?.paragraphs.push(line);
    }
  }
  return sections;
}
