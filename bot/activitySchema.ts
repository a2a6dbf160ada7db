import { z } from "zod";

const account = z.object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() }).passthrough();

/**
 * The shape every incoming Bot Framework activity must have before the adapter sees it.
 * Anything else passes through untouched for the SDK; this only stops malformed bodies early.
 */
export const IncomingActivity = z
  .object({
    type: z.string().min(1),
    id: z.string().optional(),
    channelId: z.string().min(1),
    serviceUrl: z.string().url(),
    conversation: z.object({ id: z.string().min(1), conversationType: z.string().optional(), tenantId: z.string().optional() }).passthrough(),
    from: account,
    recipient: account,
    text: z.string().max(28_000).optional(),
    value: z.unknown().optional(),
    channelData: z.record(z.unknown()).optional(),
  })
  .passthrough();
export type IncomingActivity = z.infer<typeof IncomingActivity>;
