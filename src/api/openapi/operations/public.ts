import { z } from "@medusajs/framework/zod"
import { QrQuery } from "../../validators"
import type { Operation } from "../types"
import { E } from "./errors"

const TAG = "Public: short links and portal"
const image = {
  description: "The QR code of the short link, tagged ?ch=qr so scans count apart from clicks",
  content: { "image/png": { schema: { type: "string", contentMediaType: "image/png" } }, "image/svg+xml": { schema: { type: "string" } } },
  headers: {
    ETag: { description: "Of the image; send it back as If-None-Match", schema: { type: "string" } },
    "Cache-Control": { description: "public, max-age=86400", schema: { type: "string" } },
  },
}
const notModified = { description: "The image has not changed (If-None-Match matched the ETag)" }
const redirect = (what: string) => ({
  description:
    `302 to ${what}, with the referral (?ref=CODE), the signed visitor token (&prm=…, the cookie's value, for a ` +
    "storefront to send back as x-promoter-visitor) and the request's utm_* parameters; an unknown or inactive code goes " +
    "to the unknownCodeRedirectPath without a referral. Sets the signed visitor cookie; records the touch (not for bots, link previews or HEAD).",
  headers: {
    Location: { description: "The storefront URL", schema: { type: "string" }, required: true },
    "Cache-Control": { description: "no-store", schema: { type: "string" } },
  },
  content: { "text/plain": { schema: { type: "string" } } },
})

export const publicOperations: Operation[] = [
  {
    method: "get",
    path: "/r/{code}",
    tag: TAG,
    summary: "A promoter's short link",
    auth: "public",
    responses: { 302: redirect("the storefront home") },
    errors: {},
  },
  {
    method: "get",
    path: "/r/{code}/{slug}",
    tag: TAG,
    summary: "A promoter's named link",
    description: "e.g. /r/JANE/tea → the tea page of the storefront; an unknown slug of a known code goes to the home page with the referral.",
    auth: "public",
    responses: { 302: redirect("the link's destination") },
    errors: {},
  },
  {
    method: "get",
    path: "/r/{code}/qr",
    tag: TAG,
    summary: "The QR code of a short link",
    auth: "public",
    query: QrQuery,
    responses: { 200: image, 304: notModified },
    errors: { ...E.invalid, ...E.notFound("No promoter has the code"), ...E.rateLimited },
  },
  {
    method: "get",
    path: "/r/{code}/{slug}/qr",
    tag: TAG,
    summary: "The QR code of a named link",
    auth: "public",
    query: QrQuery,
    responses: { 200: image, 304: notModified },
    errors: { ...E.invalid, ...E.notFound("No promoter has the code, or no such link"), ...E.rateLimited },
  },
  {
    method: "get",
    path: "/promoter",
    tag: TAG,
    summary: "The promoter portal",
    description:
      "One HTML page where a promoter logs in with their shop account and sees their own numbers, links, QR codes, " +
      "coupons, goals and team (from /store/promoters/me*). Turned off by the portal.enabled option (then 404).",
    auth: "public",
    responses: {
      200: {
        description: "The page",
        content: { "text/html": { schema: { type: "string" } } },
        headers: {
          "Content-Security-Policy": { description: "A nonce-based policy", schema: { type: "string" } },
          "Cache-Control": { description: "no-store", schema: { type: "string" } },
        },
      },
    },
    errors: { ...E.invalid, 404: "The portal is turned off" },
  },
  {
    method: "get",
    path: "/promoter/openapi.json",
    tag: TAG,
    summary: "This document",
    description: "The OpenAPI 3.1 document of every route the plugin adds, generated from the validators and response schemas in the code.",
    auth: "public",
    responses: {
      200: {
        description: "The document",
        schema: z.record(z.string(), z.unknown()),
        headers: { ETag: { description: "Of the document", schema: { type: "string" } }, "Cache-Control": { description: "public, max-age=3600", schema: { type: "string" } } },
      },
      304: { description: "Not changed (If-None-Match matched the ETag)" },
    },
    errors: { ...E.invalid },
  },
]
