import {
  adoptResolutionRpc,
  advanceMeetingRpc,
  closeConsultationRpc,
  completeResolutionRpc,
  consultationStatusSchema,
  consultationTypeSchema,
  consultationViewSchema,
  getConsultationRpc,
  getMeetingRpc,
  holdMeetingRpc,
  listConsultationsRpc,
  listMeetingsRpc,
  listOrganisationsRpc,
  listResolutionsRpc,
  organisationKindSchema,
  organisationViewSchema,
  registerOrganisationRpc,
  meetingStatusSchema,
  meetingViewSchema,
  resolutionStatusSchema,
  resolutionViewSchema,
  scheduleMeetingRpc,
  scheduleNextMeetingRpc,
  taskCodeParam,
} from '@aiplat/contracts';
import { RpcClient } from '@aiplat/messaging';
import { Controller, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ApiRoute } from '../http/api-route';
import { text, unitIdField } from '../http/fields';
import {
  CurrentPrincipal,
  RequestId,
  ValidBody,
  ValidParams,
  ValidQuery,
  type Principal,
} from '../http/request-context';
import { callService } from '../http/service-call';
import { meetingsCalendar } from './calendar';

const idParams = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'an id') }).strict();
const page = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/)
    .optional(),
};
const recordQuery = z
  .object({
    status: consultationStatusSchema.optional(),
    type: consultationTypeSchema.optional(),
    taskCode: taskCodeParam.optional(),
    ...page,
  })
  .strict();
const meetingQuery = z
  .object({
    status: meetingStatusSchema.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    ...page,
  })
  .strict();
const resolutionQuery = z
  .object({
    status: resolutionStatusSchema.optional(),
    meetingId: idParams.shape.id.optional(),
    recordId: idParams.shape.id.optional(),
    ownerUnitId: unitIdField.optional(),
    ...page,
  })
  .strict();
const closeBody = z.object({ reason: text(2000) }).strict();
const organisationQuery = z
  .object({
    kind: organisationKindSchema.optional(),
    q: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
const organisationBody = registerOrganisationRpc.request.omit({ context: true });
const { context: _c, ...scheduleShape } = scheduleMeetingRpc.request.shape;
const scheduleBody = z.object(scheduleShape).strict();
const nextBody = scheduleNextMeetingRpc.request.omit({ context: true, id: true });
const holdBody = z
  .object({ present: z.array(z.number().int().nonnegative()).max(200), minutes: text(50_000) })
  .strict();
const { context: _a, meetingId: _m, ...adoptShape } = adoptResolutionRpc.request.shape;
const adoptBody = z.object(adoptShape).strict();
const doneBody = z.object({ note: text(2000) }).strict();

/** Consultation records, meetings and resolutions (定期会商): served by the consultations service. */
@Controller()
export class ConsultationsController {
  constructor(private readonly rpc: RpcClient) {}

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/organisations',
    operationId: 'listOrganisations',
    summary:
      'The shared registry of participant organisations (enterprises, universities, institutes): meeting participants, funding applicants, talent organisations',
    tag: 'consultations',
    access: ['consultations.view', 'funding.view', 'talent.view'],
    query: organisationQuery,
    success: { status: 200, description: 'Organisations by name', schema: listOrganisationsRpc.response },
    errors: [503],
  })
  listOrganisations(
    @ValidQuery() q: z.infer<typeof organisationQuery>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    const { limit, ...filter } = q;
    return callService(this.rpc, listOrganisationsRpc, p, r, { ...filter, limit });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/organisations',
    operationId: 'registerOrganisation',
    summary: 'Register an organisation once (the same credit code, or name without one, gives the same entry back)',
    tag: 'consultations',
    access: ['consultations.manage', 'funding.manage', 'talent.manage'],
    body: organisationBody,
    success: { status: 200, description: 'The registry entry', schema: organisationViewSchema },
    errors: [503],
    audit: { action: 'organisation.register' },
  })
  registerOrganisation(
    @ValidBody() body: z.infer<typeof organisationBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    return callService(this.rpc, registerOrganisationRpc, p, r, body);
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/consultations',
    operationId: 'listConsultations',
    summary: 'Consultation records you may see (bureau staff: about your unit’s tasks), newest first',
    tag: 'consultations',
    access: 'consultations.view',
    query: recordQuery,
    success: { status: 200, description: 'A page of records', schema: listConsultationsRpc.response },
    errors: [503],
  })
  list(@ValidQuery() q: z.infer<typeof recordQuery>, @CurrentPrincipal() p: Principal, @RequestId() r: string) {
    const { limit, after, ...filter } = q;
    return callService(this.rpc, listConsultationsRpc, p, r, {
      filter,
      limit,
      ...(after ? { after } : {}),
    });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/consultations/{id}',
    operationId: 'getConsultation',
    summary: 'One consultation record: its trigger, suggested agenda, meetings and resolutions',
    tag: 'consultations',
    access: 'consultations.view',
    params: idParams,
    success: { status: 200, description: 'The record', schema: consultationViewSchema },
    errors: [404, 503],
  })
  get(@ValidParams() params: z.infer<typeof idParams>, @CurrentPrincipal() p: Principal, @RequestId() r: string) {
    return callService(this.rpc, getConsultationRpc, p, r, { id: params.id });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/consultations/{id}/close',
    operationId: 'closeConsultation',
    summary: 'Close a consultation record with a reason (refused while one of its resolutions is open)',
    tag: 'consultations',
    access: 'consultations.manage',
    params: idParams,
    body: closeBody,
    success: { status: 200, description: 'The record, closed', schema: consultationViewSchema },
    errors: [404, 409, 503],
    audit: { action: 'consultation.close', target: (q) => `consultation:${q.params.id}` },
  })
  close(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof closeBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    return callService(this.rpc, closeConsultationRpc, p, r, { id: params.id, reason: body.reason });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/meetings',
    operationId: 'scheduleMeeting',
    summary: 'Schedule a consultation meeting (regular or ad hoc) with participants and an agenda of open records',
    tag: 'consultations',
    access: 'consultations.manage',
    body: scheduleBody,
    success: { status: 201, description: 'The meeting, scheduled', schema: meetingViewSchema },
    errors: [409, 503],
    idempotent: true,
    audit: { action: 'meeting.schedule' },
  })
  schedule(@ValidBody() body: z.infer<typeof scheduleBody>, @CurrentPrincipal() p: Principal, @RequestId() r: string) {
    return callService(this.rpc, scheduleMeetingRpc, p, r, body);
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/meetings',
    operationId: 'listMeetings',
    summary: 'Consultation meetings by start time (bureau staff: those about their unit’s tasks or with their unit)',
    tag: 'consultations',
    access: 'consultations.view',
    query: meetingQuery,
    success: { status: 200, description: 'A page of meetings', schema: listMeetingsRpc.response },
    errors: [503],
  })
  listMeetings(
    @ValidQuery() q: z.infer<typeof meetingQuery>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    const { limit, after, ...filter } = q;
    return callService(this.rpc, listMeetingsRpc, p, r, {
      filter,
      limit,
      ...(after ? { after } : {}),
    });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/meetings/calendar.ics',
    operationId: 'meetingsCalendar',
    summary: 'The meetings you may see as an iCalendar feed (subscribe in a calendar program)',
    tag: 'consultations',
    access: 'consultations.view',
    success: { status: 200, description: 'text/calendar', files: ['text/calendar; charset=utf-8'] },
    errors: [503],
  })
  async calendar(
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { items } = await callService(this.rpc, listMeetingsRpc, p, r, { filter: {}, limit: 500 });
    void reply
      .header('Content-Type', 'text/calendar; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="meetings.ics"')
      .header('Cache-Control', 'no-store');
    return meetingsCalendar(items);
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/meetings/{id}',
    operationId: 'getMeeting',
    summary: 'One consultation meeting with participants, agenda, minutes and resolutions',
    tag: 'consultations',
    access: 'consultations.view',
    params: idParams,
    success: { status: 200, description: 'The meeting', schema: meetingViewSchema },
    errors: [404, 503],
  })
  getMeeting(
    @ValidParams() params: z.infer<typeof idParams>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    return callService(this.rpc, getMeetingRpc, p, r, { id: params.id });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/meetings/{id}/next',
    operationId: 'scheduleNextMeeting',
    summary:
      'Schedule the next meeting of a regular series: same place and participants, the standing agenda items, plus the open records given',
    tag: 'consultations',
    access: 'consultations.manage',
    params: idParams,
    body: nextBody,
    success: { status: 201, description: 'The next meeting, scheduled', schema: meetingViewSchema },
    errors: [404, 409, 503],
    idempotent: true,
    audit: { action: 'meeting.schedule_next', target: (q) => `meeting:${q.params.id}` },
  })
  scheduleNext(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof nextBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    return callService(this.rpc, scheduleNextMeetingRpc, p, r, { id: params.id, ...body });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/meetings/{id}/hold',
    operationId: 'holdMeeting',
    summary: 'Record that a meeting was held: attendance (participant positions) and minutes',
    tag: 'consultations',
    access: 'consultations.manage',
    params: idParams,
    body: holdBody,
    success: { status: 200, description: 'The meeting, held', schema: meetingViewSchema },
    errors: [404, 409, 503],
    audit: { action: 'meeting.hold', target: (q) => `meeting:${q.params.id}` },
  })
  hold(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof holdBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    return callService(this.rpc, holdMeetingRpc, p, r, { id: params.id, ...body });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/meetings/{id}/approve-minutes',
    operationId: 'approveMeetingMinutes',
    summary: 'Approve a held meeting’s minutes',
    tag: 'consultations',
    access: 'consultations.manage',
    params: idParams,
    success: { status: 200, description: 'The meeting, minutes approved', schema: meetingViewSchema },
    errors: [404, 409, 503],
    audit: { action: 'meeting.approve_minutes', target: (q) => `meeting:${q.params.id}` },
  })
  approveMinutes(
    @ValidParams() params: z.infer<typeof idParams>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    return callService(this.rpc, advanceMeetingRpc, p, r, { id: params.id, action: 'approve_minutes' });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/meetings/{id}/close',
    operationId: 'closeMeeting',
    summary: 'Close a meeting whose minutes are approved',
    tag: 'consultations',
    access: 'consultations.manage',
    params: idParams,
    success: { status: 200, description: 'The meeting, closed', schema: meetingViewSchema },
    errors: [404, 409, 503],
    audit: { action: 'meeting.close', target: (q) => `meeting:${q.params.id}` },
  })
  closeMeeting(
    @ValidParams() params: z.infer<typeof idParams>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    return callService(this.rpc, advanceMeetingRpc, p, r, { id: params.id, action: 'close' });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/meetings/{id}/resolutions',
    operationId: 'adoptResolution',
    summary:
      'Record a resolution (决议) of a held meeting, with owner unit and deadline; optionally create a follow-up key task (once)',
    tag: 'consultations',
    access: 'consultations.manage',
    params: idParams,
    body: adoptBody,
    success: { status: 201, description: 'The resolution', schema: resolutionViewSchema },
    errors: [404, 409, 503],
    idempotent: true,
    audit: { action: 'resolution.adopt', target: (q) => `meeting:${q.params.id}` },
  })
  adopt(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof adoptBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    return callService(this.rpc, adoptResolutionRpc, p, r, { meetingId: params.id, ...body }, { timeoutMs: 15_000 });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/resolutions',
    operationId: 'listResolutions',
    summary: 'Resolutions by deadline (bureau staff: those their unit owns or about their unit’s tasks)',
    tag: 'consultations',
    access: 'consultations.view',
    query: resolutionQuery,
    success: { status: 200, description: 'A page of resolutions', schema: listResolutionsRpc.response },
    errors: [503],
  })
  listResolutions(
    @ValidQuery() q: z.infer<typeof resolutionQuery>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    const { limit, after, ...filter } = q;
    return callService(this.rpc, listResolutionsRpc, p, r, {
      filter,
      limit,
      ...(after ? { after } : {}),
    });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/resolutions/{id}/done',
    operationId: 'completeResolution',
    summary:
      'Mark a resolution done (the secretariat, or staff of its owner unit); its record closes with its last one',
    tag: 'consultations',
    access: ['consultations.manage', 'tasks.report'],
    params: idParams,
    body: doneBody,
    success: { status: 200, description: 'The resolution, done', schema: resolutionViewSchema },
    errors: [404, 409, 503],
    audit: { action: 'resolution.done', target: (q) => `resolution:${q.params.id}` },
  })
  complete(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof doneBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    return callService(this.rpc, completeResolutionRpc, p, r, { id: params.id, note: body.note });
  }
}
