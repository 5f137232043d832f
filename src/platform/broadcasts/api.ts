import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { actorOf } from "../http/route-guard.ts";
import { unstorableTextAt } from "../domain/storable-text.ts";
import { localeOfRequest } from "../http/answers.ts";
import type { ApiContext } from "../module.ts";
import { checkAudienceChoice } from "./domain/audience-choice.ts";
import type { BroadcastDraft } from "./domain/draft.ts";
import { problemKey, type Problem } from "./domain/problem.ts";
import { presentBroadcast } from "./presenter.ts";
import { countBlocked, deliveryCounts, findBroadcast, listBroadcasts } from "./repo.ts";
import { choicesOf, optionsOf, type SegmentCatalogue } from "./segments.ts";
import { cancelBroadcast, createBroadcast, previewBroadcast } from "./service.ts";

const SEND = { access: { permission: "broadcasts.send" } } as const;
/** How many broadcasts the list shows, newest first. */
const LIST_LIMIT = 100;

const draftSchema = z.object({
  text: z.string().max(100_000),
  photo: z.string().max(10_000).nullish(),
  buttons: z
    .array(z.object({ text: z.string().max(1_000), url: z.string().max(10_000) }))
    .max(100)
    .default([]),
});
const createSchema = draftSchema.extend({
  segment: z.string().min(1).max(200),
  params: z.record(z.string(), z.unknown()).default({}),
  /** ISO 8601; absent or null means now. */
  sendAt: z.string().max(100).nullish(),
});
const idSchema = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

function draftOf(body: z.infer<typeof draftSchema>): BroadcastDraft {
  const photo = body.photo?.trim() ?? "";
  return { text: body.text, photo: photo === "" ? null : photo, buttons: body.buttons };
}

/**
 * The panel's broadcast routes: list with live reports, one broadcast, the audiences on offer
 * and their sizes, compose (now or later), preview to yourself, cancel. All need
 * `broadcasts.send`; refusals answer 400 with `{ error }` in the reader's language and change
 * nothing.
 */
export function broadcastRoutes(app: FastifyInstance, context: ApiContext, catalogue: SegmentCatalogue): void {
  const { database, translator } = context;
  const db = database.db;
  const now = () => context.clock.now();

  const refuse = (request: FastifyRequest, reply: FastifyReply, status: number, problem: Problem) =>
    reply.code(status).send({ error: translator.translate(request.session?.botId, localeOfRequest(request), problemKey(problem), problem.args) });

  const parse = <Schema extends z.ZodType>(request: FastifyRequest, reply: FastifyReply, schema: Schema, value: unknown): z.infer<Schema> | undefined => {
    const parsed = schema.safeParse(value ?? {});
    const unstorable = parsed.success ? unstorableTextAt(parsed.data) : undefined;
    if (parsed.success && unstorable === undefined) return parsed.data;
    const field = unstorable ?? parsed.error?.issues[0]?.path.join(".") ?? "";
    void refuse(request, reply, 400, { code: "malformed", args: { field: field === "" ? "-" : field } });
    return undefined;
  };

  const withReports = async (broadcasts: Awaited<ReturnType<typeof listBroadcasts>>) => {
    const counts = await deliveryCounts(db, broadcasts.map((broadcast) => broadcast.id));
    return broadcasts.map((broadcast) => presentBroadcast(broadcast, counts.get(broadcast.id) ?? []));
  };

  app.get("/api/broadcasts", { config: SEND }, async (request) => {
    return { broadcasts: await withReports(await listBroadcasts(db, request.session!.botId, LIST_LIMIT)) };
  });

  app.get("/api/broadcasts/segments", { config: SEND }, async (request) => {
    const { botId } = request.session!;
    const locale = localeOfRequest(request);
    const segments = await Promise.all(
      Object.entries(catalogue.of(botId)).map(async ([name, segment]) => {
        const options = await optionsOf(segment, db, botId);
        return {
          name,
          label: translator.translate(botId, locale, segment.label),
          params: (segment.params ?? []).map((param) => ({
            name: param.name,
            kind: param.kind,
            label: translator.translate(botId, locale, param.label),
            ...(param.kind === "choice" ? { options: options[param.name] ?? [] } : {}),
          })),
        };
      }),
    );
    return { segments, roles: context.permissions.roleNames() };
  });

  app.get("/api/broadcasts/audience", { config: SEND }, async (request, reply) => {
    const { botId } = request.session!;
    const { segment = "", ...params } = request.query as Record<string, string | undefined>;
    const segments = catalogue.of(botId);
    const offered = Object.hasOwn(segments, segment) ? segments[segment] : undefined;
    const choice = checkAudienceChoice(segments, segment, params, context.permissions.roleNames(), await choicesOf(offered, db, botId));
    if (!choice.ok) return refuse(request, reply, 400, choice.problem);
    const people = [...new Set(await segments[segment]!.audience(db, botId, choice.params, now()))];
    return { people: people.length, blocked: await countBlocked(db, botId, people) };
  });

  app.get<{ Params: { id: string } }>("/api/broadcasts/:id", { config: SEND }, async (request, reply) => {
    const params = parse(request, reply, idSchema, request.params);
    if (params === undefined) return reply;
    const broadcast = await findBroadcast(db, request.session!.botId, params.id);
    if (broadcast === undefined) return refuse(request, reply, 404, { code: "not-found" });
    const [view] = await withReports([broadcast]);
    return view;
  });

  app.post("/api/broadcasts", { config: SEND }, async (request, reply) => {
    const body = parse(request, reply, createSchema, request.body);
    if (body === undefined) return reply;
    const actor = actorOf(request);
    const created = await database.transaction((trx) =>
      createBroadcast(trx, actor, {
        draft: draftOf(body),
        segment: body.segment,
        params: body.params,
        ...(body.sendAt == null || body.sendAt === "" ? {} : { sendAt: new Date(body.sendAt) }),
        now: now(),
        segments: catalogue.of(actor.botId),
        roleNames: context.permissions.roleNames(),
      }),
    );
    if (!created.ok) return refuse(request, reply, 400, created.problem);
    return reply.code(201).send(presentBroadcast(created.value, []));
  });

  app.post("/api/broadcasts/preview", { config: SEND }, async (request, reply) => {
    const body = parse(request, reply, draftSchema, request.body);
    if (body === undefined) return reply;
    const actor = actorOf(request);
    const previewed = await database.transaction((trx) =>
      previewBroadcast(trx, actor, { draft: draftOf(body), now: now(), translator: context.translator, languages: context.settings.of(actor.botId).languages }),
    );
    if (!previewed.ok) return refuse(request, reply, 400, previewed.problem);
    return reply.code(202).send({ ok: true });
  });

  app.post<{ Params: { id: string } }>("/api/broadcasts/:id/cancel", { config: SEND }, async (request, reply) => {
    const params = parse(request, reply, idSchema, request.params);
    if (params === undefined) return reply;
    const actor = actorOf(request);
    const cancelled = await database.transaction((trx) => cancelBroadcast(trx, actor, { broadcastId: params.id, now: now() }));
    if (!cancelled.ok) return refuse(request, reply, cancelled.problem.code === "not-found" ? 404 : 400, cancelled.problem);
    const [view] = await withReports([cancelled.value]);
    return view;
  });
}
