import { z } from "@medusajs/framework/zod"
import { CreateWebhookEndpoint, EmptyBody, ListWebhookDeliveries, UpdateWebhookEndpoint } from "../../validators"
import { deleted, page } from "../schemas/common"
import { WebhookDelivery, WebhookEndpoint } from "../schemas/webhooks"
import type { Operation } from "../types"
import { E } from "./errors"

const tag = "Admin: webhooks"
const endpoint = z.object({ webhook_endpoint: WebhookEndpoint })
const withSecret = z.object({
  webhook_endpoint: WebhookEndpoint,
  secret: z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/).describe("The signing secret (whsec_…), in this answer only"),
})

export const adminWebhookOperations: Operation[] = [
  {
    method: "get",
    path: "/admin/promoter-webhooks",
    tag,
    summary: "List webhook endpoints",
    description: "Newest first. Never the secrets.",
    auth: "admin",
    responses: { 200: { description: "The endpoints", schema: z.object({ webhook_endpoints: z.array(WebhookEndpoint) }) } },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "post",
    path: "/admin/promoter-webhooks",
    tag,
    summary: "Create a webhook endpoint",
    description:
      "Subscribes a URL to some of the plugin's events (or `*`). Deliveries are signed per Standard Webhooks with the secret in this answer, which is never shown again. " +
      "Private, loopback and link-local addresses are refused unless the plugin option webhooks.allowPrivateUrls is set.",
    auth: "admin",
    body: CreateWebhookEndpoint,
    responses: { 201: { description: "The endpoint and its secret", schema: withSecret } },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "get",
    path: "/admin/promoter-webhooks/{id}",
    tag,
    summary: "Get a webhook endpoint",
    auth: "admin",
    responses: { 200: { description: "The endpoint", schema: endpoint } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The endpoint") },
  },
  {
    method: "post",
    path: "/admin/promoter-webhooks/{id}",
    tag,
    summary: "Update a webhook endpoint",
    description: "URL, events, description or status. Enabling a disabled endpoint starts its failure count afresh.",
    auth: "admin",
    body: UpdateWebhookEndpoint,
    responses: { 200: { description: "The endpoint", schema: endpoint } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The endpoint") },
  },
  {
    method: "delete",
    path: "/admin/promoter-webhooks/{id}",
    tag,
    summary: "Delete a webhook endpoint",
    description: "Nothing more is written or sent to it.",
    auth: "admin",
    responses: { 200: { description: "Deleted", schema: deleted("webhook_endpoint") } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The endpoint") },
  },
  {
    method: "post",
    path: "/admin/promoter-webhooks/{id}/rotate-secret",
    tag,
    summary: "Rotate a webhook endpoint's secret",
    description:
      "A new secret, in this answer only. The previous one keeps signing next to it (two signatures in webhook-signature) until " +
      "previous_secret_expires_at (plugin option webhooks.rotationGraceHours).",
    auth: "admin",
    body: EmptyBody,
    responses: { 200: { description: "The endpoint and its new secret", schema: withSecret } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The endpoint") },
  },
  {
    method: "get",
    path: "/admin/promoter-webhooks/{id}/deliveries",
    tag,
    summary: "List an endpoint's deliveries",
    description: "Newest first, each with its attempts (time, status code, error, duration).",
    auth: "admin",
    query: ListWebhookDeliveries,
    responses: { 200: { description: "A page of deliveries", schema: z.object({ deliveries: z.array(WebhookDelivery), ...page }) } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The endpoint") },
  },
  {
    method: "post",
    path: "/admin/promoter-webhook-deliveries/{id}/redeliver",
    tag,
    summary: "Redeliver a webhook",
    description: "Makes the delivery due now: the worker sends it again with the same webhook id. Calling again while it is due changes nothing.",
    auth: "admin",
    body: EmptyBody,
    responses: { 202: { description: "The delivery, due now", schema: z.object({ delivery: WebhookDelivery }) } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The delivery"), ...E.notAllowed("The delivery's endpoint is disabled") },
  },
]
