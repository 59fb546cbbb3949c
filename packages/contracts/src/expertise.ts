import type { ExpertField } from './events/committee-events';

/** Words that point to a field of expertise, in the policy's language and in English. */
const KEYWORDS: ReadonlyArray<[ExpertField, RegExp]> = [
  ['intelligent_speech', /语音|声学|speech|voice/i],
  ['machine_vision', /视觉|图像|视频|人脸|vision|image/i],
  ['cognitive_intelligence', /认知|知识图谱|语义|自然语言|cognitive|knowledge graph|language/i],
  ['autonomous_driving', /驾驶|网联|车联网|无人车|driving|vehicle/i],
  ['big_data_intelligence', /大数据|数据资源|数据中心|算力|big data|data/i],
  ['vr_ar', /虚拟现实|增强现实|\bVR\b|\bAR\b/i],
  ['chips', /芯片|集成电路|半导体|chip|semiconductor/i],
  ['sensors', /传感|sensor/i],
  ['robotics', /机器人|robot/i],
  ['smart_manufacturing', /智能制造|工业互联网|制造|manufactur/i],
  ['smart_healthcare', /医疗|健康|医院|health|medical/i],
  ['industry_policy', /产业政策|政策|人才|基金|招商|policy|talent|fund/i],
];

/**
 * The fields of expertise a text is about (a review's material, a task's title): events from funding and tasks
 * carry no field of expertise, so panels and proposed experts are matched on what the text names.
 */
export function fieldsFromText(...texts: ReadonlyArray<string | undefined>): ExpertField[] {
  const text = texts.filter(Boolean).join(' ');
  return KEYWORDS.filter(([, pattern]) => pattern.test(text)).map(([field]) => field);
}
