import type { ProgrammeView } from '@aiplat/contracts';

/**
 * The policy's fund channels (资金渠道). Ceilings are per allocation, in fen; they are
 * starting values an officer can see in the programme list, not figures from the policy.
 */
export interface ProgrammeDocument {
  _id: string;
  name: string;
  nameEn: string;
  ceiling: number;
  requiresActiveTask: boolean;
  createdAt: Date;
}

const WAN = 10_000 * 100; // 1 万元 in fen

export const POLICY_PROGRAMMES: readonly Omit<ProgrammeDocument, 'createdAt'>[] = Object.freeze([
  {
    _id: 'sanzhong-yichuang',
    name: '三重一创',
    nameEn: 'Three Key, One Innovation',
    ceiling: 2_000 * WAN,
    requiresActiveTask: false,
  },
  {
    _id: 'high-quality',
    name: '高质量发展',
    nameEn: 'High-quality development',
    ceiling: 1_000 * WAN,
    requiresActiveTask: false,
  },
  {
    _id: 'software-ic',
    name: '软件和集成电路',
    nameEn: 'Software and integrated circuits',
    ceiling: 1_000 * WAN,
    requiresActiveTask: false,
  },
  {
    _id: 'provincial-base',
    name: '省级重大新兴产业基地',
    nameEn: 'Provincial emerging-industry base',
    ceiling: 5_000 * WAN,
    requiresActiveTask: true,
  },
  {
    _id: 'gov-investment-fund',
    name: '政府投资基金',
    nameEn: 'Government investment fund',
    ceiling: 10_000 * WAN,
    requiresActiveTask: false,
  },
  {
    _id: 'ai-industry',
    name: '人工智能产业专项',
    nameEn: 'AI industry programme',
    ceiling: 500 * WAN,
    requiresActiveTask: true,
  },
]);

export function toProgrammeView(doc: ProgrammeDocument): ProgrammeView {
  return {
    id: doc._id,
    name: doc.name,
    nameEn: doc.nameEn,
    ceiling: doc.ceiling,
    requiresActiveTask: doc.requiresActiveTask,
  };
}
